#pragma once

#include "core/amqp/AmqpMessage.h"
#include "core/common/Result.h"
#include "core/servicebus/ServiceBusMessage.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

namespace busbar {

// The JSON Lines format of message export and import: one object per message with the body
// (base64 always, "bodyText" too when it is valid UTF-8), its kind and its exact AMQP body
// sections ("bodySections", base64, so an import is byte-exact whatever the kind), the
// broker's stamps (sequence number, enqueued time, dead-letter reason, ...), every
// property, application properties and annotations with their AMQP types.
//
// A typed value is {"type": T, "value": V}: T is the AMQP type name (null, boolean, ubyte,
// ushort, uint, ulong, byte, short, int, long, float, double, timestamp, uuid, binary,
// string, symbol); long and ulong values are decimal strings (JSON numbers lose
// precision), timestamps ISO 8601 UTC with milliseconds, binary base64. Anything else
// (lists, maps, arrays, described, char, decimal, non-finite numbers) is {"type": "amqp",
// "value": base64 of its AMQP encoding}.
class MessageJsonCodec final {
public:
    [[nodiscard]] static QJsonObject encode(const ServiceBusMessage& message);
    // The message to send again: every section of the export, without the broker's stamps.
    static Result<AmqpMessage> decode(const QJsonObject& line);

    [[nodiscard]] static QJsonObject encodeValue(const QVariant& value);
    static Result<QVariant> decodeValue(const QJsonValue& typed);
};

} // namespace busbar
