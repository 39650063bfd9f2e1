#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessage.h"
#include "tests/unit/amqp/AmqpMessageSamples.h"
#include "tests/unit/amqp/AmqpTestUtil.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

#include <proton/annotation_key.hpp>
#include <proton/binary.hpp>
#include <proton/message.hpp>
#include <proton/message_id.hpp>
#include <proton/scalar.hpp>
#include <proton/symbol.hpp>
#include <proton/timestamp.hpp>
#include <proton/uuid.hpp>
#include <proton/value.hpp>

using namespace busbar;
using busbar::test::errorOf;
using busbar::test::hex;
using busbar::test::sameAmqpValue;
using busbar::test::sym;
using namespace busbar::test;

namespace {

// Encoded by rhea 3.0.5 (the AMQP library under @azure/service-bus 7.9.5, tests/interop), the
// way the JS SDK builds a message and a batch envelope (ServiceBusMessageBatchImpl).
// Regenerate with rhea's message.encode() if the SDK's encoding is in question.
const char* const kRheaMessage =
    "005370d00000000b000000034140700000ea60005372d10000004400000004a313782d6f70742d70"
    "6172746974696f6e2d6b6579a102706ba31c782d6f70742d7363686564756c65642d656e71756575"
    "652d74696d65830000018cc251f400005373d0000000660000000da10469642d3140a10571756575"
    "65a1056c6162656ca1057265706c79a104636f7272a3106170706c69636174696f6e2f6a736f6e40"
    "830000018cc252de60830000018cc251f400a10973657373696f6e2d3140a10d7265706c792d7365"
    "7373696f6e005374d1000000360000000aa103737472a10176a1036e756d5205a103626967800000"
    "010000000000a104626f6f6c41a10364626c824004000000000000005375a00b7b226f7264657222"
    "3a317d";
const char* const kRheaBatch =
    "00537045005372d10000004400000004a313782d6f70742d706172746974696f6e2d6b6579a10270"
    "6ba31c782d6f70742d7363686564756c65642d656e71756575652d74696d65830000018cc251f400"
    "005373d00000001e0000000ba10469642d31404040404040404040a10973657373696f6e2d310053"
    "74d1000000360000000aa103737472a10176a1036e756d5205a103626967800000010000000000a1"
    "04626f6f6c41a10364626c824004000000000000005375b00000011b005370d00000000b00000003"
    "4140700000ea60005372d10000004400000004a313782d6f70742d706172746974696f6e2d6b6579"
    "a102706ba31c782d6f70742d7363686564756c65642d656e71756575652d74696d65830000018cc2"
    "51f400005373d0000000660000000da10469642d3140a1057175657565a1056c6162656ca1057265"
    "706c79a104636f7272a3106170706c69636174696f6e2f6a736f6e40830000018cc252de60830000"
    "018cc251f400a10973657373696f6e2d3140a10d7265706c792d73657373696f6e005374d1000000"
    "360000000aa103737472a10176a1036e756d5205a103626967800000010000000000a104626f6f6c"
    "41a10364626c824004000000000000005375a00b7b226f72646572223a317d005375b00000011b00"
    "5370d00000000b000000034140700000ea60005372d10000004400000004a313782d6f70742d7061"
    "72746974696f6e2d6b6579a102706ba31c782d6f70742d7363686564756c65642d656e7175657565"
    "2d74696d65830000018cc251f400005373d0000000660000000da10469642d3240a1057175657565"
    "a1056c6162656ca1057265706c79a104636f7272a3106170706c69636174696f6e2f6a736f6e4083"
    "0000018cc252de60830000018cc251f400a10973657373696f6e2d3140a10d7265706c792d736573"
    "73696f6e005374d1000000360000000aa103737472a10176a1036e756d5205a10362696780000001"
    "0000000000a104626f6f6c41a10364626c824004000000000000005375a00b7b226f72646572223a"
    "327d";
const char* const kRheaValueBody =
    "0053704500537345005377d10000001b00000002a1046c697374d00000000c000000035201a10374"
    "776f40";

std::vector<char> toVector(const QByteArray& bytes) {
    return std::vector<char>(bytes.begin(), bytes.end());
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

// AmqpMessage against the other encoders the broker and client meet: Proton-C++ (the client
// core's library) and rhea (under @azure/service-bus).
class tst_AmqpMessageInterop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void protonEncodedDecodes();
    void protonValueBody();
    void ourEncodingDecodesInProton();
    void rheaEncodedMessage();
    void rheaEncodedBatch();
    void rheaEncodedValueBody();
};

void tst_AmqpMessageInterop::protonEncodedDecodes() {
    proton::message pm;
    pm.durable(true);
    pm.priority(9);
    pm.ttl(proton::duration(30000));
    pm.first_acquirer(true);
    pm.delivery_count(4);
    pm.id(proton::message_id(std::string("proton-id")));
    pm.user("alice");
    pm.to("queue-b");
    pm.subject("subj");
    pm.reply_to("back");
    const char uuidBytes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    pm.correlation_id(proton::message_id(proton::uuid::copy(uuidBytes)));
    pm.content_type("text/plain");
    pm.content_encoding("gzip");
    pm.expiry_time(proton::timestamp(kExpires));
    pm.creation_time(proton::timestamp(kCreated));
    pm.group_id("g");
    pm.group_sequence(12);
    pm.reply_to_group_id("rg");
    pm.properties().put("s", proton::scalar(std::string("v")));
    pm.properties().put("i", proton::scalar(int32_t(-7)));
    pm.properties().put("l", proton::scalar(int64_t(1) << 40));
    pm.message_annotations().put(proton::annotation_key(proton::symbol("x-opt-sequence-number")),
                                 proton::value(int64_t(77)));
    pm.delivery_annotations().put(proton::annotation_key(proton::symbol("x-opt-lock-token")),
                                  proton::value(proton::uuid::copy(uuidBytes)));
    pm.body(proton::binary(std::string("payload")));
    pm.inferred(true);
    std::vector<char> buffer;
    pm.encode(buffer);

    auto m = AmqpMessage::decode(QByteArray(buffer.data(), qsizetype(buffer.size())));
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QVERIFY(m->header.durable);
    QCOMPARE(m->header.priority, quint8(9));
    QCOMPARE(m->header.ttlMs, std::optional<quint32>(30000));
    QVERIFY(m->header.firstAcquirer);
    QCOMPARE(m->header.deliveryCount, 4u);
    QVERIFY(sameAmqpValue(m->properties.messageId, QStringLiteral("proton-id")));
    QCOMPARE(m->properties.userId, QByteArray("alice"));
    QCOMPARE(m->properties.to, QStringLiteral("queue-b"));
    QCOMPARE(m->properties.subject, QStringLiteral("subj"));
    QCOMPARE(m->properties.replyTo, QStringLiteral("back"));
    QVERIFY(sameAmqpValue(m->properties.correlationId,
                          QUuid(QStringLiteral("01020304-0506-0708-090a-0b0c0d0e0f10"))));
    QCOMPARE(m->properties.contentType, QByteArray("text/plain"));
    QCOMPARE(m->properties.contentEncoding, QByteArray("gzip"));
    QCOMPARE(m->properties.absoluteExpiryTime, std::optional<QDateTime>(utc(kExpires)));
    QCOMPARE(m->properties.creationTime, std::optional<QDateTime>(utc(kCreated)));
    QCOMPARE(m->properties.groupId, QStringLiteral("g"));
    QCOMPARE(m->properties.groupSequence, std::optional<quint32>(12));
    QCOMPARE(m->properties.replyToGroupId, QStringLiteral("rg"));
    QVERIFY(m->hasApplicationProperties);
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("s")), QStringLiteral("v")));
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("i")), qint32(-7)));
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("l")), qint64(1) << 40));
    QVERIFY(sameAmqpValue(m->annotation("x-opt-sequence-number"), qint64(77)));
    QCOMPARE(m->deliveryAnnotations.entries.size(), 1);
    QCOMPARE(m->bodyKind, AmqpMessage::BodyKind::Data);
    QCOMPARE(m->dataPayload(), QByteArray("payload"));
}

void tst_AmqpMessageInterop::protonValueBody() {
    proton::message pm;
    pm.body(proton::value(std::string("text body")));
    std::vector<char> buffer;
    pm.encode(buffer);
    auto m = AmqpMessage::decode(QByteArray(buffer.data(), qsizetype(buffer.size())));
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QCOMPARE(m->bodyKind, AmqpMessage::BodyKind::Value);
    QVERIFY(sameAmqpValue(m->bodyValue(), QStringLiteral("text body")));
}

void tst_AmqpMessageInterop::ourEncodingDecodesInProton() {
    AmqpMessage m = fullMessage();
    // Proton's property_map holds scalars only and throws on the described .NET value.
    m.applicationProperties.entries.removeLast();
    proton::message pm;
    pm.decode(toVector(m.encode()));
    QVERIFY(pm.durable());
    QCOMPARE(int(pm.priority()), 7);
    QCOMPARE(qint64(pm.ttl().milliseconds()), qint64(60000));
    QVERIFY(pm.first_acquirer());
    QCOMPARE(pm.delivery_count(), 3u);
    QCOMPARE(qs(proton::get<std::string>(pm.id())), QStringLiteral("msg-1"));
    QCOMPARE(qs(pm.user()), QStringLiteral("user"));
    QCOMPARE(qs(pm.to()), QStringLiteral("queue-a"));
    QCOMPARE(qs(pm.subject()), QStringLiteral("label"));
    QCOMPARE(qs(pm.reply_to()), QStringLiteral("reply-queue"));
    QCOMPARE(proton::get<uint64_t>(pm.correlation_id()), uint64_t(99));
    QCOMPARE(qs(pm.content_type()), QStringLiteral("application/json"));
    QCOMPARE(qs(pm.content_encoding()), QStringLiteral("utf-8"));
    QCOMPARE(qint64(pm.expiry_time().milliseconds()), kExpires);
    QCOMPARE(qint64(pm.creation_time().milliseconds()), kCreated);
    QCOMPARE(qs(pm.group_id()), QStringLiteral("session-1"));
    QCOMPARE(pm.group_sequence(), 5);
    QCOMPARE(qs(pm.reply_to_group_id()), QStringLiteral("reply-session"));
    QCOMPARE(qs(proton::get<std::string>(pm.properties().get("string"))), QStringLiteral("v"));
    QCOMPARE(proton::get<int32_t>(pm.properties().get("int")), -5);
    QCOMPARE(proton::get<int64_t>(pm.properties().get("long")), int64_t(1) << 40);
    QCOMPARE(proton::get<bool>(pm.properties().get("bool")), true);
    QCOMPARE(proton::get<double>(pm.properties().get("double")), 2.5);
    QCOMPARE(proton::get<int64_t>(pm.message_annotations().get(
                 proton::annotation_key(proton::symbol("x-opt-sequence-number")))),
             int64_t(42));
    QCOMPARE(proton::get<int16_t>(pm.message_annotations().get(
                 proton::annotation_key(proton::symbol("x-opt-partition-id")))),
             int16_t(3));
    QVERIFY(pm.delivery_annotations().exists(
        proton::annotation_key(proton::symbol("x-opt-lock-token"))));
    QVERIFY(pm.inferred());
    const auto body = proton::get<proton::binary>(pm.body());
    QCOMPARE(std::string(body.begin(), body.end()), std::string("hello, world"));
}

void tst_AmqpMessageInterop::rheaEncodedMessage() {
    const QByteArray wire = QByteArray::fromHex(kRheaMessage);
    auto m = AmqpMessage::decode(wire);
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QVERIFY(m->header.durable);
    QCOMPARE(m->header.priority, quint8(4));
    QCOMPARE(m->header.ttlMs, std::optional<quint32>(60000));
    QVERIFY(sameAmqpValue(m->properties.messageId, QStringLiteral("id-1")));
    QVERIFY(m->properties.userId.isNull());
    QCOMPARE(m->properties.to, QStringLiteral("queue"));
    QCOMPARE(m->properties.subject, QStringLiteral("label"));
    QCOMPARE(m->properties.replyTo, QStringLiteral("reply"));
    QVERIFY(sameAmqpValue(m->properties.correlationId, QStringLiteral("corr")));
    QCOMPARE(m->properties.contentType, QByteArray("application/json"));
    QVERIFY(m->properties.contentEncoding.isNull());
    QCOMPARE(m->properties.absoluteExpiryTime, std::optional<QDateTime>(utc(kExpires)));
    QCOMPARE(m->properties.creationTime, std::optional<QDateTime>(utc(kCreated)));
    QCOMPARE(m->properties.groupId, QStringLiteral("session-1"));
    QVERIFY(!m->properties.groupSequence);
    QCOMPARE(m->properties.replyToGroupId, QStringLiteral("reply-session"));
    // rhea infers AMQP types from JS values: small non-negative numbers become uint.
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("str")), QStringLiteral("v")));
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("num")),
                          QVariant::fromValue(quint32(5))));
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("big")),
                          QVariant::fromValue(quint64(1099511627776ULL))));
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("bool")), true));
    QVERIFY(sameAmqpValue(m->applicationProperty(QStringLiteral("dbl")), 2.5));
    QVERIFY(sameAmqpValue(m->annotation("x-opt-partition-key"), QStringLiteral("pk")));
    QVERIFY(sameAmqpValue(m->annotation("x-opt-scheduled-enqueue-time"), utc(kCreated)));
    QCOMPARE(m->dataPayload(), QByteArray(R"({"order":1})"));
    QVERIFY(!AmqpMessage::looksLikeBatch(wire));

    // Re-encoded in our compact forms, it carries the same fields and the same body bytes.
    auto again = AmqpMessage::decode(m->encode());
    QVERIFY(again.has_value());
    compareMessages(*again, *m);
    QVERIFY(m->encode().size() < wire.size());
}

void tst_AmqpMessageInterop::rheaEncodedBatch() {
    const QByteArray wire = QByteArray::fromHex(kRheaBatch);
    QVERIFY(AmqpMessage::looksLikeBatch(wire));
    auto envelope = AmqpMessage::decode(wire);
    QVERIFY2(envelope.has_value(), errorOf(envelope).constData());
    // The envelope carries the first message's id, session and annotations.
    QVERIFY(sameAmqpValue(envelope->properties.messageId, QStringLiteral("id-1")));
    QCOMPARE(envelope->properties.groupId, QStringLiteral("session-1"));
    QVERIFY(sameAmqpValue(envelope->annotation("x-opt-partition-key"), QStringLiteral("pk")));

    auto messages = AmqpMessage::decodeBatch(wire);
    QVERIFY2(messages.has_value(), errorOf(messages).constData());
    QCOMPARE(messages->size(), 2);
    for (int i = 0; i < 2; ++i) {
        const AmqpMessage& inner = messages->at(i);
        QVERIFY(sameAmqpValue(inner.properties.messageId, QStringLiteral("id-%1").arg(i + 1)));
        QCOMPARE(inner.dataPayload(), QStringLiteral(R"({"order":%1})").arg(i + 1).toUtf8());
        QCOMPARE(inner.header.ttlMs, std::optional<quint32>(60000));
        QCOMPARE(inner.properties.groupId, QStringLiteral("session-1"));
    }
}

void tst_AmqpMessageInterop::rheaEncodedValueBody() {
    auto m = AmqpMessage::decode(QByteArray::fromHex(kRheaValueBody));
    QVERIFY2(m.has_value(), errorOf(m).constData());
    QCOMPARE(m->bodyKind, AmqpMessage::BodyKind::Value);
    const QVariant expected = QVariant::fromValue(
        AmqpMap{{{QStringLiteral("list"), QVariantList{QVariant::fromValue(quint32(1)),
                                                       QStringLiteral("two"), QVariant()}}}});
    QVERIFY(sameAmqpValue(m->bodyValue(), expected));
    QVERIFY(!AmqpMessage::looksLikeBatch(QByteArray::fromHex(kRheaValueBody)));
}

QTEST_GUILESS_MAIN(tst_AmqpMessageInterop)
#include "tst_AmqpMessageInterop.moc"
