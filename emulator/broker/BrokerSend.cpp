#include "emulator/broker/BrokerPrivate.h"

#include <QLoggingCategory>

namespace busbar::emulator {

namespace {

constexpr int kMaxIdLength = 128;

qint64 scheduledTimeOf(const AmqpMessage& message) {
    // pyamqp re-sends enqueue times as longs (ms), so accept both.
    const QVariant value = message.annotation(QByteArrayLiteral("x-opt-scheduled-enqueue-time"));
    if (!value.isValid()) {
        return 0;
    }
    if (value.metaType().id() == QMetaType::QDateTime) {
        return value.toDateTime().toMSecsSinceEpoch();
    }
    bool ok = false;
    const qint64 ms = value.toLongLong(&ok);
    return ok ? ms : 0;
}

} // namespace

Result<Broker::Private::Incoming> Broker::Private::prepare(const BrokerEntity& target,
                                                           AmqpMessage message) const {
    message.deliveryAnnotations = AmqpMap{};
    Incoming in;
    StoredMessage& stored = in.stored;
    if (message.properties.messageId.isValid()) {
        stored.messageIdText = amqpIdToText(message.properties.messageId);
    }
    stored.sessionId = message.properties.groupId;
    if (stored.messageIdText.size() > kMaxIdLength) {
        return fail(error(ErrorCode::InvalidInput,
                          QStringLiteral("A message id is limited to 128 characters."),
                          QStringLiteral("com.microsoft:argument-out-of-range")));
    }
    if (stored.sessionId.size() > kMaxIdLength) {
        return fail(error(ErrorCode::InvalidInput,
                          QStringLiteral("A session id is limited to 128 characters."),
                          QStringLiteral("com.microsoft:argument-out-of-range")));
    }
    if (target.kind == BrokerEntity::Kind::Queue && target.requiresSession() &&
        stored.sessionId.isEmpty()) {
        return fail(error(
            ErrorCode::InvalidInput,
            QStringLiteral("The entity '%1' requires sessions: the message must have a session id.")
                .arg(target.path),
            QStringLiteral("amqp:not-allowed")));
    }
    stored.scheduledEnqueueTimeMs = scheduledTimeOf(message);
    stored.message = std::move(message);
    // Encoding gives the exact size; the store keeps the same bytes.
    const QByteArray encoded = stored.message.encode();
    stored.sizeInBytes = encoded.size();
    if (stored.sizeInBytes > target.maxMessageSizeBytes()) {
        return fail(
            error(ErrorCode::MessageTooLarge,
                  QStringLiteral("The message (%1 bytes) exceeds the limit of %2 bytes of '%3'.")
                      .arg(stored.sizeInBytes)
                      .arg(target.maxMessageSizeBytes())
                      .arg(target.path),
                  QStringLiteral("amqp:link:message-size-exceeded")));
    }
    if (store->isPersistent()) {
        in.encoded = encoded;
    }
    return in;
}

bool Broker::Private::isDuplicate(BrokerEntity& entity, const QString& messageId) {
    if (!entity.requiresDuplicateDetection() || messageId.isEmpty()) {
        return false;
    }
    const qint64 t = now();
    const qint64 cutoff = t - entity.duplicateWindowMs();
    bool pruned = false;
    while (!entity.duplicateOrder.empty() && entity.duplicateOrder.front().first < cutoff) {
        const auto& [seenAt, id] = entity.duplicateOrder.front();
        const auto it = entity.duplicateIds.constFind(id);
        if (it != entity.duplicateIds.cend() && it.value() == seenAt) {
            entity.duplicateIds.erase(it);
        }
        entity.duplicateOrder.pop_front();
        pruned = true;
    }
    if (pruned && !recovering && t - entity.lastDuplicatePruneMs > 1000) {
        entity.lastDuplicatePruneMs = t;
        store->pruneDuplicateIds(entity.path, cutoff);
    }
    if (entity.duplicateIds.contains(messageId)) {
        return true;
    }
    entity.duplicateIds.insert(messageId, t);
    entity.duplicateOrder.emplace_back(t, messageId);
    if (!recovering) {
        store->saveDuplicateId(entity.path, messageId, t);
    }
    return false;
}

void Broker::send(const EntityAddress& target, QList<AmqpMessage> messages, VoidCompletion done) {
    auto entity = d->entityFor(target);
    if (!entity) {
        d->finish(done, fail(entity.error()));
        return;
    }
    auto admitted = d->admit(**entity, target, std::move(messages));
    if (!admitted) {
        d->finish(done, fail(admitted.error()));
        return;
    }
    for (Private::Incoming& in : *admitted) {
        if (d->isDuplicate(**entity, in.stored.messageIdText)) {
            continue; // accepted and dropped without notice, as the service does
        }
        d->route(**entity, std::move(in), 0);
    }
    d->finishWhenDurable(done);
}

void Broker::scheduleMessages(const EntityAddress& target, QList<AmqpMessage> messages,
                              Completion<QList<qint64>> done) {
    auto entity = d->entityFor(target);
    if (!entity) {
        d->finish(done, Result<QList<qint64>>(fail(entity.error())));
        return;
    }
    auto admitted = d->admit(**entity, target, std::move(messages));
    if (!admitted) {
        d->finish(done, Result<QList<qint64>>(fail(admitted.error())));
        return;
    }
    // Always held as scheduled, even when the time has passed: the caller needs a sequence
    // number it can cancel, and the timer activates it on the next turn.
    const qint64 t = Private::now();
    QList<qint64> sequenceNumbers;
    for (Private::Incoming& in : *admitted) {
        in.stored.scheduledEnqueueTimeMs = std::max(in.stored.scheduledEnqueueTimeMs, t);
        in.stored.state = MessageState::Scheduled;
        sequenceNumbers.append(d->insert(**entity, *(*entity)->main, std::move(in)));
    }
    d->finishWhenDurable(done, sequenceNumbers);
}

void Broker::cancelScheduled(const EntityAddress& target, const QList<qint64>& sequenceNumbers,
                             VoidCompletion done) {
    auto entity = d->entityFor(target);
    if (!entity) {
        d->finish(done, fail(entity.error()));
        return;
    }
    MessageQueue& queue = *(*entity)->main;
    for (const qint64 sequenceNumber : sequenceNumbers) {
        // Unknown or no longer scheduled numbers are ignored (the service answers 200).
        const QueuedMessage* entry = queue.find(sequenceNumber);
        if (entry && entry->stored.state == MessageState::Scheduled) {
            queue.erase(sequenceNumber);
            d->persistRemove(queue, sequenceNumber);
        }
    }
    d->finishWhenDurable(done);
}

// Checks shared by send and schedule: the target must be a queue or topic that accepts sends,
// with room for the whole batch.
Result<QList<Broker::Private::Incoming>> Broker::Private::admit(BrokerEntity& entity,
                                                                const EntityAddress& target,
                                                                QList<AmqpMessage> messages) {
    if (target.subQueue != SubQueue::Main || target.isManagementNode ||
        entity.kind == BrokerEntity::Kind::Subscription) {
        return fail(
            error(ErrorCode::InvalidInput,
                  QStringLiteral("Messages can only be sent to a queue or a topic, not to '%1'.")
                      .arg(target.toString()),
                  QStringLiteral("amqp:not-allowed")));
    }
    if (!entity.canSend()) {
        return fail(error(
            ErrorCode::EntityDisabled,
            QStringLiteral("The messaging entity '%1' is disabled for sending.").arg(entity.path),
            QStringLiteral("com.microsoft:entity-disabled")));
    }
    QList<Incoming> admitted;
    admitted.reserve(messages.size());
    qint64 total = 0;
    for (AmqpMessage& message : messages) {
        auto in = prepare(entity, std::move(message));
        if (!in) {
            return fail(in.error());
        }
        total += in->stored.sizeInBytes;
        admitted.append(std::move(*in));
    }
    if (entity.sizeInBytes() + total > entity.maxSizeBytes()) {
        return fail(error(
            ErrorCode::QuotaExceeded,
            QStringLiteral(
                "The messaging entity '%1' is full (%2 MB); receive or delete messages first.")
                .arg(entity.path)
                .arg(entity.maxSizeBytes() / (1024 * 1024)),
            QStringLiteral("amqp:resource-limit-exceeded")));
    }
    entity.accessedAt = QDateTime::currentDateTimeUtc();
    return admitted;
}

} // namespace busbar::emulator
