// ResubmitEdits: the edits of the resubmit dialog as data (what a resumed job re-applies)
// and what they do to a message; and the default repair target.
#include "core/servicebus/OutgoingMessage.h"
#include "ui/repair/RepairRequest.h"
#include "ui/repair/ResubmitEdits.h"

#include <QJsonDocument>
#include <QTest>

using namespace busbar;

namespace {

OutgoingMessage deadLetterCopy() {
    AmqpMessage amqp;
    amqp.properties.messageId = QStringLiteral("m-1");
    amqp.properties.subject = QStringLiteral("old");
    amqp.properties.present = true;
    amqp.setDataBody("old body");
    amqp.setApplicationProperty(QStringLiteral("keep"), QVariant::fromValue(qint64(7)));
    amqp.setApplicationProperty(QStringLiteral("drop"), QStringLiteral("x"));
    return OutgoingMessage::fromAmqp(amqp);
}

ResubmitEdits sampleEdits() {
    ResubmitEdits edits;
    edits.body = QByteArray("{\"a\": 1}");
    edits.systemProperties.insert(QStringLiteral("subject"), QStringLiteral("new"));
    edits.systemProperties.insert(QStringLiteral("contentType"),
                                  QStringLiteral("application/json"));
    edits.systemProperties.insert(QStringLiteral("timeToLive"), QStringLiteral("60000"));
    edits.setProperties.append({QStringLiteral("retries"), PropertyType::Int, QStringLiteral("3")});
    edits.removeProperties.append(QStringLiteral("drop"));
    return edits;
}

} // namespace

class tst_ResubmitEdits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void survivesTheJsonRoundTrip() {
        const ResubmitEdits edits = sampleEdits();
        // Through text, as the description file on disk.
        const QByteArray stored = QJsonDocument(edits.toJson()).toJson();
        const ResubmitEdits back =
            ResubmitEdits::fromJson(QJsonDocument::fromJson(stored).object());
        QCOMPARE(back.body, edits.body);
        QCOMPARE(back.bodyAsValue, false);
        QCOMPARE(back.systemProperties, edits.systemProperties);
        QCOMPARE(back.removeProperties, edits.removeProperties);
        QCOMPARE(back.setProperties.size(), 1);
        QCOMPARE(back.setProperties[0].type, PropertyType::Int);
        QCOMPARE(back.setProperties[0].value, QStringLiteral("3"));
        QVERIFY(ResubmitEdits::fromJson({}).isEmpty());
        QVERIFY(!back.isEmpty());
    }

    void appliesToTheMessageAndLeavesTheRestAlone() {
        OutgoingMessage copy = deadLetterCopy();
        ResubmitEdits::fromJson(sampleEdits().toJson()).apply(copy);
        const AmqpMessage sent = copy.toAmqp();
        QCOMPARE(sent.dataPayload(), QByteArray("{\"a\": 1}"));
        QCOMPARE(sent.properties.subject, QStringLiteral("new"));
        QCOMPARE(sent.properties.contentType, QByteArray("application/json"));
        QCOMPARE(sent.header.ttlMs, std::optional<quint32>(60000));
        QCOMPARE(amqpIdToText(sent.properties.messageId), QStringLiteral("m-1"));
        QCOMPARE(sent.applicationProperty(QStringLiteral("retries")).userType(), QMetaType::Int);
        QCOMPARE(sent.applicationProperty(QStringLiteral("retries")).toInt(), 3);
        QCOMPARE(sent.applicationProperty(QStringLiteral("keep")).userType(), QMetaType::LongLong);
        QVERIFY(!sent.applicationProperty(QStringLiteral("drop")).isValid());
        // The round trip through the encoder keeps it.
        auto decoded = AmqpMessage::decode(sent.encode());
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->dataPayload(), QByteArray("{\"a\": 1}"));
    }

    void aValueBodyStaysAValue() {
        AmqpMessage amqp;
        amqp.setValueBody(QStringLiteral("text"));
        OutgoingMessage copy = OutgoingMessage::fromAmqp(amqp);
        ResubmitEdits edits;
        edits.body = QByteArray("edited");
        edits.bodyAsValue = true;
        ResubmitEdits::fromJson(edits.toJson()).apply(copy);
        QCOMPARE(copy.toAmqp().bodyKind, AmqpMessage::BodyKind::Value);
        QCOMPARE(copy.toAmqp().bodyValue().toString(), QStringLiteral("edited"));
    }

    void validationNamesTheProblem() {
        ResubmitEdits edits;
        edits.setProperties.append(
            {QStringLiteral("count"), PropertyType::Int, QStringLiteral("many")});
        auto checked = edits.validate();
        QVERIFY(!checked);
        QVERIFY(checked.error().message.contains(QStringLiteral("count")));
        edits.setProperties.clear();
        edits.systemProperties.insert(QStringLiteral("timeToLive"), QStringLiteral("-5"));
        QVERIFY(!edits.validate());
        edits.systemProperties.clear();
        edits.systemProperties.insert(QStringLiteral("colour"), QStringLiteral("red"));
        QVERIFY(!edits.validate());
        QVERIFY(sampleEdits().validate());
    }

    void defaultTargetIsTheSendableSource() {
        QCOMPARE(defaultRepairTarget(QStringLiteral("orders")), QStringLiteral("orders"));
        QCOMPARE(defaultRepairTarget(QStringLiteral("events/Subscriptions/audit")),
                 QStringLiteral("events"));
        // Messages that all name the same dead-letter source go back there.
        QCOMPARE(defaultRepairTarget(QStringLiteral("fwd"),
                                     {QStringLiteral("orders"), QStringLiteral("orders")}),
                 QStringLiteral("orders"));
        QCOMPARE(defaultRepairTarget(QStringLiteral("fwd"),
                                     {QStringLiteral("orders"), QStringLiteral("other")}),
                 QStringLiteral("fwd"));
        QCOMPARE(defaultRepairTarget(QStringLiteral("fwd"), {QString()}), QStringLiteral("fwd"));
    }

    void summaryNamesSourceTargetAndCount() {
        RepairRequest request;
        request.options.sourceEntity = QStringLiteral("orders");
        request.options.sourceSubQueue = SubQueue::DeadLetter;
        request.options.selection = MessageSelection::of({1, 2, 3});
        request.count = 3;
        request.targetDescription = QStringLiteral("orders");
        QCOMPARE(request.summary(),
                 QStringLiteral("Resubmit 3 messages from orders (dead-letter) to orders"));
        request.replay = true;
        request.options.selection = MessageSelection::all();
        request.options.sourceSubQueue = SubQueue::TransferDeadLetter;
        request.count = -1;
        request.targetDescription = QStringLiteral("orders in prod");
        QCOMPARE(request.summary(), QStringLiteral("Replay all messages from orders (transfer "
                                                   "dead-letter) to orders in prod"));
    }
};

QTEST_MAIN(tst_ResubmitEdits)
#include "tst_ResubmitEdits.moc"
