#pragma once

#include <QVariantMap>

namespace busbar {

// What a filter or rule action sees of a message.
//
// systemProperties: keyed by the SQL names of §5.2 ("MessageId", "Label", "To", "ReplyTo",
// "SessionId", "ReplyToSessionId", "CorrelationId", "ContentType", "SequenceNumber",
// "EnqueuedTimeUtc", "ScheduledEnqueueTimeUtc", "DeliveryCount", "TimeToLive", "Size", ...).
// "Subject" is accepted as an alias of "Label". A key that is absent or holds an invalid
// QVariant is NULL to the filter.
//
// userProperties: the application properties, typed as in core/amqp/AmqpTypes.h.
//
// Both are looked up case-insensitively (an exact-case key is found without a scan).
struct FilterContext {
    QVariantMap systemProperties;
    QVariantMap userProperties;
};

// Unknown (a comparison with a missing property) is NoMatch, as the service does.
enum class FilterOutcome { Match, NoMatch, Error };

} // namespace busbar
