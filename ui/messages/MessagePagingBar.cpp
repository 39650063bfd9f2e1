#include "ui/messages/MessagePagingBar.h"

#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSpinBox>
#include <QToolButton>

#include <limits>

namespace busbar {

namespace {

QToolButton* button(const QString& objectName, const QString& text, const QString& tip,
                    QWidget* parent) {
    auto* b = new QToolButton(parent);
    b->setObjectName(objectName);
    b->setText(text);
    b->setToolTip(tip);
    b->setAccessibleName(text);
    return b;
}

} // namespace

MessagePagingBar::MessagePagingBar(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_refresh = button(QStringLiteral("refreshMessages"), tr("Refresh"),
                       tr("Peek again from the start"), this);
    connect(m_refresh, &QToolButton::clicked, this, &MessagePagingBar::refreshRequested);
    layout->addWidget(m_refresh);
    m_loadAll = button(QStringLiteral("loadAll"), tr("Load all"),
                       tr("Peek every message, page after page"), this);
    connect(m_loadAll, &QToolButton::clicked, this, &MessagePagingBar::loadAllRequested);
    layout->addWidget(m_loadAll);
    m_cancel = button(QStringLiteral("cancelLoad"), tr("Cancel"), tr("Stop loading"), this);
    m_cancel->setEnabled(false);
    connect(m_cancel, &QToolButton::clicked, this, &MessagePagingBar::cancelRequested);
    layout->addWidget(m_cancel);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 0); // the total is unknown while peeking: a busy bar
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_loaded = new QLabel(this);
    m_loaded->setObjectName(QStringLiteral("loadedCount"));
    layout->addWidget(m_loaded);
    layout->addStretch();

    m_fromSequence = new QSpinBox(this);
    m_fromSequence->setObjectName(QStringLiteral("fromSequence"));
    m_fromSequence->setRange(0, std::numeric_limits<int>::max());
    m_fromSequence->setAccessibleName(tr("Sequence number to peek from"));
    m_fromSequence->setPrefix(tr("from #"));
    layout->addWidget(m_fromSequence);
    auto* peekFrom =
        button(QStringLiteral("peekFrom"), tr("Peek"), tr("Peek from this sequence number"), this);
    connect(peekFrom, &QToolButton::clicked, this,
            [this] { Q_EMIT peekFromRequested(m_fromSequence->value()); });
    layout->addWidget(peekFrom);

    m_time = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_time->setObjectName(QStringLiteral("jumpTime"));
    m_time->setAccessibleName(tr("Time to jump to"));
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    layout->addWidget(m_time);
    auto* jump = button(QStringLiteral("jumpToTime"), tr("Jump"),
                        tr("Show messages enqueued at or after this time"), this);
    connect(jump, &QToolButton::clicked, this,
            [this] { Q_EMIT jumpToTimeRequested(m_time->dateTime()); });
    layout->addWidget(jump);
}

void MessagePagingBar::setLoadingAll(bool loading) {
    m_progress->setVisible(loading);
    m_cancel->setEnabled(loading);
    m_loadAll->setEnabled(!loading);
}

void MessagePagingBar::setLoadedCount(qint64 loaded, bool complete) {
    m_loaded->setText(complete ? tr("%1 messages").arg(QLocale().toString(loaded))
                               : tr("%1 loaded, more to come").arg(QLocale().toString(loaded)));
}

QString MessagePagingBar::loadedText() const {
    return m_loaded->text();
}

} // namespace busbar
