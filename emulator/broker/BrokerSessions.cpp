#include "emulator/broker/BrokerPrivate.h"

namespace busbar::emulator {

namespace {

Error sessionLockLostError(const QString& sessionId) {
    Error e = Error::make(
        ErrorCode::SessionLockLost,
        QStringLiteral("The lock on session '%1' was lost or is not held.").arg(sessionId));
    e.condition = QStringLiteral("com.microsoft:session-lock-lost");
    e.description = e.message;
    e.statusCode = 410;
    return e;
}

} // namespace

Result<QString> Broker::Private::lockSession(BrokerEntity& entity, MessageQueue& queue,
                                             const std::optional<QString>& sessionId,
                                             ConsumerId owner) {
    const qint64 t = now();
    QString chosen;
    if (sessionId && !sessionId->isNull()) {
        chosen = *sessionId;
        if (chosen.size() > 128) {
            return fail(error(ErrorCode::InvalidInput,
                              QStringLiteral("A session id is limited to 128 characters."),
                              QStringLiteral("com.microsoft:argument-out-of-range")));
        }
        auto it = queue.sessions().find(chosen);
        if (it != queue.sessions().end() && it->second.owner != 0 &&
            it->second.lockedUntilMs <= t) {
            // Expired, but its timer has not fired yet: let it go now rather than refuse.
            sessionLockExpired(queue, chosen);
            it = queue.sessions().find(chosen);
        }
        if (it != queue.sessions().end() && it->second.owner != 0) {
            return fail(
                error(ErrorCode::SessionCannotBeLocked,
                      QStringLiteral("The session '%1' is locked by another receiver.").arg(chosen),
                      QStringLiteral("com.microsoft:session-cannot-be-locked")));
        }
    } else {
        // Next available: the session with the oldest available message that nobody holds.
        qint64 oldest = kNeverMs;
        for (const auto& [id, slot] : queue.sessions()) {
            if (slot.owner == 0 && !slot.available.empty() && *slot.available.begin() < oldest) {
                oldest = *slot.available.begin();
                chosen = id;
            }
        }
        if (oldest == kNeverMs) {
            return fail(error(ErrorCode::Timeout,
                              QStringLiteral("No session is available in '%1'.").arg(entity.path),
                              QStringLiteral("com.microsoft:timeout")));
        }
    }
    SessionSlot& slot = queue.session(chosen);
    slot.owner = owner;
    slot.lockedUntilMs = t + entity.lockDurationMs();
    addDeadline(slot.lockedUntilMs, Deadline{Deadline::Kind::SessionLock, queue.id(), 0, chosen});
    return chosen;
}

void Broker::Private::releaseSession(MessageQueue& queue, const QString& sessionId,
                                     ConsumerId owner) {
    const auto it = queue.sessions().find(sessionId);
    if (it == queue.sessions().end() || it->second.owner != owner) {
        return;
    }
    it->second.owner = 0;
    it->second.lockedUntilMs = 0;
    queue.dropSessionIfEmpty(sessionId);
}

void Broker::Private::sessionLockExpired(MessageQueue& queue, const QString& sessionId) {
    const auto it = queue.sessions().find(sessionId);
    if (it == queue.sessions().end() || it->second.owner == 0 || it->second.lockedUntilMs > now()) {
        return; // renewed or released meanwhile
    }
    const ConsumerId owner = it->second.owner;
    Consumer* c = consumer(owner);
    if (c && c->entity) {
        c->sessionLost = true;
        // Its messages become available again; the attempt stays counted.
        const QSet<QUuid> locks = c->locks;
        for (const QUuid& token : locks) {
            if (QueuedMessage* entry = queue.findLocked(token)) {
                releaseLock(*c->entity, queue, *entry, false);
            }
        }
    }
    releaseSession(queue, sessionId, owner);
    if (c) {
        Q_EMIT q->sessionLockLost(owner);
    }
}

Result<SessionSlot*> Broker::Private::heldSession(const EntityAddress& address,
                                                  const QString& sessionId, MessageQueue** queueOut,
                                                  BrokerEntity** entityOut) const {
    BrokerEntity* entity = nullptr;
    auto queue = queueFor(address, &entity);
    if (!queue) {
        return fail(queue.error());
    }
    if (!(*queue)->isSessionful()) {
        return fail(
            error(ErrorCode::InvalidInput,
                  QStringLiteral("The entity '%1' does not use sessions.").arg(entity->path),
                  QStringLiteral("amqp:not-allowed")));
    }
    auto& sessions = (*queue)->sessions();
    const auto it = sessions.find(sessionId);
    if (it == sessions.end() || it->second.owner == 0 || it->second.lockedUntilMs < now()) {
        return fail(sessionLockLostError(sessionId));
    }
    if (queueOut) {
        *queueOut = *queue;
    }
    if (entityOut) {
        *entityOut = entity;
    }
    return &it->second;
}

Result<qint64> Broker::renewSessionLock(const EntityAddress& entity, const QString& sessionId) {
    MessageQueue* queue = nullptr;
    BrokerEntity* brokerEntity = nullptr;
    auto slot = d->heldSession(entity, sessionId, &queue, &brokerEntity);
    if (!slot) {
        return fail(slot.error());
    }
    const qint64 lockedUntil = Private::now() + brokerEntity->lockDurationMs();
    (*slot)->lockedUntilMs = lockedUntil;
    // Messages locked under the session follow the session's lock.
    if (Private::Consumer* c = d->consumer((*slot)->owner)) {
        for (const QUuid& token : std::as_const(c->locks)) {
            if (QueuedMessage* entry = queue->findLocked(token)) {
                queue->setLockedUntil(*entry, lockedUntil);
            }
        }
    }
    d->addDeadline(lockedUntil, Private::Deadline{Private::Deadline::Kind::SessionLock, queue->id(),
                                                  0, sessionId});
    return lockedUntil;
}

Result<QByteArray> Broker::sessionState(const EntityAddress& entity,
                                        const QString& sessionId) const {
    auto slot = d->heldSession(entity, sessionId);
    if (!slot) {
        return fail(slot.error());
    }
    return (*slot)->state;
}

void Broker::setSessionState(const EntityAddress& entity, const QString& sessionId,
                             const QByteArray& state, VoidCompletion done) {
    MessageQueue* queue = nullptr;
    auto slot = d->heldSession(entity, sessionId, &queue);
    if (!slot) {
        d->finish(done, fail(slot.error()));
        return;
    }
    (*slot)->state = state;
    (*slot)->lastUpdatedMs = Private::now();
    if (!d->recovering) {
        d->store->saveSessionState(queue->entityPath(), sessionId, state);
    }
    d->finishWhenDurable(done);
}

Result<QList<QString>> Broker::sessions(const EntityAddress& entity, qint64 updatedAfterMs,
                                        int skip, int top) const {
    // The SDKs send "now - 30 min" or similar; like the documentation's ListSessions we return
    // every session that has messages or state, whatever the bound.
    Q_UNUSED(updatedAfterMs);
    auto queue = d->queueFor(entity);
    if (!queue) {
        return fail(queue.error());
    }
    QList<QString> result;
    int index = 0;
    for (const auto& [id, slot] : (*queue)->sessions()) {
        if (slot.messageCount == 0 && slot.state.isEmpty()) {
            continue;
        }
        if (index++ < skip) {
            continue;
        }
        if (top >= 0 && result.size() >= top) {
            break;
        }
        result.append(id);
    }
    return result;
}

} // namespace busbar::emulator
