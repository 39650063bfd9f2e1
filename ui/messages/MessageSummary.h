#pragma once

#include "core/servicebus/ServiceBusTypes.h"

#include <QString>

namespace busbar {

struct ServiceBusMessage;

// What a message table row keeps of a peeked message: a few numbers and the short texts a
// user scans, nothing else (bodies and properties are fetched on demand). Low-cardinality
// texts (subject, content type, reasons, session ids) are shared through the model's
// interning so a million dead letters with one reason hold that reason once.
struct MessageSummary {
    qint64 sequenceNumber = -1;
    qint64 enqueuedMs = 0;  // ms since the epoch, UTC; 0 when unknown
    qint64 scheduledMs = 0; // scheduled enqueue time; 0 when not scheduled
    qint64 size = 0;
    QString messageId;
    QString subject;
    QString contentType;
    QString sessionId;
    QString deadLetterReason;
    QString deadLetterDescription;
    quint32 deliveryCount = 0;
    MessageState state = MessageState::Active;

    static MessageSummary fromMessage(const ServiceBusMessage& message);
};

} // namespace busbar
