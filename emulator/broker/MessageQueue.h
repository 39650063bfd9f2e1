#pragma once

#include "emulator/broker/BrokerTypes.h"

#include <QHash>
#include <QString>
#include <QUuid>

#include <limits>
#include <map>
#include <set>
#include <vector>

namespace busbar::emulator {

inline constexpr qint64 kNeverMs = std::numeric_limits<qint64>::max();

// One message held by a queue, with its lock when it is locked.
struct QueuedMessage {
    QueuedMessage() = default;
    explicit QueuedMessage(StoredMessage message)
        : stored(std::move(message)) {}

    StoredMessage stored;
    QUuid lockToken; // null = not locked
    qint64 lockedUntilMs = 0;
    quint64 lockOwner = 0;    // consumer id; 0 = locked through management
    bool lockExpires = false; // false for session messages: the session lock governs them
    [[nodiscard]] bool isLocked() const { return !lockToken.isNull(); }
};

// The messages of one session inside a session-enabled queue, and the session's lock.
struct SessionSlot {
    std::set<qint64> available; // active, unlocked
    int messageCount = 0;       // every state
    QByteArray state;
    quint64 owner = 0; // consumer holding the session lock; 0 = unlocked
    qint64 lockedUntilMs = 0;
    qint64 lastUpdatedMs = 0;
    [[nodiscard]] bool isEmpty() const {
        return messageCount == 0 && state.isEmpty() && owner == 0;
    }
};

// The message store of one (entity, sub-queue): ordered by sequence number, with indexes that
// make every per-message operation O(log n): available messages (per session for session
// entities), lock tokens, and expiry times. Counts are kept as the messages change so runtime
// info never scans.
class MessageQueue {
public:
    MessageQueue(quint64 id, QString entityPath, SubQueue subQueue, bool sessionful, bool expires);

    [[nodiscard]] quint64 id() const { return m_id; }
    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    [[nodiscard]] SubQueue subQueue() const { return m_subQueue; }
    [[nodiscard]] bool isSessionful() const { return m_sessionful; }
    // Whether TTL applies here (dead-letter queues keep their messages).
    [[nodiscard]] bool expires() const { return m_expires; }

    // Sequence numbers: never reused; reservations are persisted in blocks.
    qint64 takeSequenceNumber() { return m_nextSequence++; }
    [[nodiscard]] qint64 nextSequenceNumber() const { return m_nextSequence; }
    void setNextSequenceNumber(qint64 next) { m_nextSequence = next; }
    qint64 reservedUpTo = 0;

    QueuedMessage& insert(StoredMessage message);
    void erase(qint64 sequenceNumber);
    [[nodiscard]] QueuedMessage* find(qint64 sequenceNumber);
    [[nodiscard]] const std::map<qint64, QueuedMessage>& messages() const { return m_messages; }

    void setState(QueuedMessage& entry, MessageState state);
    // `expires`: the lock has its own expiry (in lockExpiries()); session messages locked by
    // their session's receiver have none.
    void lock(QueuedMessage& entry, const QUuid& token, qint64 lockedUntilMs, quint64 owner,
              bool expires);
    void unlock(QueuedMessage& entry);
    void setLockedUntil(QueuedMessage& entry, qint64 lockedUntilMs);
    // (lockedUntilMs, sequenceNumber) of every lock with its own expiry, soonest first.
    [[nodiscard]] const std::set<std::pair<qint64, qint64>>& lockExpiries() const {
        return m_lockExpiries;
    }
    // When the broker's timer will next look at this queue's locks; 0 = not armed.
    qint64 lockCheckAtMs = 0;
    [[nodiscard]] QueuedMessage* findLocked(const QUuid& token);
    // Re-indexes after the expiry time or session of a message changed.
    void setExpiry(QueuedMessage& entry, qint64 expiresAtMs);

    // Available (active, unlocked) sequence numbers, oldest first.
    [[nodiscard]] const std::set<qint64>& available() const { return m_available; }
    [[nodiscard]] const std::set<std::pair<qint64, qint64>>& expiries() const { return m_expiries; }

    [[nodiscard]] std::map<QString, SessionSlot>& sessions() { return m_sessions; }
    [[nodiscard]] const std::map<QString, SessionSlot>& sessions() const { return m_sessions; }
    SessionSlot& session(const QString& sessionId) { return m_sessions[sessionId]; }
    void dropSessionIfEmpty(const QString& sessionId);

    [[nodiscard]] qint64 activeCount() const { return m_activeCount; }
    [[nodiscard]] qint64 deferredCount() const { return m_deferredCount; }
    [[nodiscard]] qint64 scheduledCount() const { return m_scheduledCount; }
    [[nodiscard]] qint64 totalCount() const { return static_cast<qint64>(m_messages.size()); }
    [[nodiscard]] qint64 sizeInBytes() const { return m_sizeInBytes; }

    std::vector<quint64> consumers; // attached consumer ids, in attach order
    size_t roundRobin = 0;

private:
    void index(QueuedMessage& entry);
    void unindex(QueuedMessage& entry);
    void count(const QueuedMessage& entry, int delta);
    std::set<qint64>* availableSet(const QueuedMessage& entry);

    quint64 m_id;
    QString m_entityPath;
    SubQueue m_subQueue;
    bool m_sessionful;
    bool m_expires;
    qint64 m_nextSequence = 1;
    std::map<qint64, QueuedMessage> m_messages;
    std::set<qint64> m_available;
    std::map<QString, SessionSlot> m_sessions;
    std::set<std::pair<qint64, qint64>> m_expiries; // (expiresAtMs, sequenceNumber)
    QHash<QUuid, qint64> m_locks;
    std::set<std::pair<qint64, qint64>> m_lockExpiries;
    qint64 m_activeCount = 0;
    qint64 m_deferredCount = 0;
    qint64 m_scheduledCount = 0;
    qint64 m_sizeInBytes = 0;
};

} // namespace busbar::emulator
