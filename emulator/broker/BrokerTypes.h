#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/amqp/AmqpMessage.h"
#include "core/common/Result.h"

#include <QString>
#include <QUuid>

#include <functional>
#include <optional>

namespace busbar::emulator {

// Which part of an entity a link or operation addresses (servicebus-amqp.md §5.1).
enum class SubQueue { Main, DeadLetter, TransferDeadLetter };

// A normalised node address: scheme, host and leading '/' stripped, the entity path with the
// canonical spelling of the entity that exists ("orders", "events/Subscriptions/audit").
struct EntityAddress {
    QString entityPath; // queue, topic, or "topic/Subscriptions/sub"
    SubQueue subQueue = SubQueue::Main;
    bool isManagementNode = false; // "{entity}/$management"

    // Parses any address a client may send ("amqps://host/q/$DeadLetterQueue", "/q",
    // "t/subscriptions/s/$management", "q/$Transfer/$DeadLetterQueue"). Case of the entity
    // path is kept as written; the broker resolves it case-insensitively.
    static Result<EntityAddress> parse(const QString& address);
    [[nodiscard]] QString toString() const;
};

enum class MessageState { Active = 0, Deferred = 1, Scheduled = 2 };

// A message as the broker keeps it: the AMQP message as received (delivery annotations
// dropped, body bytes exact) plus the broker-stamped fields.
struct StoredMessage {
    qint64 sequenceNumber = 0;
    qint64 enqueueSequenceNumber = 0;
    qint64 enqueuedTimeMs = 0;
    qint64 expiresAtMs = 0; // absolute; std::numeric_limits<qint64>::max() when it never expires
    qint64 scheduledEnqueueTimeMs = 0;
    quint32 deliveryCount = 0; // times locked or delivered so far
    MessageState state = MessageState::Active;
    QString messageIdText; // amqpIdToText(message-id), for duplicate detection
    QString sessionId;     // group-id
    QString deadLetterSource;
    AmqpMessage message;
    qint64 sizeInBytes = 0;
};

struct LockedMessage {
    StoredMessage message;
    QUuid lockToken; // canonical GUID; the AMQP layer writes it in .NET byte order as the tag
    qint64 lockedUntilMs = 0;
};

enum class ReceiveMode { PeekLock, ReceiveAndDelete };

// How a client settles a locked message (servicebus-amqp.md §7, §8.2 update-disposition).
struct Disposition {
    enum class Kind { Complete, Abandon, Defer, DeadLetter, Release };
    Kind kind = Kind::Complete;
    std::optional<QString> deadLetterReason;
    std::optional<QString> deadLetterDescription;
    AmqpMap propertiesToModify; // merged into application properties
};

// Rights a connection holds for a path prefix, from CBS put-token or SASL PLAIN.
enum class Right { Listen = 1, Send = 2, Manage = 4 };

struct SessionInfo {
    QString sessionId;
    QByteArray state; // empty = no state
    qint64 lockedUntilMs = 0;
    qint64 lastUpdatedMs = 0;
};

// Completion callbacks are always invoked later from the broker's event loop (never
// re-entrantly from inside the call), after the change is durable.
template <typename T>
using Completion = std::function<void(Result<T>)>;
using VoidCompletion = std::function<void(VoidResult)>;

} // namespace busbar::emulator
