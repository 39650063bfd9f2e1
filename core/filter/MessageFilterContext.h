#pragma once

#include "core/amqp/AmqpMessage.h"
#include "core/filter/FilterContext.h"

namespace busbar {

// What a SQL or correlation filter sees of a received message (servicebus-amqp.md §6):
// properties and message annotations under their §5.2 system names, application
// properties as user properties. For client-side search over peeked messages; unset
// fields are left out, so they read as NULL.
//   MessageId, CorrelationId (as amqpIdToText), Label (subject), To, ReplyTo,
//   SessionId (group-id), ReplyToSessionId, ContentType, TimeToLive (qint64 ms),
//   DeliveryCount (qint64), SequenceNumber, EnqueuedSequenceNumber (qint64),
//   EnqueuedTimeUtc, ScheduledEnqueueTimeUtc, LockedUntilUtc, ExpiresAtUtc (QDateTime UTC),
//   PartitionKey, ViaPartitionKey, DeadLetterSource.
[[nodiscard]] FilterContext filterContextFromMessage(const AmqpMessage& message);

} // namespace busbar
