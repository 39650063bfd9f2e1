// The emulator's delivery bytes must not change when the way they are built changes: every
// transfer, management receive and peek (and the peek reply around them) is compared byte for
// byte with the original construction, kept here as the reference (copy the stored
// AmqpMessage, stamp its annotations, encode it whole; wrap each in a QVariantMap).
#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessage.h"
#include "emulator/amqp/DeliveryEncoding.h"
#include "emulator/amqp/ManagementOperations.h"
#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QSet>
#include <QTest>

#include <limits>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;

namespace {

constexpr qint64 kEnqueued = 1'700'000'000'000;

// --- the reference: the original DeliveryEncoding, unchanged ----------------------------

namespace reference {

constexpr qint64 kMaxExpiryMs = 253402300799999;

QDateTime utcFromMs(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

AmqpMessage stamped(const StoredMessage& stored, quint32 headerDeliveryCount,
                    const QString& readFrom) {
    AmqpMessage message = stored.message;
    message.deliveryAnnotations.entries.clear();
    message.header.present = true;
    message.header.deliveryCount = headerDeliveryCount;
    message.setAnnotation(QByteArrayLiteral("x-opt-sequence-number"),
                          QVariant::fromValue<qint64>(stored.sequenceNumber));
    message.setAnnotation(QByteArrayLiteral("x-opt-enqueued-time"),
                          utcFromMs(stored.enqueuedTimeMs));
    message.setAnnotation(QByteArrayLiteral("x-opt-enqueue-sequence-number"),
                          QVariant::fromValue<qint64>(stored.enqueueSequenceNumber > 0
                                                          ? stored.enqueueSequenceNumber
                                                          : stored.sequenceNumber));
    if (stored.deadLetterSource.isEmpty() ||
        stored.deadLetterSource.compare(readFrom, Qt::CaseInsensitive) == 0) {
        message.removeAnnotation(QByteArrayLiteral("x-opt-deadletter-source"));
    } else {
        message.setAnnotation(QByteArrayLiteral("x-opt-deadletter-source"),
                              stored.deadLetterSource);
    }
    if (stored.scheduledEnqueueTimeMs > 0) {
        message.setAnnotation(QByteArrayLiteral("x-opt-scheduled-enqueue-time"),
                              utcFromMs(stored.scheduledEnqueueTimeMs));
    }
    if (stored.expiresAtMs > 0 && stored.expiresAtMs != std::numeric_limits<qint64>::max()) {
        qint64 expiry = stored.expiresAtMs;
        const qint64 effectiveTtl = stored.expiresAtMs - stored.enqueuedTimeMs;
        if (effectiveTtl > 0 && effectiveTtl <= qint64(std::numeric_limits<quint32>::max())) {
            message.header.ttlMs = quint32(effectiveTtl);
        }
        const auto& ttl = message.header.ttlMs;
        const auto& created = message.properties.creationTime;
        if (ttl && created && created->isValid() &&
            stored.expiresAtMs == stored.enqueuedTimeMs + qint64(*ttl)) {
            expiry = created->toMSecsSinceEpoch() + qint64(*ttl);
        }
        message.properties.present = true;
        message.properties.absoluteExpiryTime = utcFromMs(std::min(expiry, kMaxExpiryMs));
    }
    return message;
}

void addLock(AmqpMessage& message, const LockedMessage& locked, bool lockedUntil) {
    if (lockedUntil && locked.lockedUntilMs > 0) {
        message.setAnnotation(QByteArrayLiteral("x-opt-locked-until"),
                              utcFromMs(locked.lockedUntilMs));
    }
    if (!locked.lockToken.isNull()) {
        message.deliveryAnnotations.entries.append(
            {QVariant::fromValue(AmqpSymbol{QByteArrayLiteral("x-opt-lock-token")}),
             QVariant::fromValue(locked.lockToken)});
    }
}

QByteArray forTransfer(const LockedMessage& locked, bool peekLock, bool sessionReceiver,
                       const QString& readFrom) {
    const quint32 count = locked.message.deliveryCount;
    AmqpMessage message = stamped(locked.message, count > 0 ? count - 1 : 0, readFrom);
    if (peekLock) {
        addLock(message, locked, !sessionReceiver);
    }
    return message.encode(true);
}

QByteArray forManagementReceive(const LockedMessage& locked, bool peekLock,
                                const QString& readFrom) {
    const quint32 count = locked.message.deliveryCount;
    AmqpMessage message = stamped(locked.message, count > 0 ? count - 1 : 0, readFrom);
    if (peekLock) {
        addLock(message, locked, true);
    }
    message.deliveryAnnotations.entries.clear();
    message.setAnnotation(QByteArrayLiteral("x-opt-message-state"),
                          QVariant::fromValue<qint32>(qint32(MessageState::Deferred)));
    return message.encode(true);
}

QByteArray forPeek(const StoredMessage& stored, const QString& readFrom) {
    AmqpMessage message = stamped(stored, stored.deliveryCount, readFrom);
    message.setAnnotation(QByteArrayLiteral("x-opt-message-state"),
                          QVariant::fromValue<qint32>(qint32(stored.state)));
    return message.encode(true);
}

// The original peek-message reply: one QVariantMap per message inside the body map.
QByteArray peekReply(const AmqpMessage& request, QList<StoredMessage> peeked,
                     const QString& readFrom, bool omitBody) {
    if (peeked.isEmpty()) {
        return ManagementOperations::response(request, 204, QStringLiteral("No Content"), {}, {});
    }
    QVariantList messages;
    for (StoredMessage& message : peeked) {
        if (omitBody) {
            message.message.bodyKind = AmqpMessage::BodyKind::None;
            message.message.bodyBytes.clear();
        }
        messages.append(QVariantMap{{QStringLiteral("message"), forPeek(message, readFrom)}});
    }
    return ManagementOperations::response(request, 200, QStringLiteral("OK"), {},
                                          QVariantMap{{QStringLiteral("messages"), messages}});
}

} // namespace reference

// --- messages with every section, and the broker states around them --------------------

QVariant sym(const char* name) {
    return QVariant::fromValue(AmqpSymbol{QByteArray(name)});
}

QDateTime utc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QByteArray footer() {
    QByteArray bytes;
    AmqpEncoder e(bytes);
    e.writeDescriptor(0x78);
    AmqpMap map;
    map.entries.append({sym("x-footer-hash"), QByteArrayLiteral("\x01\x02\x03")});
    e.writeMap(map);
    return bytes;
}

using Properties = AmqpMessage::Properties;

enum class Body { Data, BigData, Value, Sequence, None };

AmqpMessage everySection(Body body, bool clientAnnotations) {
    AmqpMessage m;
    m.header.present = true;
    m.header.durable = true;
    m.header.priority = 7;
    m.header.ttlMs = 90'000;
    m.header.firstAcquirer = true;
    m.header.deliveryCount = 9; // the client's count never reaches the wire
    m.deliveryAnnotations.entries.append({sym("x-opt-client-only"), QStringLiteral("dropped")});
    if (clientAnnotations) {
        m.messageAnnotations.entries = {
            {sym("x-opt-partition-key"), QStringLiteral("pk")},
            // A scheduled send: the broker overwrites this one in place.
            {sym("x-opt-scheduled-enqueue-time"), utc(kEnqueued + 5000)},
            // A string key naming a broker stamp: replaced in place, key type kept.
            {QVariant(QStringLiteral("x-opt-sequence-number")), QVariant::fromValue<qint64>(7)},
            {sym("custom"), QVariant::fromValue<qint32>(5)},
            {sym("x-opt-deadletter-source"), QStringLiteral("client-said")},
            {sym("x-opt-deadletter-source"), QStringLiteral("twice")},
            {sym("x-opt-message-state"), QVariant::fromValue<qint32>(2)},
        };
    }
    Properties& p = m.properties;
    p.present = true;
    p.messageId = QStringLiteral("message-1");
    p.userId = QByteArrayLiteral("user");
    p.to = QStringLiteral("to");
    p.subject = QStringLiteral("subject");
    p.replyTo = QStringLiteral("reply-to");
    p.correlationId = QUuid(QStringLiteral("{6f1c1e6a-3d0b-4a61-9a3b-0c3c6b1c2d4e}"));
    p.contentType = QByteArrayLiteral("application/json");
    p.contentEncoding = QByteArrayLiteral("gzip");
    p.absoluteExpiryTime = utc(kEnqueued + 1);
    p.creationTime = utc(kEnqueued - 30);
    p.groupId = QStringLiteral("session-1");
    p.groupSequence = 3;
    p.replyToGroupId = QStringLiteral("reply-session");
    m.setApplicationProperty(QStringLiteral("text"), QStringLiteral("value"));
    m.setApplicationProperty(QStringLiteral("int"), QVariant::fromValue<qint32>(-4));
    m.setApplicationProperty(QStringLiteral("long"), QVariant::fromValue<qint64>(1LL << 40));
    m.setApplicationProperty(QStringLiteral("flag"), true);
    m.setApplicationProperty(QStringLiteral("double"), 2.5);
    m.setApplicationProperty(QStringLiteral("when"), utc(kEnqueued));
    m.setApplicationProperty(QStringLiteral("id"), QUuid::fromRfc4122(QByteArray(16, '\x07')));
    m.setApplicationProperty(QStringLiteral("bytes"), QByteArrayLiteral("\x00\xff"));
    switch (body) {
    case Body::Data:
        m.setDataBody(QByteArrayLiteral("payload"));
        break;
    case Body::BigData:
        m.setDataBody(QByteArray(1024, 'x'));
        break;
    case Body::Value:
        m.setValueBody(QVariantList{QStringLiteral("a"), 1});
        break;
    case Body::Sequence: {
        m.bodyKind = AmqpMessage::BodyKind::Sequence;
        AmqpEncoder e(m.bodyBytes);
        for (int i = 0; i < 2; ++i) {
            e.writeDescriptor(0x76);
            e.writeList(QVariantList{i, QStringLiteral("item")});
        }
        break;
    }
    case Body::None:
        break;
    }
    m.footerBytes = footer();
    return m;
}

// Every broker-side variation the encoding depends on, on top of a message.
QList<StoredMessage> variations(const AmqpMessage& message) {
    QList<StoredMessage> all;
    StoredMessage base;
    base.sequenceNumber = 42;
    base.enqueuedTimeMs = kEnqueued;
    base.expiresAtMs = std::numeric_limits<qint64>::max();
    base.deliveryCount = 0;
    base.message = message;
    all.append(base);

    StoredMessage s = base;
    s.deliveryCount = 3;
    s.state = MessageState::Deferred;
    s.enqueueSequenceNumber = 17;
    all.append(s);

    s = base;
    s.state = MessageState::Scheduled;
    s.scheduledEnqueueTimeMs = kEnqueued + 60'000;
    s.deliveryCount = 1;
    all.append(s);

    s = base;
    s.expiresAtMs = kEnqueued + 2000; // the entity default in force
    all.append(s);

    s = base;
    s.expiresAtMs = kEnqueued + 90'000; // the message's own ttl in force
    all.append(s);

    s = base;
    s.expiresAtMs = kEnqueued + (qint64(1) << 33); // a ttl past uint range
    all.append(s);

    s = base;
    s.expiresAtMs = std::numeric_limits<qint64>::max() - 1; // capped at 9999-12-31
    all.append(s);

    s = base;
    s.deadLetterSource = QStringLiteral("orders");
    s.deliveryCount = 300;
    all.append(s);

    s = base;
    s.deadLetterSource = QStringLiteral("Q"); // the entity read from: left out
    all.append(s);
    return all;
}

QList<AmqpMessage> messages() {
    QList<AmqpMessage> all;
    for (Body body : {Body::Data, Body::BigData, Body::Value, Body::Sequence, Body::None}) {
        all.append(everySection(body, true));
        all.append(everySection(body, false));
    }
    AmqpMessage minimal; // no header, no properties, nothing but a body
    minimal.setDataBody(QByteArrayLiteral("x"));
    all.append(minimal);
    AmqpMessage emptyProperties;
    emptyProperties.properties.present = true;
    emptyProperties.hasApplicationProperties = true; // an empty map the client sent
    all.append(emptyProperties);
    return all;
}

AmqpMessage peekRequest(qint64 from, int count, bool omitBody) {
    AmqpMessage request;
    request.properties.present = true;
    request.properties.messageId = QVariant::fromValue<quint64>(12);
    request.properties.replyTo = QStringLiteral("reply-link");
    request.setApplicationProperty(QStringLiteral("operation"),
                                   QStringLiteral("com.microsoft:peek-message"));
    request.setApplicationProperty(QStringLiteral("com.microsoft:tracking-id"),
                                   QStringLiteral("track-1"));
    AmqpMap body;
    body.entries.append({QStringLiteral("from-sequence-number"), QVariant::fromValue(from)});
    body.entries.append({QStringLiteral("message-count"), QVariant::fromValue<qint32>(count)});
    if (omitBody) {
        body.entries.append({QStringLiteral("omit-message-body"), true});
    }
    request.setValueBody(QVariant::fromValue(body));
    return request;
}

} // namespace

class tst_DeliveryEncodingBytes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transfersMatchTheReference() {
        int compared = 0;
        const QString readFrom = QStringLiteral("q");
        for (const AmqpMessage& message : messages()) {
            for (StoredMessage stored : variations(message)) {
                stored.deliveryCount = std::max<quint32>(stored.deliveryCount, 1); // locked once
                for (const QUuid& token : {QUuid::createUuid(), QUuid()}) {
                    for (qint64 until : {kEnqueued + 60'000, qint64(0)}) {
                        const LockedMessage locked{stored, token, until};
                        for (bool peekLock : {true, false}) {
                            for (bool session : {true, false}) {
                                QCOMPARE(
                                    DeliveryEncoding::forTransfer(locked, peekLock, session,
                                                                  readFrom),
                                    reference::forTransfer(locked, peekLock, session, readFrom));
                                ++compared;
                            }
                            QCOMPARE(
                                DeliveryEncoding::forManagementReceive(locked, peekLock, readFrom),
                                reference::forManagementReceive(locked, peekLock, readFrom));
                            ++compared;
                        }
                    }
                }
            }
        }
        QVERIFY(compared > 1000);
    }

    void peeksMatchTheReference() {
        for (const AmqpMessage& message : messages()) {
            for (const StoredMessage& stored : variations(message)) {
                for (const QString& readFrom : {QStringLiteral("q"), QStringLiteral("archive")}) {
                    QCOMPARE(DeliveryEncoding::forPeek(stored, readFrom),
                             reference::forPeek(stored, readFrom));
                }
            }
        }
    }

    // Pins the reference itself: a message with every section, peeked, as the broker wrote
    // it before the encoding was rebuilt.
    void aPeekWithEverySectionIsPinned() {
        const StoredMessage stored = variations(everySection(Body::Data, true)).at(4);
        const QByteArray expected = QByteArray::fromHex(
            "005370c00b054150077000015f904143005372c1da10a313782d6f70742d706172746974696f6e2d6b65"
            "79a102706ba31c782d6f70742d7363686564756c65642d656e71756575652d74696d65830000018bcfe5"
            "7b88a115782d6f70742d73657175656e63652d6e756d626572552aa306637573746f6d5405a317782d6f"
            "70742d646561646c65747465722d736f75726365a1057477696365a313782d6f70742d6d657373616765"
            "2d73746174655400a313782d6f70742d656e7175657565642d74696d65830000018bcfe56800a31d782d"
            "6f70742d656e71756575652d73657175656e63652d6e756d626572552a005373c0800da1096d65737361"
            "67652d31a00475736572a102746fa1077375626a656374a1087265706c792d746f986f1c1e6a3d0b4a61"
            "9a3b0c3c6b1c2d4ea3106170706c69636174696f6e2f6a736f6ea304677a6970830000018bcfe6c77283"
            "0000018bcfe567e2a10973657373696f6e2d315203a10d7265706c792d73657373696f6e005374c16b10"
            "a10474657874a10576616c7565a103696e7454fca1046c6f6e67810000010000000000a104666c616741"
            "a106646f75626c65824004000000000000a1047768656e830000018bcfe56800a1026964980707070707"
            "0707070707070707070707a1056279746573a00200ff005375a0077061796c6f6164005378c11502a30d"
            "782d666f6f7465722d68617368a003010203");
        const QByteArray actual = DeliveryEncoding::forPeek(stored, QStringLiteral("q"));
        QCOMPARE(actual, reference::forPeek(stored, QStringLiteral("q")));
        QCOMPARE(actual.toHex(), expected.toHex());
    }

    // Received and deleted through a real broker (the message moves out of the store rather
    // than being copied): the transfer is what the reference makes of the message as peeked
    // just before, and every delivery tag is a distinct version-4 uuid.
    void receivedAndDeletedMessagesMatchTheReference() {
        NamespaceConfig config;
        config.queues = {queueNamed(QStringLiteral("q"))};
        Broker broker(config, nullptr);
        QList<AmqpMessage> batch;
        for (const AmqpMessage& message : messages()) {
            AmqpMessage sendable = message;
            sendable.properties.groupId.clear();
            sendable.removeAnnotation("x-opt-scheduled-enqueue-time");
            batch.append(sendable);
        }
        QVERIFY(sendNow(broker, QStringLiteral("q"), batch));
        const EntityAddress entity = address(QStringLiteral("q"));
        const auto before = broker.peek(entity, 0, 1000, std::nullopt);
        QCOMPARE(before->size(), batch.size());

        const auto consumer = attach(broker, QStringLiteral("q"), ReceiveMode::ReceiveAndDelete);
        const QList<LockedMessage> received = broker.receive(consumer, 1000);
        QCOMPARE(received.size(), batch.size());
        QSet<QUuid> tokens;
        for (qsizetype i = 0; i < received.size(); ++i) {
            const LockedMessage& taken = received.at(i);
            QCOMPARE(taken.lockToken.version(), QUuid::Random);
            QCOMPARE(taken.lockToken.variant(), QUuid::DCE);
            tokens.insert(taken.lockToken);
            StoredMessage expected = before->at(i);
            expected.deliveryCount += 1;
            const LockedMessage reference{expected, taken.lockToken, 0};
            QCOMPARE(DeliveryEncoding::forTransfer(taken, false, false, entity.entityPath),
                     reference::forTransfer(reference, false, false, entity.entityPath));
        }
        QCOMPARE(tokens.size(), received.size());
        QVERIFY(broker.peek(entity, 0, 1000, std::nullopt)->isEmpty());
        const auto info = broker.runtimeInfo(entity.entityPath);
        QCOMPARE(info->messageCount, 0);
        QCOMPARE(info->sizeInBytes, 0);
    }

    // The whole $management reply of a peek through ManagementOperations and a real broker.
    void peekRepliesMatchTheReference() {
        NamespaceConfig config;
        QueueDescription queue = queueNamed(QStringLiteral("q"));
        config.queues = {queue};
        Broker broker(config, nullptr);
        QList<AmqpMessage> batch;
        for (const AmqpMessage& message : messages()) {
            AmqpMessage sendable = message;
            // A scheduled time in the past: stored as sent, enqueued at once.
            sendable.properties.groupId.clear();
            sendable.removeAnnotation("x-opt-scheduled-enqueue-time");
            batch.append(sendable);
        }
        QVERIFY(sendNow(broker, QStringLiteral("q"), batch));
        const auto consumer = attach(broker, QStringLiteral("q"));
        const auto locked = broker.receive(consumer, 2); // a delivery count and a deferral
        QCOMPARE(locked.size(), 2);
        QVERIFY(settleNow(broker, consumer, locked[1].lockToken,
                          disposition(Disposition::Kind::Defer)));

        const EntityAddress entity = address(QStringLiteral("q"));
        ManagementOperations operations(broker, entity, [](Right) { return true; });
        for (bool omitBody : {false, true}) {
            for (const auto& [from, count] :
                 std::initializer_list<std::pair<qint64, int>>{{0, 100}, {3, 2}, {99, 5}}) {
                const AmqpMessage request = peekRequest(from, count, omitBody);
                QByteArray reply;
                operations.handle(request, [&reply](const QByteArray& bytes) { reply = bytes; });
                const auto peeked = broker.peek(entity, from, count, std::nullopt);
                QVERIFY(peeked.has_value());
                QCOMPARE(
                    reply.toHex(),
                    reference::peekReply(request, *peeked, entity.entityPath, omitBody).toHex());
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryEncodingBytes)
#include "tst_DeliveryEncodingBytes.moc"
