// NamespaceTreeModel: entities opened by path ("Open entity…"), shown without the admin list.
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

// Entity names are case-insensitive in Service Bus: a path typed in another case is the
// listed entity, not a second one.
template <typename NodeT>
NodeT* childNamed(NodeT* parent, NodeKind kind, const QString& path) {
    if (parent == nullptr) {
        return nullptr;
    }
    for (const auto& node : parent->children) {
        if (node->kind == kind && node->path.compare(path, Qt::CaseInsensitive) == 0) {
            return node.get();
        }
    }
    return nullptr;
}

} // namespace

QModelIndex NamespaceTreeModel::addEntityByPath(const QString& connectionId,
                                                const QString& entityPath) {
    Node* root = rootOf(connectionId);
    if (root == nullptr || root->session == nullptr || entityPath.isEmpty()) {
        return {};
    }
    const bool isSubscription = isSubscriptionPath(entityPath);
    const QString topicName = entityPath.section(QLatin1Char('/'), 0, 0);
    const QString subscriptionName = entityPath.section(QLatin1Char('/'), 2, 2);
    // The spelling the tree and the admin list use, whatever case was typed.
    const QString path =
        isSubscription ? subscriptionEntityPath(topicName, subscriptionName) : entityPath;
    const NodeKind kind = isSubscription ? NodeKind::Subscription : NodeKind::Queue;
    if (!root->fetched) {
        fetchMore(indexOfNode(root)); // the folders (and a scoped namespace's own entity)
    }
    // Rows of a list that arrived but wait for their batch go in first, so the entity is
    // found among them instead of being added beside them.
    while (!m_pending.empty()) {
        insertPending();
    }
    Node* queues = findEntity(connectionId, NodeKind::QueuesFolder, {});
    Node* topics = findEntity(connectionId, NodeKind::TopicsFolder, {});
    Node* topic = childNamed(topics, NodeKind::Topic, topicName);
    if (Node* shown =
            isSubscription ? childNamed(topic, kind, path) : childNamed(queues, kind, path);
        shown != nullptr) {
        return indexOfNode(shown);
    }
    const auto add = [this](Node* parent, NodeKind childKind, const QString& name,
                            const QString& childPath) {
        auto node = std::make_unique<Node>();
        node->kind = childKind;
        node->name = name;
        node->path = childPath;
        node->parent = parent;
        node->fetched = true; // nothing under it can be listed without Manage
        node->countsUnknown = true;
        Node* added = node.get();
        const int row = static_cast<int>(parent->children.size());
        beginInsertRows(indexOfNode(parent), row, row);
        parent->children.push_back(std::move(node));
        endInsertRows();
        return added;
    };
    if (!isSubscription) {
        return queues != nullptr ? indexOfNode(add(queues, NodeKind::Queue, path, path))
                                 : QModelIndex();
    }
    if (topic == nullptr) {
        if (topics == nullptr) {
            return {};
        }
        topic = add(topics, NodeKind::Topic, topicName, topicName);
        // Unless the key is known to lack Manage, the topic's own list may still come (when
        // the topics list has it): the subscription added here is then merged with its row
        // there (by path), and the topic's other subscriptions show too.
        topic->fetched = root->adminDenied;
    }
    return indexOfNode(add(topic, NodeKind::Subscription, subscriptionName, path));
}

} // namespace busbar
