#include "ui/explorer/ExplorerController.h"

#include "core/auth/AzureCliTokenProvider.h"
#include "core/diagnostics/ConnectionProbe.h"
#include "core/servicebus/WhenFinished.h"
#include "core/settings/SecretStore.h"
#include "core/settings/Settings.h"
#include "ui/connections/LocalNamespaceHost.h"
#include "ui/entities/EntityEditorBase.h"
#include "ui/explorer/EntityPages.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/main/MainActions.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/Workspace.h"
#include "ui/repair/MaintenanceActions.h"
#include "ui/repair/RepairActions.h"

#include <QAction>
#include <QDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTreeView>

namespace busbar {

const QString ExplorerController::kLocalId = QStringLiteral("local");

namespace {

const QString kLocalName = QStringLiteral("local (demo)");
const QString kLocalColour = QStringLiteral("#2e7d32");
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

NamespaceSession* ExplorerController::session(const QString& connectionId) const {
    return m_sessions.value(connectionId);
}

QList<NamespaceSession*> ExplorerController::sessions() const {
    return m_sessions.values();
}

void ExplorerController::setEmulatorAdminUrl(const QString& endpoint, const QUrl& adminUrl) {
    m_emulatorAdminUrls.insert(endpoint, adminUrl);
}

NamespaceSession* ExplorerController::openNamespace(const QString& id, const QString& name,
                                                    const ConnectionString& given,
                                                    const QString& colourTag,
                                                    std::shared_ptr<TokenProvider> tokenProvider) {
    const ConnectionString connection = withKnownAdminUrl(given);
    if (NamespaceSession* old = m_sessions.take(id); old != nullptr) {
        m_model->detachSession(id);
        old->deleteLater();
    }
    auto* opened = new NamespaceSession(id, name, connection, std::move(tokenProvider), this);
    m_sessions.insert(id, opened);
    connect(opened, &NamespaceSession::stateChanged, this,
            [this, opened](NamespaceSession::State state) {
                updateStatus();
                if (state == NamespaceSession::State::Failed) {
                    Q_EMIT report(
                        LogLevel::Error,
                        tr("Could not connect to %1: %2").arg(opened->name(), opened->errorText()));
                } else if (state == NamespaceSession::State::Connected) {
                    Q_EMIT report(LogLevel::Info,
                                  tr("Connected to %1 (%2).").arg(opened->name(), opened->host()));
                }
            });
    m_model->attachSession(opened, colourTag);
    opened->open();
    // Expanding asks the model for the namespace's entities (fetchMore), which adds the
    // Queues and Topics folders at once; they start open.
    QTreeView* tree = m_parts.dock->treeView();
    const QModelIndex source = m_model->indexOfConnection(id);
    if (m_model->canFetchMore(source)) {
        m_model->fetchMore(source);
    }
    const QModelIndex proxy = toProxy(source);
    tree->expand(proxy);
    for (int row = 0; row < tree->model()->rowCount(proxy); ++row) {
        tree->expand(tree->model()->index(row, 0, proxy));
    }
    tree->setCurrentIndex(proxy);
    updateStatus();
    return opened;
}

ConnectionString ExplorerController::withKnownAdminUrl(ConnectionString connection) const {
    if (connection.isDevelopmentEmulator()) {
        const QString endpoint =
            QStringLiteral("%1:%2").arg(connection.host()).arg(connection.port());
        if (const QUrl admin = m_emulatorAdminUrls.value(endpoint); admin.isValid()) {
            connection.setAdminBaseUrl(admin);
        }
    }
    return connection;
}

void ExplorerController::testConnection(const ConnectionString& connection, QObject* context,
                                        const std::function<void(bool, const QString&)>& done,
                                        const std::function<void(const ProbeStep&)>& step) {
    NamespaceConnectionOptions options;
    options.connectionString = withKnownAdminUrl(connection);
    auto* probe = new ConnectionProbe(std::move(options), this);
    const QPointer<QObject> guard(context);
    if (step) {
        const auto forward = [guard, step](const ProbeStep& s) {
            if (guard != nullptr) {
                step(s);
            }
        };
        connect(probe, &ConnectionProbe::stepStarted, this, forward);
        connect(probe, &ConnectionProbe::stepFinished, this, forward);
    }
    const QString host = connection.host();
    connect(probe, &ConnectionProbe::finished, this,
            [probe, guard, done, host](const ProbeReport& report) {
                if (guard != nullptr) {
                    const auto failed = report.failedStep();
                    done(!failed, failed ? failed->detail
                                         : tr("Connected to %1; the key is accepted.").arg(host));
                }
                probe->deleteLater();
            });
    probe->start();
}

void ExplorerController::openSavedConnection(const QString& connectionId) {
    const auto saved = m_services.settings->savedConnection(connectionId);
    if (!saved) {
        return;
    }
    SecretStore* secrets = m_services.secrets;
    if (secrets == nullptr || !secrets->isAvailable()) {
        askForConnectionString(connectionId, saved->name,
                               tr("The system keychain is not available, so Busbar could not "
                                  "keep the key of %1.")
                                   .arg(saved->name));
        return;
    }
    const SavedConnection connection = *saved;
    Q_EMIT report(LogLevel::Info, tr("Connecting to %1…").arg(connection.name));
    whenFinished(secrets->readSecret(connectionId), this,
                 [this, connection](const Result<QString>& secret) {
                     if (!secret) {
                         askForConnectionString(connection.id, connection.name,
                                                tr("The key of %1 could not be read: %2")
                                                    .arg(connection.name, secret.error().message));
                         return;
                     }
                     const auto parsed = ConnectionString::parse(*secret);
                     if (!parsed) {
                         askForConnectionString(
                             connection.id, connection.name,
                             tr("The kept key of %1 is not usable.").arg(connection.name));
                         return;
                     }
                     openNamespace(connection.id, connection.name, *parsed, connection.colourTag);
                 });
}

void ExplorerController::askForConnectionString(const QString& connectionId, const QString& name,
                                                const QString& reason) {
    Q_EMIT report(LogLevel::Warning, reason);
    auto* dialog = new QInputDialog(m_parts.dialogParent);
    dialog->setObjectName(QStringLiteral("askConnectionStringDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Connect to %1").arg(name));
    dialog->setLabelText(reason + QLatin1Char('\n') +
                         tr("Paste its connection string; it is used for this session only."));
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, connectionId, name](const QString& text) {
                const auto parsed = ConnectionString::parse(text);
                if (!parsed) {
                    Q_EMIT report(LogLevel::Error, parsed.error().message);
                    return;
                }
                const auto saved = m_services.settings->savedConnection(connectionId);
                openNamespace(connectionId, name, *parsed, saved ? saved->colourTag : QString());
            });
    dialog->open();
}

void ExplorerController::openLocalNamespace() {
    if (m_services.localNamespace == nullptr || m_localStarting) {
        return;
    }
    if (NamespaceSession* running = session(kLocalId); running != nullptr) {
        const QModelIndex proxy = toProxy(m_model->indexOfConnection(kLocalId));
        m_parts.dock->treeView()->expand(proxy);
        m_parts.dock->treeView()->setCurrentIndex(proxy);
        return;
    }
    m_localStarting = true;
    m_parts.statusBar->setConnectionState(tr("Starting the local namespace…"));
    Q_EMIT report(LogLevel::Info, tr("Starting the local namespace…"));
    whenFinished(
        m_services.localNamespace->start(), this,
        [this](const Result<LocalNamespaceEndpoints>& started) {
            m_localStarting = false;
            if (!started) {
                Q_EMIT report(
                    LogLevel::Error,
                    tr("The local namespace did not start: %1").arg(started.error().message));
                updateStatus();
                return;
            }
            auto parsed = ConnectionString::parse(started->connectionString);
            if (!parsed) {
                Q_EMIT report(LogLevel::Error, parsed.error().message);
                updateStatus();
                return;
            }
            parsed->setAdminBaseUrl(started->adminUrl);
            const QString data = m_services.localNamespace->dataDirectory();
            Q_EMIT report(LogLevel::Info,
                          data.isEmpty()
                              ? tr("Local namespace running in memory.")
                              : tr("Local namespace running; its data is in %1.").arg(data));
            NamespaceSession* opened = openNamespace(kLocalId, kLocalName, *parsed, kLocalColour);
            Q_EMIT localNamespaceOpened(opened);
        });
}

NamespaceSession* ExplorerController::openWithAzureCli(const QString& namespaceName) {
    QString host = namespaceName.trimmed().toLower();
    host.remove(QStringLiteral("sb://")).remove(QStringLiteral("https://"));
    while (host.endsWith(QLatin1Char('/'))) {
        host.chop(1);
    }
    if (host.isEmpty()) {
        return nullptr;
    }
    if (!host.contains(QLatin1Char('.'))) {
        host += QStringLiteral(".servicebus.windows.net");
    }
    // ConnectionString insists on a credential; this placeholder is never used because the
    // token provider takes precedence for both the AMQP connection and the admin client.
    auto connection = ConnectionString::parse(
        QStringLiteral("Endpoint=sb://%1/;SharedAccessKeyName=AzureCli;SharedAccessKey=unused")
            .arg(host));
    if (!connection) {
        Q_EMIT report(LogLevel::Error, connection.error().message);
        return nullptr;
    }
    const QString id = QStringLiteral("azure-cli:") + host;
    auto provider = std::make_shared<AzureCliTokenProvider>();
    return openNamespace(id, tr("%1 (Azure CLI)").arg(host.section(QLatin1Char('.'), 0, 0)),
                         *connection, {}, std::move(provider));
}

void ExplorerController::askForAzureCliNamespace() {
    auto* dialog = new QInputDialog(m_parts.dialogParent);
    dialog->setObjectName(QStringLiteral("azureCliNamespaceDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Sign In with Azure CLI"));
    dialog->setLabelText(tr("Namespace (\"contoso\" or \"contoso.servicebus.windows.net\").\n"
                            "Busbar uses the account `az login` signed in with."));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this](const QString& text) { openWithAzureCli(text); });
    dialog->open();
}

void ExplorerController::disconnectNamespace(const QString& connectionId) {
    NamespaceSession* closing = m_sessions.take(connectionId);
    if (closing == nullptr) {
        return;
    }
    m_model->detachSession(connectionId);
    closing->close();
    closing->deleteLater();
    Q_EMIT report(LogLevel::Info, tr("Disconnected from %1.").arg(closing->name()));
    updateStatus();
    updateActions();
}

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
    const int index = m_parts.workspace->openTab(page, entityPath);
    tabs->setTabToolTip(index, tr("%1 in %2").arg(entityPath, owner->name()));
    return page;
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
