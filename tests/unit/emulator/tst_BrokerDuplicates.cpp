#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;
using namespace std::chrono_literals;

class tst_BrokerDuplicates : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void duplicatesAreAcceptedAndDropped();
    void withoutDetectionEveryCopyIsKept();
    void nonStringIdsAreComparedAsText();
    void topicsDetectDuplicatesToo();
    void windowIsValidated();
};

void tst_BrokerDuplicates::duplicatesAreAcceptedAndDropped() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.requiresDuplicateDetection = true;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("first", QStringLiteral("m1"))}));
    QVERIFY(sendNow(broker, QStringLiteral("q"),
                    {message("second", QStringLiteral("m1"))})); // still accepted
    QVERIFY(sendNow(broker, QStringLiteral("q"),
                    {message("other", QStringLiteral("m2")), message("no-id")}));
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QCOMPARE(peeked->size(), 3);
    QCOMPARE(bodyOf(peeked->at(0)), QStringLiteral("first"));
    // Completing the original does not forget the id.
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 1);
    QVERIFY(
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Complete)));
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("third", QStringLiteral("m1"))}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 2);
}

void tst_BrokerDuplicates::withoutDetectionEveryCopyIsKept() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"),
                    {message("a", QStringLiteral("m1")), message("b", QStringLiteral("m1"))}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 2);
}

void tst_BrokerDuplicates::nonStringIdsAreComparedAsText() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.requiresDuplicateDetection = true;
    config.queues = {q};
    Broker broker(config, nullptr);
    AmqpMessage a = message("a");
    a.properties.messageId = QVariant::fromValue<quint64>(42);
    AmqpMessage b = message("b");
    b.properties.messageId = QVariant::fromValue<quint64>(42);
    AmqpMessage c = message("c");
    c.properties.messageId = QVariant::fromValue<quint64>(43);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {a, b, c}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 2);
    // The original type is kept for delivery.
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QCOMPARE(peeked->first().message.properties.messageId.metaType(),
             QMetaType::fromType<quint64>());
    QCOMPARE(peeked->first().messageIdText, QStringLiteral("42"));
}

void tst_BrokerDuplicates::topicsDetectDuplicatesToo() {
    NamespaceConfig config;
    TopicConfig topic;
    topic.description.name = QStringLiteral("t");
    topic.description.requiresDuplicateDetection = true;
    SubscriptionConfig sub;
    sub.description.name = QStringLiteral("s");
    topic.subscriptions = {sub};
    config.topics = {topic};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("t"),
                    {message("a", QStringLiteral("x")), message("b", QStringLiteral("x"))}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("t/subscriptions/s"))->counts.activeMessageCount, 1);
}

void tst_BrokerDuplicates::windowIsValidated() {
    Broker broker(NamespaceConfig{}, nullptr);
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.requiresDuplicateDetection = true;
    q.duplicateDetectionHistoryTimeWindow = 10s;
    QVERIFY(!broker.createQueue(q));
    q.duplicateDetectionHistoryTimeWindow = 20s;
    QVERIFY(broker.createQueue(q));
}

QTEST_GUILESS_MAIN(tst_BrokerDuplicates)
#include "tst_BrokerDuplicates.moc"
