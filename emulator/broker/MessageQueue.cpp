#include "emulator/broker/MessageQueue.h"

namespace busbar::emulator {

MessageQueue::MessageQueue(quint64 id, QString entityPath, SubQueue subQueue, bool sessionful,
                           bool expires)
    : m_id(id)
    , m_entityPath(std::move(entityPath))
    , m_subQueue(subQueue)
    , m_sessionful(sessionful)
    , m_expires(expires) {}

QueuedMessage& MessageQueue::insert(StoredMessage message) {
    const qint64 sequenceNumber = message.sequenceNumber;
    if (sequenceNumber >= m_nextSequence) {
        m_nextSequence = sequenceNumber + 1;
    }
    auto it = m_messages.find(sequenceNumber);
    if (it != m_messages.end()) {
        // Only recovery re-inserts a number; the old copy is replaced.
        QueuedMessage& old = it->second;
        unindex(old);
        if (old.isLocked()) {
            m_locks.remove(old.lockToken);
            m_lockExpiries.erase({old.lockedUntilMs, sequenceNumber});
        }
        count(old, -1);
        old = QueuedMessage(std::move(message));
    } else {
        // New numbers only grow, so the end is the right hint: no search, no temporary.
        it = m_messages.emplace_hint(m_messages.end(), std::piecewise_construct,
                                     std::forward_as_tuple(sequenceNumber),
                                     std::forward_as_tuple(std::move(message)));
    }
    QueuedMessage& entry = it->second;
    count(entry, +1);
    index(entry);
    return entry;
}

void MessageQueue::erase(qint64 sequenceNumber) {
    auto it = m_messages.find(sequenceNumber);
    if (it == m_messages.end()) {
        return;
    }
    QueuedMessage& entry = it->second;
    unindex(entry);
    if (entry.isLocked()) {
        m_locks.remove(entry.lockToken);
        m_lockExpiries.erase({entry.lockedUntilMs, sequenceNumber});
    }
    count(entry, -1);
    const QString sessionId = entry.stored.sessionId;
    m_messages.erase(it);
    if (m_sessionful) {
        dropSessionIfEmpty(sessionId);
    }
}

QueuedMessage* MessageQueue::find(qint64 sequenceNumber) {
    auto it = m_messages.find(sequenceNumber);
    return it == m_messages.end() ? nullptr : &it->second;
}

void MessageQueue::setState(QueuedMessage& entry, MessageState state) {
    unindex(entry);
    count(entry, -1);
    entry.stored.state = state;
    count(entry, +1);
    index(entry);
}

void MessageQueue::lock(QueuedMessage& entry, const QUuid& token, qint64 lockedUntilMs,
                        quint64 owner, bool expires) {
    unlock(entry);
    unindex(entry);
    entry.lockToken = token;
    entry.lockedUntilMs = lockedUntilMs;
    entry.lockOwner = owner;
    entry.lockExpires = expires;
    m_locks.insert(token, entry.stored.sequenceNumber);
    if (expires) {
        m_lockExpiries.emplace(lockedUntilMs, entry.stored.sequenceNumber);
    }
    index(entry);
}

void MessageQueue::unlock(QueuedMessage& entry) {
    if (!entry.isLocked()) {
        return;
    }
    unindex(entry);
    m_locks.remove(entry.lockToken);
    m_lockExpiries.erase({entry.lockedUntilMs, entry.stored.sequenceNumber});
    entry.lockToken = QUuid();
    entry.lockedUntilMs = 0;
    entry.lockOwner = 0;
    entry.lockExpires = false;
    index(entry);
}

void MessageQueue::setLockedUntil(QueuedMessage& entry, qint64 lockedUntilMs) {
    if (entry.lockExpires) {
        m_lockExpiries.erase({entry.lockedUntilMs, entry.stored.sequenceNumber});
        m_lockExpiries.emplace(lockedUntilMs, entry.stored.sequenceNumber);
    }
    entry.lockedUntilMs = lockedUntilMs;
}

QueuedMessage* MessageQueue::findLocked(const QUuid& token) {
    const auto it = m_locks.constFind(token);
    return it == m_locks.cend() ? nullptr : find(it.value());
}

void MessageQueue::setExpiry(QueuedMessage& entry, qint64 expiresAtMs) {
    unindex(entry);
    entry.stored.expiresAtMs = expiresAtMs;
    index(entry);
}

void MessageQueue::dropSessionIfEmpty(const QString& sessionId) {
    auto it = m_sessions.find(sessionId);
    if (it != m_sessions.end() && it->second.isEmpty()) {
        m_sessions.erase(it);
    }
}

std::set<qint64>* MessageQueue::availableSet(const QueuedMessage& entry) {
    if (!m_sessionful) {
        return &m_available;
    }
    return &m_sessions[entry.stored.sessionId].available;
}

void MessageQueue::index(QueuedMessage& entry) {
    const qint64 sequenceNumber = entry.stored.sequenceNumber;
    if (entry.stored.state == MessageState::Active && !entry.isLocked()) {
        availableSet(entry)->insert(sequenceNumber);
    }
    if (m_expires && entry.stored.state != MessageState::Scheduled &&
        entry.stored.expiresAtMs != kNeverMs) {
        m_expiries.emplace(entry.stored.expiresAtMs, sequenceNumber);
    }
}

void MessageQueue::unindex(QueuedMessage& entry) {
    const qint64 sequenceNumber = entry.stored.sequenceNumber;
    if (entry.stored.state == MessageState::Active && !entry.isLocked()) {
        availableSet(entry)->erase(sequenceNumber);
    }
    if (m_expires && entry.stored.expiresAtMs != kNeverMs) {
        m_expiries.erase({entry.stored.expiresAtMs, sequenceNumber});
    }
}

void MessageQueue::count(const QueuedMessage& entry, int delta) {
    switch (entry.stored.state) {
    case MessageState::Active:
        m_activeCount += delta;
        break;
    case MessageState::Deferred:
        m_deferredCount += delta;
        break;
    case MessageState::Scheduled:
        m_scheduledCount += delta;
        break;
    }
    m_sizeInBytes += delta * entry.stored.sizeInBytes;
    if (m_sessionful) {
        m_sessions[entry.stored.sessionId].messageCount += delta;
    }
}

} // namespace busbar::emulator
