#pragma once

#include "core/amqp/AmqpMessage.h"
#include "core/common/Result.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QUuid>

#include <optional>

namespace busbar {

// A message as the broker handed it out (received or peeked): the AMQP message, untouched,
// plus the fields the broker stamped on it, read once so views need not dig in annotations.
struct ServiceBusMessage {
    AmqpMessage amqp;

    qint64 sequenceNumber = -1;
    qint64 enqueueSequenceNumber = -1;
    std::optional<QDateTime> enqueuedTime;
    std::optional<QDateTime> scheduledEnqueueTime;
    std::optional<QDateTime> lockedUntil;
    std::optional<QDateTime> expiresAt;
    QUuid lockToken;           // null when the message was peeked or received and deleted
    quint32 deliveryCount = 0; // as the broker wrote it in the header
    MessageState state = MessageState::Active;
    QString deadLetterReason;
    QString deadLetterDescription;
    QString deadLetterSource;
    QString sessionId; // properties.group-id
    qint64 size = 0;   // encoded size in bytes
    // The lock came from receive-by-sequence-number: settle it through update-disposition.
    bool managementLock = false;

    // Reads the broker-stamped fields of `encoded`; `lockToken` comes from the delivery tag
    // (or the management reply) because the message itself does not carry it reliably.
    static Result<ServiceBusMessage> fromEncoded(const QByteArray& encoded,
                                                 const QUuid& lockToken = {});
    static ServiceBusMessage fromAmqp(AmqpMessage message, qint64 encodedSize,
                                      const QUuid& lockToken = {});
    // The x-opt-sequence-number of an encoded message, read from its message annotations
    // without decoding the rest (properties, body); -1 when absent or unreadable.
    static qint64 sequenceNumberOf(QByteArrayView encoded);

    [[nodiscard]] QString messageId() const { return amqpIdToText(amqp.properties.messageId); }
};

} // namespace busbar
