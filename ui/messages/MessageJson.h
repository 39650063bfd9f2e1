#pragma once

#include <QJsonObject>

namespace busbar {

struct ServiceBusMessage;

// The whole message as one JSON document for "Save as JSON" and "Copy as JSON": the body
// (UTF-8 text when it is text, base64 otherwise, with `bodyEncoding` saying which), the
// broker's system properties, AMQP properties and header, application properties with their
// AMQP types, and message annotations.
class MessageJson final {
public:
    [[nodiscard]] static QJsonObject toJson(const ServiceBusMessage& message);
};

} // namespace busbar
