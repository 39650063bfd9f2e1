#include "emulator/broker/BrokerPrivate.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace busbar::emulator {

namespace {

Error lockLost() {
    Error e = Error::make(
        ErrorCode::LockLost,
        QStringLiteral("The lock supplied is invalid: it expired, or the message was already "
                       "settled or received by another receiver."));
    e.condition = QStringLiteral("com.microsoft:message-lock-lost");
    e.description = e.message;
    e.statusCode = 410;
    return e;
}

// The token of a received-and-deleted message is only its delivery tag: nothing can settle
// it, so it needs to be unique, not unguessable. A version-4 uuid from the global generator
// spares the system generator's syscall per message.
QUuid deliveryTagToken() {
    std::array<quint32, 4> words{};
    QRandomGenerator::global()->fillRange(words.data(), qsizetype(words.size()));
    const quint16 version = quint16((words[1] & 0x0fffu) | 0x4000u);
    const quint8 variant = quint8(((words[2] >> 24) & 0x3fu) | 0x80u);
    return QUuid(words[0], quint16(words[1] >> 16), version, variant, quint8(words[2] >> 16),
                 quint8(words[2] >> 8), quint8(words[2]), quint8(words[3] >> 24),
                 quint8(words[3] >> 16), quint8(words[3] >> 8), quint8(words[3]));
}

// A message received and deleted: its entry is erased next, which reads only the broker's
// fields, so the AMQP message moves to the receiver instead of being copied and then freed.
LockedMessage takeForDelete(StoredMessage& stored) {
    AmqpMessage message = std::move(stored.message);
    LockedMessage taken{stored, deliveryTagToken(), 0};
    taken.message.message = std::move(message);
    return taken;
}

} // namespace

Broker::Private::Consumer* Broker::Private::consumer(ConsumerId id) {
    const auto it = consumers.find(id);
    return it == consumers.end() ? nullptr : &it->second;
}

LockedMessage Broker::Private::lockMessage(BrokerEntity& entity, MessageQueue& queue,
                                           QueuedMessage& entry, ConsumerId owner,
                                           qint64 lockedUntilMs) {
    Q_UNUSED(entity);
    entry.stored.deliveryCount += 1;
    const QUuid token = QUuid::createUuid();
    // Session messages locked by their session's receiver have no expiry of their own: the
    // session lock covers them. Management locks always expire.
    const bool expires = !queue.isSessionful() || owner == 0;
    queue.lock(entry, token, lockedUntilMs, owner, expires);
    if (owner != 0) {
        if (Consumer* c = consumer(owner)) {
            c->locks.insert(token);
        }
    }
    if (expires) {
        armLockCheck(queue, lockedUntilMs);
    }
    return LockedMessage{entry.stored, token, lockedUntilMs};
}

Result<Broker::ConsumerInfo> Broker::attachConsumer(const ConsumerOptions& options) {
    BrokerEntity* entity = nullptr;
    auto queue = d->queueFor(options.source, &entity);
    if (!queue) {
        return fail(queue.error());
    }
    if (options.source.isManagementNode || entity->kind == BrokerEntity::Kind::Topic) {
        return fail(Private::error(
            ErrorCode::InvalidInput,
            QStringLiteral("Messages cannot be received from '%1'.").arg(options.source.toString()),
            QStringLiteral("amqp:not-allowed")));
    }
    if (!entity->canReceive()) {
        return fail(
            Private::error(ErrorCode::EntityDisabled,
                           QStringLiteral("The messaging entity '%1' is disabled for receiving.")
                               .arg(entity->path),
                           QStringLiteral("com.microsoft:entity-disabled")));
    }
    const bool sessionful = (*queue)->isSessionful();
    if (sessionful != options.sessionFilter.has_value()) {
        return fail(Private::error(
            ErrorCode::InvalidInput,
            sessionful
                ? QStringLiteral("The entity '%1' requires sessions: accept a session to receive.")
                      .arg(entity->path)
                : QStringLiteral("The entity '%1' does not use sessions.").arg(entity->path),
            QStringLiteral("amqp:not-allowed")));
    }
    const ConsumerId id = d->nextConsumerId++;
    ConsumerInfo info;
    info.id = id;
    Private::Consumer c;
    c.id = id;
    c.entity = entity;
    c.queue = *queue;
    c.mode = options.mode;
    c.sessionful = sessionful;
    if (sessionful) {
        auto locked = d->lockSession(*entity, **queue, options.sessionFilter, id);
        if (!locked) {
            return fail(locked.error());
        }
        c.sessionId = *locked;
        info.lockedSessionId = *locked;
        info.sessionLockedUntilMs = (*queue)->session(*locked).lockedUntilMs;
    }
    d->consumers.emplace(id, std::move(c));
    (*queue)->consumers.push_back(id);
    d->notifyConsumer(id); // there may be messages waiting already
    return info;
}

void Broker::detachConsumer(ConsumerId id) {
    Private::Consumer* c = d->consumer(id);
    if (!c) {
        return;
    }
    if (c->queue && c->entity) {
        MessageQueue& queue = *c->queue;
        const QSet<QUuid> locks = c->locks;
        for (const QUuid& token : locks) {
            if (QueuedMessage* entry = queue.findLocked(token)) {
                d->releaseLock(*c->entity, queue, *entry, false);
            }
        }
        if (c->sessionful && !c->sessionLost) {
            d->releaseSession(queue, c->sessionId, id);
        }
        auto& list = queue.consumers;
        list.erase(std::remove(list.begin(), list.end(), id), list.end());
    }
    d->consumers.erase(id);
    d->pendingNotificationSet.remove(id);
}

QList<LockedMessage> Broker::receive(ConsumerId id, int maxCount) {
    QList<LockedMessage> result;
    Private::Consumer* c = d->consumer(id);
    if (!c || !c->queue || c->sessionLost || maxCount <= 0 || !c->entity->canReceive()) {
        return result;
    }
    BrokerEntity& entity = *c->entity;
    MessageQueue& queue = *c->queue;
    const std::set<qint64>* available =
        c->sessionful ? &queue.session(c->sessionId).available : &queue.available();
    const qint64 t = Private::now();
    const qint64 lockedUntil =
        c->sessionful ? queue.session(c->sessionId).lockedUntilMs : t + entity.lockDurationMs();
    const bool deleting = c->mode == ReceiveMode::ReceiveAndDelete;
    // Competing receivers share what is there: one call takes its share of the backlog and is
    // told to come back on the next turn, so a receiver with a large credit cannot starve the
    // others notified in the same turn.
    int limit = maxCount;
    const auto competitors = static_cast<qsizetype>(queue.consumers.size());
    if (!c->sessionful && competitors > 1) {
        const auto backlog = static_cast<qsizetype>(available->size());
        const qsizetype share = std::max<qsizetype>(1, (backlog + competitors - 1) / competitors);
        limit = static_cast<int>(std::min<qsizetype>(maxCount, share));
    }
    while (result.size() < limit && !available->empty()) {
        const qint64 sequenceNumber = *available->begin();
        QueuedMessage* entry = queue.find(sequenceNumber);
        if (queue.expires() && entry->stored.expiresAtMs <= t) {
            d->expire(entity, queue, sequenceNumber);
            continue;
        }
        if (deleting) {
            entry->stored.deliveryCount += 1;
            result.append(takeForDelete(entry->stored));
            queue.erase(sequenceNumber);
            d->persistRemove(queue, sequenceNumber);
        } else {
            result.append(d->lockMessage(entity, queue, *entry, id, lockedUntil));
        }
    }
    if (!result.isEmpty()) {
        entity.accessedAt = QDateTime::currentDateTimeUtc();
    }
    if (limit < maxCount && !available->empty()) {
        d->notify(queue, {});
    }
    return result;
}

Result<QList<qint64>> Broker::renewLocks(const EntityAddress& address,
                                         const QList<QUuid>& lockTokens) {
    BrokerEntity* entity = nullptr;
    auto queue = d->queueFor(address, &entity);
    if (!queue) {
        return fail(queue.error());
    }
    const qint64 t = Private::now();
    QList<QueuedMessage*> entries;
    for (const QUuid& token : lockTokens) {
        QueuedMessage* entry = (*queue)->findLocked(token);
        if (!entry || entry->lockedUntilMs < t) {
            return fail(lockLost());
        }
        entries.append(entry);
    }
    QList<qint64> lockedUntil;
    for (QueuedMessage* entry : entries) {
        if (!entry->lockExpires) {
            lockedUntil.append(entry->lockedUntilMs); // the session lock governs
            continue;
        }
        (*queue)->setLockedUntil(*entry, t + entity->lockDurationMs());
        lockedUntil.append(entry->lockedUntilMs);
    }
    return lockedUntil;
}

void Broker::receiveBySequenceNumbers(const EntityAddress& address,
                                      const QList<qint64>& sequenceNumbers, ReceiveMode mode,
                                      const std::optional<QString>& sessionId,
                                      Completion<QList<LockedMessage>> done) {
    BrokerEntity* entity = nullptr;
    auto queue = d->queueFor(address, &entity);
    if (!queue) {
        d->finish(done, Result<QList<LockedMessage>>(fail(queue.error())));
        return;
    }
    MessageQueue& q = **queue;
    QList<QueuedMessage*> entries;
    for (const qint64 sequenceNumber : sequenceNumbers) {
        QueuedMessage* entry = q.find(sequenceNumber);
        const bool ok =
            entry && entry->stored.state == MessageState::Deferred && !entry->isLocked() &&
            (!sessionId || sessionId->isEmpty() || entry->stored.sessionId == *sessionId);
        if (!ok) {
            d->finish(
                done,
                Result<QList<LockedMessage>>(fail(Private::error(
                    ErrorCode::MessageNotFound,
                    QStringLiteral("No deferred message with sequence number %1 exists in '%2'.")
                        .arg(sequenceNumber)
                        .arg(entity->path),
                    QStringLiteral("com.microsoft:message-not-found")))));
            return;
        }
        entries.append(entry);
    }
    const qint64 t = Private::now();
    QList<LockedMessage> result;
    for (QueuedMessage* entry : entries) {
        if (mode == ReceiveMode::ReceiveAndDelete) {
            entry->stored.deliveryCount += 1;
            result.append(takeForDelete(entry->stored));
            const qint64 sequenceNumber = entry->stored.sequenceNumber;
            q.erase(sequenceNumber);
            d->persistRemove(q, sequenceNumber);
            continue;
        }
        qint64 lockedUntil = t + entity->lockDurationMs();
        if (q.isSessionful()) {
            const auto slot = q.sessions().find(entry->stored.sessionId);
            if (slot != q.sessions().end() && slot->second.owner != 0) {
                lockedUntil = slot->second.lockedUntilMs;
            }
        }
        result.append(d->lockMessage(*entity, q, *entry, 0, lockedUntil));
    }
    d->finishWhenDurable(done, result);
}

} // namespace busbar::emulator
