#include "ui/messages/MessageSummary.h"

#include "core/servicebus/ServiceBusMessage.h"

namespace busbar {

MessageSummary MessageSummary::fromMessage(const ServiceBusMessage& message) {
    MessageSummary s;
    s.sequenceNumber = message.sequenceNumber;
    s.enqueuedMs = message.enqueuedTime ? message.enqueuedTime->toMSecsSinceEpoch() : 0;
    s.scheduledMs =
        message.scheduledEnqueueTime ? message.scheduledEnqueueTime->toMSecsSinceEpoch() : 0;
    s.size = message.size;
    s.messageId = message.messageId();
    s.subject = message.amqp.properties.subject;
    s.contentType = QString::fromUtf8(message.amqp.properties.contentType);
    s.sessionId = message.sessionId;
    s.deadLetterReason = message.deadLetterReason;
    s.deadLetterDescription = message.deadLetterDescription;
    s.deliveryCount = message.deliveryCount;
    s.state = message.state;
    return s;
}

} // namespace busbar
