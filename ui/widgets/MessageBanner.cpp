#include "ui/widgets/MessageBanner.h"

#include <QLabel>

namespace busbar {

QLabel* createMessageBanner(QWidget* parent) {
    auto* banner = new QLabel(parent);
    banner->setObjectName(QStringLiteral("banner"));
    banner->setWordWrap(true);
    banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner->setForegroundRole(QPalette::BrightText);
    banner->setBackgroundRole(QPalette::Highlight);
    banner->setAutoFillBackground(true);
    banner->hide();
    return banner;
}

void showBannerMessage(QLabel* banner, const QString& message) {
    banner->setText(message);
    banner->setVisible(!message.isEmpty());
}

} // namespace busbar
