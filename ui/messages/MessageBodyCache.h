#pragma once

#include "core/servicebus/ServiceBusMessage.h"

#include <QHash>

#include <list>
#include <memory>
#include <optional>
#include <vector>

namespace busbar {

// The full messages (bodies and every property) a view saw most recently, within a byte
// budget: rows keep summaries only, so the inspector and full-text search look here first and
// re-peek by sequence number on a miss. Least recently used entries go first.
class MessageBodyCache final {
public:
    explicit MessageBodyCache(qint64 budgetBytes = 64LL * 1024 * 1024)
        : m_budget(budgetBytes) {}
    ~MessageBodyCache();
    MessageBodyCache(const MessageBodyCache&) = delete;
    MessageBodyCache& operator=(const MessageBodyCache&) = delete;

    void insert(const ServiceBusMessage& message);
    // Marks the entry as recently used.
    [[nodiscard]] std::optional<ServiceBusMessage> take(qint64 sequenceNumber);
    // Does not touch the recency order (for scans such as search).
    [[nodiscard]] const ServiceBusMessage* peek(qint64 sequenceNumber) const;
    void clear();
    // Every cached message, shared (not copied): for a worker thread's scan (search, SQL).
    // The messages are immutable; eviction only drops the cache's reference.
    [[nodiscard]] std::vector<std::shared_ptr<const ServiceBusMessage>> contents() const;

    [[nodiscard]] int count() const { return int(m_index.size()); }
    [[nodiscard]] qint64 bytesUsed() const { return m_used; }
    [[nodiscard]] qint64 budget() const { return m_budget; }
    void setBudget(qint64 bytes);

    // What one entry is charged against the budget.
    static qint64 costOf(const ServiceBusMessage& message);

private:
    struct Entry {
        std::shared_ptr<const ServiceBusMessage> message;
        qint64 cost = 0;
    };
    void evictToBudget();
    void releaseEvicted();

    std::list<Entry> m_entries; // most recent first
    QHash<qint64, std::list<Entry>::iterator> m_index;
    qint64 m_budget;
    qint64 m_used = 0;
    // Evicted messages waiting to be freed on a worker, a batch at a time (see evictToBudget).
    std::vector<std::shared_ptr<const ServiceBusMessage>> m_evicted;
};

} // namespace busbar
