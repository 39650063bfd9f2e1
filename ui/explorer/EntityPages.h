#pragma once

#include "ui/explorer/NamespaceTreeModel.h"

#include <QString>
#include <QStringList>

class QDialog;
class QWidget;

namespace busbar {

class AdminClient;
class ConfirmationPrompt;
class EntityEditorBase;
class ServiceBusClient;

// The one place the explorer meets the message views, the compose dialog and the entity
// editors, so their entry points can change without touching the explorer's logic.

// The content of an entity tab (the message table with paging and the inspector).
[[nodiscard]] QWidget* createEntityPage(ServiceBusClient* client, const QString& entityPath,
                                        QWidget* parent = nullptr);
// The compose dialog over `targets` with `target` chosen, not yet shown.
[[nodiscard]] QDialog* createComposeDialog(ServiceBusClient* client, const QStringList& targets,
                                           const QString& target, QWidget* parent);

// What an editor is asked for: a new entity of `kind` under `topic`/`subscription`, or the
// existing one called `name`.
struct EditorRequest {
    NamespaceTreeModel::NodeKind kind = NamespaceTreeModel::NodeKind::Queue;
    bool create = true;
    QString topic;
    QString subscription;
    QString name;
};
// Null for kinds without an editor (folders, namespaces).
[[nodiscard]] EntityEditorBase* createEntityEditor(AdminClient* admin, const EditorRequest& request,
                                                   ConfirmationPrompt* confirmation,
                                                   QWidget* parent);

} // namespace busbar
