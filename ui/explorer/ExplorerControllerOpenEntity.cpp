// ExplorerController: "Open Entity by Path…", for namespaces whose entities cannot be listed
// (a key without Manage): the entity is checked through AMQP, then shown in the tree.
#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "core/settings/Settings.h"
#include "ui/connections/OpenEntityDialog.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"

#include <QPointer>
#include <QTreeView>

namespace busbar {

void ExplorerController::askToOpenEntityByPath(const QString& connectionId) {
    NamespaceSession* owner = session(connectionId);
    if (owner == nullptr) {
        return;
    }
    auto* dialog = new OpenEntityDialog(owner->name(), m_parts.dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OpenEntityDialog::openRequested, this,
            [this, connectionId, dialog](const QString& path) {
                NamespaceSession* target = session(connectionId);
                if (target == nullptr) {
                    dialog->showError(tr("The namespace was closed; connect to it again first."));
                    return;
                }
                dialog->setBusy(true);
                // A peek needs only Listen and proves both that the entity exists and that the key
                // may read it; the admin API could say the first only with Manage.
                whenFinished(
                    target->client()->peek(path, SubQueue::None, 0, 1), dialog,
                    [this, connectionId, dialog,
                     path](const Result<ServiceBusClient::Messages>& peeked) {
                        dialog->setBusy(false);
                        if (!peeked) {
                            const Error& error = peeked.error();
                            const QString why = error.code == ErrorCode::EntityNotFound
                                                    ? tr("%1 was not found in this namespace: %2")
                                                          .arg(path, redactSecrets(error.message))
                                                    : tr("%1 could not be read: %2")
                                                          .arg(path, redactSecrets(error.message));
                            dialog->showError(why);
                            Q_EMIT report(LogLevel::Warning, why);
                            return;
                        }
                        const QModelIndex added = m_model->addEntityByPath(connectionId, path);
                        if (!added.isValid()) {
                            dialog->showError(
                                tr("The namespace was closed; connect to it again first."));
                            return;
                        }
                        const QString shown =
                            added.data(NamespaceTreeModel::EntityPathRole).toString();
                        QTreeView* tree = m_parts.dock->treeView();
                        const QModelIndex proxy = toProxy(added);
                        tree->scrollTo(proxy); // expands its parents
                        tree->setCurrentIndex(proxy);
                        Q_EMIT report(LogLevel::Info, tr("Opened %1 by path.").arg(shown));
                        rememberEntityOpenedByPath(connectionId, shown);
                        openEntity(connectionId, shown);
                        dialog->done(QDialog::Accepted); // accept() asks to open again
                    });
            });
    dialog->open();
}

void ExplorerController::rememberEntityOpenedByPath(const QString& connectionId,
                                                    const QString& entityPath) {
    // Only a saved connection has somewhere to keep it (the Local namespace lists everything).
    std::optional<SavedConnection> saved = m_services.settings->savedConnection(connectionId);
    if (!saved || !rememberOpenedEntity(*saved, entityPath)) {
        return;
    }
    if (const VoidResult kept = m_services.settings->saveConnection(*saved); !kept) {
        Q_EMIT report(LogLevel::Warning, tr("%1 will not be shown again after a reconnect: %2")
                                             .arg(entityPath, kept.error().message));
    }
}

void ExplorerController::restoreEntitiesOpenedByPath(const QString& connectionId) {
    const std::optional<SavedConnection> saved = m_services.settings->savedConnection(connectionId);
    if (!saved) {
        return;
    }
    // Shown without a peek: opening its tab reads it, and says so if it has gone.
    for (const QString& path : saved->openedEntities) {
        m_model->addEntityByPath(connectionId, path);
    }
}

bool ExplorerController::isRememberedOpenedEntity(const QString& connectionId,
                                                  const QString& entityPath) const {
    const std::optional<SavedConnection> saved = m_services.settings->savedConnection(connectionId);
    return saved && saved->openedEntities.contains(entityPath, Qt::CaseInsensitive);
}

void ExplorerController::forgetEntityOpenedByPath(const QString& connectionId,
                                                  const QString& entityPath) {
    std::optional<SavedConnection> saved = m_services.settings->savedConnection(connectionId);
    if (!saved || !forgetOpenedEntity(*saved, entityPath)) {
        return;
    }
    if (const VoidResult kept = m_services.settings->saveConnection(*saved); !kept) {
        Q_EMIT report(LogLevel::Warning,
                      tr("%1 could not be forgotten: %2").arg(entityPath, kept.error().message));
        return;
    }
    Q_EMIT report(
        LogLevel::Info,
        tr("%1 will not be shown again after a reconnect unless it is listed.").arg(entityPath));
}

} // namespace busbar
