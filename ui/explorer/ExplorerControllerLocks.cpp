// ExplorerController: the Locked and Sessions tabs, Receive…, and the locks-held count.
#include "core/servicebus/ServiceBusTypes.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/main/MainActions.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/sessions/SessionsView.h"

#include <QAction>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTreeView>

namespace busbar {

namespace {

// Tabs are told apart by this property: "<kind>|<connection>|<entity path>[|<sub-queue>]".
const char* const kTabKeyProperty = "busbarEntityKey";

QString subQueueSuffix(SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return QStringLiteral("/$DeadLetterQueue");
    case SubQueue::TransferDeadLetter:
        return QStringLiteral("/$Transfer/$DeadLetterQueue");
    case SubQueue::None:
        break;
    }
    return {};
}

} // namespace

QWidget* ExplorerController::focusTab(const QString& key) {
    QTabWidget* tabs = m_parts.workspace->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i)->property(kTabKeyProperty).toString() == key) {
            tabs->setCurrentIndex(i);
            m_parts.workspace->setCurrentWidget(tabs);
            return tabs->widget(i);
        }
    }
    return nullptr;
}

QWidget* ExplorerController::openLocked(const QString& connectionId, const QString& entityPath,
                                        SubQueue subQueue) {
    NamespaceSession* owner = session(connectionId);
    if (owner == nullptr || entityPath.isEmpty()) {
        return nullptr;
    }
    const QString key = QStringLiteral("locked|%1|%2|%3")
                            .arg(connectionId, entityPath)
                            .arg(static_cast<int>(subQueue));
    if (QWidget* existing = focusTab(key); existing != nullptr) {
        return existing;
    }
    auto* view =
        new LockedMessagesView(owner->client(), m_services.confirmation, entityPath, subQueue);
    view->setProperty(kTabKeyProperty, key);
    const QString shown = entityPath + subQueueSuffix(subQueue);
    const int index = m_parts.workspace->openTab(view, tr("Locked: %1").arg(shown));
    m_parts.workspace->tabs()->setTabToolTip(
        index, tr("Messages of %1 in %2 held in peek-lock").arg(shown, owner->name()));
    watchLocks(view);
    return view;
}

QWidget* ExplorerController::openSessions(const QString& connectionId, const QString& entityPath) {
    NamespaceSession* owner = session(connectionId);
    if (owner == nullptr || entityPath.isEmpty()) {
        return nullptr;
    }
    const QString key = QStringLiteral("sessions|%1|%2").arg(connectionId, entityPath);
    if (QWidget* existing = focusTab(key); existing != nullptr) {
        return existing;
    }
    auto* view = new SessionsView(owner->client(), m_services.confirmation, entityPath);
    view->setProperty(kTabKeyProperty, key);
    const int index = m_parts.workspace->openTab(view, tr("Sessions: %1").arg(entityPath));
    m_parts.workspace->tabs()->setTabToolTip(
        index, tr("Sessions of %1 in %2").arg(entityPath, owner->name()));
    watchLocks(view);
    return view;
}

void ExplorerController::watchLocks(QWidget* page) {
    // A sessions tab holds its messages in a Locked view of its own; those count too.
    QList<LockedMessagesView*> views = page->findChildren<LockedMessagesView*>();
    if (auto* own = qobject_cast<LockedMessagesView*>(page); own != nullptr) {
        views.append(own);
    }
    for (LockedMessagesView* view : std::as_const(views)) {
        connect(view, &LockedMessagesView::heldLocksChanged, this,
                &ExplorerController::updateLocksHeld);
    }
    if (auto* sessions = qobject_cast<SessionsView*>(page); sessions != nullptr) {
        connect(sessions, &SessionsView::heldLocksChanged, this,
                &ExplorerController::updateLocksHeld);
    }
    // A closed tab is deleted later; count again once it is gone.
    connect(page, &QObject::destroyed, this, &ExplorerController::updateLocksHeld,
            Qt::QueuedConnection);
    updateLocksHeld();
}

void ExplorerController::updateLocksHeld() {
    int held = 0;
    QTabWidget* tabs = m_parts.workspace->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget* page = tabs->widget(i);
        QList<LockedMessagesView*> views = page->findChildren<LockedMessagesView*>();
        if (auto* own = qobject_cast<LockedMessagesView*>(page); own != nullptr) {
            views.append(own);
        }
        for (const LockedMessagesView* view : std::as_const(views)) {
            held += view->heldLocks();
        }
        // An accepted session counts once: its messages are held by that one lock.
        if (const auto* sessions = qobject_cast<const SessionsView*>(page); sessions != nullptr) {
            held += sessions->heldLocks();
        }
    }
    m_parts.statusBar->setLocksHeld(held);
    m_parts.statusBar->locksHeldLabel()->setToolTip(
        tr("Message locks held in Locked tabs, plus one per accepted session (a session's "
           "messages are held by its session lock and are not counted again)."));
}

void ExplorerController::receiveFromCurrent() {
    const QModelIndex current =
        m_parts.dock->filterModel()->mapToSource(m_parts.dock->treeView()->currentIndex());
    const QString id = current.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const QString path = current.data(NamespaceTreeModel::EntityPathRole).toString();
    const auto kind = static_cast<NamespaceTreeModel::NodeKind>(
        current.data(NamespaceTreeModel::KindRole).toInt());
    if (kind != NamespaceTreeModel::NodeKind::Queue &&
        kind != NamespaceTreeModel::NodeKind::Subscription) {
        Q_EMIT report(LogLevel::Warning, tr("Select a queue or subscription to receive from."));
        return;
    }
    // The entity's tab showing its dead-letter queue means that is what the user looks at.
    SubQueue subQueue = SubQueue::None;
    QTabWidget* tabs = m_parts.workspace->tabs();
    if (const auto* messages = qobject_cast<const EntityMessagesView*>(tabs->currentWidget());
        messages != nullptr && messages->entityPath() == path &&
        messages->property(kTabKeyProperty).toString() == id + QLatin1Char('|') + path) {
        subQueue = messages->currentSubQueue();
    }
    if (subQueue == SubQueue::None &&
        current.data(NamespaceTreeModel::RequiresSessionRole).toBool()) {
        openSessions(id, path);
        return;
    }
    openLocked(id, path, subQueue);
}

} // namespace busbar
