#include "ui/explorer/ExplorerController.h"

#include "core/settings/Settings.h"
#include "ui/explorer/EntityPages.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/main/MainActions.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/repair/MaintenanceActions.h"
#include "ui/repair/RepairActions.h"

#include <QAction>
#include <QDialog>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTreeView>

namespace busbar {

const QString ExplorerController::kLocalId = QStringLiteral("local");

namespace {

const char* const kEntityTabProperty = "busbarEntityKey";

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

ExplorerController::ExplorerController(const UiServices& services, const Parts& parts,
                                       QObject* parent)
    : QObject(parent)
    , m_services(services)
    , m_parts(parts) {
    Q_ASSERT(services.settings != nullptr);
    setObjectName(QStringLiteral("explorerController"));
    m_model = new NamespaceTreeModel(*services.settings, this);
    m_parts.dock->setSourceModel(m_model);
    QTreeView* tree = m_parts.dock->treeView();

    connect(m_model, &NamespaceTreeModel::loadFailed, this,
            [this](const QString& id, const QString& message) {
                const NamespaceSession* failed = session(id);
                Q_EMIT report(LogLevel::Error,
                              tr("%1: %2").arg(failed != nullptr ? failed->name() : id, message));
            });
    connect(tree, &QAbstractItemView::activated, this, &ExplorerController::activate);
    tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tree, &QWidget::customContextMenuRequested, this, &ExplorerController::showContextMenu);
    connect(tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ExplorerController::updateActions);

    MainActions* actions = m_parts.actions;
    actions->setAvailable(MainAction::Refresh, true);
    connect(actions->action(MainAction::Refresh), &QAction::triggered, this,
            &ExplorerController::refresh);
    actions->setAvailable(MainAction::Disconnect, true);
    connect(actions->action(MainAction::Disconnect), &QAction::triggered, this,
            [this] { disconnectNamespace(m_parts.dock->currentConnectionId()); });
    actions->setAvailable(MainAction::SignInAzureCli, true);
    connect(actions->action(MainAction::SignInAzureCli), &QAction::triggered, this,
            &ExplorerController::askForAzureCliNamespace);
    if (m_services.localNamespace != nullptr) {
        actions->setAvailable(MainAction::OpenLocal, true);
        connect(actions->action(MainAction::OpenLocal), &QAction::triggered, this,
                &ExplorerController::openLocalNamespace);
    }
    actions->setAvailable(MainAction::Send, true);
    connect(actions->action(MainAction::Send), &QAction::triggered, this, [this] {
        const QModelIndex current = currentSourceIndex();
        sendTo(current.data(NamespaceTreeModel::ConnectionIdRole).toString(),
               current.data(NamespaceTreeModel::EntityPathRole).toString());
    });

    if (m_parts.jobs != nullptr) {
        m_repair = new RepairActions(
            m_parts.jobs, m_services.confirmation, [this] { return sessions(); },
            m_parts.dialogParent, this);
        m_maintenance = new MaintenanceActions(m_parts.jobs, m_services.confirmation,
                                               m_parts.dialogParent, this);
        connect(m_repair, &RepairActions::jobStarted, this, &ExplorerController::jobStarted);
        connect(m_maintenance, &MaintenanceActions::jobStarted, this,
                &ExplorerController::jobStarted);
        wireBulkMainActions();
    }

    actions->setAvailable(MainAction::Receive, true);
    connect(actions->action(MainAction::Receive), &QAction::triggered, this,
            &ExplorerController::receiveFromCurrent);

    m_autoRefresh.setObjectName(QStringLiteral("autoRefreshTimer"));
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] { m_model->refresh(); });
    connect(m_services.settings, &Settings::autoRefreshIntervalChanged, this,
            &ExplorerController::applyAutoRefresh);
    applyAutoRefresh();
    updateActions();
    updateStatus();
}

ExplorerController::~ExplorerController() = default;

void ExplorerController::refresh() {
    const QModelIndex current = currentSourceIndex();
    m_model->refresh(current);
}

QWidget* ExplorerController::openEntity(const QString& connectionId, const QString& entityPath) {
    NamespaceSession* owner = session(connectionId);
    if (owner == nullptr || entityPath.isEmpty()) {
        return nullptr;
    }
    const QString key = connectionId + QLatin1Char('|') + entityPath;
    QTabWidget* tabs = m_parts.workspace->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i)->property(kEntityTabProperty).toString() == key) {
            tabs->setCurrentIndex(i);
            m_parts.workspace->setCurrentWidget(tabs);
            return tabs->widget(i);
        }
    }
    QWidget* page = createEntityPage(owner->client(), entityPath);
    page->setProperty(kEntityTabProperty, key);
    wireBulkActions(page, connectionId);
    followBrokerCounts(page, connectionId, entityPath);
    const int index = m_parts.workspace->openTab(page, entityPath);
    tabs->setTabToolTip(index, tr("%1 in %2").arg(entityPath, owner->name()));
    return page;
}

void ExplorerController::closeEntityTabs(const QString& connectionId) {
    const QString prefix = connectionId + QLatin1Char('|');
    QTabWidget* tabs = m_parts.workspace->tabs();
    for (int i = tabs->count() - 1; i >= 0; --i) {
        if (tabs->widget(i)->property(kEntityTabProperty).toString().startsWith(prefix)) {
            m_parts.workspace->closeTab(i); // deleted later, before the session (posted first)
        }
    }
}

void ExplorerController::followBrokerCounts(QWidget* page, const QString& connectionId,
                                            const QString& entityPath) {
    auto* view = qobject_cast<EntityMessagesView*>(page);
    if (view == nullptr) {
        return;
    }
    const auto push = [view](const QModelIndex& row) {
        using Role = NamespaceTreeModel::Role;
        MessageCountDetails counts;
        counts.activeMessageCount = row.data(Role::ActiveCountRole).toLongLong();
        counts.deadLetterMessageCount = row.data(Role::DeadLetterCountRole).toLongLong();
        counts.scheduledMessageCount = row.data(Role::ScheduledCountRole).toLongLong();
        counts.transferMessageCount = row.data(Role::TransferCountRole).toLongLong();
        counts.transferDeadLetterMessageCount =
            row.data(Role::TransferDeadLetterCountRole).toLongLong();
        counts.deferredMessageCount = row.data(Role::DeferredCountRole).toLongLong();
        view->setBrokerCounts(counts);
    };
    if (const QModelIndex row = m_model->indexOfEntity(connectionId, entityPath); row.isValid()) {
        push(row);
    }
    // A refresh (by hand, automatic, or after a job) updates the tree's rows in place; the
    // tab follows its own row. Reading the changed rows' roles is cheaper than looking the
    // entity up among thousands on every change.
    connect(m_model, &QAbstractItemModel::dataChanged, view,
            [push, connectionId, entityPath](const QModelIndex& first, const QModelIndex& last) {
                for (int r = first.row(); r <= last.row(); ++r) {
                    const QModelIndex row = first.siblingAtRow(r);
                    if (row.data(NamespaceTreeModel::EntityPathRole).toString() == entityPath &&
                        row.data(NamespaceTreeModel::ConnectionIdRole).toString() == connectionId) {
                        push(row);
                    }
                }
            });
}

void ExplorerController::selectEntityWhenLoaded(const QString& connectionId,
                                                const QString& entityPath) {
    const auto trySelect = [this, connectionId, entityPath] {
        const QModelIndex source = m_model->indexOfEntity(connectionId, entityPath);
        if (!source.isValid()) {
            // A subscription loads with its topic's children: open the topic once it is there.
            const QString topic = entityPath.section(QStringLiteral("/Subscriptions/"), 0, 0);
            const QModelIndex topicIndex =
                topic != entityPath ? m_model->indexOfEntity(connectionId, topic) : QModelIndex();
            if (topicIndex.isValid() && m_model->canFetchMore(topicIndex)) {
                m_model->fetchMore(topicIndex);
                m_parts.dock->treeView()->expand(toProxy(topicIndex));
            }
            return false;
        }
        const QModelIndex proxy = toProxy(source);
        m_parts.dock->treeView()->scrollTo(proxy);
        m_parts.dock->treeView()->setCurrentIndex(proxy);
        openEntity(connectionId, entityPath);
        Q_EMIT entitySelected(connectionId, entityPath);
        return true;
    };
    if (trySelect()) {
        return;
    }
    auto* watch = new QMetaObject::Connection;
    *watch = connect(m_model, &QAbstractItemModel::rowsInserted, this, [trySelect, watch] {
        if (trySelect()) {
            QObject::disconnect(*watch);
            delete watch;
        }
    });
}

void ExplorerController::activate(const QModelIndex& proxyIndex) {
    const QModelIndex source = m_parts.dock->filterModel()->mapToSource(proxyIndex);
    const QString id = source.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const NodeKind kind = kindOf(source);
    if (kind == NodeKind::Namespace) {
        if (session(id) == nullptr) {
            if (id == kLocalId) {
                openLocalNamespace();
            } else {
                openSavedConnection(id);
            }
        }
        return;
    }
    if (canOpen(kind)) {
        const QString path = source.data(NamespaceTreeModel::EntityPathRole).toString();
        // A session-enabled entity is read through its sessions.
        if (source.data(NamespaceTreeModel::RequiresSessionRole).toBool()) {
            openSessions(id, path);
        } else {
            openEntity(id, path);
        }
    }
}

void ExplorerController::sendTo(const QString& connectionId, const QString& entityPath) {
    NamespaceSession* owner = session(connectionId);
    if (owner == nullptr) {
        Q_EMIT report(LogLevel::Warning, tr("Select a queue or topic of a connected namespace "
                                            "to send to."));
        return;
    }
    QStringList targets = m_model->sendTargets(connectionId);
    if (!entityPath.isEmpty() && !targets.contains(entityPath)) {
        targets.prepend(entityPath);
    }
    QDialog* dialog =
        createComposeDialog(owner->client(), targets, entityPath, m_parts.dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Counts change with what was sent; the tree shows it without waiting for auto-refresh.
    connect(dialog, SIGNAL(sent(QString, int)), this, SLOT(refresh()));
    dialog->show();
}

void ExplorerController::updateActions() {
    const QModelIndex current = currentSourceIndex();
    const QString id = current.data(NamespaceTreeModel::ConnectionIdRole).toString();
    const bool connected = session(id) != nullptr;
    m_parts.actions->action(MainAction::Disconnect)->setEnabled(connected);
    m_parts.actions->action(MainAction::Send)->setEnabled(connected && canSendTo(kindOf(current)));
    m_parts.actions->action(MainAction::Receive)->setEnabled(connected && canOpen(kindOf(current)));
    if (m_repair != nullptr) {
        // What they act on is decided when triggered (the tab or the tree); they need a namespace.
        for (const MainAction bulk :
             {MainAction::Resubmit, MainAction::Purge, MainAction::Export, MainAction::Import}) {
            m_parts.actions->action(bulk)->setEnabled(!m_sessions.isEmpty());
        }
    }
}

void ExplorerController::updateStatus() {
    int connected = 0;
    int connecting = 0;
    int failed = 0;
    for (const NamespaceSession* open : std::as_const(m_sessions)) {
        switch (open->state()) {
        case NamespaceSession::State::Connected:
            ++connected;
            break;
        case NamespaceSession::State::Connecting:
        case NamespaceSession::State::Idle:
            ++connecting;
            break;
        case NamespaceSession::State::Failed:
            ++failed;
            break;
        case NamespaceSession::State::Closed:
            break;
        }
    }
    QString text;
    if (m_sessions.size() == 1) {
        const NamespaceSession* only = *m_sessions.cbegin();
        text = tr("%1: %2").arg(only->name(), NamespaceSession::stateText(only->state()));
    } else if (m_sessions.isEmpty()) {
        text = tr("Not connected");
    } else {
        QStringList parts;
        if (connected > 0) {
            parts.append(tr("%n namespace(s) connected", nullptr, connected));
        }
        if (connecting > 0) {
            parts.append(tr("%n connecting", nullptr, connecting));
        }
        if (failed > 0) {
            parts.append(tr("%n failed", nullptr, failed));
        }
        text = parts.join(QStringLiteral(", "));
    }
    m_parts.statusBar->setConnectionState(text);
    updateActions();
}

void ExplorerController::applyAutoRefresh() {
    const auto interval = m_services.settings->autoRefreshInterval();
    if (interval.count() <= 0) {
        m_autoRefresh.stop();
        return;
    }
    m_autoRefresh.start(std::chrono::duration_cast<std::chrono::milliseconds>(interval));
}

QModelIndex ExplorerController::currentSourceIndex() const {
    return m_parts.dock->filterModel()->mapToSource(m_parts.dock->treeView()->currentIndex());
}

QModelIndex ExplorerController::toProxy(const QModelIndex& source) const {
    return m_parts.dock->filterModel()->mapFromSource(source);
}

} // namespace busbar
