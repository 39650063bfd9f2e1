#pragma once

#include <QString>

class QDialog;
class QWidget;

namespace busbar {

class ServiceBusClient;

// The one place the explorer meets the message views and the compose dialog, so their entry
// points can change without touching the explorer's logic.

// The content of an entity tab (the message table with paging and the inspector).
[[nodiscard]] QWidget* createEntityPage(ServiceBusClient* client, const QString& entityPath,
                                        QWidget* parent = nullptr);
// The compose dialog for `entityPath`, not yet shown; null while there is none.
[[nodiscard]] QDialog* createComposeDialog(ServiceBusClient* client, const QString& entityPath,
                                           QWidget* parent);

} // namespace busbar
