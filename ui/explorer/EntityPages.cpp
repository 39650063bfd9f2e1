#include "ui/explorer/EntityPages.h"

#include <QDialog>
#include <QLabel>
#include <QVBoxLayout>

namespace busbar {

QWidget* createEntityPage(ServiceBusClient* /*client*/, const QString& entityPath,
                          QWidget* parent) {
    auto* page = new QWidget(parent);
    page->setObjectName(QStringLiteral("entityPlaceholder"));
    auto* layout = new QVBoxLayout(page);
    auto* label = new QLabel(
        QObject::tr("<h3>%1</h3><p>The message table for this entity is coming: peek pages of "
                    "active, dead-lettered, scheduled and deferred messages, with an inspector "
                    "for bodies and properties.</p>")
            .arg(entityPath.toHtmlEscaped()),
        page);
    label->setObjectName(QStringLiteral("entityPlaceholderLabel"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    layout->addWidget(label);
    return page;
}

QDialog* createComposeDialog(ServiceBusClient* /*client*/, const QString& /*entityPath*/,
                             QWidget* /*parent*/) {
    return nullptr;
}

} // namespace busbar
