// ExplorerController: the namespace tree's context menu, the entity editors it opens, and the
// bulk jobs (repair, purge, export, import) of the tree and the entity tabs.
#include "core/jobs/JobManager.h"
#include "core/settings/Settings.h"
#include "ui/entities/EntityEditorBase.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/main/MainActions.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageListModel.h"
#include "ui/repair/MaintenanceActions.h"
#include "ui/repair/RepairActions.h"
#include "ui/repair/ReplayDialog.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTreeView>

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

NodeKind kindOf(const QModelIndex& index) {
    return static_cast<NodeKind>(index.data(NamespaceTreeModel::KindRole).toInt());
}

bool canOpen(NodeKind kind) {
    return kind == NodeKind::Queue || kind == NodeKind::Subscription;
}

bool canSendTo(NodeKind kind) {
    return kind == NodeKind::Queue || kind == NodeKind::Topic;
}

} // namespace

void ExplorerController::showContextMenu(const QPoint& position) {
    QTreeView* tree = m_parts.dock->treeView();
    const QModelIndex proxy = tree->indexAt(position);
    if (!proxy.isValid()) {
        return;
    }
    const QModelIndex source = m_parts.dock->filterModel()->mapToSource(proxy);
    auto* menu = new QMenu(tree);
    menu->setObjectName(QStringLiteral("namespaceTreeMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    fillEntityMenu(*menu, source);
    if (source.data(NamespaceTreeModel::AdminDeniedRole).toBool()) {
        // The management API needs the Manage right, which these credentials lack; the
        // entries stay visible (disabled, with the reason) so the user learns why.
        static const QStringList adminOnly{QStringLiteral("menuNewQueue"),
                                           QStringLiteral("menuNewTopic"),
                                           QStringLiteral("menuNewSubscription"),
                                           QStringLiteral("menuNewRule"),
                                           QStringLiteral("menuEdit"),
                                           QStringLiteral("menuDelete")};
        menu->setToolTipsVisible(true);
        for (QAction* action : menu->actions()) {
            if (adminOnly.contains(action->objectName())) {
                action->setEnabled(false);
                action->setToolTip(tr("Needs the Manage right, which this connection lacks"));
            }
        }
    }
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    menu->popup(tree->viewport()->mapToGlobal(position));
}

void ExplorerController::fillEntityMenu(QMenu& menu, const QModelIndex& source) {
    const QString id = source.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const QString path = source.data(NamespaceTreeModel::EntityPathRole).toString();
    const NodeKind kind = kindOf(source);
    const bool connected = session(id) != nullptr;
    if (kind == NodeKind::Namespace) {
        if (!connected) {
            QAction* open = menu.addAction(tr("&Connect"), this, [this, id] {
                id == kLocalId ? openLocalNamespace() : openSavedConnection(id);
            });
            open->setObjectName(QStringLiteral("menuConnect"));
        } else {
            addEditorActions(menu, source);
            menu.addAction(tr("Open &Entity by Path…"), this,
                           [this, id] { askToOpenEntityByPath(id); })
                ->setObjectName(QStringLiteral("menuOpenEntityByPath"));
            menu.addAction(tr("&Refresh"), this, [this, source] { m_model->refresh(source); })
                ->setObjectName(QStringLiteral("menuRefresh"));
            menu.addAction(tr("&Disconnect"), this, [this, id] { disconnectNamespace(id); })
                ->setObjectName(QStringLiteral("menuDisconnect"));
        }
        if (m_services.settings->savedConnection(id).has_value()) {
            menu.addAction(m_parts.actions->action(MainAction::RemoveConnection));
        }
        return;
    }
    if (canOpen(kind)) {
        menu.addAction(tr("&Open"), this, [this, id, path] { openEntity(id, path); })
            ->setObjectName(QStringLiteral("menuOpenEntity"));
    }
    if (canOpen(kind) && isRememberedOpenedEntity(id, path)) {
        menu.addAction(tr("&Forget Opened Entity"), this,
                       [this, id, path] { forgetEntityOpenedByPath(id, path); })
            ->setObjectName(QStringLiteral("menuForgetOpenedEntity"));
    }
    if (canOpen(kind) && connected) {
        menu.addAction(tr("Recei&ve (peek-lock)…"), this,
                       [this, id, path] { openLocked(id, path); })
            ->setObjectName(QStringLiteral("menuReceive"));
        if (source.data(NamespaceTreeModel::RequiresSessionRole).toBool()) {
            menu.addAction(tr("Sess&ions…"), this, [this, id, path] { openSessions(id, path); })
                ->setObjectName(QStringLiteral("menuSessions"));
        }
    }
    if (canSendTo(kind)) {
        menu.addAction(QIcon(QStringLiteral(":/icons/send.svg")), tr("&Send…"), this,
                       [this, id, path] { sendTo(id, path); })
            ->setObjectName(QStringLiteral("menuSend"));
    }
    if (connected) {
        addBulkActions(menu, source);
        addEditorActions(menu, source);
        menu.addSeparator();
        menu.addAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("&Refresh"), this,
                       [this, source] { m_model->refresh(source); })
            ->setObjectName(QStringLiteral("menuRefresh"));
    }
}

void ExplorerController::addEditorActions(QMenu& menu, const QModelIndex& source) {
    const QString id = source.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const QString path = source.data(NamespaceTreeModel::EntityPathRole).toString();
    const QString name = source.data(NamespaceTreeModel::NameRole).toString();
    const NodeKind kind = kindOf(source);
    const QString topic = path.section(QLatin1Char('/'), 0, 0);
    const QString subscription = path.section(QLatin1Char('/'), 2, 2);
    const auto add = [&](const QString& text, const QString& objectName,
                         const EditorRequest& request, bool deleteIt = false) {
        menu.addAction(text, this,
                       [this, id, request, deleteIt] { openEditor(id, request, deleteIt); })
            ->setObjectName(objectName);
    };
    if (kind == NodeKind::Namespace || kind == NodeKind::QueuesFolder) {
        add(tr("New &Queue…"), QStringLiteral("menuNewQueue"), {NodeKind::Queue, true, {}, {}, {}});
    }
    if (kind == NodeKind::Namespace || kind == NodeKind::TopicsFolder) {
        add(tr("New &Topic…"), QStringLiteral("menuNewTopic"), {NodeKind::Topic, true, {}, {}, {}});
    }
    if (kind == NodeKind::Topic) {
        add(tr("New Su&bscription…"), QStringLiteral("menuNewSubscription"),
            {NodeKind::Subscription, true, name, {}, {}});
    }
    if (kind == NodeKind::Subscription) {
        add(tr("New R&ule…"), QStringLiteral("menuNewRule"),
            {NodeKind::Rule, true, topic, name, {}});
    }
    if (kind == NodeKind::Queue || kind == NodeKind::Topic || kind == NodeKind::Subscription ||
        kind == NodeKind::Rule) {
        const EditorRequest existing{kind, false, topic,
                                     kind == NodeKind::Rule ? subscription : QString(), name};
        add(tr("&Edit…"), QStringLiteral("menuEdit"), existing);
        add(tr("&Delete…"), QStringLiteral("menuDelete"), existing, true);
    }
}

void ExplorerController::addBulkActions(QMenu& menu, const QModelIndex& source) {
    if (m_repair == nullptr || m_maintenance == nullptr) {
        return;
    }
    const QString id = source.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const QString path = source.data(NamespaceTreeModel::EntityPathRole).toString();
    const NodeKind kind = kindOf(source);
    const bool readable = canOpen(kind);
    if (!readable && !canSendTo(kind)) {
        return;
    }
    menu.addSeparator();
    // The session is looked up when the action runs: the namespace may have been closed since.
    if (readable) {
        menu.addAction(
                tr("Replay &dead letters…"), this,
                [this, id, path] { m_repair->replay(session(id), path, SubQueue::DeadLetter); })
            ->setObjectName(QStringLiteral("menuReplayDeadLetters"));
        menu.addAction(
                tr("P&urge…"), this,
                [this, id, path] { m_maintenance->purge(session(id), path, SubQueue::None); })
            ->setObjectName(QStringLiteral("menuPurge"));
        menu.addAction(tr("E&xport messages…"), this,
                       [this, id, path] {
                           m_maintenance->exportMessages(session(id), path, SubQueue::None, {});
                       })
            ->setObjectName(QStringLiteral("menuExport"));
    }
    if (canSendTo(kind)) {
        menu.addAction(tr("&Import messages…"), this,
                       [this, id, path] { m_maintenance->importMessages(session(id), path); })
            ->setObjectName(QStringLiteral("menuImport"));
    }
}

void ExplorerController::wireBulkActions(QWidget* page, const QString& connectionId) {
    auto* view = qobject_cast<EntityMessagesView*>(page);
    if (view == nullptr || m_repair == nullptr || m_maintenance == nullptr) {
        return;
    }
    view->setBulkActionsEnabled(true);
    const QString path = view->entityPath();
    connect(view, &EntityMessagesView::resubmitRequested, this,
            [this, view, connectionId, path](SubQueue subQueue, const QList<qint64>& selected) {
                m_repair->resubmit(session(connectionId), path, subQueue, selected,
                                   view->currentMessage());
            });
    connect(view, &EntityMessagesView::replayRequested, this,
            [this, view, connectionId, path](SubQueue subQueue) {
                auto* dialog = qobject_cast<ReplayDialog*>(
                    m_repair->replay(session(connectionId), path, subQueue));
                if (dialog != nullptr) {
                    // The reasons the tab has seen, before the dialog has read any itself.
                    dialog->addKnownReasons(
                        view->model(view->subView())->deadLetterReasonCounts().keys());
                }
            });
    connect(view, &EntityMessagesView::exportSelectedRequested, this,
            [this, connectionId, path](SubQueue subQueue, const QList<qint64>& selected) {
                m_maintenance->exportMessages(session(connectionId), path, subQueue, selected);
            });
    // A job that read or wrote this entity changed what the tab shows: peek again once it ends.
    connect(
        m_parts.jobs, &JobManager::jobFinished, view,
        [this, view, connectionId, path](const QString& id) {
            const JobDescription job = m_parts.jobs->description(id);
            const bool sameNamespace =
                job.sourceConnectionId == connectionId || job.targetConnectionId == connectionId;
            const QStringList touched{job.options.value(QLatin1String("sourceEntity")).toString(),
                                      job.options.value(QLatin1String("targetEntity")).toString(),
                                      job.options.value(QLatin1String("entity")).toString()};
            if (sameNamespace && touched.contains(path)) {
                view->reload();
            }
        });
    connect(view, &EntityMessagesView::purgeRequested, this,
            [this, connectionId, path](SubQueue subQueue) {
                m_maintenance->purge(session(connectionId), path, subQueue);
            });
}

void ExplorerController::wireBulkMainActions() {
    for (const MainAction which :
         {MainAction::Resubmit, MainAction::Purge, MainAction::Export, MainAction::Import}) {
        m_parts.actions->setAvailable(which, true);
        connect(m_parts.actions->action(which), &QAction::triggered, this,
                [this, which] { runBulkMainAction(which); });
    }
}

void ExplorerController::runBulkMainAction(MainAction which) {
    // The entity tab in front is what the user looks at; the tree's current row otherwise.
    auto* view = qobject_cast<EntityMessagesView*>(m_parts.workspace->tabs()->currentWidget());
    const QString tabKey =
        view != nullptr ? view->property("busbarEntityKey").toString() : QString();
    const QString viewId = tabKey.section(QLatin1Char('|'), 0, 0);
    if (view != nullptr && session(viewId) == nullptr) {
        view = nullptr; // a tab of a namespace closed since
    }
    const QModelIndex current = currentSourceIndex();
    const QString treeId = current.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const QString treePath = current.data(NamespaceTreeModel::EntityPathRole).toString();
    const NodeKind kind = kindOf(current);
    const bool treeConnected = session(treeId) != nullptr;

    if (view != nullptr && which != MainAction::Import) {
        const SubQueue subQueue = view->currentSubQueue();
        const QList<qint64> selected = view->selectedSequenceNumbers();
        switch (which) {
        case MainAction::Resubmit:
            if (subQueue != SubQueue::None && !selected.isEmpty()) {
                m_repair->resubmit(session(viewId), view->entityPath(), subQueue, selected,
                                   view->currentMessage());
                return;
            }
            if (subQueue != SubQueue::None) {
                m_repair->replay(session(viewId), view->entityPath(), subQueue);
                return;
            }
            break; // the Active tab: the tree decides below
        case MainAction::Purge:
            m_maintenance->purge(session(viewId), view->entityPath(), subQueue);
            return;
        case MainAction::Export:
            m_maintenance->exportMessages(session(viewId), view->entityPath(), subQueue, selected);
            return;
        default:
            break;
        }
    }
    if (treeConnected && which == MainAction::Import && canSendTo(kind)) {
        m_maintenance->importMessages(session(treeId), treePath);
        return;
    }
    if (treeConnected && canOpen(kind)) {
        switch (which) {
        case MainAction::Resubmit:
            m_repair->replay(session(treeId), treePath, SubQueue::DeadLetter);
            return;
        case MainAction::Purge:
            m_maintenance->purge(session(treeId), treePath, SubQueue::None);
            return;
        case MainAction::Export:
            m_maintenance->exportMessages(session(treeId), treePath, SubQueue::None, {});
            return;
        default:
            break;
        }
    }
    Q_EMIT report(LogLevel::Warning,
                  which == MainAction::Import
                      ? tr("Select a queue or topic of a connected namespace to import into.")
                      : tr("Select a queue or subscription (or open its tab) first."));
}

void ExplorerController::openEditor(const QString& connectionId, const EditorRequest& request,
                                    bool deleteIt) {
    NamespaceSession* owner = session(connectionId);
    if (owner == nullptr) {
        return;
    }
    EntityEditorBase* editor =
        createEntityEditor(owner->admin(), request, m_services.confirmation, m_parts.dialogParent);
    if (editor == nullptr) {
        return;
    }
    editor->setAttribute(Qt::WA_DeleteOnClose);
    const QModelIndex root = m_model->indexOfConnection(connectionId);
    const QPersistentModelIndex persistentRoot(root);
    const auto refreshNamespace = [this, persistentRoot] {
        m_model->refresh(persistentRoot);
    };
    connect(editor, &EntityEditorBase::saved, this, refreshNamespace);
    connect(editor, &EntityEditorBase::deleted, this, refreshNamespace);
    connect(editor, &EntityEditorBase::failed, this,
            [this](const QString& message) { Q_EMIT report(LogLevel::Error, message); });
    if (deleteIt) {
        // Delete asks through the confirmation seam once the entity has been read.
        connect(editor, &EntityEditorBase::loaded, editor, &EntityEditorBase::deleteEntity,
                Qt::SingleShotConnection);
    }
    editor->open();
}

} // namespace busbar
