#include "emulator/broker/BrokerEntity.h"

#include <algorithm>

namespace busbar::emulator {

namespace {

qint64 ms(Milliseconds value) {
    return static_cast<qint64>(value.count());
}

} // namespace

MessageQueue* BrokerEntity::queueFor(SubQueue subQueue) const {
    switch (subQueue) {
    case SubQueue::Main:
        return main.get();
    case SubQueue::DeadLetter:
        return deadLetter.get();
    case SubQueue::TransferDeadLetter:
        return transferDeadLetter.get();
    }
    return nullptr;
}

EntityStatus BrokerEntity::status() const {
    switch (kind) {
    case Kind::Queue:
        return queue.status;
    case Kind::Topic:
        return topic.status;
    case Kind::Subscription: {
        // A disabled topic disables its subscriptions too.
        const EntityStatus own = subscription.status;
        if (own == EntityStatus::Active && parentTopic &&
            parentTopic->topic.status == EntityStatus::Disabled) {
            return EntityStatus::Disabled;
        }
        return own;
    }
    }
    return EntityStatus::Active;
}

qint64 BrokerEntity::lockDurationMs() const {
    return kind == Kind::Subscription ? ms(subscription.lockDuration) : ms(queue.lockDuration);
}

int BrokerEntity::maxDeliveryCount() const {
    return kind == Kind::Subscription ? subscription.maxDeliveryCount : queue.maxDeliveryCount;
}

qint64 BrokerEntity::defaultTtlMs() const {
    switch (kind) {
    case Kind::Queue:
        return ms(queue.defaultMessageTimeToLive);
    case Kind::Topic:
        return ms(topic.defaultMessageTimeToLive);
    case Kind::Subscription: {
        const qint64 own = ms(subscription.defaultMessageTimeToLive);
        return parentTopic ? std::min(own, ms(parentTopic->topic.defaultMessageTimeToLive)) : own;
    }
    }
    return ms(kDurationNever);
}

bool BrokerEntity::deadLetterOnExpiration() const {
    return kind == Kind::Subscription
               ? subscription.deadLetteringOnMessageExpiration
               : kind == Kind::Queue && queue.deadLetteringOnMessageExpiration;
}

bool BrokerEntity::requiresSession() const {
    return kind == Kind::Subscription ? subscription.requiresSession
                                      : kind == Kind::Queue && queue.requiresSession;
}

bool BrokerEntity::requiresDuplicateDetection() const {
    return kind == Kind::Topic ? topic.requiresDuplicateDetection
                               : kind == Kind::Queue && queue.requiresDuplicateDetection;
}

qint64 BrokerEntity::duplicateWindowMs() const {
    return kind == Kind::Topic ? ms(topic.duplicateDetectionHistoryTimeWindow)
                               : ms(queue.duplicateDetectionHistoryTimeWindow);
}

QString BrokerEntity::forwardTo() const {
    return kind == Kind::Subscription ? subscription.forwardTo
           : kind == Kind::Queue      ? queue.forwardTo
                                      : QString();
}

QString BrokerEntity::forwardDeadLetteredMessagesTo() const {
    return kind == Kind::Subscription ? subscription.forwardDeadLetteredMessagesTo
           : kind == Kind::Queue      ? queue.forwardDeadLetteredMessagesTo
                                      : QString();
}

qint64 BrokerEntity::maxMessageSizeBytes() const {
    switch (kind) {
    case Kind::Queue:
        return queue.maxMessageSizeInKilobytes * 1024;
    case Kind::Topic:
        return topic.maxMessageSizeInKilobytes * 1024;
    case Kind::Subscription:
        return parentTopic ? parentTopic->maxMessageSizeBytes() : 256 * 1024;
    }
    return 256 * 1024;
}

qint64 BrokerEntity::maxSizeBytes() const {
    switch (kind) {
    case Kind::Queue:
        return qint64(queue.maxSizeInMegabytes) * 1024 * 1024;
    case Kind::Topic:
        return qint64(topic.maxSizeInMegabytes) * 1024 * 1024;
    case Kind::Subscription:
        return parentTopic ? parentTopic->maxSizeBytes() : qint64(1024) * 1024 * 1024;
    }
    return qint64(1024) * 1024 * 1024;
}

qint64 BrokerEntity::sizeInBytes() const {
    qint64 total = 0;
    for (const MessageQueue* q : {main.get(), deadLetter.get(), transferDeadLetter.get()}) {
        total += q ? q->sizeInBytes() : 0;
    }
    for (const auto& [name, sub] : subscriptions) {
        total += sub->sizeInBytes();
    }
    return total;
}

bool BrokerEntity::canSend() const {
    const EntityStatus s = status();
    return s == EntityStatus::Active || s == EntityStatus::ReceiveDisabled;
}

bool BrokerEntity::canReceive() const {
    const EntityStatus s = status();
    return s == EntityStatus::Active || s == EntityStatus::SendDisabled;
}

} // namespace busbar::emulator
