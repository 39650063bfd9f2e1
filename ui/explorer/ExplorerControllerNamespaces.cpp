// ExplorerController: opening namespaces (connection strings, saved connections and their
// keys, Azure CLI, the Local namespace), testing a connection, and disconnecting.
#include "core/auth/AzureCliTokenProvider.h"
#include "core/diagnostics/ConnectionProbe.h"
#include "core/servicebus/WhenFinished.h"
#include "core/settings/SecretStore.h"
#include "core/settings/Settings.h"
#include "ui/connections/LocalNamespaceHost.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/main/MainStatusBar.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace busbar {

namespace {

const QString kLocalName = QStringLiteral("local (demo)");
const QString kLocalColour = QStringLiteral("#2e7d32");

} // namespace

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
                                                    const ConnectionString& connection,
                                                    const QString& colourTag,
                                                    std::shared_ptr<TokenProvider> tokenProvider) {
    const auto saved = m_services.settings->savedConnection(id);
    return openSession(id, name, connection, colourTag, std::move(tokenProvider),
                       saved ? scopedEntityPath(*saved, connection) : connection.entityPath());
}

NamespaceSession* ExplorerController::openConnection(const SavedConnection& saved,
                                                     const ConnectionString& connection) {
    return openSession(saved.id, saved.name, connection, saved.colourTag, nullptr,
                       scopedEntityPath(saved, connection));
}

NamespaceSession* ExplorerController::openSession(const QString& id, const QString& name,
                                                  const ConnectionString& given,
                                                  const QString& colourTag,
                                                  std::shared_ptr<TokenProvider> tokenProvider,
                                                  const QString& scopedEntity) {
    const ConnectionString connection = withKnownAdminUrl(given);
    if (NamespaceSession* old = m_sessions.take(id); old != nullptr) {
        m_model->detachSession(id);
        old->deleteLater();
    }
    auto* opened = new NamespaceSession(id, name, connection, std::move(tokenProvider), this);
    opened->setEntityPath(scopedEntity); // before the tree reads it
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
    restoreEntitiesOpenedByPath(id);
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
    runProbe(std::move(options), tr("Connected to %1; the key is accepted.").arg(connection.host()),
             context, done, step);
}

void ExplorerController::testProxy(const QNetworkProxy& proxy, QObject* context,
                                   const std::function<void(bool, const QString&)>& done,
                                   const std::function<void(const ProbeStep&)>& step) {
    const QString selectedId =
        currentSourceIndex().data(NamespaceTreeModel::ConnectionIdRole).toString();
    NamespaceSession* target = session(selectedId);
    if (target == nullptr) {
        target = session(kLocalId);
    }
    if (target == nullptr) {
        done(false, tr("open a namespace (or the Local namespace) and select it: the test "
                       "connects to it through the proxy."));
        return;
    }
    NamespaceConnectionOptions options;
    options.connectionString = target->connectionString();
    options.tokenProvider = target->tokenProvider();
    options.proxy = proxy;
    runProbe(std::move(options),
             tr("reached %1 (%2); the key is accepted.").arg(target->name(), target->host()),
             context, done, step);
}

void ExplorerController::runProbe(NamespaceConnectionOptions options, const QString& okText,
                                  QObject* context,
                                  const std::function<void(bool, const QString&)>& done,
                                  const std::function<void(const ProbeStep&)>& step) {
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
    connect(probe, &ConnectionProbe::finished, this,
            [probe, guard, done, okText](const ProbeReport& report) {
                if (guard != nullptr) {
                    const auto failed = report.failedStep();
                    done(!failed, failed ? failed->detail : okText);
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
    closeEntityTabs(connectionId);
    closing->close();
    closing->deleteLater();
    Q_EMIT report(LogLevel::Info, tr("Disconnected from %1.").arg(closing->name()));
    updateStatus();
    updateActions();
}

} // namespace busbar
