// NamespaceTreeModel: namespaces coming and going (a session attached or detached), an
// entity-scoped connection's single entity, and refreshing what has been loaded.
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

} // namespace

bool NamespaceTreeModel::isScoped(const Node* root) {
    // One read of the guard: a second could find it cleared.
    const NamespaceSession* session = root->session.data();
    return session != nullptr && !session->entityPath().isEmpty();
}

void NamespaceTreeModel::addScopedEntity(Node* root) {
    const NamespaceSession* session = root->session.data();
    if (session == nullptr) {
        return;
    }
    const QString path = session->entityPath();
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
                              isSubscription ? kTopicsFolderKey : kQueuesFolderKey);
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
    ++root->generation;
    root->outstanding = 0;
    dropLists(connectionId); // the freed slots go to other namespaces
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
        // Behind what the user expands, in the shared queue: after a filter read every topic,
        // this is one list per topic and per opened subscription.
        startLoad(root.get(), false);
        for (const auto& folder : root->children) {
            for (const auto& topic : folder->children) {
                if (topic->kind != NodeKind::Topic || !topic->fetched) {
                    continue;
                }
                requestList(topic.get(), false);
                for (const auto& subscription : topic->children) {
                    if (subscription->fetched) {
                        requestList(subscription.get(), false);
                    }
                }
            }
        }
    }
}

} // namespace busbar
