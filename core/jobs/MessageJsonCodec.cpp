#include "core/jobs/MessageJsonCodec.h"

#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"

#include <QJsonArray>
#include <QStringDecoder>

#include <cmath>

namespace busbar {

namespace {

QString b64(const QByteArray& bytes) {
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray unb64(const QJsonValue& value) {
    return QByteArray::fromBase64(value.toString().toLatin1());
}

QString isoTime(const QDateTime& time) {
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString& text) {
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.toUTC();
}

QJsonObject typed(const char* type, const QJsonValue& value) {
    return QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                       {QStringLiteral("value"), value}};
}

QJsonObject asAmqp(const QVariant& value) {
    Result<QByteArray> encoded = AmqpEncoder::encode(value);
    return typed("amqp", encoded ? b64(*encoded) : QString());
}

std::optional<QString> validUtf8(const QByteArray& bytes) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return std::nullopt;
    }
    return text;
}

QString bodyKindName(AmqpMessage::BodyKind kind) {
    switch (kind) {
    case AmqpMessage::BodyKind::Data:
        return QStringLiteral("data");
    case AmqpMessage::BodyKind::Sequence:
        return QStringLiteral("sequence");
    case AmqpMessage::BodyKind::Value:
        return QStringLiteral("value");
    case AmqpMessage::BodyKind::None:
        break;
    }
    return QStringLiteral("none");
}

AmqpMessage::BodyKind bodyKindFromName(const QString& name) {
    if (name == QLatin1String("data")) {
        return AmqpMessage::BodyKind::Data;
    }
    if (name == QLatin1String("sequence")) {
        return AmqpMessage::BodyKind::Sequence;
    }
    if (name == QLatin1String("value")) {
        return AmqpMessage::BodyKind::Value;
    }
    return AmqpMessage::BodyKind::None;
}

QJsonArray encodeMap(const AmqpMap& map) {
    QJsonArray entries;
    for (const auto& [key, value] : map.entries) {
        entries.append(
            QJsonObject{{QStringLiteral("key"), MessageJsonCodec::encodeValue(key)},
                        {QStringLiteral("value"), MessageJsonCodec::encodeValue(value)}});
    }
    return entries;
}

Result<AmqpMap> decodeMap(const QJsonValue& json) {
    AmqpMap map;
    for (const QJsonValue& entry : json.toArray()) {
        Result<QVariant> key = MessageJsonCodec::decodeValue(entry[QLatin1String("key")]);
        Result<QVariant> value = MessageJsonCodec::decodeValue(entry[QLatin1String("value")]);
        if (!key || !value) {
            return fail(key ? value.error() : key.error());
        }
        map.entries.append({*key, *value});
    }
    return map;
}

QString stateName(MessageState state) {
    switch (state) {
    case MessageState::Deferred:
        return QStringLiteral("deferred");
    case MessageState::Scheduled:
        return QStringLiteral("scheduled");
    case MessageState::Active:
        break;
    }
    return QStringLiteral("active");
}

} // namespace

QJsonObject MessageJsonCodec::encodeValue(const QVariant& value) {
    if (!value.isValid()) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("null")}};
    }
    switch (value.userType()) {
    case QMetaType::Bool:
        return typed("boolean", value.toBool());
    case QMetaType::UChar:
        return typed("ubyte", int(value.value<quint8>()));
    case QMetaType::UShort:
        return typed("ushort", int(value.value<quint16>()));
    case QMetaType::UInt:
        return typed("uint", qint64(value.value<quint32>()));
    case QMetaType::ULongLong:
        return typed("ulong", QString::number(value.value<quint64>()));
    case QMetaType::SChar:
    case QMetaType::Char:
        return typed("byte", int(value.value<qint8>()));
    case QMetaType::Short:
        return typed("short", int(value.value<qint16>()));
    case QMetaType::Int:
        return typed("int", value.toInt());
    case QMetaType::LongLong:
        return typed("long", QString::number(value.value<qint64>()));
    case QMetaType::Float:
        if (std::isfinite(value.toFloat())) {
            return typed("float", double(value.toFloat()));
        }
        return asAmqp(value);
    case QMetaType::Double:
        if (std::isfinite(value.toDouble())) {
            return typed("double", value.toDouble());
        }
        return asAmqp(value);
    case QMetaType::QDateTime:
        return typed("timestamp", isoTime(value.toDateTime()));
    case QMetaType::QUuid:
        return typed("uuid", value.toUuid().toString(QUuid::WithoutBraces));
    case QMetaType::QByteArray:
        return typed("binary", b64(value.toByteArray()));
    case QMetaType::QString:
        return typed("string", value.toString());
    default:
        break;
    }
    if (value.userType() == qMetaTypeId<AmqpSymbol>()) {
        return typed("symbol", QString::fromUtf8(value.value<AmqpSymbol>().name));
    }
    return asAmqp(value);
}

Result<QVariant> MessageJsonCodec::decodeValue(const QJsonValue& json) {
    const QString type = json[QLatin1String("type")].toString();
    const QJsonValue v = json[QLatin1String("value")];
    if (type == QLatin1String("null")) {
        return QVariant();
    }
    if (type == QLatin1String("boolean")) {
        return QVariant(v.toBool());
    }
    if (type == QLatin1String("ubyte")) {
        return QVariant::fromValue(quint8(v.toInt()));
    }
    if (type == QLatin1String("ushort")) {
        return QVariant::fromValue(quint16(v.toInt()));
    }
    if (type == QLatin1String("uint")) {
        return QVariant::fromValue(quint32(v.toInteger()));
    }
    if (type == QLatin1String("ulong")) {
        return QVariant::fromValue(v.toString().toULongLong());
    }
    if (type == QLatin1String("byte")) {
        return QVariant::fromValue(qint8(v.toInt()));
    }
    if (type == QLatin1String("short")) {
        return QVariant::fromValue(qint16(v.toInt()));
    }
    if (type == QLatin1String("int")) {
        return QVariant::fromValue(qint32(v.toInt()));
    }
    if (type == QLatin1String("long")) {
        return QVariant::fromValue(v.toString().toLongLong());
    }
    if (type == QLatin1String("float")) {
        return QVariant::fromValue(float(v.toDouble()));
    }
    if (type == QLatin1String("double")) {
        return QVariant(v.toDouble());
    }
    if (type == QLatin1String("timestamp")) {
        return QVariant(fromIso(v.toString()));
    }
    if (type == QLatin1String("uuid")) {
        return QVariant(QUuid::fromString(v.toString()));
    }
    if (type == QLatin1String("binary")) {
        return QVariant(unb64(v));
    }
    if (type == QLatin1String("string")) {
        return QVariant(v.toString());
    }
    if (type == QLatin1String("symbol")) {
        return QVariant::fromValue(AmqpSymbol{v.toString().toUtf8()});
    }
    if (type == QLatin1String("amqp")) {
        const QByteArray bytes = unb64(v);
        return AmqpDecoder::decode(bytes);
    }
    return fail(ErrorCode::InvalidInput, QStringLiteral("Unknown value type \"%1\".").arg(type));
}

QJsonObject MessageJsonCodec::encode(const ServiceBusMessage& message) {
    const AmqpMessage& m = message.amqp;
    QJsonObject line{
        {QStringLiteral("sequenceNumber"), message.sequenceNumber},
        {QStringLiteral("messageId"), message.messageId()},
        {QStringLiteral("state"), stateName(message.state)},
        {QStringLiteral("deliveryCount"), qint64(message.deliveryCount)},
        {QStringLiteral("size"), message.size},
    };
    if (message.enqueuedTime) {
        line.insert(QStringLiteral("enqueuedTime"), isoTime(*message.enqueuedTime));
    }
    if (message.expiresAt) {
        line.insert(QStringLiteral("expiresAt"), isoTime(*message.expiresAt));
    }
    if (message.scheduledEnqueueTime) {
        line.insert(QStringLiteral("scheduledEnqueueTime"), isoTime(*message.scheduledEnqueueTime));
    }
    if (!message.deadLetterReason.isEmpty() || !message.deadLetterDescription.isEmpty()) {
        line.insert(QStringLiteral("deadLetterReason"), message.deadLetterReason);
        line.insert(QStringLiteral("deadLetterDescription"), message.deadLetterDescription);
    }
    if (!message.deadLetterSource.isEmpty()) {
        line.insert(QStringLiteral("deadLetterSource"), message.deadLetterSource);
    }

    const QByteArray payload =
        m.bodyKind == AmqpMessage::BodyKind::Data ? m.dataPayload() : m.bodyBytes;
    line.insert(QStringLiteral("bodyKind"), bodyKindName(m.bodyKind));
    line.insert(QStringLiteral("body"), b64(payload));
    if (m.bodyKind == AmqpMessage::BodyKind::Data) {
        if (const auto text = validUtf8(payload)) {
            line.insert(QStringLiteral("bodyText"), *text);
        }
    }
    line.insert(QStringLiteral("bodySections"), b64(m.bodyBytes));
    if (!m.footerBytes.isEmpty()) {
        line.insert(QStringLiteral("footer"), b64(m.footerBytes));
    }

    QJsonObject header{{QStringLiteral("present"), m.header.present},
                       {QStringLiteral("durable"), m.header.durable},
                       {QStringLiteral("priority"), int(m.header.priority)},
                       {QStringLiteral("firstAcquirer"), m.header.firstAcquirer}};
    if (m.header.ttlMs) {
        header.insert(QStringLiteral("ttlMs"), qint64(*m.header.ttlMs));
    }
    line.insert(QStringLiteral("header"), header);

    const AmqpMessage::Properties& p = m.properties;
    QJsonObject properties{{QStringLiteral("present"), p.present},
                           {QStringLiteral("messageId"), encodeValue(p.messageId)},
                           {QStringLiteral("correlationId"), encodeValue(p.correlationId)}};
    const auto text = [&properties](const char* key, const QString& value) {
        if (!value.isNull()) {
            properties.insert(QLatin1String(key), value);
        }
    };
    text("to", p.to);
    text("subject", p.subject);
    text("replyTo", p.replyTo);
    text("groupId", p.groupId);
    text("replyToGroupId", p.replyToGroupId);
    if (!p.userId.isNull()) {
        properties.insert(QStringLiteral("userId"), b64(p.userId));
    }
    if (!p.contentType.isNull()) {
        properties.insert(QStringLiteral("contentType"), QString::fromUtf8(p.contentType));
    }
    if (!p.contentEncoding.isNull()) {
        properties.insert(QStringLiteral("contentEncoding"), QString::fromUtf8(p.contentEncoding));
    }
    if (p.absoluteExpiryTime) {
        properties.insert(QStringLiteral("absoluteExpiryTime"), isoTime(*p.absoluteExpiryTime));
    }
    if (p.creationTime) {
        properties.insert(QStringLiteral("creationTime"), isoTime(*p.creationTime));
    }
    if (p.groupSequence) {
        properties.insert(QStringLiteral("groupSequence"), qint64(*p.groupSequence));
    }
    line.insert(QStringLiteral("properties"), properties);
    line.insert(QStringLiteral("hasApplicationProperties"), m.hasApplicationProperties);
    line.insert(QStringLiteral("applicationProperties"), encodeMap(m.applicationProperties));
    line.insert(QStringLiteral("messageAnnotations"), encodeMap(m.messageAnnotations));
    return line;
}

Result<AmqpMessage> MessageJsonCodec::decode(const QJsonObject& line) {
    AmqpMessage m;
    m.bodyKind = bodyKindFromName(line.value(QLatin1String("bodyKind")).toString());
    m.bodyBytes = unb64(line.value(QLatin1String("bodySections")));
    if (m.bodyBytes.isEmpty() && m.bodyKind == AmqpMessage::BodyKind::Data) {
        m.setDataBody(unb64(line.value(QLatin1String("body")))); // hand-written lines
    }
    m.footerBytes = unb64(line.value(QLatin1String("footer")));

    const QJsonObject header = line.value(QLatin1String("header")).toObject();
    m.header.present = header.value(QLatin1String("present")).toBool();
    m.header.durable = header.value(QLatin1String("durable")).toBool();
    m.header.priority = quint8(header.value(QLatin1String("priority")).toInt(4));
    m.header.firstAcquirer = header.value(QLatin1String("firstAcquirer")).toBool();
    if (header.contains(QLatin1String("ttlMs"))) {
        m.header.ttlMs = quint32(header.value(QLatin1String("ttlMs")).toInteger());
    }

    const QJsonObject p = line.value(QLatin1String("properties")).toObject();
    AmqpMessage::Properties& out = m.properties;
    out.present = p.value(QLatin1String("present")).toBool();
    for (auto [key, target] :
         {std::pair{"messageId", &out.messageId}, std::pair{"correlationId", &out.correlationId}}) {
        Result<QVariant> id = decodeValue(p.value(QLatin1String(key)));
        if (!id) {
            return fail(id.error());
        }
        *target = *id;
    }
    const auto text = [&p](const char* key) {
        const QJsonValue v = p.value(QLatin1String(key));
        return v.isString() ? v.toString() : QString();
    };
    out.to = text("to");
    out.subject = text("subject");
    out.replyTo = text("replyTo");
    out.groupId = text("groupId");
    out.replyToGroupId = text("replyToGroupId");
    if (p.contains(QLatin1String("userId"))) {
        out.userId = unb64(p.value(QLatin1String("userId")));
    }
    if (p.contains(QLatin1String("contentType"))) {
        out.contentType = text("contentType").toUtf8();
    }
    if (p.contains(QLatin1String("contentEncoding"))) {
        out.contentEncoding = text("contentEncoding").toUtf8();
    }
    if (p.contains(QLatin1String("absoluteExpiryTime"))) {
        out.absoluteExpiryTime = fromIso(text("absoluteExpiryTime"));
    }
    if (p.contains(QLatin1String("creationTime"))) {
        out.creationTime = fromIso(text("creationTime"));
    }
    if (p.contains(QLatin1String("groupSequence"))) {
        out.groupSequence = quint32(p.value(QLatin1String("groupSequence")).toInteger());
    }

    Result<AmqpMap> application = decodeMap(line.value(QLatin1String("applicationProperties")));
    Result<AmqpMap> annotations = decodeMap(line.value(QLatin1String("messageAnnotations")));
    if (!application || !annotations) {
        return fail(application ? annotations.error() : application.error());
    }
    m.applicationProperties = *application;
    m.hasApplicationProperties = line.value(QLatin1String("hasApplicationProperties")).toBool() ||
                                 !application->entries.isEmpty();
    m.messageAnnotations = *annotations;
    return m;
}

} // namespace busbar
