#include "ui/messages/BackgroundWorkIndicator.h"

#include "ui/messages/MessageListModel.h" // MessageFilterProxy.h holds it in a QPointer

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace busbar {

BackgroundWorkIndicator::BackgroundWorkIndicator(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("workIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QProgressBar(this);
    bar->setRange(0, 0); // busy: how far a sort has got is not known
    bar->setTextVisible(false);
    bar->setMaximumWidth(80);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("workText"));
    layout->addWidget(bar);
    layout->addWidget(m_label);
    hide();
}

void BackgroundWorkIndicator::showWork(MessageFilterProxy::Work work, qint64 rows, bool busy) {
    const QString count = QLocale().toString(rows);
    switch (work) {
    case MessageFilterProxy::Work::Sorting:
        m_label->setText(tr("Sorting…"));
        setToolTip(tr("Sorting %1 loaded messages in the background.").arg(count));
        break;
    case MessageFilterProxy::Work::Filtering:
        m_label->setText(tr("Filtering…"));
        setToolTip(tr("Filtering %1 loaded messages in the background.").arg(count));
        break;
    case MessageFilterProxy::Work::None:
        m_label->clear();
        setToolTip({});
        break;
    }
    setAccessibleName(m_label->text());
    setVisible(busy);
}

QString BackgroundWorkIndicator::text() const {
    return isHidden() ? QString() : m_label->text();
}

} // namespace busbar
