#pragma once

#include "core/amqp/AmqpMessage.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVariant>

#include <chrono>
#include <optional>

namespace busbar {

// A message to send, in the terms the SDKs use (servicebus-amqp.md §6). toAmqp() maps it:
// the body as one data section (what every SDK sends), ids as strings, TTL in the header,
// the scheduled time as x-opt-scheduled-enqueue-time. A message received earlier can be
// re-sent as is with fromAmqp() (resubmit), which keeps every section it had.
struct OutgoingMessage {
    QByteArray body;
    QString contentType;
    QString messageId;
    QString correlationId;
    QString subject;
    QString to;
    QString replyTo;
    QString replyToSessionId;
    QString sessionId;
    QString partitionKey;
    std::optional<std::chrono::milliseconds> timeToLive;
    std::optional<QDateTime> scheduledEnqueueTime;
    AmqpMap applicationProperties; // string keys, values of any simple AMQP type

    void setApplicationProperty(const QString& key, const QVariant& value);

    [[nodiscard]] AmqpMessage toAmqp() const;
    static OutgoingMessage fromAmqp(const AmqpMessage& message);

    // When set, toAmqp() returns this message (plus the scheduled time, if set) instead of
    // building one from the fields above.
    std::optional<AmqpMessage> raw;
};

} // namespace busbar
