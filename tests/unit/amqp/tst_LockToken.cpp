#include "core/amqp/LockToken.h"

#include <QTest>

using namespace busbar;

class tst_LockToken : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void specExample();
    void roundTrips();
    void wrongLengths();
};

// servicebus-amqp.md §5.4: one GUID, two byte orders.
void tst_LockToken::specExample() {
    const QUuid token(QStringLiteral("01020304-0506-0708-090a-0b0c0d0e0f10"));
    const QByteArray tag = QByteArray::fromHex("0403020106050807090a0b0c0d0e0f10");
    const QByteArray uuid = QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10");

    QCOMPARE(LockToken::toDeliveryTag(token).toHex(), tag.toHex());
    QCOMPARE(LockToken::toUuidBytes(token).toHex(), uuid.toHex());
    QCOMPARE(LockToken::fromDeliveryTag(tag), std::optional<QUuid>(token));
    QCOMPARE(LockToken::fromUuidBytes(uuid), std::optional<QUuid>(token));
    QCOMPARE(LockToken::swapGuidByteOrder(tag).toHex(), uuid.toHex());
    QCOMPARE(LockToken::swapGuidByteOrder(uuid).toHex(), tag.toHex());
}

void tst_LockToken::roundTrips() {
    for (int i = 0; i < 100; ++i) {
        const QUuid token = QUuid::createUuid();
        QCOMPARE(LockToken::fromDeliveryTag(LockToken::toDeliveryTag(token)),
                 std::optional<QUuid>(token));
        QCOMPARE(LockToken::fromUuidBytes(LockToken::toUuidBytes(token)),
                 std::optional<QUuid>(token));
        // The last eight bytes travel unchanged in both orders.
        QCOMPARE(LockToken::toDeliveryTag(token).mid(8), token.toRfc4122().mid(8));
    }
}

void tst_LockToken::wrongLengths() {
    QVERIFY(!LockToken::fromDeliveryTag(QByteArray(15, 'x')).has_value());
    QVERIFY(!LockToken::fromDeliveryTag(QByteArray()).has_value());
    QVERIFY(!LockToken::fromUuidBytes(QByteArray(17, 'x')).has_value());
    // A pre-settled transfer's tag may be anything: never a crash, just no token.
    QVERIFY(!LockToken::fromDeliveryTag(QByteArray(8, '\0')).has_value());
}

QTEST_GUILESS_MAIN(tst_LockToken)
#include "tst_LockToken.moc"
