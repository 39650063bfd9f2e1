#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessage.h"
#include "tests/unit/amqp/AmqpMessageSamples.h"
#include "tests/unit/amqp/AmqpTestUtil.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

using namespace busbar;
using busbar::test::errorOf;
using busbar::test::hex;
using busbar::test::sameAmqpValue;
using busbar::test::sym;
using namespace busbar::test;

namespace {

bool pointsInto(const QByteArray& inner, const QByteArray& outer) {
    return inner.constData() >= outer.constData() &&
           inner.constData() + inner.size() <= outer.constData() + outer.size();
}

AmqpMessage stampedMessage() {
    AmqpMessage m;
    m.properties.messageId = QStringLiteral("id-1");
    m.setAnnotation("x-opt-sequence-number", QVariant::fromValue(qint64(42)));
    m.setAnnotation("x-opt-enqueued-time", QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC));
    m.setAnnotation("x-opt-locked-until", QDateTime::fromMSecsSinceEpoch(1700000060123, Qt::UTC));
    m.setAnnotation("x-opt-custom-annotation", QStringLiteral("kept"));
    QByteArray payload(1000, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(i * 7);
    m.setDataBody(payload);
    return m;
}

QByteArray section(quint64 code, const QVariant& value) {
    QByteArray out;
    AmqpEncoder e(out);
    e.writeDescriptor(code);
    e.writeValue(value);
    return out;
}

} // namespace

class tst_AmqpMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullRoundTrip();
    void messageIdTypes_data();
    void messageIdTypes();
    void propertiesTrailingNullsTrimmed();
    void explicitDeliveryCountZero();
    void emptyMessageEncodesNothing();
    void bodyByteExact_data();
    void bodyByteExact();
    void symbolicDescriptors();
    void liberalInputTypes();
    void rejects_data();
    void rejects();
    void batchSplit();
    void batchErrors();
    void helpers();
    void idToText_data();
    void idToText();
    void garbageNeverCrashes();
    void randomMessagesRoundTrip();
    void bodySharedOnlyWithAnExactBuffer();
    void bodyCopiedOutOfLargerBuffers();
    void wellKnownKeysDecodeAsPlainValues();
    void listSectionsFieldByField();
};

void tst_AmqpMessage::fullRoundTrip() {
    const AmqpMessage original = fullMessage();
    const QByteArray encoded = original.encode();
    auto decoded = AmqpMessage::decode(encoded);
    QVERIFY2(decoded.has_value(), errorOf(decoded).constData());
    compareMessages(*decoded, original);
    QCOMPARE(decoded->encode(), encoded);
    QCOMPARE(decoded->dataPayload(), QByteArray("hello, world"));
    QCOMPARE(decoded->annotation("x-opt-sequence-number"), QVariant(qint64(42)));
    QCOMPARE(decoded->applicationProperty(QStringLiteral("int")), QVariant(qint32(-5)));
}

void tst_AmqpMessage::messageIdTypes_data() {
    QTest::addColumn<QVariant>("id");
    QTest::newRow("string") << QVariant(QStringLiteral("id-1"));
    QTest::newRow("empty string") << QVariant(QStringLiteral(""));
    QTest::newRow("ulong") << QVariant::fromValue(quint64(1234567890123ULL));
    QTest::newRow("ulong 0") << QVariant::fromValue(quint64(0));
    QTest::newRow("uuid") << QVariant(QUuid::createUuid());
    QTest::newRow("binary") << QVariant(QByteArray("\x01\x02\xff", 3));
}

void tst_AmqpMessage::messageIdTypes() {
    QFETCH(QVariant, id);
    AmqpMessage m;
    m.properties.messageId = id;
    m.properties.correlationId = id;
    auto decoded = AmqpMessage::decode(m.encode());
    QVERIFY(decoded.has_value());
    QVERIFY(decoded->properties.present);
    QVERIFY(sameAmqpValue(decoded->properties.messageId, id));
    QVERIFY(sameAmqpValue(decoded->properties.correlationId, id));
}

void tst_AmqpMessage::propertiesTrailingNullsTrimmed() {
    AmqpMessage m;
    m.properties.messageId = QStringLiteral("a");
    m.setDataBody("x");
    QCOMPARE(m.encode().toHex(' '), hex("00 53 73 c0 04 01 a1 01 61 00 53 75 a0 01 78").toHex(' '));

    AmqpMessage s;
    s.properties.subject = QStringLiteral("s");
    QCOMPARE(s.encode().toHex(' '), hex("00 53 73 c0 07 04 40 40 40 a1 01 73").toHex(' '));

    AmqpMessage present;
    present.properties.present = true;
    QCOMPARE(present.encode().toHex(' '), hex("00 53 73 45").toHex(' '));
}

void tst_AmqpMessage::explicitDeliveryCountZero() {
    AmqpMessage m;
    m.header.present = true;
    m.setDataBody("x");
    const QByteArray data = hex("00 53 75 a0 01 78");
    QCOMPARE(m.encode(true).toHex(' '),
             QByteArray(hex("00 53 70 c0 06 05 40 40 40 40 43") + data).toHex(' '));
    QCOMPARE(m.encode(false).toHex(' '), QByteArray(hex("00 53 70 45") + data).toHex(' '));

    auto decoded = AmqpMessage::decode(m.encode(true));
    QVERIFY(decoded.has_value());
    QVERIFY(decoded->header.present);
    QCOMPARE(decoded->header.deliveryCount, 0u);

    // A non-zero count is written whatever the flag says, after durable and priority.
    m.header.durable = true;
    m.header.deliveryCount = 2;
    QCOMPARE(m.encode().toHex(' '),
             QByteArray(hex("00 53 70 c0 07 05 41 40 40 40 52 02") + data).toHex(' '));
    // Proton's hand-encoded example from the notes decodes too.
    auto proton = AmqpMessage::decode(hex("00 53 70 c0 07 05 41 40 40 42 52 00") + data);
    QVERIFY(proton.has_value());
    QVERIFY(proton->header.durable);
    QVERIFY(!proton->header.firstAcquirer);
}

void tst_AmqpMessage::emptyMessageEncodesNothing() {
    QVERIFY(AmqpMessage().encode().isEmpty());
    auto decoded = AmqpMessage::decode(QByteArray());
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->bodyKind, AmqpMessage::BodyKind::None);
    QVERIFY(!decoded->header.present);
    QVERIFY(!decoded->properties.present);
}

void tst_AmqpMessage::bodyByteExact_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QVariant>("value");

    using K = AmqpMessage::BodyKind;
    QTest::newRow("data") << hex("00 53 75 a0 03 010203") << int(K::Data)
                          << QVariant(hex("010203"));
    // A data section in the 32-bit form although it would fit 8 bits: kept as received.
    QTest::newRow("data vbin32") << hex("00 53 75 b0 00000002 abcd") << int(K::Data)
                                 << QVariant(hex("abcd"));
    QTest::newRow("multi data") << hex("00 53 75 a0 01 61 00 53 75 a0 00 00 53 75 a0 02 6263")
                                << int(K::Data) << QVariant(QByteArray("abc"));
    QTest::newRow("sequence") << hex("00 53 76 c0 03 01 52 01 00 53 76 45 00 53 76 c0 02 01 41")
                              << int(K::Sequence)
                              << QVariant(QVariantList{QVariant::fromValue(quint32(1)), true});
    QTest::newRow("value string") << hex("00 53 77 a1 02 6869") << int(K::Value)
                                  << QVariant(QStringLiteral("hi"));
    QTest::newRow("value described map")
        << hex("00 53 77 00 a3 01 78 c1 05 02 a1 01 6b 40") << int(K::Value)
        << QVariant::fromValue(AmqpDescribed{
               sym("x"), QVariant::fromValue(AmqpMap{{{QStringLiteral("k"), QVariant()}}})});
    QTest::newRow("value null") << hex("00 53 77 40") << int(K::Value) << QVariant();
}

void tst_AmqpMessage::bodyByteExact() {
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QVariant, value);

    const QByteArray head =
        hex("00 53 70 c0 02 01 41") + section(0x73, QVariantList{QStringLiteral("id")});
    const QByteArray footer = hex("00 53 78 c1 05 02 a3 01 66 40");
    const QByteArray wire = head + body + footer;
    auto m = AmqpMessage::decode(wire);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QCOMPARE(int(m->bodyKind), kind);
    QCOMPARE(m->bodyBytes.toHex(' '), body.toHex(' '));
    QCOMPARE(m->footerBytes.toHex(' '), footer.toHex(' '));
    QVERIFY(sameAmqpValue(m->bodyValue(), value));
    QCOMPARE(m->encode().toHex(' '), wire.toHex(' '));
}

void tst_AmqpMessage::symbolicDescriptors() {
    const QByteArray wire = hex("00 a3 10") + "amqp:header:list" + hex("c0 02 01 41") +
                            hex("00 a3 1c") + "amqp:message-annotations:map" +
                            hex("c1 05 02 a3 01 6b 41") + hex("00 a3 10") + "amqp:data:binary" +
                            hex("a0 01 78") + hex("00 a3 10") + "amqp:data:binary" +
                            hex("a0 01 79");
    auto m = AmqpMessage::decode(wire);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QVERIFY(m->header.durable);
    QCOMPARE(m->annotation("k"), QVariant(true));
    QCOMPARE(m->bodyKind, AmqpMessage::BodyKind::Data);
    QCOMPARE(m->dataPayload(), QByteArray("xy"));
    QVERIFY(m->bodyBytes.startsWith(hex("00 a3 10")));
    QVERIFY(AmqpMessage::decode(hex("00 80 0000000000000077 40")).has_value());
}

void tst_AmqpMessage::liberalInputTypes() {
    // Symbols for string fields, long milliseconds for timestamps, ulong for uint fields.
    const QByteArray wire =
        section(0x70, QVariantList{QVariant(), QVariant(), QVariant::fromValue(quint64(1000))}) +
        section(0x73, QVariantList{QVariant(), QVariant(), sym("to"), QVariant(), QVariant(),
                                   QVariant(), QStringLiteral("text/plain"), QVariant(), QVariant(),
                                   QVariant::fromValue(qint64(kCreated))});
    auto m = AmqpMessage::decode(wire);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QCOMPARE(m->header.ttlMs, std::optional<quint32>(1000));
    QCOMPARE(m->properties.to, QStringLiteral("to"));
    QCOMPARE(m->properties.contentType, QByteArray("text/plain"));
    QCOMPARE(m->properties.creationTime, std::optional<QDateTime>(utc(kCreated)));
}

void tst_AmqpMessage::rejects_data() {
    QTest::addColumn<QByteArray>("wire");
    const QByteArray header = hex("00 53 70 45");
    const QByteArray props = hex("00 53 73 45");
    const QByteArray data = hex("00 53 75 a0 01 78");
    QTest::newRow("properties before header") << props + header;
    QTest::newRow("two headers") << header + header;
    QTest::newRow("unknown section") << hex("00 53 79 45");
    QTest::newRow("unknown symbolic section") << hex("00 a3 03 61 62 63 45");
    QTest::newRow("not described") << hex("45");
    QTest::newRow("data then value") << data + hex("00 53 77 40");
    QTest::newRow("two values") << hex("00 53 77 40 00 53 77 40");
    QTest::newRow("sequence then data") << hex("00 53 76 45") + data;
    QTest::newRow("data holding a string") << hex("00 53 75 a1 01 78");
    QTest::newRow("sequence not a list") << hex("00 53 76 40");
    QTest::newRow("header not a list") << hex("00 53 70 a1 01 78");
    QTest::newRow("durable not bool") << hex("00 53 70 c0 03 01 a1 00");
    QTest::newRow("priority too big") << hex("00 53 70 c0 07 02 40 70 00000100");
    QTest::newRow("to is a number") << hex("00 53 73 c0 05 03 40 40 52 01");
    QTest::newRow("annotations not a map") << hex("00 53 72 45");
    QTest::newRow("footer not a map") << data + hex("00 53 78 45");
    QTest::newRow("footer before body") << hex("00 53 78 c1 01 00") + data;
    QTest::newRow("truncated body") << data.left(data.size() - 1);
    QTest::newRow("garbage after") << data + hex("00");
}

void tst_AmqpMessage::rejects() {
    QFETCH(QByteArray, wire);
    auto m = AmqpMessage::decode(wire);
    QVERIFY(!m.has_value());
    QCOMPARE(m.error().code, ErrorCode::Protocol);
    QVERIFY(!m.error().message.isEmpty());
}

void tst_AmqpMessage::batchSplit() {
    QList<AmqpMessage> inner;
    QByteArray envelopeBody;
    for (int i = 0; i < 3; ++i) {
        AmqpMessage m;
        m.properties.messageId = QStringLiteral("m%1").arg(i);
        m.setApplicationProperty(QStringLiteral("index"), qint32(i));
        m.setDataBody(QByteArray(i * 200, 'a' + char(i)));
        inner.append(m);
        AmqpMessage wrapper;
        wrapper.setDataBody(m.encode());
        envelopeBody += wrapper.bodyBytes;
    }
    AmqpMessage envelope;
    envelope.properties.messageId = QStringLiteral("m0");
    envelope.setAnnotation("x-opt-partition-key", QStringLiteral("pk"));
    envelope.bodyKind = AmqpMessage::BodyKind::Data;
    envelope.bodyBytes = envelopeBody;
    const QByteArray wire = envelope.encode();

    QVERIFY(AmqpMessage::looksLikeBatch(wire));
    auto messages = AmqpMessage::decodeBatch(wire);
    QVERIFY2(messages.has_value(), errorOf(messages).constData());
    QCOMPARE(messages->size(), 3);
    for (int i = 0; i < 3; ++i) {
        compareMessages(messages->at(i), inner.at(i));
        QCOMPARE(messages->at(i).dataPayload().size(), i * 200);
    }

    // A footer after the data sections does not change the verdict.
    AmqpMessage withFooter = envelope;
    withFooter.footerBytes = hex("00 53 78 c1 01 00");
    QVERIFY(AmqpMessage::looksLikeBatch(withFooter.encode()));
    QCOMPARE(AmqpMessage::decodeBatch(withFooter.encode())->size(), 3);

    AmqpMessage plain;
    plain.setDataBody("just text");
    QVERIFY(!AmqpMessage::looksLikeBatch(plain.encode()));
    AmqpMessage value;
    value.setValueBody(QStringLiteral("v"));
    QVERIFY(!AmqpMessage::looksLikeBatch(value.encode()));
    QVERIFY(!AmqpMessage::looksLikeBatch(hex("00 53 70 45")));
    QVERIFY(!AmqpMessage::looksLikeBatch(hex("ff")));
    QVERIFY(!AmqpMessage::looksLikeBatch(QByteArray()));
    // One batch-looking data section followed by one that is not.
    AmqpMessage mixed = envelope;
    mixed.bodyBytes += plain.bodyBytes;
    QVERIFY(!AmqpMessage::looksLikeBatch(mixed.encode()));
}

void tst_AmqpMessage::batchErrors() {
    AmqpMessage notData;
    notData.setValueBody(QVariant());
    QVERIFY(!AmqpMessage::decodeBatch(notData.encode()).has_value());

    AmqpMessage badInner;
    AmqpMessage good;
    good.setDataBody("ok");
    badInner.bodyKind = AmqpMessage::BodyKind::Data;
    AmqpMessage w1;
    w1.setDataBody(good.encode());
    AmqpMessage w2;
    w2.setDataBody(hex("00 53 75 a0 05 78")); // truncated inner message
    badInner.bodyBytes = w1.bodyBytes + w2.bodyBytes;
    auto result = AmqpMessage::decodeBatch(badInner.encode());
    QVERIFY(!result.has_value());
    QVERIFY2(result.error().message.contains(QStringLiteral("batch message 2")),
             errorOf(result).constData());

    // An empty data section holds no message: the whole batch is refused.
    AmqpMessage empty;
    empty.setDataBody(QByteArray());
    AmqpMessage withEmpty;
    withEmpty.bodyKind = AmqpMessage::BodyKind::Data;
    withEmpty.bodyBytes = w1.bodyBytes + empty.bodyBytes;
    auto emptyResult = AmqpMessage::decodeBatch(withEmpty.encode());
    QVERIFY(!emptyResult.has_value());
    QVERIFY(emptyResult.error().message.contains(QStringLiteral("batch message 2")));
    QVERIFY(!AmqpMessage::looksLikeBatch(withEmpty.encode()));
}

void tst_AmqpMessage::helpers() {
    AmqpMessage m;
    QVERIFY(!m.annotation("k").isValid());
    m.setAnnotation("k", qint32(1));
    m.setAnnotation("k", qint32(2));
    QCOMPARE(m.messageAnnotations.entries.size(), 1);
    QVERIFY(sameAmqpValue(m.messageAnnotations.entries.first().first, sym("k")));
    QCOMPARE(m.annotation("k"), QVariant(qint32(2)));
    m.removeAnnotation("k");
    QVERIFY(m.messageAnnotations.entries.isEmpty());

    QVERIFY(!m.hasApplicationProperties);
    m.setApplicationProperty(QStringLiteral("p"), QStringLiteral("x"));
    QVERIFY(m.hasApplicationProperties);
    QVERIFY(sameAmqpValue(m.applicationProperties.entries.first().first, QStringLiteral("p")));
    QCOMPARE(m.applicationProperty(QStringLiteral("p")), QVariant(QStringLiteral("x")));
    QVERIFY(!m.applicationProperty(QStringLiteral("missing")).isValid());

    // An empty application-properties section survives a round trip.
    AmqpMessage empty;
    empty.hasApplicationProperties = true;
    QCOMPARE(empty.encode().toHex(' '), hex("00 53 74 c1 01 00").toHex(' '));
    auto decoded = AmqpMessage::decode(empty.encode());
    QVERIFY(decoded.has_value());
    QVERIFY(decoded->hasApplicationProperties);

    AmqpMessage value;
    value.setValueBody(QVariantList{qint32(1)});
    QCOMPARE(value.bodyKind, AmqpMessage::BodyKind::Value);
    QVERIFY(sameAmqpValue(value.bodyValue(), QVariantList{qint32(1)}));
    QVERIFY(value.dataPayload().isEmpty());
}

void tst_AmqpMessage::idToText_data() {
    QTest::addColumn<QVariant>("id");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << QVariant(QStringLiteral("Order-1")) << QStringLiteral("Order-1");
    QTest::newRow("uuid") << QVariant(
                                 QUuid(QStringLiteral("{0A0B0C0D-0E0F-1011-1213-141516171819}")))
                          << QStringLiteral("0a0b0c0d-0e0f-1011-1213-141516171819");
    QTest::newRow("ulong") << QVariant::fromValue(quint64(18446744073709551615ULL))
                           << QStringLiteral("18446744073709551615");
    QTest::newRow("binary") << QVariant(QByteArray("\x00\xAB\x10", 3)) << QStringLiteral("00ab10");
    QTest::newRow("null") << QVariant() << QString();
}

void tst_AmqpMessage::idToText() {
    QFETCH(QVariant, id);
    QFETCH(QString, text);
    QCOMPARE(amqpIdToText(id), text);
}

void tst_AmqpMessage::garbageNeverCrashes() {
    const QByteArray valid = fullMessage().encode();
    QRandomGenerator rng(4242);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        QByteArray mutated = valid;
        const int flips = rng.bounded(1, 5);
        for (int f = 0; f < flips; ++f)
            mutated[rng.bounded(int(mutated.size()))] = char(rng.bounded(256));
        if (rng.bounded(4) == 0)
            mutated.truncate(rng.bounded(int(mutated.size())));
        auto m = AmqpMessage::decode(mutated);
        if (m) {
            ++accepted;
            // Whatever is accepted must encode to something that decodes again.
            QVERIFY(AmqpMessage::decode(m->encode()).has_value());
        }
        AmqpMessage::looksLikeBatch(mutated);
    }
    QVERIFY(accepted < 3000);
}

// Seeded random messages: every section kind, every property type, random annotation and
// application-property values; decode(encode(m)) keeps every field and the encoding is stable.
void tst_AmqpMessage::randomMessagesRoundTrip() {
    busbar::test::RandomAmqpValues random(99);
    QRandomGenerator& rng = random.rng();
    auto maybe = [&] {
        return rng.bounded(2) == 1;
    };
    auto text = [&](int i) {
        return QStringLiteral("t%1").arg(i);
    };
    for (int i = 0; i < 500; ++i) {
        AmqpMessage m;
        m.header.present = maybe();
        m.header.durable = maybe();
        m.header.priority = quint8(maybe() ? 4 : rng.bounded(10));
        if (maybe())
            m.header.ttlMs = rng.generate();
        m.header.firstAcquirer = maybe();
        m.header.deliveryCount = maybe() ? 0 : rng.generate();
        for (int a = rng.bounded(3); a > 0; --a)
            m.deliveryAnnotations.entries.append({sym("x-opt-da"), random.value(2)});
        for (int a = rng.bounded(4); a > 0; --a)
            m.setAnnotation(QByteArray("x-opt-") + QByteArray::number(a), random.value(1));
        auto& p = m.properties;
        p.present = maybe();
        const QVariant ids[] = {text(i), QVariant::fromValue(quint64(rng.generate64())),
                                QUuid::createUuid(), QByteArray(rng.bounded(20), 'i')};
        if (maybe())
            p.messageId = ids[rng.bounded(4)];
        if (maybe())
            p.userId = QByteArray(rng.bounded(5), 'u');
        if (maybe())
            p.to = text(i);
        if (maybe())
            p.subject = QString();
        else
            p.subject = QStringLiteral("");
        if (maybe())
            p.replyTo = text(i + 1);
        if (maybe())
            p.correlationId = ids[rng.bounded(4)];
        if (maybe())
            p.contentType = "application/octet-stream";
        if (maybe())
            p.contentEncoding = "";
        if (maybe())
            p.absoluteExpiryTime = utc(kExpires + i);
        if (maybe())
            p.creationTime = utc(kCreated - i);
        if (maybe())
            p.groupId = text(i % 7);
        if (maybe())
            p.groupSequence = rng.generate();
        if (maybe())
            p.replyToGroupId = QString(300, QLatin1Char('r'));
        for (int a = rng.bounded(4); a > 0; --a)
            m.setApplicationProperty(text(a), random.value(3));
        m.hasApplicationProperties = m.hasApplicationProperties || maybe();
        switch (rng.bounded(4)) {
        case 0:
            break;
        case 1:
            for (int d = 1 + rng.bounded(3); d > 0; --d)
                m.bodyBytes += section(0x75, QByteArray(rng.bounded(300), 'd'));
            m.bodyKind = AmqpMessage::BodyKind::Data;
            break;
        case 2:
            for (int d = 1 + rng.bounded(2); d > 0; --d)
                m.bodyBytes += section(0x76, QVariantList{random.value(1), random.value(1)});
            m.bodyKind = AmqpMessage::BodyKind::Sequence;
            break;
        default:
            m.setValueBody(random.value());
            break;
        }
        if (maybe())
            m.footerBytes =
                section(0x78, QVariant::fromValue(AmqpMap{{{sym("f"), random.value(2)}}}));

        const bool explicitCount = maybe();
        const QByteArray wire = m.encode(explicitCount);
        auto decoded = AmqpMessage::decode(wire);
        QVERIFY2(decoded.has_value(),
                 QByteArray(QByteArray::number(i) + ' ' + errorOf(decoded)).constData());
        // Decoding marks sections as present; everything else must come back unchanged.
        AmqpMessage expected = m;
        expected.header.present = !wire.isEmpty() && wire.startsWith(hex("00 53 70"));
        compareMessages(*decoded, expected);
        if (QTest::currentTestFailed())
            QFAIL(QByteArray("message " + QByteArray::number(i)).constData());
        QCOMPARE(decoded->encode(explicitCount), wire);
    }
}

QTEST_GUILESS_MAIN(tst_AmqpMessage)
// A delivery buffer of exactly the message's size (as read off a link) lends its body to the
// message instead of a copy; the message still behaves as its own value.
void tst_AmqpMessage::bodySharedOnlyWithAnExactBuffer() {
    const AmqpMessage original = stampedMessage();
    const QByteArray wire = original.encode();
    QByteArray exact(wire.constData(), wire.size());
    QCOMPARE(exact.capacity(), exact.size());

    auto m = AmqpMessage::decode(exact);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QVERIFY(pointsInto(m->bodyBytes, exact));
    QCOMPARE(m->bodyBytes, original.bodyBytes);
    QCOMPARE(m->dataPayload(), original.dataPayload());
    QCOMPARE(m->encode(), wire);

    // Writing to either side leaves the other as it was.
    exact[exact.size() - 1] = char(~exact.at(exact.size() - 1));
    QCOMPARE(m->bodyBytes, original.bodyBytes);
    QCOMPARE(m->encode(), wire);
    m->bodyBytes[m->bodyBytes.size() - 1] = 'z';
    QCOMPARE(exact.left(exact.size() - 1), wire.left(wire.size() - 1));

    // The message outlives the buffer it came in.
    AmqpMessage kept;
    {
        QByteArray transient(wire.constData(), wire.size());
        auto decoded = AmqpMessage::decode(transient);
        QVERIFY(decoded.has_value());
        kept = std::move(*decoded);
    }
    QCOMPARE(kept.encode(), wire);
    kept.bodyBytes.append("more");
    QVERIFY(kept.bodyBytes.endsWith("more"));
    QCOMPARE(kept.bodyBytes.chopped(4), original.bodyBytes);
}

// A message inside something bigger (a page, a batch, raw data) gets its own copy, so keeping
// the message never keeps the rest.
void tst_AmqpMessage::bodyCopiedOutOfLargerBuffers() {
    const AmqpMessage original = stampedMessage();
    const QByteArray wire = original.encode();

    QByteArray roomy = wire;
    roomy.reserve(wire.size() * 4);
    QVERIFY(roomy.capacity() > roomy.size());
    auto fromRoomy = AmqpMessage::decode(roomy);
    QVERIFY2(fromRoomy.has_value(), errorOf(fromRoomy).constData());
    QVERIFY(!pointsInto(fromRoomy->bodyBytes, roomy));
    QCOMPARE(fromRoomy->encode(), wire);

    const QByteArray page = QByteArray(64, 'p') + wire + QByteArray(64, 'q');
    const QByteArray raw = QByteArray::fromRawData(page.constData() + 64, wire.size());
    auto fromRaw = AmqpMessage::decode(raw);
    QVERIFY2(fromRaw.has_value(), errorOf(fromRaw).constData());
    QVERIFY(!pointsInto(fromRaw->bodyBytes, page));
    QCOMPARE(fromRaw->encode(), wire);
}

// The Service Bus annotation keys and management keys are decoded from static data; they
// must still be ordinary symbols and strings, equal to freshly made ones, and re-encode the
// same.
void tst_AmqpMessage::wellKnownKeysDecodeAsPlainValues() {
    const AmqpMessage original = stampedMessage();
    const QByteArray wire = original.encode();
    auto m = AmqpMessage::decode(wire);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QCOMPARE(m->messageAnnotations.entries.size(), 4);
    const QList<QByteArray> names = {"x-opt-sequence-number", "x-opt-enqueued-time",
                                     "x-opt-locked-until", "x-opt-custom-annotation"};
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QVariant& key = m->messageAnnotations.entries.at(i).first;
        QCOMPARE(key.typeId(), qMetaTypeId<AmqpSymbol>());
        QCOMPARE(key.value<AmqpSymbol>(), AmqpSymbol{names.at(i)});
        QVERIFY(sameAmqpValue(key, sym(names.at(i).constData())));
    }
    QCOMPARE(m->annotation("x-opt-sequence-number"), QVariant::fromValue(qint64(42)));
    QCOMPARE(m->encode(), wire);

    AmqpMap reply;
    reply.entries.append({QStringLiteral("message"), QByteArray("abc")});
    reply.entries.append({QStringLiteral("lock-token"), QUuid::createUuid()});
    reply.entries.append({QStringLiteral("messages"), QVariantList{}});
    reply.entries.append({QStringLiteral("messagesX"), 1});
    QByteArray encoded;
    AmqpEncoder(encoded).writeMap(reply);
    auto decoded = AmqpDecoder::decode(encoded);
    QVERIFY(decoded.has_value());
    QVERIFY(sameAmqpValue(*decoded, QVariant::fromValue(reply)));
    QByteArray again;
    AmqpEncoder(again).writeValue(*decoded);
    QCOMPARE(again, encoded);
}

// Header and properties are read straight off their lists: extra fields are checked and
// dropped, null means all defaults, and anything else is still refused.
void tst_AmqpMessage::listSectionsFieldByField() {
    // Seven header fields (two beyond the five defined) and fourteen properties.
    QVariantList header{true,  QVariant::fromValue(quint8(9)),  QVariant::fromValue(quint32(5000)),
                        false, QVariant::fromValue(quint32(3)), QStringLiteral("x"),
                        1};
    QVariantList properties(14);
    properties[0] = QVariant::fromValue(quint64(7));
    properties[3] = QStringLiteral("subject");
    properties[10] = QStringLiteral("group");
    properties[11] = QVariant::fromValue(quint32(12));
    properties[13] = QStringLiteral("beyond the last field");
    const QByteArray wire = section(0x70, header) + section(0x73, properties);
    auto m = AmqpMessage::decode(wire);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QVERIFY(m->header.present);
    QVERIFY(m->header.durable);
    QCOMPARE(m->header.priority, quint8(9));
    QCOMPARE(m->header.ttlMs, std::optional<quint32>(5000));
    QCOMPARE(m->header.deliveryCount, quint32(3));
    QVERIFY(sameAmqpValue(m->properties.messageId, QVariant::fromValue(quint64(7))));
    QCOMPARE(m->properties.subject, QStringLiteral("subject"));
    QCOMPARE(m->properties.groupId, QStringLiteral("group"));
    QCOMPARE(m->properties.groupSequence, std::optional<quint32>(12));

    auto nulls = AmqpMessage::decode(hex("00 53 70 40 00 53 73 40"));
    QVERIFY2(nulls.has_value(), errorOf(nulls).constData());
    QVERIFY(nulls->header.present);
    QCOMPARE(nulls->header.priority, quint8(4));
    QVERIFY(nulls->properties.present);
    QVERIFY(!nulls->properties.messageId.isValid());

    auto map = AmqpMessage::decode(hex("00 53 70 c1 01 00"));
    QVERIFY(!map.has_value());
    QVERIFY2(map.error().message.contains(QStringLiteral("the header is not a list")),
             qPrintable(map.error().message));
    // A list whose count promises more than its size holds, and a bad field past the ones
    // kept: both refused, not read past.
    QVERIFY(!AmqpMessage::decode(hex("00 53 70 c0 02 05 41")).has_value());
    QVERIFY(!AmqpMessage::decode(hex("00 53 70 c0 08 06 40 40 40 40 40 56 02")).has_value());
}

#include "tst_AmqpMessage.moc"
