#include "ui/send/TypedProperty.h"

#include <QDateTime>
#include <QUuid>

namespace busbar {

namespace {

Result<QVariant> expected(const TypedProperty& property, const QString& what) {
    return fail(
        ErrorCode::InvalidInput,
        QStringLiteral("Property '%1': '%2' is not %3.").arg(property.name, property.value, what));
}

} // namespace

Result<QVariant> TypedProperty::typedValue() const {
    const QString text = value.trimmed();
    bool ok = false;
    switch (type) {
    case PropertyType::String:
        return QVariant(value);
    case PropertyType::Int: {
        const qint32 v = text.toInt(&ok);
        return ok ? Result<QVariant>(QVariant::fromValue(v))
                  : expected(*this, QStringLiteral("a 32-bit integer"));
    }
    case PropertyType::Long: {
        const qint64 v = text.toLongLong(&ok);
        return ok ? Result<QVariant>(QVariant::fromValue(v))
                  : expected(*this, QStringLiteral("a 64-bit integer"));
    }
    case PropertyType::Double: {
        const double v = text.toDouble(&ok);
        return ok ? Result<QVariant>(QVariant(v)) : expected(*this, QStringLiteral("a number"));
    }
    case PropertyType::Bool: {
        const QString lower = text.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("1")) {
            return QVariant(true);
        }
        if (lower == QLatin1String("false") || lower == QLatin1String("0")) {
            return QVariant(false);
        }
        return expected(*this, QStringLiteral("true or false"));
    }
    case PropertyType::DateTime: {
        QDateTime v = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!v.isValid()) {
            return expected(*this, QStringLiteral("an ISO 8601 date and time"));
        }
        return QVariant(v.toUTC());
    }
    case PropertyType::Uuid: {
        const QUuid v(text);
        if (v.isNull() && text != QUuid().toString(QUuid::WithoutBraces)) {
            return expected(*this, QStringLiteral("a UUID"));
        }
        return QVariant::fromValue(v);
    }
    }
    return expected(*this, QStringLiteral("a known type"));
}

QStringList TypedProperty::typeNames() {
    return {QStringLiteral("string"), QStringLiteral("int"),  QStringLiteral("long"),
            QStringLiteral("double"), QStringLiteral("bool"), QStringLiteral("datetime"),
            QStringLiteral("uuid")};
}

QString TypedProperty::typeName(PropertyType type) {
    return typeNames().value(int(type));
}

std::optional<PropertyType> TypedProperty::typeFromName(const QString& name) {
    const auto index = typeNames().indexOf(name.toLower());
    if (index < 0) {
        return std::nullopt;
    }
    return PropertyType(index);
}

} // namespace busbar
