// NamespaceTreeModel: entities opened by path ("Open entity…"), shown without the admin list.
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

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
    if (Node* shown = findEntity(connectionId, kind, path); shown != nullptr) {
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
        Node* folder = findEntity(connectionId, NodeKind::QueuesFolder, {});
        return folder != nullptr ? indexOfNode(add(folder, NodeKind::Queue, path, path))
                                 : QModelIndex();
    }
    Node* topic = findEntity(connectionId, NodeKind::Topic, topicName);
    if (topic == nullptr) {
        Node* folder = findEntity(connectionId, NodeKind::TopicsFolder, {});
        if (folder == nullptr) {
            return {};
        }
        topic = add(folder, NodeKind::Topic, topicName, topicName);
    }
    return indexOfNode(add(topic, NodeKind::Subscription, subscriptionName, path));
}

} // namespace busbar
