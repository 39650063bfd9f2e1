#pragma once

#include "core/auth/ConnectionString.h"
#include "core/diagnostics/ProbeStep.h"
#include "core/servicebus/NamespaceConnectionOptions.h"
#include "core/servicebus/ServiceBusTypes.h"
#include "core/settings/SavedConnection.h"
#include "ui/explorer/EntityPages.h"
#include "ui/log/LogPanel.h"
#include "ui/main/UiServices.h"

#include <QHash>
#include <QModelIndex>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QMenu;
class QNetworkProxy;
class QWidget;

namespace busbar {

class JobManager;
enum class MainAction;
class MainActions;
class MaintenanceActions;
class MainStatusBar;
class NamespaceDock;
class NamespaceSession;
class NamespaceTreeModel;
class RepairActions;
class TokenProvider;
class Workspace;

// The explorer's behaviour: open namespaces (saved ones with their key from the SecretStore,
// the built-in Local namespace, a connection string just entered), the entity tree over them
// with refresh and auto-refresh, the tree's context menu, and entity tabs. MainWindow
// creates it and hands it the parts it drives.
class ExplorerController final : public QObject {
    Q_OBJECT
public:
    struct Parts {
        NamespaceDock* dock = nullptr;
        Workspace* workspace = nullptr;
        MainActions* actions = nullptr;
        MainStatusBar* statusBar = nullptr;
        QWidget* dialogParent = nullptr;
        // Bulk jobs (resubmit, replay, purge, export, import) go here; null hides them.
        JobManager* jobs = nullptr;
    };

    // services.settings must be set.
    ExplorerController(const UiServices& services, const Parts& parts, QObject* parent = nullptr);
    ~ExplorerController() override;

    [[nodiscard]] NamespaceTreeModel* model() const { return m_model; }
    [[nodiscard]] NamespaceSession* session(const QString& connectionId) const;
    [[nodiscard]] QList<NamespaceSession*> sessions() const;
    // Null without Parts::jobs.
    [[nodiscard]] RepairActions* repairActions() const { return m_repair; }
    [[nodiscard]] MaintenanceActions* maintenanceActions() const { return m_maintenance; }

    // Opens (or re-opens) `connection` as the namespace `id` and expands it in the tree. An
    // entity-scoped string shows the entity its saved connection (same id) names, if any
    // (scopedEntityPath: a topic's subscription the user chose).
    NamespaceSession* openNamespace(const QString& id, const QString& name,
                                    const ConnectionString& connection,
                                    const QString& colourTag = {},
                                    std::shared_ptr<TokenProvider> tokenProvider = nullptr);
    // The same for what the connect dialog accepted, saved or not: its name, tag and entity.
    NamespaceSession* openConnection(const SavedConnection& saved,
                                     const ConnectionString& connection);
    // Runs the connection test (ConnectionProbe: DNS, TCP, TLS, SASL, AMQP open, CBS,
    // management read) for `connection` without opening it, reporting each step to `step`
    // as it starts and ends, then calls done(ok, text); nothing once `context` is gone. For
    // the connect dialog's "Test Connection".
    void testConnection(const ConnectionString& connection, QObject* context,
                        const std::function<void(bool, const QString&)>& done,
                        const std::function<void(const ProbeStep&)>& step = {});
    // Settings ▸ Network ▸ Test: the same test through `proxy` against the namespace selected
    // in the tree when it is open, else the Local namespace when it is; done(false, why) when
    // neither is. The management read follows the application's proxy (ConnectionProbe).
    void testProxy(const QNetworkProxy& proxy, QObject* context,
                   const std::function<void(bool, const QString&)>& done,
                   const std::function<void(const ProbeStep&)>& step = {});
    // A saved connection: its key comes from the SecretStore, or is asked for when the
    // keychain cannot keep it.
    void openSavedConnection(const QString& connectionId);
    // Starts the embedded emulator (never blocking) and opens it as "local (demo)".
    void openLocalNamespace();
    // Entra ID through the Azure CLI's signed-in account: `namespaceName` is "contoso" or
    // "contoso.servicebus.windows.net". Opened unsaved, as "<name> (Azure CLI)".
    NamespaceSession* openWithAzureCli(const QString& namespaceName);
    // Asks for the namespace (non-modal), then openWithAzureCli().
    void askForAzureCliNamespace();
    void disconnectNamespace(const QString& connectionId);
    // An entity tab for `entityPath` (a queue or a subscription), or the existing one.
    QWidget* openEntity(const QString& connectionId, const QString& entityPath);
    // A "Locked: <entity>" tab receiving `entityPath` (or its sub-queue) in peek-lock, or the
    // existing one.
    QWidget* openLocked(const QString& connectionId, const QString& entityPath,
                        SubQueue subQueue = SubQueue::None);
    // A "Sessions: <entity>" tab for a session-enabled queue or subscription.
    QWidget* openSessions(const QString& connectionId, const QString& entityPath);
    // Calls done(session, {}) on `context` once `connectionId` is connected, opening it first
    // (saved connection or the Local namespace); done(nullptr, why) when it cannot be. Never waits.
    void whenConnected(const QString& connectionId, QObject* context,
                       std::function<void(NamespaceSession*, const QString&)> done);
    // "Open Entity by Path…" on a connected namespace (ExplorerControllerOpenEntity.cpp): asks
    // for a queue or a topic's subscription, checks it with a one-message peek (AMQP, so a
    // Listen-only key will do), then adds it to the tree and opens its tab; a path that cannot
    // be read is explained in the dialog, which stays open.
    void askToOpenEntityByPath(const QString& connectionId);
    // The entities a saved connection remembers opening by path, shown in the tree again
    // (ExplorerControllerOpenEntity.cpp); called whenever the namespace is opened.
    void restoreEntitiesOpenedByPath(const QString& connectionId);
    // Whether `entityPath` is remembered as opened by path on the saved connection.
    [[nodiscard]] bool isRememberedOpenedEntity(const QString& connectionId,
                                                const QString& entityPath) const;
    // "Forget Opened Entity": not shown again at the next opening (unless listed).
    void forgetEntityOpenedByPath(const QString& connectionId, const QString& entityPath);
    // Makes the entity current in the tree once it has loaded (for --open-entity).
    void selectEntityWhenLoaded(const QString& connectionId, const QString& entityPath);

    // A development-emulator string names no admin port; the Microsoft emulator's 5300 is
    // assumed. busbar-emulator started elsewhere (another port, tests) is told apart by its
    // AMQP endpoint, "localhost:5672".
    void setEmulatorAdminUrl(const QString& endpoint, const QUrl& adminUrl);

    static const QString kLocalId;

public Q_SLOTS:
    // Re-reads lists and counts of the current namespace (every namespace when none).
    void refresh();

Q_SIGNALS:
    void report(busbar::LogLevel level, const QString& text);
    void localNamespaceOpened(busbar::NamespaceSession* session);
    void entitySelected(const QString& connectionId, const QString& entityPath);
    // A bulk job (resubmit, replay, purge, export, import) was handed to Parts::jobs; the
    // window raises the jobs panel.
    void jobStarted(const QString& jobId);

private:
    // The namespace's entity tabs go before its session: their pagers use its client.
    void closeEntityTabs(const QString& connectionId);
    void activate(const QModelIndex& proxyIndex);
    // Keeps `entityPath`, just opened by path, with the saved connection (paths only).
    void rememberEntityOpenedByPath(const QString& connectionId, const QString& entityPath);
    void showContextMenu(const QPoint& position);
    void fillEntityMenu(QMenu& menu, const QModelIndex& source);
    void updateActions();
    void updateStatus();
    void applyAutoRefresh();
    void askForConnectionString(const QString& connectionId, const QString& name,
                                const QString& reason);
    void sendTo(const QString& connectionId, const QString& entityPath);
    void addEditorActions(QMenu& menu, const QModelIndex& source);
    // Replay dead letters…, Purge…, Export messages…, Import messages… (with Parts::jobs).
    void addBulkActions(QMenu& menu, const QModelIndex& source);
    // An entity tab's Resubmit…, Replay…, Export selected… and Purge… run here.
    void wireBulkActions(QWidget* page, const QString& connectionId);
    // An entity tab shows the broker's counts from the tree's row, and follows its updates.
    void followBrokerCounts(QWidget* page, const QString& connectionId, const QString& entityPath);
    // The window's Resubmit… (Ctrl+R), Purge…, Export… and Import…: on the current entity
    // tab (its sub-queue and selection), else on the tree's current entity.
    void wireBulkMainActions();
    void runBulkMainAction(MainAction which);
    void openEditor(const QString& connectionId, const EditorRequest& request, bool deleteIt);
    // Receive… on the current entity: the dead-letter queue when its tab shows that.
    void receiveFromCurrent();
    // The status bar's "Locks held": the sum over every open Locked view.
    void updateLocksHeld();
    void watchLocks(QWidget* page);
    // The tab whose key is `key`, made current; null when there is none.
    QWidget* focusTab(const QString& key);
    [[nodiscard]] ConnectionString withKnownAdminUrl(ConnectionString connection) const;
    void runProbe(NamespaceConnectionOptions options, const QString& okText, QObject* context,
                  const std::function<void(bool, const QString&)>& done,
                  const std::function<void(const ProbeStep&)>& step);
    NamespaceSession* openSession(const QString& id, const QString& name,
                                  const ConnectionString& connection, const QString& colourTag,
                                  std::shared_ptr<TokenProvider> tokenProvider,
                                  const QString& scopedEntity);
    [[nodiscard]] QModelIndex currentSourceIndex() const;
    [[nodiscard]] QModelIndex toProxy(const QModelIndex& source) const;

    UiServices m_services;
    Parts m_parts;
    NamespaceTreeModel* m_model = nullptr;
    QHash<QString, NamespaceSession*> m_sessions; // children of this
    RepairActions* m_repair = nullptr;            // child; null without Parts::jobs
    MaintenanceActions* m_maintenance = nullptr;  // child; null without Parts::jobs
    QHash<QString, QUrl> m_emulatorAdminUrls;
    QTimer m_autoRefresh;
    bool m_localStarting = false;
};

} // namespace busbar
