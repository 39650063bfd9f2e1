#pragma once

#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessage.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

// The list-shaped sections of a message (header, properties): reading them liberally from
// whatever types peers use, and writing them in the short form with trailing absent fields
// dropped. Internal to AmqpMessage.
#include <optional>

namespace busbar::amqpfields {

Error messageError(const QString& what);

// From the section's value (a list, or null for "all defaults").
Result<AmqpMessage::Header> parseHeader(const QVariant& value);
Result<AmqpMessage::Properties> parseProperties(const QVariant& value);
// From the list's first `count` fields, as AmqpDecoder::readListFields stores them.
inline constexpr int kHeaderFields = 5;
inline constexpr int kPropertiesFields = 13;
Result<AmqpMessage::Header> parseHeader(const QVariant* fields, int count);
Result<AmqpMessage::Properties> parseProperties(const QVariant* fields, int count);
// A map section's value (null counts as empty); false if it is not a map. Moves the map out.
bool toMap(QVariant&& value, AmqpMap& out);

// Whether the sections need writing at all.
bool headerNeeded(const AmqpMessage::Header& header, bool explicitDeliveryCount);
bool propertiesNeeded(const AmqpMessage::Properties& properties);
// The whole section, descriptor included.
void writeHeader(QByteArray& out, const AmqpMessage::Header& header, bool explicitDeliveryCount);
// `absoluteExpiryMs`, when given, is written in place of the properties' own expiry (the broker
// stamps the expiry in force without copying the message).
void writeProperties(QByteArray& out, const AmqpMessage::Properties& properties,
                     std::optional<qint64> absoluteExpiryMs = std::nullopt);

} // namespace busbar::amqpfields
