#include "core/servicebus/ServiceBusMessage.h"

namespace busbar {

namespace {

std::optional<QDateTime> timeOf(const QVariant& value) {
    // pyamqp re-sends these as long milliseconds instead of timestamps (§6.4): accept both.
    if (value.metaType().id() == QMetaType::QDateTime) {
        return value.toDateTime().toUTC();
    }
    if (value.metaType().id() == QMetaType::LongLong) {
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
    }
    return std::nullopt;
}

qint64 longOf(const QVariant& value, qint64 fallback) {
    bool ok = false;
    const qint64 v = value.toLongLong(&ok);
    return value.isValid() && ok ? v : fallback;
}

} // namespace

Result<ServiceBusMessage> ServiceBusMessage::fromEncoded(const QByteArray& encoded,
                                                         const QUuid& lockToken) {
    Result<AmqpMessage> decoded = AmqpMessage::decode(encoded);
    if (!decoded) {
        return fail(decoded.error());
    }
    return fromAmqp(std::move(*decoded), encoded.size(), lockToken);
}

ServiceBusMessage ServiceBusMessage::fromAmqp(AmqpMessage message, qint64 encodedSize,
                                              const QUuid& lockToken) {
    ServiceBusMessage m;
    m.sequenceNumber = longOf(message.annotation("x-opt-sequence-number"), -1);
    m.enqueueSequenceNumber =
        longOf(message.annotation("x-opt-enqueue-sequence-number"), m.sequenceNumber);
    m.enqueuedTime = timeOf(message.annotation("x-opt-enqueued-time"));
    m.scheduledEnqueueTime = timeOf(message.annotation("x-opt-scheduled-enqueue-time"));
    m.lockedUntil = timeOf(message.annotation("x-opt-locked-until"));
    m.deadLetterSource = message.annotation("x-opt-deadletter-source").toString();
    const qint64 state = longOf(message.annotation("x-opt-message-state"), 0);
    m.state = state == 1   ? MessageState::Deferred
              : state == 2 ? MessageState::Scheduled
                           : MessageState::Active;
    m.deadLetterReason = message.applicationProperty(QStringLiteral("DeadLetterReason")).toString();
    m.deadLetterDescription =
        message.applicationProperty(QStringLiteral("DeadLetterErrorDescription")).toString();
    m.deliveryCount = message.header.deliveryCount;
    m.sessionId = message.properties.groupId;
    m.expiresAt = message.properties.absoluteExpiryTime;
    m.size = encodedSize;
    m.lockToken = lockToken;
    m.amqp = std::move(message);
    return m;
}

} // namespace busbar
