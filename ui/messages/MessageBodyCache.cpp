#include "ui/messages/MessageBodyCache.h"

#include <QThreadPool>

#include <utility>

namespace busbar {

qint64 MessageBodyCache::costOf(const ServiceBusMessage& message) {
    // Body and footer bytes plus a flat charge for the rest of a decoded message (properties,
    // annotations, application properties as QVariants, list and hash nodes): measured with
    // bench_messages_view, a peeked 1 KB message held about 4 KB, so 3 KB of overhead. An
    // honest charge keeps the budget (64 MB by default) what the cache really holds.
    constexpr qint64 kOverhead = 3 * 1024;
    return message.amqp.bodyBytes.size() + message.amqp.footerBytes.size() + kOverhead;
}

void MessageBodyCache::insert(const ServiceBusMessage& message) {
    const qint64 seq = message.sequenceNumber;
    if (auto found = m_index.find(seq); found != m_index.end()) {
        m_used -= found.value()->cost;
        m_entries.erase(found.value());
        m_index.erase(found);
    }
    const qint64 cost = costOf(message);
    if (cost > m_budget) {
        return; // would evict everything else and still not fit
    }
    m_entries.push_front(Entry{std::make_shared<const ServiceBusMessage>(message), cost});
    m_index.insert(seq, m_entries.begin());
    m_used += cost;
    evictToBudget();
}

std::optional<ServiceBusMessage> MessageBodyCache::take(qint64 sequenceNumber) {
    const auto found = m_index.find(sequenceNumber);
    if (found == m_index.end()) {
        return std::nullopt;
    }
    m_entries.splice(m_entries.begin(), m_entries, found.value());
    return *m_entries.front().message;
}

const ServiceBusMessage* MessageBodyCache::peek(qint64 sequenceNumber) const {
    const auto found = m_index.constFind(sequenceNumber);
    return found == m_index.constEnd() ? nullptr : found.value()->message.get();
}

std::vector<std::shared_ptr<const ServiceBusMessage>> MessageBodyCache::contents() const {
    std::vector<std::shared_ptr<const ServiceBusMessage>> out;
    out.reserve(m_entries.size());
    for (const Entry& entry : m_entries) {
        out.push_back(entry.message);
    }
    return out;
}

void MessageBodyCache::clear() {
    for (Entry& entry : m_entries) {
        m_evicted.push_back(std::move(entry.message));
    }
    m_entries.clear();
    m_index.clear();
    m_used = 0;
    releaseEvicted();
}

void MessageBodyCache::setBudget(qint64 bytes) {
    m_budget = bytes;
    evictToBudget();
}

void MessageBodyCache::evictToBudget() {
    while (m_used > m_budget && !m_entries.empty()) {
        m_used -= m_entries.back().cost;
        m_index.remove(m_entries.back().message->sequenceNumber);
        m_evicted.push_back(std::move(m_entries.back().message));
        m_entries.pop_back();
    }
    // Freeing a decoded message is dozens of small frees, and a load-all page evicts a
    // thousand: they are let go on a worker, a batch at a time, not on the GUI thread.
    constexpr size_t kReleaseBatch = 256;
    if (m_evicted.size() >= kReleaseBatch) {
        releaseEvicted();
    }
}

void MessageBodyCache::releaseEvicted() {
    if (m_evicted.empty()) {
        return;
    }
    QThreadPool* pool = QThreadPool::globalInstance();
    if (!pool) {
        m_evicted.clear(); // the application is going away
        return;
    }
    pool->start([evicted = std::exchange(m_evicted, {})]() mutable { evicted.clear(); });
}

MessageBodyCache::~MessageBodyCache() {
    releaseEvicted();
    m_index.clear();
    for (Entry& entry : m_entries) {
        m_evicted.push_back(std::move(entry.message));
    }
    m_entries.clear();
    releaseEvicted();
}

} // namespace busbar
