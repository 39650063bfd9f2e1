#include "emulator/broker/BrokerPrivate.h"

namespace busbar::emulator {

namespace {

// Service Bus stops auto-forwarding after four hops (MaxTransferHopCountExceeded).
constexpr int kMaxForwardingHops = 4;

const QString kSessionIdNullReason = QStringLiteral("Session Id is null");
const QString kSessionIdNullDescription = QStringLiteral(
    "Session-enabled entity doesn't allow a message whose session identifier is null");

} // namespace

void Broker::Private::setDeadLetterProperties(StoredMessage& message, const QString& reason,
                                              const QString& description, const QString& source) {
    if (!reason.isNull()) {
        message.message.setApplicationProperty(QStringLiteral("DeadLetterReason"), reason);
    }
    if (!description.isNull()) {
        message.message.setApplicationProperty(QStringLiteral("DeadLetterErrorDescription"),
                                               description);
    }
    message.message.hasApplicationProperties = true;
    message.deadLetterSource = source;
    message.message.setAnnotation(QByteArrayLiteral("x-opt-deadletter-source"), source);
}

void Broker::Private::applyTtl(const BrokerEntity& entity, StoredMessage& message,
                               qint64 enqueuedAtMs) const {
    qint64 ttl = entity.defaultTtlMs();
    if (message.message.header.ttlMs) {
        ttl = std::min<qint64>(ttl, *message.message.header.ttlMs);
    }
    message.expiresAtMs = ttl >= qint64(kDurationNever.count()) ? kNeverMs : enqueuedAtMs + ttl;
}

qint64 Broker::Private::insert(BrokerEntity& entity, MessageQueue& queue, Incoming message) {
    StoredMessage& stored = message.stored;
    stored.sequenceNumber = queue.takeSequenceNumber();
    if (stored.enqueueSequenceNumber == 0) {
        stored.enqueueSequenceNumber = stored.sequenceNumber;
    }
    // Dead-lettered messages keep their original enqueued time.
    if (stored.enqueuedTimeMs == 0) {
        stored.enqueuedTimeMs = now();
    }
    if (queue.subQueue() == SubQueue::Main) {
        applyTtl(entity, stored, stored.enqueuedTimeMs);
    }
    const qint64 sequenceNumber = stored.sequenceNumber;
    const bool scheduled = stored.state == MessageState::Scheduled;
    const QString sessionId = stored.sessionId;
    const qint64 scheduledAt = stored.scheduledEnqueueTimeMs;
    QueuedMessage& entry = queue.insert(std::move(message.stored));
    persistInsert(queue, entry.stored, message.encoded);
    if (scheduled) {
        addDeadline(scheduledAt,
                    Deadline{Deadline::Kind::Scheduled, queue.id(), sequenceNumber, {}});
    } else {
        notify(queue, sessionId);
    }
    return sequenceNumber;
}

void Broker::Private::insertDeadLettered(BrokerEntity& entity, MessageQueue& queue,
                                         Incoming message, const QString& reason,
                                         const QString& description) {
    setDeadLetterProperties(message.stored, reason, description, entity.path);
    message.stored.state = MessageState::Active;
    message.stored.scheduledEnqueueTimeMs = 0;
    message.encoded = encodeForStore(message.stored);
    message.stored.sizeInBytes =
        std::max<qint64>(message.stored.sizeInBytes, message.encoded.size());
    insert(entity, queue, std::move(message));
}

qint64 Broker::Private::route(BrokerEntity& entity, Incoming message, int hops) {
    if (message.stored.scheduledEnqueueTimeMs > now()) {
        // Held where it was sent; routed on activation (ScheduledMessageCount counts it here).
        message.stored.state = MessageState::Scheduled;
        return insert(entity, *entity.main, std::move(message));
    }
    message.stored.state = MessageState::Active;
    if (entity.kind == BrokerEntity::Kind::Topic) {
        fanOut(entity, message, hops);
        return 0;
    }
    const QString forwardTo = entity.forwardTo();
    if (!forwardTo.isEmpty()) {
        if (hops >= kMaxForwardingHops) {
            insertDeadLettered(
                entity, *entity.transferDeadLetter, std::move(message),
                QStringLiteral("MaxTransferHopCountExceeded"),
                QStringLiteral("The message exceeded the maximum of %1 forwarding hops.")
                    .arg(kMaxForwardingHops));
            return 0;
        }
        BrokerEntity* target = findEntity(forwardTo);
        if (!target || target->kind == BrokerEntity::Kind::Subscription || !target->canSend()) {
            insertDeadLettered(
                entity, *entity.transferDeadLetter, std::move(message),
                QStringLiteral("ForwardingFailed"),
                QStringLiteral("The forwarding destination '%1' is missing or disabled.")
                    .arg(forwardTo));
            return 0;
        }
        route(*target, std::move(message), hops + 1);
        return 0;
    }
    if (entity.main->isSessionful() && message.stored.sessionId.isEmpty()) {
        insertDeadLettered(entity, *entity.deadLetter, std::move(message), kSessionIdNullReason,
                           kSessionIdNullDescription);
        return 0;
    }
    return insert(entity, *entity.main, std::move(message));
}

void Broker::Private::fanOut(BrokerEntity& topic, const Incoming& message, int hops) {
    if (topic.subscriptions.empty()) {
        return; // the service accepts messages no subscription wants
    }
    const FilterContext context = filterContextFor(message.stored);
    for (const auto& [name, subscription] : topic.subscriptions) {
        if (subscription->subscription.status == EntityStatus::Disabled) {
            continue;
        }
        bool plainMatch = false;
        QString failedRule;
        std::vector<Incoming> copies;
        for (const SubscriptionRule& rule : subscription->rules) {
            const FilterOutcome outcome = rule.evaluate(context);
            if (outcome == FilterOutcome::Error) {
                failedRule = rule.name();
                continue;
            }
            if (outcome != FilterOutcome::Match) {
                continue;
            }
            if (!rule.hasAction()) {
                plainMatch = true;
                continue;
            }
            // Each matching rule with an action yields its own copy with the action applied.
            FilterContext changed = context;
            if (!rule.applyAction(changed)) {
                failedRule = rule.name();
                continue;
            }
            Incoming copy = message;
            applyFilterContext(changed, copy.stored);
            copy.stored.message.setApplicationProperty(QStringLiteral("RuleName"), rule.name());
            copy.stored.message.hasApplicationProperties = true;
            copy.encoded = encodeForStore(copy.stored);
            if (!copy.encoded.isEmpty()) {
                copy.stored.sizeInBytes = copy.encoded.size();
            }
            copies.push_back(std::move(copy));
        }
        // The plain copy first, then one per action, in rule order.
        if (plainMatch) {
            route(*subscription, message, hops);
        }
        for (Incoming& copy : copies) {
            route(*subscription, std::move(copy), hops);
        }
        if (!plainMatch && copies.empty() && !failedRule.isEmpty() &&
            subscription->subscription.deadLetteringOnFilterEvaluationExceptions) {
            insertDeadLettered(
                *subscription, *subscription->deadLetter, message,
                QStringLiteral("FilterEvaluationException"),
                QStringLiteral("The rule '%1' could not be evaluated for this message.")
                    .arg(failedRule));
        }
    }
}

void Broker::Private::activateScheduled(MessageQueue& queue, qint64 sequenceNumber) {
    QueuedMessage* entry = queue.find(sequenceNumber);
    if (!entry || entry->stored.state != MessageState::Scheduled) {
        return; // cancelled
    }
    BrokerEntity* entity = findEntity(queue.entityPath());
    if (!entity) {
        return;
    }
    const qint64 t = now();
    if (entity->kind == BrokerEntity::Kind::Topic || !entity->forwardTo().isEmpty()) {
        // Leaves this entity: fan out or forward as if sent now.
        Incoming message{entry->stored, {}};
        queue.erase(sequenceNumber);
        persistRemove(queue, sequenceNumber);
        message.stored.scheduledEnqueueTimeMs = std::min(message.stored.scheduledEnqueueTimeMs, t);
        message.stored.enqueueSequenceNumber = 0;
        message.stored.enqueuedTimeMs = 0;
        message.encoded = encodeForStore(message.stored);
        route(*entity, std::move(message), 0);
        return;
    }
    // Becomes active in place, keeping its sequence number; enqueued time = activation.
    entry->stored.enqueuedTimeMs = t;
    queue.setState(*entry, MessageState::Active);
    StoredMessage expiring = entry->stored;
    applyTtl(*entity, expiring, t);
    queue.setExpiry(*entry, expiring.expiresAtMs);
    persistUpdate(queue, entry->stored);
    notify(queue, entry->stored.sessionId);
}

} // namespace busbar::emulator
