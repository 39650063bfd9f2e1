// NamespaceTreeModel: reading the lists from the admin client and merging them into the
// tree in batches.
#include "core/admin/AdminClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

#include <QHash>
#include <QScopeGuard>

#include <algorithm>

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;
const QString& kQueuesKey = kQueuesFolderKey;
const QString& kTopicsKey = kTopicsFolderKey;

} // namespace

namespace {

template <typename Description>
void fillEntity(auto& node, const AtomItem<Description>& item) {
    node->name = item.description.name.isEmpty() ? item.title : item.description.name;
    node->runtime = item.runtime;
    node->status = item.description.status;
}

} // namespace

template <typename Item, typename ToNode>
void NamespaceTreeModel::mergeWhenListed(const Node* root, quint64 ticket,
                                         const QFuture<Result<QList<Item>>>& listed,
                                         NodeKind parentKind, const QString& parentPath,
                                         ToNode toNode) {
    const QString id = root->connectionId;
    const int generation = root->generation;
    whenFinished(listed, this,
                 [this, id, generation, ticket, parentKind, parentPath,
                  toNode = std::move(toNode)](const Result<QList<Item>>& answer) {
                     if (!releaseListSlot(ticket)) {
                         return; // detached meanwhile
                     }
                     // The next list starts once this answer is merged or failed: a short list is
                     // inserted by then, so no more rows than the limit show as loading.
                     const auto next = qScopeGuard([this] { pumpLists(); });
                     Node* current = rootOf(id);
                     if (current == nullptr || current->generation != generation) {
                         return;
                     }
                     if (!answer) {
                         fail(id, parentKind, parentPath, answer.error());
                         return;
                     }
                     std::vector<std::unique_ptr<Node>> fresh;
                     fresh.reserve(static_cast<size_t>(answer->size()));
                     for (const Item& item : *answer) {
                         fresh.push_back(toNode(item));
                     }
                     merge(id, parentKind, parentPath, std::move(fresh));
                 });
}

void NamespaceTreeModel::listQueues(Node* root, quint64 ticket) {
    mergeWhenListed(root, ticket, root->session->admin()->listQueues(), NodeKind::QueuesFolder,
                    kQueuesKey, [](const AtomItem<QueueDescription>& item) {
                        auto node = std::make_unique<Node>();
                        node->kind = NodeKind::Queue;
                        fillEntity(node, item);
                        node->path = node->name;
                        node->requiresSession = item.description.requiresSession;
                        return node;
                    });
}

void NamespaceTreeModel::listTopics(Node* root, quint64 ticket) {
    mergeWhenListed(root, ticket, root->session->admin()->listTopics(), NodeKind::TopicsFolder,
                    kTopicsKey, [](const AtomItem<TopicDescription>& item) {
                        auto node = std::make_unique<Node>();
                        node->kind = NodeKind::Topic;
                        fillEntity(node, item);
                        node->path = node->name;
                        return node;
                    });
}

void NamespaceTreeModel::listSubscriptions(Node* topic, quint64 ticket) {
    const Node* root = topic->parent->parent;
    const QString topicPath = topic->path;
    mergeWhenListed(root, ticket, root->session->admin()->listSubscriptions(topic->name),
                    NodeKind::Topic, topicPath,
                    [topicPath](const AtomItem<SubscriptionDescription>& item) {
                        auto node = std::make_unique<Node>();
                        node->kind = NodeKind::Subscription;
                        fillEntity(node, item);
                        node->path = topicPath + QStringLiteral("/Subscriptions/") + node->name;
                        node->requiresSession = item.description.requiresSession;
                        return node;
                    });
}

void NamespaceTreeModel::listRules(Node* subscription, quint64 ticket) {
    const Node* topic = subscription->parent;
    const Node* root = topic->parent->parent;
    const QString path = subscription->path;
    mergeWhenListed(root, ticket,
                    root->session->admin()->listRules(topic->name, subscription->name),
                    NodeKind::Subscription, path, [path](const AtomItem<RuleDescription>& item) {
                        auto node = std::make_unique<Node>();
                        node->kind = NodeKind::Rule;
                        node->name = item.description.name;
                        node->path = path + QStringLiteral("/Rules/") + node->name;
                        node->ruleText = item.description.filterKind == FilterKind::Sql
                                             ? item.description.sqlExpression
                                         : item.description.filterKind == FilterKind::Correlation
                                             ? tr("correlation filter")
                                         : item.description.filterKind == FilterKind::True
                                             ? QStringLiteral("1=1")
                                             : QStringLiteral("1=0");
                        return node;
                    });
}

void NamespaceTreeModel::merge(const QString& connectionId, NodeKind parentKind,
                               const QString& parentPath,
                               std::vector<std::unique_ptr<Node>> fresh) {
    Node* parent = findEntity(connectionId, parentKind, parentPath);
    if (parent == nullptr) {
        endLoad(connectionId, parentKind, parentPath);
        return;
    }
    // A newer list replaces rows of an older one still waiting to be inserted.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->connectionId == connectionId && it->parentKind == parentKind &&
            it->parentPath == parentPath) {
            it = m_pending.erase(it);
            endLoad(connectionId, parentKind, parentPath);
        } else {
            ++it;
        }
    }
    QHash<QString, Node*> byPath;
    for (auto& node : fresh) {
        byPath.insert(node->path, node.get());
    }
    const QModelIndex parentIndex = indexOfNode(parent);
    for (int row = static_cast<int>(parent->children.size()) - 1; row >= 0; --row) {
        Node* existing = parent->children[static_cast<size_t>(row)].get();
        if (Node* update = byPath.value(existing->path); update != nullptr) {
            existing->runtime = update->runtime;
            existing->status = update->status;
            existing->ruleText = update->ruleText;
            existing->requiresSession = update->requiresSession;
            byPath.remove(existing->path);
            const QModelIndex changed = index(row, 0, parentIndex);
            Q_EMIT dataChanged(changed, changed);
        } else {
            beginRemoveRows(parentIndex, row, row);
            parent->children.erase(parent->children.begin() + row);
            endRemoveRows();
        }
    }
    Pending pending;
    pending.connectionId = connectionId;
    pending.parentKind = parentKind;
    pending.parentPath = parentPath;
    for (auto& node : fresh) {
        if (byPath.contains(node->path)) {
            pending.nodes.push_back(std::move(node));
        }
    }
    m_pending.push_back(std::move(pending));
    insertPending();
}

void NamespaceTreeModel::insertPending() {
    int budget = kBatchSize;
    while (!m_pending.empty() && budget > 0) {
        Pending& pending = m_pending.front();
        Node* parent = findEntity(pending.connectionId, pending.parentKind, pending.parentPath);
        const size_t left = pending.nodes.size() - pending.next;
        if (parent != nullptr && left > 0) {
            const auto count = std::min(left, static_cast<size_t>(budget));
            const int first = static_cast<int>(parent->children.size());
            beginInsertRows(indexOfNode(parent), first, first + static_cast<int>(count) - 1);
            for (size_t i = 0; i < count; ++i) {
                auto& node = pending.nodes[pending.next++];
                node->parent = parent;
                parent->children.push_back(std::move(node));
            }
            endInsertRows();
            budget -= static_cast<int>(count);
        }
        if (parent == nullptr || pending.next >= pending.nodes.size()) {
            const QString id = pending.connectionId;
            const NodeKind kind = pending.parentKind;
            const QString path = pending.parentPath;
            m_pending.erase(m_pending.begin());
            endLoad(id, kind, path);
        }
    }
    if (!m_pending.empty()) {
        m_batchTimer.start(); // the rest on the next turn: the window stays responsive
    }
}

void NamespaceTreeModel::countLoad(const Node* node) {
    while (node->parent != nullptr) {
        node = node->parent;
    }
    ++const_cast<Node*>(node)->outstanding;
}

void NamespaceTreeModel::markLoading(Node* node) {
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
    prefetchEnded(kind);
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

} // namespace busbar
