#include "core/servicebus/OutgoingMessage.h"

#include <QTest>

using namespace busbar;

class tst_OutgoingMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mapsFieldsAsTheSdksDo() {
        OutgoingMessage m;
        m.body = QByteArray("\x00payload", 8);
        m.messageId = QStringLiteral("m-1");
        m.correlationId = QStringLiteral("c-1");
        m.subject = QStringLiteral("subject");
        m.sessionId = QStringLiteral("s-1");
        m.replyToSessionId = QStringLiteral("r-1");
        m.partitionKey = QStringLiteral("s-1");
        m.contentType = QStringLiteral("text/plain");
        m.timeToLive = std::chrono::seconds(90);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1800000000000, Qt::UTC);
        m.scheduledEnqueueTime = at;
        m.setApplicationProperty(QStringLiteral("n"), QVariant::fromValue(qint32(1)));
        m.setApplicationProperty(QStringLiteral("n"), QVariant::fromValue(qint32(2)));

        const AmqpMessage a = m.toAmqp();
        QCOMPARE(a.bodyKind, AmqpMessage::BodyKind::Data);
        QCOMPARE(a.dataPayload(), m.body);
        QCOMPARE(a.properties.messageId, QVariant(QStringLiteral("m-1")));
        QCOMPARE(a.properties.correlationId, QVariant(QStringLiteral("c-1")));
        QCOMPARE(a.properties.groupId, QStringLiteral("s-1"));
        QCOMPARE(a.properties.replyToGroupId, QStringLiteral("r-1"));
        QCOMPARE(a.properties.contentType, QByteArray("text/plain"));
        QCOMPARE(a.header.ttlMs, std::optional<quint32>(90000));
        QVERIFY(a.properties.absoluteExpiryTime.has_value());
        QCOMPARE(a.annotation("x-opt-scheduled-enqueue-time").toDateTime(), at);
        QCOMPARE(a.annotation("x-opt-partition-key").toString(), QStringLiteral("s-1"));
        // Setting a property twice replaces it.
        QCOMPARE(a.applicationProperties.entries.size(), 1);
        QCOMPARE(a.applicationProperty(QStringLiteral("n")), QVariant::fromValue(qint32(2)));
        // What goes out decodes to the same.
        const Result<AmqpMessage> decoded = AmqpMessage::decode(a.encode());
        QVERIFY(decoded);
        QCOMPARE(decoded->dataPayload(), m.body);
        QCOMPARE(decoded->applicationProperty(QStringLiteral("n")), QVariant::fromValue(qint32(2)));
    }

    void leavesOutWhatIsNotSet() {
        OutgoingMessage m;
        m.body = QByteArray("x");
        const AmqpMessage a = m.toAmqp();
        QVERIFY(!a.properties.messageId.isValid());
        QVERIFY(!a.header.ttlMs.has_value());
        QVERIFY(!a.properties.absoluteExpiryTime.has_value());
        QVERIFY(!a.annotation("x-opt-scheduled-enqueue-time").isValid());
        QVERIFY(!a.hasApplicationProperties);
    }

    void resubmitKeepsTheMessageButDropsBrokerStamps() {
        AmqpMessage received;
        received.properties.present = true;
        received.properties.messageId = QStringLiteral("orig");
        received.properties.groupId = QStringLiteral("sess");
        received.header.present = true;
        received.header.deliveryCount = 3;
        received.setAnnotation("x-opt-sequence-number", QVariant::fromValue(qint64(42)));
        received.setAnnotation("x-opt-locked-until", QDateTime::currentDateTimeUtc());
        received.setAnnotation("custom", QStringLiteral("kept"));
        received.setValueBody(QStringLiteral("value body"));

        const OutgoingMessage m = OutgoingMessage::fromAmqp(received);
        QCOMPARE(m.messageId, QStringLiteral("orig"));
        QCOMPARE(m.sessionId, QStringLiteral("sess"));
        const AmqpMessage a = m.toAmqp();
        QVERIFY(!a.annotation("x-opt-sequence-number").isValid());
        QVERIFY(!a.annotation("x-opt-locked-until").isValid());
        QCOMPARE(a.annotation("custom").toString(), QStringLiteral("kept"));
        QCOMPARE(a.header.deliveryCount, 0u);
        QCOMPARE(a.bodyKind, AmqpMessage::BodyKind::Value);
        QCOMPARE(a.bodyValue().toString(), QStringLiteral("value body"));
    }
};

QTEST_GUILESS_MAIN(tst_OutgoingMessage)
#include "tst_OutgoingMessage.moc"
