#include "emulator/broker/BrokerPrivate.h"

namespace busbar::emulator {

// --- deadlines: lock expiry, session lock expiry, scheduled activation ----------------------

void Broker::Private::addDeadline(qint64 atMs, Deadline deadline) {
    deadlines.emplace(atMs, std::move(deadline));
    if (deadlineTimerAt == 0 || atMs < deadlineTimerAt) {
        deadlineTimerAt = atMs;
        deadlineTimer.start(
            static_cast<int>(std::clamp<qint64>(atMs - now(), 0, 24LL * 3600 * 1000)));
    }
}

void Broker::Private::armLockCheck(MessageQueue& queue, qint64 atMs) {
    if (queue.lockCheckAtMs == 0 || atMs < queue.lockCheckAtMs) {
        queue.lockCheckAtMs = atMs;
        addDeadline(atMs, Deadline{Deadline::Kind::LockCheck, queue.id(), 0, {}});
    }
}

void Broker::Private::checkLocks(MessageQueue& queue) {
    queue.lockCheckAtMs = 0;
    const qint64 t = now();
    std::vector<qint64> expired;
    for (const auto& [lockedUntil, sequenceNumber] : queue.lockExpiries()) {
        if (lockedUntil > t) {
            break;
        }
        expired.push_back(sequenceNumber);
    }
    BrokerEntity* entity = expired.empty() ? nullptr : findEntity(queue.entityPath());
    for (const qint64 sequenceNumber : expired) {
        QueuedMessage* entry = queue.find(sequenceNumber);
        if (entity && entry && entry->isLocked()) {
            releaseLock(*entity, queue, *entry, false);
        }
    }
    if (!queue.lockExpiries().empty()) {
        armLockCheck(queue, queue.lockExpiries().begin()->first);
    }
}

void Broker::Private::onDeadlineTimer() {
    deadlineTimerAt = 0;
    const qint64 t = now();
    // Entries are validated when they fire: a renewed lock or a cancelled message leaves a stale
    // entry behind, which is cheaper than finding and removing it.
    while (!deadlines.empty() && deadlines.begin()->first <= t) {
        const Deadline deadline = deadlines.begin()->second;
        deadlines.erase(deadlines.begin());
        const auto queueIt = queuesById.find(deadline.queueId);
        if (queueIt == queuesById.end()) {
            continue;
        }
        MessageQueue& queue = *queueIt->second;
        switch (deadline.kind) {
        case Deadline::Kind::LockCheck:
            checkLocks(queue);
            break;
        case Deadline::Kind::SessionLock:
            sessionLockExpired(queue, deadline.sessionId);
            break;
        case Deadline::Kind::Scheduled:
            activateScheduled(queue, deadline.sequenceNumber);
            break;
        }
    }
    if (!deadlines.empty()) {
        const qint64 next = deadlines.begin()->first;
        deadlineTimerAt = next;
        deadlineTimer.start(
            static_cast<int>(std::clamp<qint64>(next - now(), 0, 24LL * 3600 * 1000)));
    }
}

void Broker::Private::sweepExpired() {
    const qint64 t = now();
    for (const auto& [key, entity] : entities) {
        MessageQueue& queue = *entity->main;
        if (queue.expiries().empty() || queue.expiries().begin()->first > t) {
            continue;
        }
        // Locked messages expire once their lock ends; the rest go now.
        std::vector<qint64> due;
        for (const auto& [expiresAt, sequenceNumber] : queue.expiries()) {
            if (expiresAt > t) {
                break;
            }
            const QueuedMessage* entry = queue.find(sequenceNumber);
            if (entry && !entry->isLocked()) {
                due.push_back(sequenceNumber);
            }
        }
        for (const qint64 sequenceNumber : due) {
            expire(*entity, queue, sequenceNumber);
        }
    }
}

// --- consumer notifications: one signal per event-loop turn -----------------------------------

void Broker::Private::notify(MessageQueue& queue, const QString& sessionId) {
    if (queue.consumers.empty()) {
        return;
    }
    if (queue.isSessionful()) {
        const auto it = queue.sessions().find(sessionId);
        if (it != queue.sessions().end() && it->second.owner != 0) {
            notifyConsumer(it->second.owner);
        }
        return;
    }
    // Rotating the order spreads messages fairly across competing receivers.
    const size_t count = queue.consumers.size();
    const size_t start = queue.roundRobin++ % count;
    for (size_t i = 0; i < count; ++i) {
        notifyConsumer(queue.consumers[(start + i) % count]);
    }
}

void Broker::Private::notifyConsumer(ConsumerId id) {
    if (pendingNotificationSet.contains(id)) {
        return;
    }
    pendingNotificationSet.insert(id);
    pendingNotifications.push_back(id);
    if (!notificationScheduled) {
        notificationScheduled = true;
        post([this] { flushNotifications(); });
    }
}

void Broker::Private::flushNotifications() {
    notificationScheduled = false;
    QList<ConsumerId> ids;
    ids.reserve(static_cast<qsizetype>(pendingNotifications.size()));
    for (const ConsumerId id : pendingNotifications) {
        if (pendingNotificationSet.contains(id)) {
            ids.append(id);
        }
    }
    pendingNotifications.clear();
    pendingNotificationSet.clear();
    if (!ids.isEmpty()) {
        Q_EMIT q->messagesAvailable(ids);
    }
}

// --- browsing and deleting ------------------------------------------------------------------

Result<QList<StoredMessage>> Broker::peek(const EntityAddress& entity, qint64 fromSequenceNumber,
                                          int maxCount,
                                          const std::optional<QString>& sessionId) const {
    QList<StoredMessage> result;
    auto seen = peekEach(entity, fromSequenceNumber, maxCount, sessionId,
                         [&result](const StoredMessage& stored) { result.append(stored); });
    if (!seen) {
        return fail(seen.error());
    }
    return result;
}

Result<int> Broker::peekEach(const EntityAddress& entity, qint64 fromSequenceNumber, int maxCount,
                             const std::optional<QString>& sessionId,
                             const PeekVisitor& visit) const {
    auto queue = d->queueFor(entity);
    if (!queue) {
        return fail(queue.error());
    }
    const MessageQueue& q = **queue;
    const qint64 t = Private::now();
    int seen = 0;
    const auto& messages = q.messages();
    for (auto it = messages.lower_bound(fromSequenceNumber);
         it != messages.end() && seen < maxCount; ++it) {
        const StoredMessage& stored = it->second.stored;
        if (sessionId && !sessionId->isEmpty() && stored.sessionId != *sessionId) {
            continue;
        }
        // Expired messages are invisible even before the sweep removes them.
        if (q.expires() && stored.state != MessageState::Scheduled && stored.expiresAtMs <= t &&
            !it->second.isLocked()) {
            continue;
        }
        visit(stored);
        ++seen;
    }
    return seen;
}

void Broker::batchDelete(const EntityAddress& entity, int maxCount, qint64 enqueuedBeforeMs,
                         const std::optional<QString>& sessionId, Completion<int> done) {
    auto queue = d->queueFor(entity);
    if (!queue) {
        d->finish(done, Result<int>(fail(queue.error())));
        return;
    }
    MessageQueue& q = **queue;
    std::vector<qint64> doomed;
    for (const auto& [sequenceNumber, entry] : q.messages()) {
        if (static_cast<int>(doomed.size()) >= maxCount) {
            break;
        }
        // Oldest first; locked and scheduled messages stay, deferred ones go (what a purge wants).
        if (entry.isLocked() || entry.stored.state == MessageState::Scheduled ||
            entry.stored.enqueuedTimeMs >= enqueuedBeforeMs) {
            continue;
        }
        if (sessionId && !sessionId->isEmpty() && entry.stored.sessionId != *sessionId) {
            continue;
        }
        doomed.push_back(sequenceNumber);
    }
    for (const qint64 sequenceNumber : doomed) {
        q.erase(sequenceNumber);
        d->persistRemove(q, sequenceNumber);
    }
    d->finishWhenDurable(done, static_cast<int>(doomed.size()));
}

} // namespace busbar::emulator
