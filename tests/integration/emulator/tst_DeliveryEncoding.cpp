// What the emulator puts on the wire for a stored message (servicebus-amqp.md §6): explicit
// delivery counts, broker annotations, lock token, TTL and expiry, dead-letter source.
#include "core/amqp/AmqpMessage.h"
#include "emulator/amqp/DeliveryEncoding.h"

#include <QTest>

#include <limits>

using namespace busbar;
using namespace busbar::emulator;

namespace {

constexpr qint64 kEnqueued = 1'700'000'000'000;

StoredMessage stored() {
    StoredMessage s;
    s.sequenceNumber = 42;
    s.enqueuedTimeMs = kEnqueued;
    s.expiresAtMs = std::numeric_limits<qint64>::max();
    s.deliveryCount = 1;
    s.message.properties.present = true;
    s.message.properties.messageId = QStringLiteral("m-42");
    s.message.setDataBody(QByteArrayLiteral("payload"));
    return s;
}

AmqpMessage decoded(const QByteArray& bytes) {
    Result<AmqpMessage> message = AmqpMessage::decode(bytes);
    if (!message) {
        qWarning() << message.error().message;
        return {};
    }
    return *message;
}

QDateTime utc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class tst_DeliveryEncoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void firstDeliveryCarriesAnExplicitZeroCount() {
        LockedMessage locked{stored(), QUuid::createUuid(), kEnqueued + 60000};
        const QByteArray bytes =
            DeliveryEncoding::forTransfer(locked, true, false, QStringLiteral("q"));
        // The header is written with an explicit delivery-count field (Proton would drop a 0).
        QVERIFY(bytes.startsWith(QByteArray::fromHex("005370c0")));
        QCOMPARE(quint8(bytes.at(5)), quint8(5)); // all five fields, delivery-count last
        const AmqpMessage message = decoded(bytes);
        QVERIFY(message.header.present);
        QCOMPARE(message.header.deliveryCount, 0u);
        QCOMPARE(message.dataPayload(), QByteArrayLiteral("payload"));
        QCOMPARE(message.properties.messageId.toString(), QStringLiteral("m-42"));
        QCOMPARE(message.annotation("x-opt-sequence-number").toLongLong(), 42);
        QCOMPARE(message.annotation("x-opt-enqueued-time").toDateTime(), utc(kEnqueued));
        QCOMPARE(message.annotation("x-opt-locked-until").toDateTime(), utc(kEnqueued + 60000));
        QCOMPARE(message.annotation("x-opt-enqueue-sequence-number").toLongLong(), 42);
        QVERIFY(!message.properties.absoluteExpiryTime.has_value()); // never expires
        QCOMPARE(message.deliveryAnnotations.entries.size(), 1);
        QCOMPARE(message.deliveryAnnotations.entries.first().second.toUuid(), locked.lockToken);
    }

    void sessionAndReceiveAndDeleteTransfersCarryNoMessageLock() {
        LockedMessage locked{stored(), QUuid::createUuid(), kEnqueued + 60000};
        const AmqpMessage session =
            decoded(DeliveryEncoding::forTransfer(locked, true, true, QStringLiteral("q")));
        QVERIFY(!session.annotation("x-opt-locked-until").isValid());
        const AmqpMessage deleted =
            decoded(DeliveryEncoding::forTransfer(locked, false, false, QStringLiteral("q")));
        QVERIFY(!deleted.annotation("x-opt-locked-until").isValid());
        QVERIFY(deleted.deliveryAnnotations.entries.isEmpty());
    }

    void peekShowsTheRawCountAndTheState() {
        StoredMessage s = stored();
        s.deliveryCount = 3;
        s.state = MessageState::Deferred;
        const AmqpMessage message = decoded(DeliveryEncoding::forPeek(s, QStringLiteral("q")));
        QCOMPARE(message.header.deliveryCount, 3u);
        QCOMPARE(message.annotation("x-opt-message-state").userType(), QMetaType::Int);
        QCOMPARE(message.annotation("x-opt-message-state").toInt(), 1);
        QVERIFY(!message.annotation("x-opt-locked-until").isValid());
        QVERIFY(message.deliveryAnnotations.entries.isEmpty());
    }

    void theTtlInForceAndTheExpiryAreStamped() {
        StoredMessage s = stored();
        s.expiresAtMs = kEnqueued + 2000; // the entity default applied
        AmqpMessage message = decoded(DeliveryEncoding::forPeek(s, QStringLiteral("q")));
        QCOMPARE(message.header.ttlMs, std::optional<quint32>(2000));
        QCOMPARE(message.properties.absoluteExpiryTime,
                 std::optional<QDateTime>(utc(kEnqueued + 2000)));

        // The message's own ttl in force: the expiry is anchored on its creation time, so
        // SDKs computing expiry - creation read back exactly the ttl sent.
        s.message.header.ttlMs = 5000;
        s.message.properties.creationTime = utc(kEnqueued - 30);
        s.expiresAtMs = kEnqueued + 5000;
        message = decoded(DeliveryEncoding::forPeek(s, QStringLiteral("q")));
        QCOMPARE(message.header.ttlMs, std::optional<quint32>(5000));
        QCOMPARE(message.properties.absoluteExpiryTime,
                 std::optional<QDateTime>(utc(kEnqueued - 30 + 5000)));
    }

    void deadLetterSourceOnlyWhenItNamesAnotherEntity() {
        StoredMessage s = stored();
        s.deadLetterSource = QStringLiteral("orders");
        s.message.setAnnotation("x-opt-deadletter-source", QStringLiteral("orders"));
        QVERIFY(!decoded(DeliveryEncoding::forPeek(s, QStringLiteral("Orders")))
                     .annotation("x-opt-deadletter-source")
                     .isValid());
        QCOMPARE(decoded(DeliveryEncoding::forPeek(s, QStringLiteral("archive")))
                     .annotation("x-opt-deadletter-source")
                     .toString(),
                 QStringLiteral("orders"));
    }

    void managementReceiveIsDeferredWithTheLockInTheMessage() {
        LockedMessage locked{stored(), QUuid::createUuid(), kEnqueued + 60000};
        const AmqpMessage message =
            decoded(DeliveryEncoding::forManagementReceive(locked, true, QStringLiteral("q")));
        QCOMPARE(message.annotation("x-opt-message-state").toInt(), 1);
        QCOMPARE(message.annotation("x-opt-locked-until").toDateTime(), utc(kEnqueued + 60000));
        QVERIFY(message.deliveryAnnotations.entries.isEmpty()); // the token is in the response map
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryEncoding)
#include "tst_DeliveryEncoding.moc"
