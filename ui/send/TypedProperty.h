#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringList>
#include <QVariant>

namespace busbar {

// The types an application property can be given in the compose form, and how the text a
// user typed becomes the typed value the AMQP encoder keeps (AmqpTypes.h: int -> qint32,
// long -> qint64, datetime -> timestamp, uuid -> QUuid).
enum class PropertyType { String, Int, Long, Double, Bool, DateTime, Uuid };

struct TypedProperty {
    QString name;
    PropertyType type = PropertyType::String;
    QString value; // as typed

    // The typed value, or InvalidInput naming the property and what was expected.
    [[nodiscard]] Result<QVariant> typedValue() const;

    static QStringList typeNames(); // in enum order: "string", "int", ...
    static QString typeName(PropertyType type);
    static std::optional<PropertyType> typeFromName(const QString& name);
};

} // namespace busbar
