#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QElapsedTimer>
#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;
using namespace std::chrono_literals;

class tst_BrokerBrowse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void peekShowsEveryStateInOrderAndIgnoresLocks();
    void peekWithinASession();
    void batchDeleteTakesTheOldestAvailable();
    void runtimeInfoCountsAndTimes();
    void entityLifecycleIsValidated();
    void manyMessagesFlowThrough();
};

void tst_BrokerBrowse::peekShowsEveryStateInOrderAndIgnoresLocks() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    AmqpMessage later = message("scheduled");
    later.setAnnotation("x-opt-scheduled-enqueue-time",
                        QDateTime::currentDateTimeUtc().addSecs(3600));
    QVERIFY(sendNow(broker, QStringLiteral("q"),
                    {message("locked"), message("deferred"), later, message("active")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 2);
    QVERIFY(
        settleNow(broker, consumer, locked[1].lockToken, disposition(Disposition::Kind::Defer)));
    const auto peeked = broker.peek(address(QStringLiteral("q")), 1, 10, std::nullopt);
    QCOMPARE(peeked->size(), 4);
    QCOMPARE(peeked->at(0).state, MessageState::Active); // locked, still visible
    QCOMPARE(peeked->at(0).deliveryCount, 1u);
    QCOMPARE(peeked->at(1).state, MessageState::Deferred);
    QCOMPARE(peeked->at(2).state, MessageState::Scheduled);
    QCOMPARE(peeked->at(3).state, MessageState::Active);
    const auto fromThree = broker.peek(address(QStringLiteral("q")), 3, 1, std::nullopt);
    QCOMPARE(fromThree->size(), 1);
    QCOMPARE(fromThree->first().sequenceNumber, 3);
    QVERIFY(broker.peek(address(QStringLiteral("q")), 99, 10, std::nullopt)->isEmpty());
    QCOMPARE(broker.peek(address(QStringLiteral("missing")), 0, 1, std::nullopt).error().code,
             ErrorCode::EntityNotFound);
}

void tst_BrokerBrowse::peekWithinASession() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("sq"));
    q.requiresSession = true;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("sq"),
                    {message("a", {}, QStringLiteral("s1")), message("b", {}, QStringLiteral("s2")),
                     message("c", {}, QStringLiteral("s1"))}));
    const auto peeked = broker.peek(address(QStringLiteral("sq")), 0, 10, QStringLiteral("s1"));
    QCOMPARE(peeked->size(), 2);
    QCOMPARE(bodyOf(peeked->at(1)), QStringLiteral("c"));
}

void tst_BrokerBrowse::batchDeleteTakesTheOldestAvailable() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QList<AmqpMessage> batch;
    for (int i = 0; i < 6; ++i) {
        batch.append(message(QByteArray::number(i)));
    }
    QVERIFY(sendNow(broker, QStringLiteral("q"), batch));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 2); // 0 locked, 1 deferred
    QVERIFY(
        settleNow(broker, consumer, locked[1].lockToken, disposition(Disposition::Kind::Defer)));
    const qint64 bound = QDateTime::currentMSecsSinceEpoch() + 1;
    auto deleted = await<int>([&](Completion<int> done) {
        broker.batchDelete(address(QStringLiteral("q")), 3, bound, std::nullopt, done);
    });
    QVERIFY(deleted && deleted->has_value());
    QCOMPARE(**deleted, 3);
    const auto left = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QStringList bodies;
    for (const auto& m : *left) {
        bodies.append(bodyOf(m));
    }
    QCOMPARE(bodies, (QStringList{QStringLiteral("0"), QStringLiteral("4"), QStringLiteral("5")}));
    // Nothing enqueued before the bound: nothing deleted.
    auto none = await<int>([&](Completion<int> done) {
        broker.batchDelete(address(QStringLiteral("q")), 10, 0, std::nullopt, done);
    });
    QCOMPARE(**none, 0);
}

void tst_BrokerBrowse::runtimeInfoCountsAndTimes() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    TopicConfig topic;
    topic.description.name = QStringLiteral("t");
    SubscriptionConfig sub;
    sub.description.name = QStringLiteral("s");
    topic.subscriptions = {sub};
    config.topics = {topic};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("abc"), message("def")}));
    const auto info = broker.runtimeInfo(QStringLiteral("q"));
    QCOMPARE(info->messageCount, 2);
    QCOMPARE(info->counts.activeMessageCount, 2);
    QVERIFY(info->sizeInBytes > 6);
    QVERIFY(info->createdAt.isValid());
    QVERIFY(info->updatedAt >= info->createdAt);
    QVERIFY(info->accessedAt.isValid());
    QCOMPARE(broker.runtimeInfo(QStringLiteral("t"))->subscriptionCount, 1);
    QVERIFY(sendNow(broker, QStringLiteral("t"), {message("x")}));
    QVERIFY(broker.runtimeInfo(QStringLiteral("t"))->sizeInBytes > 0);
}

void tst_BrokerBrowse::entityLifecycleIsValidated() {
    Broker broker(NamespaceConfig{}, nullptr);
    QVERIFY(broker.createQueue(queueNamed(QStringLiteral("site1/orders"))));
    QCOMPARE(broker.createQueue(queueNamed(QStringLiteral("SITE1/orders"))).error().code,
             ErrorCode::EntityAlreadyExists);
    QVERIFY(!broker.createQueue(queueNamed(QString(261, QLatin1Char('a')))));
    QVERIFY(broker.createQueue(queueNamed(QString(260, QLatin1Char('a')))));
    QVERIFY(!broker.createQueue(queueNamed(QStringLiteral("bad name"))));
    QueueDescription q = queueNamed(QStringLiteral("site1/orders"));
    q.maxDeliveryCount = 0;
    QVERIFY(!broker.updateQueue(q));
    q.maxDeliveryCount = 3;
    q.lockDuration = 5min;
    q.userMetadata = QStringLiteral("note");
    const auto updated = broker.updateQueue(q);
    QVERIFY(updated);
    QCOMPARE(broker.queue(QStringLiteral("site1/ORDERS"))->maxDeliveryCount, 3);
    q.lockDuration = 5min + 1s;
    QVERIFY(!broker.updateQueue(q));
    q.lockDuration = 1min;
    q.requiresSession = true;
    QCOMPARE(broker.updateQueue(q).error().code, ErrorCode::InvalidInput); // create-only
    QCOMPARE(broker.updateQueue(queueNamed(QStringLiteral("nope"))).error().code,
             ErrorCode::EntityNotFound);
    SubscriptionDescription s;
    s.topicName = QStringLiteral("missing");
    s.name = QStringLiteral("s");
    QCOMPARE(broker.createSubscription(s).error().code, ErrorCode::EntityNotFound);
    QVERIFY(broker.deleteEntity(QStringLiteral("site1/orders")));
    QCOMPARE(broker.deleteEntity(QStringLiteral("site1/orders")).error().code,
             ErrorCode::EntityNotFound);
}

void tst_BrokerBrowse::manyMessagesFlowThrough() {
    // A smoke test of the indexes, not a timed assertion: the rate is printed for reference.
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    const int total = 50'000;
    QList<AmqpMessage> batch;
    const QByteArray body(1024, 'x');
    for (int i = 0; i < 100; ++i) {
        batch.append(message(body));
    }
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < total / 100; ++i) {
        broker.send(address(QStringLiteral("q")), batch, {});
    }
    const qint64 sendMs = std::max<qint64>(1, timer.restart());
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, total);
    const auto consumer = attach(broker, QStringLiteral("q"));
    int completed = 0;
    for (;;) {
        const auto locked = broker.receive(consumer, 100);
        if (locked.isEmpty()) {
            break;
        }
        for (const LockedMessage& m : locked) {
            broker.settle(consumer, m.lockToken, disposition(Disposition::Kind::Complete), {});
            ++completed;
        }
    }
    const qint64 receiveMs = std::max<qint64>(1, timer.elapsed());
    QCOMPARE(completed, total);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->messageCount, 0);
    qInfo("broker alone: %lld sends/s, %lld receive+complete/s", total * 1000 / sendMs,
          total * 1000 / receiveMs);
}

QTEST_GUILESS_MAIN(tst_BrokerBrowse)
#include "tst_BrokerBrowse.moc"
