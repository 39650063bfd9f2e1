#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;
using namespace std::chrono_literals;

namespace {

AmqpMessage withTtl(const QByteArray& body, quint32 ttlMs) {
    AmqpMessage m = message(body);
    m.header.ttlMs = ttlMs;
    m.header.present = true;
    return m;
}

AmqpMessage scheduledAt(const QByteArray& body, const QDateTime& when) {
    AmqpMessage m = message(body);
    m.setAnnotation("x-opt-scheduled-enqueue-time", when);
    return m;
}

} // namespace

class tst_BrokerTimers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ttlIsTheMinimumOfHeaderAndEntity();
    void expiredMessagesAreDroppedBySweep();
    void expiredMessagesAreDeadLetteredWhenAsked();
    void expiredMessagesAreNeverReceived();
    void twoSecondEntityTtlIsAccepted();
    void scheduledMessageActivatesAtItsTime();
    void scheduleMessagesReturnsCancellableSequenceNumbers();
    void scheduledOnTopicFansOutOnActivation();
};

void tst_BrokerTimers::ttlIsTheMinimumOfHeaderAndEntity() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.defaultMessageTimeToLive = 60s;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"),
                    {withTtl("short", 10'000), withTtl("long", 3'600'000), message("none")}));
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QCOMPARE(peeked->at(0).expiresAtMs - peeked->at(0).enqueuedTimeMs, 10'000);
    QCOMPARE(peeked->at(1).expiresAtMs - peeked->at(1).enqueuedTimeMs, 60'000);
    QCOMPARE(peeked->at(2).expiresAtMs - peeked->at(2).enqueuedTimeMs, 60'000);
}

void tst_BrokerTimers::expiredMessagesAreDroppedBySweep() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {withTtl("brief", 1500), message("stays")}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 2);
    QTRY_COMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 1);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.deadLetterMessageCount, 0);
}

void tst_BrokerTimers::expiredMessagesAreDeadLetteredWhenAsked() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.deadLetteringOnMessageExpiration = true;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {withTtl("brief", 200)}));
    QTRY_COMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.deadLetterMessageCount, 1);
    const auto dlq =
        broker.peek(address(QStringLiteral("q/$DeadLetterQueue")), 0, 10, std::nullopt);
    const AmqpMessage& m = dlq->first().message;
    QCOMPARE(m.applicationProperty(QStringLiteral("DeadLetterReason")).toString(),
             QStringLiteral("TTLExpiredException"));
    QCOMPARE(m.applicationProperty(QStringLiteral("DeadLetterErrorDescription")).toString(),
             QStringLiteral("The message expired and was dead lettered."));
}

void tst_BrokerTimers::expiredMessagesAreNeverReceived() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {withTtl("brief", 1), message("fresh")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    QTRY_VERIFY(
        QDateTime::currentMSecsSinceEpoch() >
        broker.peek(address(QStringLiteral("q")), 0, 1, std::nullopt)->first().enqueuedTimeMs + 1);
    const auto received = broker.receive(consumer, 10);
    QCOMPARE(received.size(), 1);
    QCOMPARE(bodyOf(received[0].message), QStringLiteral("fresh"));
}

void tst_BrokerTimers::twoSecondEntityTtlIsAccepted() {
    Broker broker(NamespaceConfig{}, nullptr);
    QueueDescription q = queueNamed(QStringLiteral("fast"));
    q.defaultMessageTimeToLive = 2s;
    q.lockDuration = 5s;
    QVERIFY(broker.createQueue(q));
    q.name = QStringLiteral("tooFast");
    q.lockDuration = 4s;
    const auto refused = broker.createQueue(q);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
}

void tst_BrokerTimers::scheduledMessageActivatesAtItsTime() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    // Far enough ahead that a slow machine cannot activate it before the first checks.
    const QDateTime when = QDateTime::currentDateTimeUtc().addMSecs(1500);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {scheduledAt("later", when)}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.scheduledMessageCount, 1);
    const auto consumer = attach(broker, QStringLiteral("q"));
    QVERIFY(broker.receive(consumer, 1).isEmpty());
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QCOMPARE(peeked->first().state, MessageState::Scheduled);
    const qint64 sequenceNumber = peeked->first().sequenceNumber;

    QSignalSpy available(&broker, &Broker::messagesAvailable);
    QTRY_COMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 1);
    QTRY_VERIFY(!available.isEmpty());
    const auto received = broker.receive(consumer, 1);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received[0].message.sequenceNumber, sequenceNumber);
    QVERIFY(received[0].message.enqueuedTimeMs >= when.toMSecsSinceEpoch());
}

void tst_BrokerTimers::scheduleMessagesReturnsCancellableSequenceNumbers() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(3600);
    auto scheduled = await<QList<qint64>>([&](Completion<QList<qint64>> done) {
        broker.scheduleMessages(address(QStringLiteral("q")),
                                {scheduledAt("a", when), scheduledAt("b", when)}, done);
    });
    QVERIFY(scheduled && scheduled->has_value());
    QCOMPARE(**scheduled, (QList<qint64>{1, 2}));
    auto cancelled = awaitVoid([&](VoidCompletion done) {
        broker.cancelScheduled(address(QStringLiteral("q")), {1, 99}, done);
    });
    QVERIFY(cancelled && cancelled->has_value());
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QCOMPARE(peeked->size(), 1);
    QCOMPARE(peeked->first().sequenceNumber, 2);

    // A time in the past means now.
    auto now = await<QList<qint64>>([&](Completion<QList<qint64>> done) {
        broker.scheduleMessages(address(QStringLiteral("q")),
                                {scheduledAt("past", QDateTime::currentDateTimeUtc().addSecs(-10))},
                                done);
    });
    QVERIFY(now && now->has_value());
    QTRY_COMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 1);
}

void tst_BrokerTimers::scheduledOnTopicFansOutOnActivation() {
    NamespaceConfig config;
    TopicConfig topic;
    topic.description.name = QStringLiteral("t");
    SubscriptionConfig sub;
    sub.description.name = QStringLiteral("s");
    topic.subscriptions = {sub};
    config.topics = {topic};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("t"),
                    {scheduledAt("later", QDateTime::currentDateTimeUtc().addMSecs(1500))}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("t"))->counts.scheduledMessageCount, 1);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("t/Subscriptions/s"))->messageCount, 0);
    QTRY_COMPARE(broker.runtimeInfo(QStringLiteral("t/Subscriptions/s"))->counts.activeMessageCount,
                 1);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("t"))->counts.scheduledMessageCount, 0);
}

QTEST_GUILESS_MAIN(tst_BrokerTimers)
#include "tst_BrokerTimers.moc"
