#include "emulator/broker/BrokerPrivate.h"

namespace busbar::emulator {

namespace {

Error lockLostError() {
    Error e = Error::make(
        ErrorCode::LockLost,
        QStringLiteral("The lock supplied is invalid: it expired, or the message was already "
                       "settled or received by another receiver."));
    e.condition = QStringLiteral("com.microsoft:message-lock-lost");
    e.description = e.message;
    e.statusCode = 410;
    return e;
}

Error sessionLockLostError() {
    Error e = Error::make(
        ErrorCode::SessionLockLost,
        QStringLiteral("The session lock was lost: it expired or the session was closed."));
    e.condition = QStringLiteral("com.microsoft:session-lock-lost");
    e.description = e.message;
    e.statusCode = 410;
    return e;
}

QString propertyKey(const QVariant& key) {
    if (key.metaType() == QMetaType::fromType<AmqpSymbol>()) {
        return QString::fromUtf8(key.value<AmqpSymbol>().name);
    }
    return key.toString();
}

} // namespace

void Broker::Private::mergeProperties(StoredMessage& message, const AmqpMap& properties) {
    for (const auto& [key, value] : properties.entries) {
        const QString name = propertyKey(key);
        if (!name.isEmpty()) {
            message.message.setApplicationProperty(name, value);
            message.message.hasApplicationProperties = true;
        }
    }
}

void Broker::Private::forgetLock(const QueuedMessage& entry) {
    if (entry.isLocked() && entry.lockOwner != 0) {
        if (Consumer* c = consumer(entry.lockOwner)) {
            c->locks.remove(entry.lockToken);
        }
    }
}

void Broker::Private::releaseLock(BrokerEntity& entity, MessageQueue& queue, QueuedMessage& entry,
                                  bool rollBack) {
    forgetLock(entry);
    queue.unlock(entry);
    if (rollBack) {
        if (entry.stored.deliveryCount > 0) {
            entry.stored.deliveryCount -= 1;
        }
    } else if (queue.subQueue() == SubQueue::Main &&
               entry.stored.deliveryCount >= static_cast<quint32>(entity.maxDeliveryCount())) {
        deadLetter(entity, queue, entry.stored.sequenceNumber,
                   QStringLiteral("MaxDeliveryCountExceeded"),
                   QStringLiteral("Message could not be consumed after %1 delivery attempts.")
                       .arg(entity.maxDeliveryCount()),
                   {});
        return;
    }
    persistUpdate(queue, entry.stored);
    if (entry.stored.state == MessageState::Active) {
        notify(queue, entry.stored.sessionId);
    }
}

void Broker::Private::deadLetter(BrokerEntity& entity, MessageQueue& queue, qint64 sequenceNumber,
                                 const QString& reason, const QString& description,
                                 const AmqpMap& propertiesToModify) {
    QueuedMessage* entry = queue.find(sequenceNumber);
    if (!entry) {
        return;
    }
    Incoming message{entry->stored, {}};
    forgetLock(*entry);
    queue.erase(sequenceNumber);
    persistRemove(queue, sequenceNumber);
    mergeProperties(message.stored, propertiesToModify);
    message.stored.enqueueSequenceNumber = sequenceNumber;
    message.stored.state = MessageState::Active;

    const QString forwardTo = entity.forwardDeadLetteredMessagesTo();
    BrokerEntity* target = forwardTo.isEmpty() ? nullptr : findEntity(forwardTo);
    if (target && target->kind != BrokerEntity::Kind::Subscription && target->canSend()) {
        setDeadLetterProperties(message.stored, reason, description, entity.path);
        message.stored.enqueueSequenceNumber = 0;
        message.stored.enqueuedTimeMs = 0;
        message.encoded = encodeForStore(message.stored);
        route(*target, std::move(message), 1);
        return;
    }
    insertDeadLettered(entity, *entity.deadLetter, std::move(message), reason, description);
}

void Broker::Private::expire(BrokerEntity& entity, MessageQueue& queue, qint64 sequenceNumber) {
    if (entity.deadLetterOnExpiration()) {
        deadLetter(entity, queue, sequenceNumber, QStringLiteral("TTLExpiredException"),
                   QStringLiteral("The message expired and was dead lettered."), {});
        return;
    }
    if (const QueuedMessage* entry = queue.find(sequenceNumber)) {
        forgetLock(*entry);
        queue.erase(sequenceNumber);
        persistRemove(queue, sequenceNumber);
    }
}

VoidResult Broker::Private::applyDisposition(BrokerEntity& entity, MessageQueue& queue,
                                             QueuedMessage& entry, const Disposition& disposition) {
    const qint64 sequenceNumber = entry.stored.sequenceNumber;
    const bool modifies = !disposition.propertiesToModify.entries.isEmpty();
    switch (disposition.kind) {
    case Disposition::Kind::Complete:
        forgetLock(entry);
        queue.erase(sequenceNumber);
        persistRemove(queue, sequenceNumber);
        return {};
    case Disposition::Kind::Abandon:
        mergeProperties(entry.stored, disposition.propertiesToModify);
        releaseLock(entity, queue, entry, false);
        break;
    case Disposition::Kind::Defer:
        mergeProperties(entry.stored, disposition.propertiesToModify);
        forgetLock(entry);
        queue.unlock(entry);
        queue.setState(entry, MessageState::Deferred);
        persistUpdate(queue, entry.stored);
        break;
    case Disposition::Kind::DeadLetter:
        if (queue.subQueue() != SubQueue::Main) {
            return fail(error(
                ErrorCode::InvalidInput,
                QStringLiteral("A message in a dead-letter queue cannot be dead-lettered again."),
                QStringLiteral("amqp:not-allowed")));
        }
        deadLetter(entity, queue, sequenceNumber, disposition.deadLetterReason.value_or(QString()),
                   disposition.deadLetterDescription.value_or(QString()),
                   disposition.propertiesToModify);
        return {};
    case Disposition::Kind::Release:
        releaseLock(entity, queue, entry, true);
        break;
    }
    // The properties changed the message itself: rewrite it, if it is still here.
    if (modifies && store->isPersistent()) {
        if (const QueuedMessage* still = queue.find(sequenceNumber)) {
            persistInsert(queue, still->stored, still->stored.message.encode());
        }
    }
    return {};
}

void Broker::settle(ConsumerId id, const QUuid& lockToken, const Disposition& disposition,
                    VoidCompletion done) {
    Private::Consumer* c = d->consumer(id);
    if (!c || !c->queue) {
        d->finish(done, fail(lockLostError()));
        return;
    }
    if (c->sessionful && c->sessionLost) {
        d->finish(done, fail(sessionLockLostError()));
        return;
    }
    QueuedMessage* entry = c->queue->findLocked(lockToken);
    if (!entry || entry->lockOwner != id) {
        d->finish(done, fail(lockLostError()));
        return;
    }
    if (entry->lockExpires && entry->lockedUntilMs < Private::now()) {
        d->releaseLock(*c->entity, *c->queue, *entry, false);
        d->finish(done, fail(lockLostError()));
        return;
    }
    auto applied = d->applyDisposition(*c->entity, *c->queue, *entry, disposition);
    if (!applied) {
        d->finish(done, applied);
        return;
    }
    d->finishWhenDurable(done);
}

void Broker::updateDisposition(const EntityAddress& address, const QList<QUuid>& lockTokens,
                               const Disposition& disposition,
                               const std::optional<QString>& sessionId, VoidCompletion done) {
    BrokerEntity* entity = nullptr;
    auto queue = d->queueFor(address, &entity);
    if (!queue) {
        d->finish(done, fail(queue.error()));
        return;
    }
    MessageQueue& q = **queue;
    if (q.isSessionful() && sessionId && !sessionId->isEmpty()) {
        const auto slot = q.sessions().find(*sessionId);
        if (slot == q.sessions().end() || slot->second.owner == 0) {
            d->finish(done, fail(sessionLockLostError()));
            return;
        }
    }
    const qint64 t = Private::now();
    QList<qint64> sequenceNumbers;
    for (const QUuid& token : lockTokens) {
        const QueuedMessage* entry = q.findLocked(token);
        if (!entry || (entry->lockExpires && entry->lockedUntilMs < t)) {
            d->finish(done, fail(lockLostError()));
            return;
        }
        sequenceNumbers.append(entry->stored.sequenceNumber);
    }
    for (const qint64 sequenceNumber : sequenceNumbers) {
        QueuedMessage* entry = q.find(sequenceNumber);
        if (!entry) {
            continue;
        }
        auto applied = d->applyDisposition(*entity, q, *entry, disposition);
        if (!applied) {
            d->finish(done, applied);
            return;
        }
    }
    d->finishWhenDurable(done);
}

} // namespace busbar::emulator
