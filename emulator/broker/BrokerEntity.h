#pragma once

#include "core/admin/EntityDescriptions.h"
#include "emulator/broker/MessageQueue.h"
#include "emulator/broker/SubscriptionRule.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <deque>
#include <map>
#include <memory>

namespace busbar::emulator {

// One queue, topic or subscription with its description, sub-queues and runtime data.
// Effective settings are read through the accessors so callers never care which kind it is.
struct BrokerEntity {
    enum class Kind { Queue, Topic, Subscription };

    Kind kind = Kind::Queue;
    QString path; // canonical spelling
    QueueDescription queue;
    TopicDescription topic;
    SubscriptionDescription subscription;
    BrokerEntity* parentTopic = nullptr;            // subscriptions
    std::map<QString, BrokerEntity*> subscriptions; // topics: lower-case name -> subscription
    QList<SubscriptionRule> rules;                  // subscriptions

    std::unique_ptr<MessageQueue> main;
    std::unique_ptr<MessageQueue> deadLetter;
    std::unique_ptr<MessageQueue> transferDeadLetter;

    // Duplicate detection: message-id text -> first seen; ordered by time for pruning.
    QHash<QString, qint64> duplicateIds;
    std::deque<std::pair<qint64, QString>> duplicateOrder;
    qint64 lastDuplicatePruneMs = 0;

    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime accessedAt;

    [[nodiscard]] MessageQueue* queueFor(SubQueue subQueue) const;
    [[nodiscard]] EntityStatus status() const;
    [[nodiscard]] qint64 lockDurationMs() const;
    [[nodiscard]] int maxDeliveryCount() const;
    [[nodiscard]] qint64 defaultTtlMs() const; // min of topic and subscription for subscriptions
    [[nodiscard]] bool deadLetterOnExpiration() const;
    [[nodiscard]] bool requiresSession() const;
    [[nodiscard]] bool requiresDuplicateDetection() const;
    [[nodiscard]] qint64 duplicateWindowMs() const;
    [[nodiscard]] QString forwardTo() const;
    [[nodiscard]] QString forwardDeadLetteredMessagesTo() const;
    [[nodiscard]] qint64 maxMessageSizeBytes() const;
    [[nodiscard]] qint64 maxSizeBytes() const;
    [[nodiscard]] qint64 sizeInBytes() const; // every sub-queue (a topic: its subscriptions)

    [[nodiscard]] bool canSend() const;
    [[nodiscard]] bool canReceive() const;
};

} // namespace busbar::emulator
