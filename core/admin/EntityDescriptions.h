#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <chrono>
#include <optional>

namespace busbar {

// Entity descriptions as the management API defines them (servicebus-management.md §3).
// Plain data shared by the admin client, the UI's entity editors and the emulator's broker;
// XML and Config.json (de)serialisation live beside them in core/admin.

using Milliseconds = std::chrono::milliseconds;

// TimeSpan.MaxValue: what the service reports for "never" (TTL, auto-delete on idle).
inline constexpr Milliseconds kDurationNever{922337203685477};

enum class EntityStatus { Active, Disabled, SendDisabled, ReceiveDisabled };

struct MessageCountDetails {
    qint64 activeMessageCount = 0;
    qint64 deadLetterMessageCount = 0;
    qint64 scheduledMessageCount = 0;
    qint64 transferMessageCount = 0;
    qint64 transferDeadLetterMessageCount = 0;
    qint64 deferredMessageCount = 0; // not in the service's CountDetails; known to the emulator
};

struct EntityRuntimeInfo {
    qint64 sizeInBytes = 0;
    qint64 messageCount = 0; // active + DLQ + scheduled + transfer + transfer DLQ
    MessageCountDetails counts;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime accessedAt;
    int subscriptionCount = 0; // topics only
};

struct QueueDescription {
    QString name;
    Milliseconds lockDuration{60'000};
    int maxSizeInMegabytes = 1024;
    bool requiresDuplicateDetection = false;
    bool requiresSession = false;
    Milliseconds defaultMessageTimeToLive = kDurationNever;
    bool deadLetteringOnMessageExpiration = false;
    Milliseconds duplicateDetectionHistoryTimeWindow{600'000};
    int maxDeliveryCount = 10;
    bool enableBatchedOperations = true;
    EntityStatus status = EntityStatus::Active;
    QString forwardTo;
    QString userMetadata;
    Milliseconds autoDeleteOnIdle = kDurationNever;
    bool enablePartitioning = false;
    QString forwardDeadLetteredMessagesTo;
    bool enableExpress = false;
    qint64 maxMessageSizeInKilobytes = 256;
};

struct TopicDescription {
    QString name;
    Milliseconds defaultMessageTimeToLive = kDurationNever;
    int maxSizeInMegabytes = 1024;
    bool requiresDuplicateDetection = false;
    Milliseconds duplicateDetectionHistoryTimeWindow{600'000};
    bool enableBatchedOperations = true;
    EntityStatus status = EntityStatus::Active;
    QString userMetadata;
    bool supportOrdering = true;
    Milliseconds autoDeleteOnIdle = kDurationNever;
    bool enablePartitioning = false;
    bool enableExpress = false;
    qint64 maxMessageSizeInKilobytes = 256;
};

struct SubscriptionDescription {
    QString topicName;
    QString name;
    Milliseconds lockDuration{60'000};
    bool requiresSession = false;
    Milliseconds defaultMessageTimeToLive = kDurationNever;
    bool deadLetteringOnMessageExpiration = false;
    bool deadLetteringOnFilterEvaluationExceptions = true;
    int maxDeliveryCount = 10;
    bool enableBatchedOperations = true;
    EntityStatus status = EntityStatus::Active;
    QString forwardTo;
    QString userMetadata;
    QString forwardDeadLetteredMessagesTo;
    Milliseconds autoDeleteOnIdle = kDurationNever;
};

enum class FilterKind { Sql, Correlation, True, False };

// A correlation filter matches when every set field equals the message's (AND).
struct CorrelationFilterDescription {
    QString correlationId;
    QString messageId;
    QString to;
    QString replyTo;
    QString label; // the message's Subject
    QString sessionId;
    QString replyToSessionId;
    QString contentType;
    QVariantMap properties; // application property name -> expected value
};

struct RuleDescription {
    QString name = QStringLiteral("$Default");
    FilterKind filterKind = FilterKind::True;
    QString sqlExpression;   // FilterKind::Sql (TrueFilter is "1=1", FalseFilter "1=0")
    CorrelationFilterDescription correlation; // FilterKind::Correlation
    QString actionExpression; // empty = no action
    QDateTime createdAt;
    // @name -> value for the filter's and the action's SQL (servicebus-management.md §3.8).
    QVariantMap filterParameters;
    QVariantMap actionParameters;
};

} // namespace busbar
