#include "ui/explorer/NamespaceTreeModel.h"

#include "core/admin/AdminClient.h"
#include "core/servicebus/WhenFinished.h"
#include "core/settings/Settings.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

const QString& kQueuesKey = kQueuesFolderKey;
const QString& kTopicsKey = kTopicsFolderKey;

} // namespace

NamespaceTreeModel::NamespaceTreeModel(Settings& settings, QObject* parent)
    : QAbstractItemModel(parent)
    , m_settings(settings) {
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(0);
    connect(&m_batchTimer, &QTimer::timeout, this, &NamespaceTreeModel::insertPending);
    connect(&m_settings, &Settings::connectionsChanged, this, &NamespaceTreeModel::reload);
    for (const SavedConnection& saved : m_settings.savedConnections()) {
        auto root = std::make_unique<Node>();
        root->connectionId = saved.id;
        root->saved = saved;
        root->name = saved.name;
        root->colourTag = saved.colourTag;
        m_roots.push_back(std::move(root));
    }
}

NamespaceTreeModel::~NamespaceTreeModel() = default;

NamespaceTreeModel::Node* NamespaceTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex NamespaceTreeModel::indexOfNode(const Node* node) const {
    if (node == nullptr) {
        return {};
    }
    int row = -1;
    if (node->parent == nullptr) {
        const auto it = std::find_if(m_roots.begin(), m_roots.end(),
                                     [node](const auto& root) { return root.get() == node; });
        if (it == m_roots.end()) {
            return {};
        }
        row = static_cast<int>(it - m_roots.begin());
    } else {
        row = node->row();
    }
    return createIndex(row, 0, const_cast<Node*>(node));
}

QModelIndex NamespaceTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) {
        return {};
    }
    const auto& list = parent.isValid() ? nodeOf(parent)->children : m_roots;
    if (row >= static_cast<int>(list.size())) {
        return {};
    }
    return createIndex(row, column, list[static_cast<size_t>(row)].get());
}

QModelIndex NamespaceTreeModel::parent(const QModelIndex& child) const {
    const Node* node = nodeOf(child);
    return node != nullptr ? indexOfNode(node->parent) : QModelIndex();
}

int NamespaceTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0) {
        return 0;
    }
    return static_cast<int>(parent.isValid() ? nodeOf(parent)->children.size() : m_roots.size());
}

int NamespaceTreeModel::columnCount(const QModelIndex& /*parent*/) const {
    return 1;
}

bool NamespaceTreeModel::hasChildren(const QModelIndex& parent) const {
    const Node* node = nodeOf(parent);
    if (node == nullptr) {
        return !m_roots.empty();
    }
    if (!node->children.empty()) {
        return true;
    }
    switch (node->kind) {
    case NodeKind::Namespace:
        return node->session != nullptr && !node->fetched;
    case NodeKind::Topic:
    case NodeKind::Subscription:
        return !node->fetched || node->loading;
    default:
        return false;
    }
}

bool NamespaceTreeModel::canFetchMore(const QModelIndex& parent) const {
    const Node* node = nodeOf(parent);
    if (node == nullptr || node->fetched) {
        return false;
    }
    switch (node->kind) {
    case NodeKind::Namespace:
        return node->session != nullptr;
    case NodeKind::Topic:
    case NodeKind::Subscription:
        return true;
    default:
        return false;
    }
}

void NamespaceTreeModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) {
        return;
    }
    Node* node = nodeOf(parent);
    node->fetched = true;
    if (node->kind == NodeKind::Namespace) {
        beginInsertRows(parent, 0, 1);
        for (const auto& [kind, key, title] :
             {std::tuple{NodeKind::QueuesFolder, kQueuesKey, tr("Queues")},
              std::tuple{NodeKind::TopicsFolder, kTopicsKey, tr("Topics")}}) {
            auto folder = std::make_unique<Node>();
            folder->kind = kind;
            folder->path = key;
            folder->name = title;
            folder->parent = node;
            folder->fetched = true;
            node->children.push_back(std::move(folder));
        }
        endInsertRows();
        if (isScoped(node)) {
            addScopedEntity(node);
            return;
        }
    }
    startLoad(node);
}

bool NamespaceTreeModel::isScoped(const Node* root) {
    return root->session != nullptr && !root->session->entityPath().isEmpty();
}

void NamespaceTreeModel::addScopedEntity(Node* root) {
    const QString path = root->session->entityPath();
    const QString topicName = path.section(QLatin1Char('/'), 0, 0);
    const QString subscriptionName = path.section(QLatin1Char('/'), 2, 2);
    const bool isSubscription =
        path.section(QLatin1Char('/'), 1, 1)
                .compare(QLatin1String("Subscriptions"), Qt::CaseInsensitive) == 0 &&
        !subscriptionName.isEmpty();
    // Without the admin list a bare name could be a queue or a topic; a queue is what an
    // EntityPath names far more often, and its tab works either way through AMQP.
    Node* folder = findEntity(root->connectionId,
                              isSubscription ? NodeKind::TopicsFolder : NodeKind::QueuesFolder,
                              isSubscription ? kTopicsKey : kQueuesKey);
    if (folder == nullptr) {
        return;
    }
    auto entity = std::make_unique<Node>();
    entity->kind = isSubscription ? NodeKind::Topic : NodeKind::Queue;
    entity->name = isSubscription ? topicName : path;
    entity->path = entity->name;
    entity->parent = folder;
    entity->fetched = true; // its subscriptions cannot be listed without Manage
    entity->countsUnknown = true;
    if (isSubscription) {
        auto subscription = std::make_unique<Node>();
        subscription->kind = NodeKind::Subscription;
        subscription->name = subscriptionName;
        subscription->path = topicName + QStringLiteral("/Subscriptions/") + subscriptionName;
        subscription->parent = entity.get();
        subscription->fetched = true;
        subscription->countsUnknown = true;
        entity->children.push_back(std::move(subscription));
    }
    beginInsertRows(indexOfNode(folder), 0, 0);
    folder->children.push_back(std::move(entity));
    endInsertRows();
    Q_EMIT loadingFinished(root->connectionId);
}

void NamespaceTreeModel::startLoad(Node* node) {
    switch (node->kind) {
    case NodeKind::Namespace:
        listQueues(node);
        listTopics(node);
        break;
    case NodeKind::Topic:
        listSubscriptions(node);
        break;
    case NodeKind::Subscription:
        listRules(node);
        break;
    default:
        break;
    }
}

NamespaceTreeModel::Node* NamespaceTreeModel::rootOf(const QString& connectionId) const {
    for (const auto& root : m_roots) {
        if (root->connectionId == connectionId) {
            return root.get();
        }
    }
    return nullptr;
}

NamespaceTreeModel::Node* NamespaceTreeModel::findEntity(const QString& connectionId, NodeKind kind,
                                                         const QString& path) const {
    Node* root = rootOf(connectionId);
    if (root == nullptr || kind == NodeKind::Namespace) {
        return root;
    }
    const auto child = [](Node* parent, NodeKind childKind, const QString& key) -> Node* {
        if (parent == nullptr) {
            return nullptr;
        }
        for (const auto& node : parent->children) {
            if (node->kind == childKind && node->path == key) {
                return node.get();
            }
        }
        return nullptr;
    };
    switch (kind) {
    case NodeKind::QueuesFolder:
        return child(root, kind, kQueuesKey);
    case NodeKind::TopicsFolder:
        return child(root, kind, kTopicsKey);
    case NodeKind::Queue:
        return child(child(root, NodeKind::QueuesFolder, kQueuesKey), kind, path);
    case NodeKind::Topic:
        return child(child(root, NodeKind::TopicsFolder, kTopicsKey), kind, path);
    case NodeKind::Subscription: {
        const QString topic = path.section(QStringLiteral("/Subscriptions/"), 0, 0);
        return child(findEntity(connectionId, NodeKind::Topic, topic), kind, path);
    }
    case NodeKind::Rule: {
        const QString subscription = path.section(QStringLiteral("/Rules/"), 0, 0);
        return child(findEntity(connectionId, NodeKind::Subscription, subscription), kind, path);
    }
    case NodeKind::Namespace:
        break;
    }
    return nullptr;
}

void NamespaceTreeModel::beginLoad(Node* node) {
    Node* root = node;
    while (root->parent != nullptr) {
        root = root->parent;
    }
    ++root->outstanding;
    node->loading = true;
    dataChangedFor(node);
}

void NamespaceTreeModel::endLoad(const QString& connectionId, NodeKind kind, const QString& path) {
    Node* root = rootOf(connectionId);
    if (root == nullptr) {
        return;
    }
    if (Node* node = findEntity(connectionId, kind, path); node != nullptr) {
        node->loading = false;
        dataChangedFor(node);
    }
    if (root->outstanding > 0 && --root->outstanding == 0) {
        Q_EMIT loadingFinished(connectionId);
    }
    prefetchEnded(connectionId, kind, path);
}

void NamespaceTreeModel::fail(const QString& connectionId, NodeKind kind, const QString& path,
                              const Error& error) {
    QString message = error.message;
    if (Node* root = rootOf(connectionId); root != nullptr) {
        root->error = message;
        // 401 or 403 from the management API.
        if (error.code == ErrorCode::Authorization || error.code == ErrorCode::Authentication) {
            // A key without Manage (Listen or Send only) still works on an entity by path.
            root->adminDenied = true;
            root->error = tr("Listing entities needs the Manage right; open an entity by path "
                             "with a connection string that has EntityPath.");
            message = root->error + QLatin1Char(' ') + error.message;
        }
        dataChangedFor(root);
    }
    Q_EMIT loadFailed(connectionId, message);
    endLoad(connectionId, kind, path);
}

void NamespaceTreeModel::dataChangedFor(const Node* node) {
    const QModelIndex changed = indexOfNode(node);
    if (changed.isValid()) {
        Q_EMIT dataChanged(changed, changed);
    }
}

QModelIndex NamespaceTreeModel::indexOfConnection(const QString& connectionId) const {
    return indexOfNode(rootOf(connectionId));
}

QModelIndex NamespaceTreeModel::indexOfEntity(const QString& connectionId,
                                              const QString& entityPath) const {
    for (const NodeKind kind :
         {NodeKind::Queue, NodeKind::Topic, NodeKind::Subscription, NodeKind::Rule}) {
        if (const Node* node = findEntity(connectionId, kind, entityPath); node != nullptr) {
            return indexOfNode(node);
        }
    }
    return {};
}

QStringList NamespaceTreeModel::sendTargets(const QString& connectionId) const {
    QStringList targets;
    if (const Node* root = rootOf(connectionId); root != nullptr) {
        for (const auto& folder : root->children) {
            for (const auto& entity : folder->children) {
                targets.append(entity->path);
            }
        }
    }
    return targets;
}

NamespaceSession* NamespaceTreeModel::sessionAt(const QModelIndex& index) const {
    return session(index.data(ConnectionIdRole).toString());
}

NamespaceSession* NamespaceTreeModel::session(const QString& connectionId) const {
    const Node* root = rootOf(connectionId);
    return root != nullptr ? root->session.data() : nullptr;
}

void NamespaceTreeModel::attachSession(NamespaceSession* session, const QString& colourTag) {
    Node* root = rootOf(session->id());
    if (root == nullptr) {
        const int row = static_cast<int>(m_roots.size());
        beginInsertRows({}, row, row);
        auto node = std::make_unique<Node>();
        node->connectionId = session->id();
        node->name = session->name();
        node->transient = true;
        node->colourTag = colourTag;
        root = node.get();
        m_roots.push_back(std::move(node));
        endInsertRows();
    } else if (root->session != nullptr) {
        detachSession(session->id());
        root = rootOf(session->id());
        if (root == nullptr) { // an unsaved root goes with its session; bring it back
            attachSession(session, colourTag);
            return;
        }
    }
    root->session = session;
    root->error.clear();
    const QString id = session->id();
    connect(session, &NamespaceSession::stateChanged, this, [this, id] {
        if (Node* current = rootOf(id); current != nullptr) {
            dataChangedFor(current);
        }
    });
    connect(session, &QObject::destroyed, this, [this, id] { detachSession(id); });
    // The expander appears now that the namespace can list its entities.
    const QModelIndex rootIndex = indexOfNode(root);
    Q_EMIT dataChanged(rootIndex, rootIndex);
}

void NamespaceTreeModel::clearChildren(Node* node) {
    if (node->children.empty()) {
        return;
    }
    beginRemoveRows(indexOfNode(node), 0, static_cast<int>(node->children.size()) - 1);
    node->children.clear();
    endRemoveRows();
}

void NamespaceTreeModel::detachSession(const QString& connectionId) {
    Node* root = rootOf(connectionId);
    if (root == nullptr) {
        return;
    }
    std::erase_if(m_pending,
                  [&connectionId](const Pending& p) { return p.connectionId == connectionId; });
    // Answers for the old session are ignored, so its lists never end: free their slots.
    const QString prefix = connectionId + QLatin1Char('|');
    m_prefetchQueue.removeIf([&prefix](const QString& key) { return key.startsWith(prefix); });
    m_prefetchActive.removeIf([&prefix](const QString& key) { return key.startsWith(prefix); });
    pumpPrefetch(); // the freed slots go to other namespaces' topics
    ++root->generation;
    root->outstanding = 0;
    if (root->session != nullptr) {
        disconnect(root->session, nullptr, this, nullptr);
    }
    root->session = nullptr;
    root->adminDenied = false;
    clearChildren(root);
    root->fetched = false;
    if (root->transient) {
        const int row = indexOfNode(root).row();
        beginRemoveRows({}, row, row);
        m_roots.erase(m_roots.begin() + row);
        endRemoveRows();
        return;
    }
    dataChangedFor(root);
}

void NamespaceTreeModel::refresh(const QModelIndex& index) {
    const QString only = index.isValid() ? index.data(ConnectionIdRole).toString() : QString();
    for (const auto& root : m_roots) {
        if ((!only.isEmpty() && root->connectionId != only) || root->session == nullptr ||
            !root->fetched || isScoped(root.get())) {
            continue;
        }
        startLoad(root.get());
        for (const auto& folder : root->children) {
            for (const auto& topic : folder->children) {
                if (topic->kind != NodeKind::Topic || !topic->fetched) {
                    continue;
                }
                listSubscriptions(topic.get());
                for (const auto& subscription : topic->children) {
                    if (subscription->fetched) {
                        listRules(subscription.get());
                    }
                }
            }
        }
    }
}

void NamespaceTreeModel::reload() {
    // Connections change rarely and by hand; a reset keeps this simple. Roots that stay keep
    // their session and loaded entities.
    beginResetModel();
    std::vector<std::unique_ptr<Node>> previous = std::move(m_roots);
    m_roots.clear();
    const auto take = [&previous](const QString& id) -> std::unique_ptr<Node> {
        for (auto& node : previous) {
            if (node != nullptr && node->connectionId == id) {
                return std::move(node);
            }
        }
        return nullptr;
    };
    for (const SavedConnection& saved : m_settings.savedConnections()) {
        std::unique_ptr<Node> root = take(saved.id);
        if (root == nullptr) {
            root = std::make_unique<Node>();
            root->connectionId = saved.id;
        }
        root->saved = saved;
        root->name = saved.name;
        root->colourTag = saved.colourTag;
        root->transient = false;
        m_roots.push_back(std::move(root));
    }
    for (auto& node : previous) {
        if (node != nullptr && node->transient) {
            m_roots.push_back(std::move(node));
        }
    }
    endResetModel();
}

} // namespace busbar
