#include "ui/messages/MessageJson.h"

#include "core/servicebus/ServiceBusMessage.h"
#include "ui/messages/AmqpValueText.h"
#include "ui/messages/BodyFormatter.h"

#include <QJsonArray>

namespace busbar {

namespace {

QJsonValue timeOrNull(const std::optional<QDateTime>& time) {
    return time ? QJsonValue(time->toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonArray typedMap(const AmqpMap& map) {
    // An array of {name, type, value} keeps the AMQP types and the order.
    QJsonArray out;
    for (const auto& [key, value] : map.entries) {
        out.append(QJsonObject{{QStringLiteral("name"), AmqpValueText::text(key)},
                               {QStringLiteral("type"), AmqpValueText::typeName(value)},
                               {QStringLiteral("value"), AmqpValueText::toJson(value)}});
    }
    return out;
}

QString stateText(MessageState state) {
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

QJsonObject MessageJson::toJson(const ServiceBusMessage& message) {
    const AmqpMessage& amqp = message.amqp;
    const QByteArray body =
        amqp.bodyKind == AmqpMessage::BodyKind::Data ? amqp.dataPayload() : QByteArray();
    QJsonObject json;
    if (amqp.bodyKind == AmqpMessage::BodyKind::Value ||
        amqp.bodyKind == AmqpMessage::BodyKind::Sequence) {
        json.insert(QStringLiteral("bodyEncoding"), QStringLiteral("amqp-value"));
        json.insert(QStringLiteral("body"), AmqpValueText::toJson(amqp.bodyValue()));
    } else if (BodyFormatter::looksLikeText(body)) {
        json.insert(QStringLiteral("bodyEncoding"), QStringLiteral("utf8"));
        json.insert(QStringLiteral("body"), QString::fromUtf8(body));
    } else {
        json.insert(QStringLiteral("bodyEncoding"), QStringLiteral("base64"));
        json.insert(QStringLiteral("body"), QString::fromLatin1(body.toBase64()));
    }

    const AmqpMessage::Properties& p = amqp.properties;
    QJsonObject system{
        {QStringLiteral("sequenceNumber"), message.sequenceNumber},
        {QStringLiteral("enqueueSequenceNumber"), message.enqueueSequenceNumber},
        {QStringLiteral("enqueuedTimeUtc"), timeOrNull(message.enqueuedTime)},
        {QStringLiteral("scheduledEnqueueTimeUtc"), timeOrNull(message.scheduledEnqueueTime)},
        {QStringLiteral("expiresAtUtc"), timeOrNull(message.expiresAt)},
        {QStringLiteral("lockedUntilUtc"), timeOrNull(message.lockedUntil)},
        {QStringLiteral("deliveryCount"), qint64(message.deliveryCount)},
        {QStringLiteral("state"), stateText(message.state)},
        {QStringLiteral("size"), message.size},
        {QStringLiteral("messageId"), message.messageId()},
        {QStringLiteral("correlationId"), amqpIdToText(p.correlationId)},
        {QStringLiteral("subject"), p.subject},
        {QStringLiteral("to"), p.to},
        {QStringLiteral("replyTo"), p.replyTo},
        {QStringLiteral("replyToSessionId"), p.replyToGroupId},
        {QStringLiteral("sessionId"), message.sessionId},
        {QStringLiteral("contentType"), QString::fromUtf8(p.contentType)},
        {QStringLiteral("contentEncoding"), QString::fromUtf8(p.contentEncoding)},
        {QStringLiteral("userId"), QString::fromLatin1(p.userId.toBase64())},
        {QStringLiteral("creationTime"), timeOrNull(p.creationTime)},
        {QStringLiteral("absoluteExpiryTime"), timeOrNull(p.absoluteExpiryTime)},
        {QStringLiteral("deadLetterReason"), message.deadLetterReason},
        {QStringLiteral("deadLetterErrorDescription"), message.deadLetterDescription},
        {QStringLiteral("deadLetterSource"), message.deadLetterSource},
    };
    if (amqp.header.ttlMs) {
        system.insert(QStringLiteral("timeToLiveMs"), qint64(*amqp.header.ttlMs));
    }
    json.insert(QStringLiteral("systemProperties"), system);
    json.insert(QStringLiteral("header"),
                QJsonObject{{QStringLiteral("durable"), amqp.header.durable},
                            {QStringLiteral("priority"), int(amqp.header.priority)},
                            {QStringLiteral("firstAcquirer"), amqp.header.firstAcquirer},
                            {QStringLiteral("deliveryCount"), qint64(amqp.header.deliveryCount)}});
    json.insert(QStringLiteral("applicationProperties"), typedMap(amqp.applicationProperties));
    json.insert(QStringLiteral("messageAnnotations"), typedMap(amqp.messageAnnotations));
    return json;
}

} // namespace busbar
