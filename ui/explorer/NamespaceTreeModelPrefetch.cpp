// NamespaceTreeModel: reading the subscription lists of topics nobody expanded, a few at a
// time, so the filter box can find subscriptions without the user opening every topic.
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

namespace busbar {

namespace {

QString prefetchKey(const QString& connectionId, const QString& topic) {
    return connectionId + QLatin1Char('|') + topic;
}

} // namespace

void NamespaceTreeModel::loadAllSubscriptions() {
    m_prefetchOn = true;
    queueUnfetchedTopics();
    pumpPrefetch();
}

void NamespaceTreeModel::stopLoadingAllSubscriptions() {
    // Lists already being read finish and are inserted; nothing new starts.
    m_prefetchOn = false;
    m_prefetchQueue.clear();
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
                const QString key = prefetchKey(root->connectionId, topic->path);
                if (!topic->fetched && !topic->loading && !m_prefetchActive.contains(key) &&
                    !m_prefetchQueue.contains(key)) {
                    m_prefetchQueue.append(key);
                }
            }
        }
    }
}

void NamespaceTreeModel::pumpPrefetch() {
    while (m_prefetchOn && m_prefetchActive.size() < kPrefetchLists && !m_prefetchQueue.isEmpty()) {
        const QString key = m_prefetchQueue.takeFirst();
        const QString id = key.section(QLatin1Char('|'), 0, 0);
        const QString path = key.section(QLatin1Char('|'), 1);
        Node* topic = findEntity(id, NodeKind::Topic, path);
        if (topic == nullptr || topic->fetched) {
            continue; // gone since, or the user expanded it meanwhile
        }
        // As if expanded: a later expand does not list it again, and refresh re-reads it.
        topic->fetched = true;
        m_prefetchActive.insert(key);
        listSubscriptions(topic);
        if (!topic->loading) {
            m_prefetchActive.remove(key); // no session: nothing was started
        }
    }
}

void NamespaceTreeModel::prefetchEnded(const QString& connectionId, NodeKind kind,
                                       const QString& path) {
    if (kind == NodeKind::Topic) {
        if (!m_prefetchActive.remove(prefetchKey(connectionId, path))) {
            return;
        }
    } else if (kind != NodeKind::TopicsFolder || !m_prefetchOn) {
        return;
    } else {
        queueUnfetchedTopics(); // new topics arrived
    }
    pumpPrefetch();
}

} // namespace busbar
