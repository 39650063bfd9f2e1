#pragma once

#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace busbar {

// Readable forms of AMQP values (core/amqp/AmqpTypes.h) for the property tables and the
// JSON export: the AMQP type name ("string", "long", "timestamp", ...), a display text, and
// a JSON value (binary as base64, timestamps as ISO 8601 UTC, 64-bit integers as numbers).
class AmqpValueText final {
public:
    [[nodiscard]] static QString typeName(const QVariant& value);
    [[nodiscard]] static QString text(const QVariant& value);
    [[nodiscard]] static QJsonValue toJson(const QVariant& value);
};

} // namespace busbar
