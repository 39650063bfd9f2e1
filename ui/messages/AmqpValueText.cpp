#include "ui/messages/AmqpValueText.h"

#include "core/amqp/AmqpMessage.h"
#include "core/amqp/AmqpTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace busbar {

namespace {
constexpr qint64 kMaxExactInJson = qint64(1) << 53;
}

QString AmqpValueText::typeName(const QVariant& value) {
    if (!value.isValid()) {
        return QStringLiteral("null");
    }
    const int type = value.metaType().id();
    switch (type) {
    case QMetaType::Bool:
        return QStringLiteral("boolean");
    case QMetaType::UChar:
        return QStringLiteral("ubyte");
    case QMetaType::SChar:
    case QMetaType::Char:
        return QStringLiteral("byte");
    case QMetaType::UShort:
        return QStringLiteral("ushort");
    case QMetaType::Short:
        return QStringLiteral("short");
    case QMetaType::UInt:
        return QStringLiteral("uint");
    case QMetaType::Int:
        return QStringLiteral("int");
    case QMetaType::ULongLong:
        return QStringLiteral("ulong");
    case QMetaType::LongLong:
        return QStringLiteral("long");
    case QMetaType::Float:
        return QStringLiteral("float");
    case QMetaType::Double:
        return QStringLiteral("double");
    case QMetaType::QDateTime:
        return QStringLiteral("timestamp");
    case QMetaType::QUuid:
        return QStringLiteral("uuid");
    case QMetaType::QByteArray:
        return QStringLiteral("binary");
    case QMetaType::QString:
        return QStringLiteral("string");
    case QMetaType::QVariantList:
        return QStringLiteral("list");
    default:
        break;
    }
    if (type == qMetaTypeId<AmqpSymbol>()) {
        return QStringLiteral("symbol");
    }
    if (type == qMetaTypeId<AmqpChar>()) {
        return QStringLiteral("char");
    }
    if (type == qMetaTypeId<AmqpDecimal>()) {
        return QStringLiteral("decimal%1").arg(value.value<AmqpDecimal>().bits);
    }
    if (type == qMetaTypeId<AmqpMap>()) {
        return QStringLiteral("map");
    }
    if (type == qMetaTypeId<AmqpArray>()) {
        return QStringLiteral("array");
    }
    if (type == qMetaTypeId<AmqpDescribed>()) {
        return QStringLiteral("described");
    }
    return QString::fromLatin1(value.typeName());
}

QJsonValue AmqpValueText::toJson(const QVariant& value) {
    if (!value.isValid()) {
        return QJsonValue::Null;
    }
    const int type = value.metaType().id();
    switch (type) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::UChar:
    case QMetaType::SChar:
    case QMetaType::Char:
    case QMetaType::UShort:
    case QMetaType::Short:
    case QMetaType::UInt:
    case QMetaType::Int:
        return value.toLongLong();
    case QMetaType::LongLong: {
        // A double holds integers exactly up to 2^53; larger ones go as text, not rounded.
        const qint64 v = value.toLongLong();
        return qAbs(v) <= kMaxExactInJson ? QJsonValue(v) : QJsonValue(QString::number(v));
    }
    case QMetaType::ULongLong: {
        const quint64 v = value.toULongLong();
        return v <= quint64(kMaxExactInJson) ? QJsonValue(qint64(v))
                                             : QJsonValue(QString::number(v));
    }
    case QMetaType::Float:
    case QMetaType::Double:
        return value.toDouble();
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    case QMetaType::QUuid:
        return value.toUuid().toString(QUuid::WithoutBraces);
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    case QMetaType::QString:
        return value.toString();
    case QMetaType::QVariantList: {
        QJsonArray array;
        for (const QVariant& element : value.toList()) {
            array.append(toJson(element));
        }
        return array;
    }
    default:
        break;
    }
    if (type == qMetaTypeId<AmqpSymbol>()) {
        return QString::fromUtf8(value.value<AmqpSymbol>().name);
    }
    if (type == qMetaTypeId<AmqpChar>()) {
        const char32_t c = value.value<AmqpChar>().value;
        return QString::fromUcs4(&c, 1);
    }
    if (type == qMetaTypeId<AmqpMap>()) {
        QJsonObject object;
        for (const auto& [key, entry] : value.value<AmqpMap>().entries) {
            object.insert(text(key), toJson(entry));
        }
        return object;
    }
    if (type == qMetaTypeId<AmqpArray>()) {
        QJsonArray array;
        for (const QVariant& element : value.value<AmqpArray>().elements) {
            array.append(toJson(element));
        }
        return array;
    }
    return text(value);
}

QString AmqpValueText::text(const QVariant& value) {
    if (!value.isValid()) {
        return QStringLiteral("null");
    }
    const int type = value.metaType().id();
    if (type == QMetaType::QDateTime) {
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    }
    if (type == QMetaType::QByteArray) {
        const QByteArray bytes = value.toByteArray();
        return bytes.size() <= 64 ? QString::fromLatin1(bytes.toHex(' '))
                                  : QString::fromLatin1(bytes.left(64).toHex(' ')) +
                                        QStringLiteral(" … (%1 bytes)").arg(bytes.size());
    }
    if (type == QMetaType::QUuid) {
        return value.toUuid().toString(QUuid::WithoutBraces);
    }
    if (type == qMetaTypeId<AmqpDecimal>()) {
        return QString::fromLatin1(value.value<AmqpDecimal>().bytes.toHex());
    }
    if (type == qMetaTypeId<AmqpDescribed>()) {
        const auto described = value.value<AmqpDescribed>();
        return QStringLiteral("%1: %2").arg(text(described.descriptor), text(described.value));
    }
    const QJsonValue json = toJson(value);
    if (json.isObject()) {
        return QString::fromUtf8(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
    }
    if (json.isArray()) {
        return QString::fromUtf8(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
    }
    return json.toVariant().toString();
}

} // namespace busbar
