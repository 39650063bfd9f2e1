#include "core/servicebus/OutgoingMessage.h"

namespace busbar {

void OutgoingMessage::setApplicationProperty(const QString& key, const QVariant& value) {
    for (auto& entry : applicationProperties.entries) {
        if (entry.first.toString() == key) {
            entry.second = value;
            return;
        }
    }
    applicationProperties.entries.append({QVariant(key), value});
}

AmqpMessage OutgoingMessage::toAmqp() const {
    AmqpMessage m;
    if (raw) {
        m = *raw;
    } else {
        m.header.present = true;
        if (timeToLive) {
            m.header.ttlMs = quint32(std::clamp<qint64>(timeToLive->count(), 0, 0xffffffffLL));
        }
        auto& p = m.properties;
        p.present = true;
        if (!messageId.isEmpty()) {
            p.messageId = messageId;
        }
        if (!correlationId.isEmpty()) {
            p.correlationId = correlationId;
        }
        p.subject = subject;
        p.to = to;
        p.replyTo = replyTo;
        p.replyToGroupId = replyToSessionId;
        p.groupId = sessionId;
        p.contentType = contentType.toUtf8();
        if (timeToLive) {
            // .NET also stamps creation and absolute expiry; the broker ignores expiry on input.
            const QDateTime now = QDateTime::currentDateTimeUtc();
            p.creationTime = now;
            p.absoluteExpiryTime = now.addMSecs(timeToLive->count());
        }
        if (!partitionKey.isEmpty()) {
            m.setAnnotation("x-opt-partition-key", partitionKey);
        }
        if (!applicationProperties.entries.isEmpty()) {
            m.applicationProperties = applicationProperties;
            m.hasApplicationProperties = true;
        }
        m.setDataBody(body);
    }
    if (scheduledEnqueueTime) {
        m.setAnnotation("x-opt-scheduled-enqueue-time", scheduledEnqueueTime->toUTC());
    }
    return m;
}

OutgoingMessage OutgoingMessage::fromAmqp(const AmqpMessage& message) {
    OutgoingMessage m;
    m.raw = message;
    // Broker stamps describe the old copy; the broker writes fresh ones for the new one.
    for (const char* key :
         {"x-opt-sequence-number", "x-opt-enqueued-time", "x-opt-locked-until",
          "x-opt-enqueue-sequence-number", "x-opt-message-state", "x-opt-deadletter-source"}) {
        m.raw->removeAnnotation(key);
    }
    m.raw->deliveryAnnotations = {};
    m.raw->header.deliveryCount = 0;
    m.messageId = amqpIdToText(message.properties.messageId);
    m.sessionId = message.properties.groupId;
    return m;
}

} // namespace busbar
