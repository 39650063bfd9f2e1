#pragma once

#include "core/amqp/AmqpTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>
#include <QVariant>

#include <chrono>
#include <optional>

namespace busbar {

enum class ReceiveMode { PeekLock, ReceiveAndDelete };

// Which queue of an entity an operation addresses (servicebus-amqp.md §5.1).
enum class SubQueue { None, DeadLetter, TransferDeadLetter };

// x-opt-message-state as the broker stamps it on peeked messages.
enum class MessageState { Active = 0, Deferred = 1, Scheduled = 2 };

// What happens to a locked message when it is settled (§7, §8.2 update-disposition).
enum class SettleKind { Complete, Abandon, Defer, DeadLetter };

struct SettleRequest {
    SettleKind kind = SettleKind::Complete;
    QString deadLetterReason;      // DeadLetter only
    QString deadLetterDescription; // DeadLetter only
    AmqpMap propertiesToModify;    // string keys, simple values; merged into app properties
};

// A session receiver the broker locked for this client (§9.1).
struct AcceptedSession {
    QString entityPath;
    QString sessionId;
    QDateTime lockedUntil; // UTC, from com.microsoft:locked-until-utc
};

struct SessionStateResult {
    std::optional<QByteArray> state; // nullopt when no state is set
};

// One rule of a subscription (enumerate-rules / add-rule, §8.4). Exactly one filter kind.
struct RuleInfo {
    QString name;
    QString sqlFilter;              // set for SQL filters (true: "1=1", false: "1=0")
    bool correlationFilter = false; // set for correlation filters (fields below)
    QString correlationId;
    QString messageId;
    QString to;
    QString replyTo;
    QString subject;
    QString sessionId;
    QString replyToSessionId;
    QString contentType;
    AmqpMap correlationProperties; // string keys
    QString sqlAction;             // empty when the rule has no action
};

// Path of an entity's queue or sub-queue: "q", "q/$DeadLetterQueue",
// "t/Subscriptions/s/$Transfer/$DeadLetterQueue".
[[nodiscard]] inline QString entityAddress(const QString& entityPath, SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return entityPath + QStringLiteral("/$DeadLetterQueue");
    case SubQueue::TransferDeadLetter:
        return entityPath + QStringLiteral("/$Transfer/$DeadLetterQueue");
    case SubQueue::None:
        break;
    }
    return entityPath;
}

// Every operation waits at most this long unless the caller says otherwise.
inline constexpr std::chrono::milliseconds kDefaultOperationTimeout{30000};

} // namespace busbar
