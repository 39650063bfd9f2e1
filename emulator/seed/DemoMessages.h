#pragma once

#include "core/amqp/AmqpMessage.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QString>

namespace busbar::emulator {

// Builds the realistic-looking messages the demo namespace is filled with. Every value comes
// from the seeded generator or the message index, so two runs with the same seed produce the
// same bodies and properties: screenshots, docs and tests can rely on them.
class DemoMessages final {
public:
    explicit DemoMessages(quint32 seed);

    // A JSON order (application/json) with customer, lines and a total, and varied
    // application properties of every common type (string, int, long, double, bool,
    // timestamp, null).
    AmqpMessage order(int index);
    // An XML invoice (application/xml) for a customer.
    AmqpMessage invoice(int index);
    // A scanned document: opaque bytes with a PDF signature (application/pdf).
    AmqpMessage scannedDocument(int index);
    // A chat turn in a support conversation; groupId is the session.
    AmqpMessage supportMessage(const QString& sessionId, int turn);
    // A domain event for topic fan-out; region cycles eu/us/apac by index.
    AmqpMessage event(int index);

    // The fixed date the demo content is set around, so bodies do not change between runs.
    static QDateTime baseTime();

private:
    QString customerName();
    QString customerId();
    double price();

    QRandomGenerator m_random;
};

} // namespace busbar::emulator
