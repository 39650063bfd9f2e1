#include "ui/explorer/NamespaceTreeModel.h"

#include "core/settings/Settings.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

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

void NamespaceTreeModel::startLoad(Node* node, bool urgent) {
    switch (node->kind) {
    case NodeKind::Namespace:
        for (const auto& folder : node->children) {
            requestList(folder.get(), urgent);
        }
        break;
    case NodeKind::Topic:
    case NodeKind::Subscription:
        requestList(node, urgent);
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
