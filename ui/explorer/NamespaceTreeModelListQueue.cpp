// NamespaceTreeModel: the one queue every admin list call waits in, at most kMaxListsInFlight
// read at once, and the background reading of the subscriptions of topics nobody expanded,
// so the filter box can find subscriptions without the user opening every topic.
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

#include <algorithm>

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

template <typename Request>
bool sameList(const Request& request, const QString& connectionId, NodeKind kind,
              const QString& path) {
    return request.kind == kind && request.path == path && request.connectionId == connectionId;
}

} // namespace

NamespaceTreeModel::ListCallStats NamespaceTreeModel::listCallStats() const {
    return m_listStats;
}

void NamespaceTreeModel::resetListCallStats() {
    m_listStats = {};
    m_listStats.inFlight = static_cast<int>(m_listsActive.size());
    m_listStats.peak = m_listStats.inFlight;
}

void NamespaceTreeModel::requestList(Node* node, bool urgent) {
    const Node* root = node;
    while (root->parent != nullptr) {
        root = root->parent;
    }
    if (root->session == nullptr) {
        return;
    }
    const QString& id = root->connectionId;
    const auto queued =
        std::find_if(m_listQueue.begin(), m_listQueue.end(), [&](const ListRequest& request) {
            return sameList(request, id, node->kind, node->path);
        });
    if (queued != m_listQueue.end()) {
        // Already waiting: one read answers both. A background read asked for by the user or
        // a refresh now counts towards loadingFinished.
        if (!queued->counted) {
            queued->counted = true;
            node->fetched = true;
            countLoad(node);
        }
        if (urgent && queued != m_listQueue.begin()) {
            ListRequest request = std::move(*queued);
            m_listQueue.erase(queued);
            m_listQueue.push_front(std::move(request));
        }
        return;
    }
    countLoad(node);
    ListRequest request{id, node->kind, node->path, true};
    if (urgent) {
        m_listQueue.push_front(std::move(request));
    } else {
        m_listQueue.push_back(std::move(request));
    }
    pumpLists();
}

void NamespaceTreeModel::pumpLists() {
    while (static_cast<int>(m_listsActive.size()) < kMaxListsInFlight && !m_listQueue.empty()) {
        const ListRequest request = std::move(m_listQueue.front());
        m_listQueue.pop_front();
        Node* node = findEntity(request.connectionId, request.kind, request.path);
        if (!request.counted) {
            if (node == nullptr || node->fetched) {
                continue; // gone since, or the user expanded it meanwhile
            }
            // As if expanded: a later expand does not list it again, and refresh re-reads it.
            node->fetched = true;
            countLoad(node);
        }
        const Node* root = rootOf(request.connectionId);
        if (node == nullptr || root == nullptr || root->session == nullptr) {
            // Gone since it was queued (a refresh dropped it): its count ends here.
            endLoad(request.connectionId, request.kind, request.path);
            continue;
        }
        startList(node);
    }
}

void NamespaceTreeModel::startList(Node* node) {
    Node* root = node;
    while (root->parent != nullptr) {
        root = root->parent;
    }
    const quint64 ticket = takeListSlot(root->connectionId);
    markLoading(node);
    switch (node->kind) {
    case NodeKind::QueuesFolder:
        listQueues(root, ticket);
        break;
    case NodeKind::TopicsFolder:
        listTopics(root, ticket);
        break;
    case NodeKind::Topic:
        listSubscriptions(node, ticket);
        break;
    case NodeKind::Subscription:
        listRules(node, ticket);
        break;
    default:
        releaseListSlot(ticket);
        break;
    }
}

quint64 NamespaceTreeModel::takeListSlot(const QString& connectionId) {
    const quint64 ticket = ++m_nextTicket;
    m_listsActive.insert(ticket, connectionId);
    m_listStats.inFlight = static_cast<int>(m_listsActive.size());
    m_listStats.peak = std::max(m_listStats.peak, m_listStats.inFlight);
    ++m_listStats.started;
    return ticket;
}

bool NamespaceTreeModel::releaseListSlot(quint64 ticket) {
    const bool active = m_listsActive.remove(ticket);
    m_listStats.inFlight = static_cast<int>(m_listsActive.size());
    return active;
}

void NamespaceTreeModel::dropLists(const QString& connectionId) {
    std::erase_if(m_listQueue,
                  [&connectionId](const ListRequest& r) { return r.connectionId == connectionId; });
    // Answers for the old session are ignored, so its lists never end: free their slots for
    // other namespaces.
    m_listsActive.removeIf([&connectionId](QHash<quint64, QString>::iterator entry) {
        return entry.value() == connectionId;
    });
    m_listStats.inFlight = static_cast<int>(m_listsActive.size());
    pumpLists();
}

void NamespaceTreeModel::loadAllSubscriptions() {
    m_prefetchOn = true;
    queueUnfetchedTopics();
    pumpLists();
}

void NamespaceTreeModel::stopLoadingAllSubscriptions() {
    // Lists already being read finish and are inserted; nothing new starts.
    m_prefetchOn = false;
    std::erase_if(m_listQueue, [](const ListRequest& request) { return !request.counted; });
}

void NamespaceTreeModel::queueUnfetchedTopics() {
    for (const auto& root : m_roots) {
        if (root->session == nullptr) {
            continue;
        }
        if (!root->fetched) {
            // The topics must be listed first; their end queues the subscriptions.
            fetchMore(indexOfNode(root.get()));
            continue;
        }
        for (const auto& folder : root->children) {
            if (folder->kind != NodeKind::TopicsFolder) {
                continue;
            }
            for (const auto& topic : folder->children) {
                if (topic->fetched || topic->loading ||
                    std::any_of(m_listQueue.begin(), m_listQueue.end(),
                                [&](const ListRequest& request) {
                                    return sameList(request, root->connectionId, NodeKind::Topic,
                                                    topic->path);
                                })) {
                    continue;
                }
                // Not counted until it starts: the namespace's loadingFinished is about what
                // the user asked for.
                m_listQueue.push_back({root->connectionId, NodeKind::Topic, topic->path, false});
            }
        }
    }
}

void NamespaceTreeModel::prefetchEnded(NodeKind kind) {
    if (kind == NodeKind::TopicsFolder && m_prefetchOn) {
        queueUnfetchedTopics(); // new topics arrived
        pumpLists();
    }
}

} // namespace busbar
