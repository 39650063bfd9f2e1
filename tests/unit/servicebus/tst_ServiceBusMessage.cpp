#include "core/servicebus/ServiceBusMessage.h"

#include <QTest>

using namespace busbar;

class tst_ServiceBusMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsWhatTheBrokerStamped() {
        AmqpMessage a;
        a.header.present = true;
        a.header.deliveryCount = 2;
        a.properties.present = true;
        a.properties.messageId = QVariant::fromValue(quint64(7));
        a.properties.groupId = QStringLiteral("session-1");
        const QDateTime enqueued = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
        a.properties.absoluteExpiryTime = enqueued.addSecs(60);
        a.setAnnotation("x-opt-sequence-number", QVariant::fromValue(qint64(11)));
        a.setAnnotation("x-opt-enqueue-sequence-number", QVariant::fromValue(qint64(5)));
        a.setAnnotation("x-opt-enqueued-time", enqueued);
        // pyamqp re-sends times as long milliseconds: both forms are read.
        a.setAnnotation("x-opt-locked-until", QVariant::fromValue(qint64(1700000060000)));
        a.setAnnotation("x-opt-message-state", QVariant::fromValue(qint32(1)));
        a.setAnnotation("x-opt-deadletter-source", QStringLiteral("orders"));
        a.setApplicationProperty(QStringLiteral("DeadLetterReason"), QStringLiteral("why"));
        a.setApplicationProperty(QStringLiteral("DeadLetterErrorDescription"),
                                 QStringLiteral("what"));
        a.setDataBody(QByteArray("body"));
        const QByteArray encoded = a.encode();
        const QUuid token = QUuid::createUuid();

        const Result<ServiceBusMessage> m = ServiceBusMessage::fromEncoded(encoded, token);
        QVERIFY(m);
        QCOMPARE(m->sequenceNumber, qint64(11));
        QCOMPARE(m->enqueueSequenceNumber, qint64(5));
        QCOMPARE(m->enqueuedTime, std::optional<QDateTime>(enqueued));
        QCOMPARE(m->lockedUntil, std::optional<QDateTime>(enqueued.addSecs(60)));
        QCOMPARE(m->expiresAt, std::optional<QDateTime>(enqueued.addSecs(60)));
        QCOMPARE(m->state, MessageState::Deferred);
        QCOMPARE(m->deadLetterSource, QStringLiteral("orders"));
        QCOMPARE(m->deadLetterReason, QStringLiteral("why"));
        QCOMPARE(m->deadLetterDescription, QStringLiteral("what"));
        QCOMPARE(m->deliveryCount, 2u);
        QCOMPARE(m->sessionId, QStringLiteral("session-1"));
        QCOMPARE(m->messageId(), QStringLiteral("7"));
        QCOMPARE(m->lockToken, token);
        QCOMPARE(m->size, qint64(encoded.size()));
        QCOMPARE(m->amqp.dataPayload(), QByteArray("body"));
    }

    void defaultsWhenNothingIsStamped() {
        AmqpMessage a;
        a.setDataBody(QByteArray("x"));
        const Result<ServiceBusMessage> m = ServiceBusMessage::fromEncoded(a.encode());
        QVERIFY(m);
        QCOMPARE(m->sequenceNumber, qint64(-1));
        QCOMPARE(m->state, MessageState::Active);
        QVERIFY(!m->enqueuedTime.has_value());
        QVERIFY(!m->lockedUntil.has_value());
        QVERIFY(m->lockToken.isNull());
    }

    void readsScheduledStampsAndFallsBackToTheSequenceNumber() {
        AmqpMessage a;
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1700000100000, Qt::UTC);
        a.setAnnotation("x-opt-sequence-number", QVariant::fromValue(qint64(42)));
        a.setAnnotation("x-opt-scheduled-enqueue-time", at);
        a.setAnnotation("x-opt-message-state", QVariant::fromValue(qint32(2)));
        // A key that only shares the x-opt- prefix is not a stamp.
        a.setAnnotation("x-opt-sequence-number-x", QVariant::fromValue(qint64(99)));
        const ServiceBusMessage m = ServiceBusMessage::fromAmqp(a, 10);
        QCOMPARE(m.sequenceNumber, qint64(42));
        QCOMPARE(m.enqueueSequenceNumber, qint64(42));
        QCOMPARE(m.scheduledEnqueueTime, std::optional<QDateTime>(at));
        QCOMPARE(m.state, MessageState::Scheduled);
        QVERIFY(m.deadLetterSource.isEmpty());
        QCOMPARE(m.size, qint64(10));
    }

    void readsStringKeysAndTheFirstOfDuplicateKeys() {
        // Some clients send annotation keys as strings and property keys as symbols; a map
        // with a key twice is read as AmqpMessage::annotation reads it (first entry).
        AmqpMessage a;
        a.messageAnnotations.entries.append(
            {QVariant(QStringLiteral("x-opt-sequence-number")), QVariant::fromValue(qint64(3))});
        a.messageAnnotations.entries.append(
            {QVariant::fromValue(AmqpSymbol{QByteArray("x-opt-sequence-number")}),
             QVariant::fromValue(qint64(4))});
        a.messageAnnotations.entries.append(
            {QVariant(QStringLiteral("x-opt-deadletter-source")), QStringLiteral("src")});
        a.hasApplicationProperties = true;
        a.applicationProperties.entries.append(
            {QVariant::fromValue(AmqpSymbol{QByteArray("DeadLetterReason")}),
             QStringLiteral("first")});
        a.applicationProperties.entries.append(
            {QVariant(QStringLiteral("DeadLetterReason")), QStringLiteral("second")});
        a.applicationProperties.entries.append(
            {QVariant(QStringLiteral("DeadLetterErrorDescription")), QStringLiteral("d")});
        const ServiceBusMessage m = ServiceBusMessage::fromAmqp(a, 1);
        QCOMPARE(m.sequenceNumber, qint64(3));
        QCOMPARE(m.deadLetterSource, QStringLiteral("src"));
        QCOMPARE(m.deadLetterReason, QStringLiteral("first"));
        QCOMPARE(m.deadLetterDescription, QStringLiteral("d"));
    }

    void ignoresStampsOfTheWrongType() {
        AmqpMessage a;
        a.setAnnotation("x-opt-sequence-number", QStringLiteral("not a number"));
        a.setAnnotation("x-opt-enqueued-time", QStringLiteral("yesterday"));
        const ServiceBusMessage m = ServiceBusMessage::fromAmqp(a, 1);
        QCOMPARE(m.sequenceNumber, qint64(-1));
        QVERIFY(!m.enqueuedTime.has_value());
    }

    // The peek read-ahead asks only this of a page's last message.
    void readsTheSequenceNumberAlone() {
        AmqpMessage a;
        a.header.deliveryCount = 2;
        a.deliveryAnnotations.entries.append(
            {QVariant::fromValue(AmqpSymbol{"x-opt-other"}), QVariant::fromValue(qint64(1))});
        a.setAnnotation("x-opt-enqueued-time", QDateTime::currentDateTimeUtc());
        a.setAnnotation("x-opt-sequence-number", QVariant::fromValue(qint64(77)));
        a.properties.messageId = QStringLiteral("m");
        a.setDataBody(QByteArray(300, 'b'));
        const QByteArray encoded = a.encode();
        QCOMPARE(ServiceBusMessage::sequenceNumberOf(encoded), qint64(77));
        QCOMPARE(ServiceBusMessage::sequenceNumberOf(encoded),
                 ServiceBusMessage::fromEncoded(encoded)->sequenceNumber);

        AmqpMessage unstamped;
        unstamped.setDataBody("x");
        QCOMPARE(ServiceBusMessage::sequenceNumberOf(unstamped.encode()), qint64(-1));
        AmqpMessage wrongType;
        wrongType.setAnnotation("x-opt-sequence-number", QStringLiteral("seven"));
        QCOMPARE(ServiceBusMessage::sequenceNumberOf(wrongType.encode()), qint64(-1));
        QCOMPARE(ServiceBusMessage::sequenceNumberOf(encoded.left(12)), qint64(-1));
        QCOMPARE(ServiceBusMessage::sequenceNumberOf(QByteArray("\x00\x53", 2)), qint64(-1));
    }

    void rejectsGarbage() {
        const Result<ServiceBusMessage> m =
            ServiceBusMessage::fromEncoded(QByteArray("\x00\x53", 2));
        QVERIFY(!m);
    }
};

QTEST_GUILESS_MAIN(tst_ServiceBusMessage)
#include "tst_ServiceBusMessage.moc"
