#include "ui/jobs/ResumeBanner.h"

#include "core/jobs/JobResume.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

ResumeBanner::ResumeBanner(QWidget* parent)
    : QFrame(parent)
    , m_headline(new QLabel(this))
    , m_rowsLayout(new QVBoxLayout) {
    setObjectName(QStringLiteral("resumeBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_headline->setObjectName(QStringLiteral("resumeBannerHeadline"));
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_headline);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    setVisible(false);
}

void ResumeBanner::setOffers(const QList<JobDescription>& offers) {
    for (const Row& row : std::as_const(m_rows)) {
        delete row.widget;
    }
    m_rows.clear();
    for (const JobDescription& d : offers) {
        addRow(d);
    }
    updateHeadline();
}

QString ResumeBanner::headline() const {
    return m_headline->text();
}

void ResumeBanner::addRow(const JobDescription& description) {
    auto* widget = new QWidget(this);
    widget->setObjectName(QStringLiteral("resumeOffer-%1").arg(description.id));
    auto* title =
        new QLabel(description.title.isEmpty() ? description.id : description.title, widget);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* status = new QLabel(widget);
    status->setObjectName(QStringLiteral("resumeStatus-%1").arg(description.id));
    status->setWordWrap(true);
    const QString details = readResumePoint(description).text(description.kind);
    status->setText(details);
    auto* resume = new QPushButton(tr("&Resume"), widget);
    resume->setObjectName(QStringLiteral("resumeButton-%1").arg(description.id));
    resume->setAccessibleName(tr("Resume %1").arg(description.title));
    auto* discard = new QPushButton(tr("&Discard"), widget);
    discard->setObjectName(QStringLiteral("discardButton-%1").arg(description.id));
    discard->setAccessibleName(tr("Discard %1").arg(description.title));
    discard->setToolTip(tr("Forget this job; messages it did not reach stay where they are."));

    auto* layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(status, 1);
    layout->addWidget(resume);
    layout->addWidget(discard);
    m_rowsLayout->addWidget(widget);

    connect(resume, &QPushButton::clicked, this,
            [this, description] { Q_EMIT resumeRequested(description); });
    connect(discard, &QPushButton::clicked, this,
            [this, description] { Q_EMIT discardRequested(description); });
    m_rows.insert(description.id, Row{widget, status, {resume, discard}, details});
}

void ResumeBanner::markResuming(const QString& id) {
    const auto it = m_rows.find(id);
    if (it == m_rows.end()) {
        return;
    }
    it->status->setText(tr("Connecting…"));
    for (QWidget* button : std::as_const(it->buttons)) {
        button->setEnabled(false);
    }
}

void ResumeBanner::markFailed(const QString& id, const QString& why) {
    const auto it = m_rows.find(id);
    if (it == m_rows.end()) {
        return;
    }
    it->status->setText(tr("Could not resume: %1").arg(why));
    for (QWidget* button : std::as_const(it->buttons)) {
        button->setEnabled(true);
    }
}

void ResumeBanner::removeOffer(const QString& id) {
    const Row row = m_rows.take(id);
    if (row.widget != nullptr) {
        row.widget->hide();
        row.widget->deleteLater();
    }
    updateHeadline();
}

void ResumeBanner::updateHeadline() {
    const int n = offerCount();
    m_headline->setText(n == 1 ? tr("1 job from an earlier session did not finish")
                               : tr("%1 jobs from an earlier session did not finish").arg(n));
    setVisible(n > 0);
}

} // namespace busbar
