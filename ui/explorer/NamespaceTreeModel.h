#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Error.h"
#include "core/common/Result.h"
#include "core/settings/SavedConnection.h"

#include <QAbstractItemModel>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace busbar {

class NamespaceSession;
class Settings;

// The namespace tree: one root per saved connection (in the order they were saved, with its
// colour tag) plus the namespaces opened without saving them (the Local namespace). Once a
// NamespaceSession is attached to a root, its children load lazily through canFetchMore /
// fetchMore from the session's admin client: Queues and Topics folders, subscriptions under
// a topic, rules under a subscription. Rows arrive in batches (one per event-loop turn), so
// thousands of entities never freeze the window. Refresh re-reads the lists and updates the
// counts in place. Every admin list call (expand, refresh, background load) waits its turn in
// one queue, and at most kMaxListsInFlight are read at once: a refresh after a filter read
// every topic must not fire hundreds of requests together.
class NamespaceTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        ConnectionIdRole = Qt::UserRole + 1,
        ColourTagRole,
        KindRole,        // NodeKind as int
        EntityPathRole,  // "orders", "events/Subscriptions/audit"; empty for folders
        NameRole,        // the entity's name alone
        ActiveCountRole, // qint64, entities only
        DeadLetterCountRole,
        ScheduledCountRole,
        TransferCountRole,
        CountsTextRole,              // "15 · sched 3 · xfer 1": the small numbers after the name
        StatusRole,                  // EntityStatus as int
        LoadingRole,                 // bool: children are being read
        RequiresSessionRole,         // bool: a session-enabled queue or subscription
        TransferDeadLetterCountRole, // qint64, entities only
        DeferredCountRole,           // qint64; 0 when the broker does not report it
        AdminDeniedRole, // bool: the namespace's credentials cannot make admin calls (an
                         // EntityPath string, or listing was refused for want of Manage)
    };
    enum class NodeKind { Namespace, QueuesFolder, TopicsFolder, Queue, Topic, Subscription, Rule };
    Q_ENUM(NodeKind)

    explicit NamespaceTreeModel(Settings& settings, QObject* parent = nullptr);
    ~NamespaceTreeModel() override;

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex& parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex& child) const override;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    [[nodiscard]] QModelIndex indexOfConnection(const QString& connectionId) const;
    // The row of `entityPath` under the namespace, if it has been loaded.
    [[nodiscard]] QModelIndex indexOfEntity(const QString& connectionId,
                                            const QString& entityPath) const;
    // The loaded queues and topics of the namespace: where Send… may send.
    [[nodiscard]] QStringList sendTargets(const QString& connectionId) const;
    [[nodiscard]] NamespaceSession* sessionAt(const QModelIndex& index) const;
    [[nodiscard]] NamespaceSession* session(const QString& connectionId) const;

    // Shows `session` under its saved connection's root (same id), or as a root of its own.
    // The model does not own the session; it forgets it when the session is destroyed.
    void attachSession(NamespaceSession* session, const QString& colourTag = {});
    // Drops the namespace's entities (disconnect); an unsaved namespace's root goes too.
    void detachSession(const QString& connectionId);
    // Re-reads what has been loaded under the namespace of `index` (all when invalid).
    void refresh(const QModelIndex& index = {});
    // "Open entity…" (NamespaceTreeModelByPath.cpp): shows a queue, or a topic's subscription
    // ("events/Subscriptions/audit", under its topic, added too when missing), that the admin
    // list does not show, e.g. for a key without Manage; counts unknown. Returns its row (the
    // existing one when already shown); invalid when the namespace is not open.
    QModelIndex addEntityByPath(const QString& connectionId, const QString& entityPath);

    // Lists, in the background, the subscriptions of every topic not yet expanded (and the
    // topics of namespaces not yet expanded), so a filter finds subscriptions the user never
    // opened. At most kPrefetchLists lists are read at once; rows arrive in batches as usual.
    // Topics listed later (a refresh, a namespace opened) are taken up until stopped.
    void loadAllSubscriptions();
    void stopLoadingAllSubscriptions();
    [[nodiscard]] bool isLoadingAllSubscriptions() const { return m_prefetchOn; }

    // Rows inserted per event-loop turn.
    static constexpr int kBatchSize = 250;
    // Admin list calls read at once, whatever started them.
    static constexpr int kMaxListsInFlight = 4;
    // Subscription lists read at once by loadAllSubscriptions (the same shared limit).
    static constexpr int kPrefetchLists = kMaxListsInFlight;

    // What the list queue did, so tests can check its limit against the real calls: the admin
    // list calls started and not yet answered, the most there were at once and how many were
    // started since the last reset.
    struct ListCallStats {
        int inFlight = 0;
        int peak = 0;
        int started = 0;
    };
    [[nodiscard]] ListCallStats listCallStats() const;
    void resetListCallStats();

Q_SIGNALS:
    // A list could not be read; for the log panel (no secrets in it).
    void loadFailed(const QString& connectionId, const QString& message);
    // Every list started by fetchMore or refresh has been read and inserted.
    void loadingFinished(const QString& connectionId);

private:
    struct Node;
    struct Pending;
    // One admin list waiting for a slot: the node whose children it reads.
    struct ListRequest {
        QString connectionId;
        NodeKind kind;
        QString path;
        bool counted = true; // counted in its root's outstanding (a prefetch is once started)
    };

    [[nodiscard]] Node* nodeOf(const QModelIndex& index) const;
    [[nodiscard]] QModelIndex indexOfNode(const Node* node) const;
    [[nodiscard]] Node* rootOf(const QString& connectionId) const;
    [[nodiscard]] Node* findEntity(const QString& connectionId, NodeKind kind,
                                   const QString& path) const;
    void reload();
    // Queues the lists that read the node's children; `urgent` (the user expanded it) goes
    // before refreshes and background reads.
    void startLoad(Node* node, bool urgent = true);
    // NamespaceTreeModelListQueue.cpp
    void requestList(Node* node, bool urgent);
    void pumpLists();
    void startList(Node* node);
    [[nodiscard]] quint64 takeListSlot(const QString& connectionId);
    // False when the slot was freed meanwhile (the namespace was detached): ignore the answer.
    bool releaseListSlot(quint64 ticket);
    void dropLists(const QString& connectionId);
    // NamespaceTreeModelLoading.cpp
    void listQueues(Node* root, quint64 ticket);
    void listTopics(Node* root, quint64 ticket);
    void listSubscriptions(Node* topic, quint64 ticket);
    void listRules(Node* subscription, quint64 ticket);
    // Merges one admin list's answer under the node (parentKind, parentPath) of root's
    // namespace, each item made a row by `toNode`; frees the list's slot and starts the next.
    template <typename Item, typename ToNode>
    void mergeWhenListed(const Node* root, quint64 ticket,
                         const QFuture<Result<QList<Item>>>& listed, NodeKind parentKind,
                         const QString& parentPath, ToNode toNode);
    void merge(const QString& connectionId, NodeKind parentKind, const QString& parentPath,
               std::vector<std::unique_ptr<Node>> fresh);
    void countLoad(const Node* node);
    void markLoading(Node* node);
    void endLoad(const QString& connectionId, NodeKind kind, const QString& path);
    void fail(const QString& connectionId, NodeKind kind, const QString& path, const Error& error);
    // An EntityPath connection: its entity goes straight under the folders (no admin list).
    void addScopedEntity(Node* root);
    [[nodiscard]] static bool isScoped(const Node* root);
    void dataChangedFor(const Node* node);
    void insertPending();
    void clearChildren(Node* node);
    // NamespaceTreeModelListQueue.cpp
    void queueUnfetchedTopics();
    void prefetchEnded(NodeKind kind);

    Settings& m_settings;
    std::vector<std::unique_ptr<Node>> m_roots;
    std::vector<Pending> m_pending;
    QTimer m_batchTimer;
    bool m_prefetchOn = false;
    std::deque<ListRequest> m_listQueue;   // waiting for a slot
    QHash<quint64, QString> m_listsActive; // slot ticket -> connection id, being read
    quint64 m_nextTicket = 0;
    ListCallStats m_listStats;
};

} // namespace busbar
