#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;

namespace {

RuleDescription sqlRule(const QString& name, const QString& expression,
                        const QString& action = {}) {
    RuleDescription rule;
    rule.name = name;
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = expression;
    rule.actionExpression = action;
    return rule;
}

AmqpMessage colored(const QByteArray& body, const QString& color) {
    AmqpMessage m = message(body);
    m.setApplicationProperty(QStringLiteral("color"), color);
    m.hasApplicationProperties = true;
    return m;
}

qint64 active(Broker& broker, const QString& path) {
    return broker.runtimeInfo(path)->counts.activeMessageCount;
}

} // namespace

class tst_BrokerTopics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaultRuleCopiesEverything();
    void eachSubscriptionHasItsOwnSequence();
    void sqlFiltersSelect();
    void correlationFiltersSelect();
    void falseFilterAndNoRulesGetNothing();
    void actionsChangeOnlyThatSubscriptionsCopy();
    void filterErrorsDeadLetterWhenAsked();
    void sessionSubscriptionDeadLettersMessagesWithoutSession();
    void rulesAreManagedAndValidated();
    void forwardingMovesMessagesOn();
    void forwardingStopsAfterFourHops();
    void deadLettersCanBeForwarded();
    void deletingATopicDeletesItsSubscriptions();

private:
    std::unique_ptr<Broker> m_broker;
};

void tst_BrokerTopics::init() {
    NamespaceConfig config;
    TopicConfig topic;
    topic.description.name = QStringLiteral("t");
    SubscriptionConfig all;
    all.description.name = QStringLiteral("all");
    SubscriptionConfig red;
    red.description.name = QStringLiteral("red");
    red.rules = {sqlRule(QStringLiteral("red"), QStringLiteral("color = 'red'"))};
    topic.subscriptions = {all, red};
    config.topics = {topic};
    m_broker = std::make_unique<Broker>(config, nullptr);
}

void tst_BrokerTopics::defaultRuleCopiesEverything() {
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {message("a"), message("b")}));
    QCOMPARE(active(*m_broker, QStringLiteral("t/Subscriptions/all")), 2);
    const auto rules = m_broker->rules(QStringLiteral("t"), QStringLiteral("all"));
    QCOMPARE(rules->size(), 1);
    QCOMPARE(rules->first().name, QStringLiteral("$Default"));
    QCOMPARE(rules->first().filterKind, FilterKind::True);
}

void tst_BrokerTopics::eachSubscriptionHasItsOwnSequence() {
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"),
                    {message("plain"), colored("r", QStringLiteral("red"))}));
    const auto all =
        m_broker->peek(address(QStringLiteral("t/subscriptions/all")), 0, 10, std::nullopt);
    const auto red =
        m_broker->peek(address(QStringLiteral("t/subscriptions/red")), 0, 10, std::nullopt);
    QCOMPARE(all->size(), 2);
    QCOMPARE(red->size(), 1);
    QCOMPARE(all->last().sequenceNumber, 2);
    QCOMPARE(red->first().sequenceNumber, 1);
}

void tst_BrokerTopics::sqlFiltersSelect() {
    QVERIFY(sendNow(
        *m_broker, QStringLiteral("t"),
        {colored("1", QStringLiteral("red")), colored("2", QStringLiteral("blue")), message("3")}));
    QCOMPARE(active(*m_broker, QStringLiteral("t/Subscriptions/red")), 1);
    QCOMPARE(active(*m_broker, QStringLiteral("t/Subscriptions/all")), 3);
}

void tst_BrokerTopics::correlationFiltersSelect() {
    SubscriptionDescription s;
    s.topicName = QStringLiteral("t");
    s.name = QStringLiteral("orders");
    QVERIFY(m_broker->createSubscription(s));
    QVERIFY(m_broker->deleteRule(QStringLiteral("t"), QStringLiteral("orders"),
                                 QStringLiteral("$Default")));
    RuleDescription rule;
    rule.name = QStringLiteral("byLabel");
    rule.filterKind = FilterKind::Correlation;
    rule.correlation.label = QStringLiteral("order");
    QVERIFY(m_broker->createRule(QStringLiteral("t"), QStringLiteral("orders"), rule));
    AmqpMessage order = message("o");
    order.properties.subject = QStringLiteral("order");
    AmqpMessage other = message("x");
    other.properties.subject = QStringLiteral("Order"); // case-sensitive
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {order, other}));
    QCOMPARE(active(*m_broker, QStringLiteral("t/Subscriptions/orders")), 1);
}

void tst_BrokerTopics::falseFilterAndNoRulesGetNothing() {
    QVERIFY(m_broker->deleteRule(QStringLiteral("t"), QStringLiteral("all"),
                                 QStringLiteral("$Default")));
    RuleDescription never;
    never.name = QStringLiteral("never");
    never.filterKind = FilterKind::False;
    QVERIFY(m_broker->createRule(QStringLiteral("t"), QStringLiteral("red"), never));
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {message("a")}));
    QCOMPARE(m_broker->runtimeInfo(QStringLiteral("t/Subscriptions/all"))->messageCount, 0);
    QCOMPARE(m_broker->runtimeInfo(QStringLiteral("t/Subscriptions/red"))->messageCount, 0);
}

void tst_BrokerTopics::actionsChangeOnlyThatSubscriptionsCopy() {
    QVERIFY(m_broker->createRule(
        QStringLiteral("t"), QStringLiteral("red"),
        sqlRule(QStringLiteral("tagged"), QStringLiteral("1=1"),
                QStringLiteral("SET routed = 'yes'; SET sys.Label = 'tagged'"))));
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {colored("r", QStringLiteral("red"))}));
    const auto red =
        m_broker->peek(address(QStringLiteral("t/Subscriptions/red")), 0, 10, std::nullopt);
    // One copy for the plain match, one for the rule with an action.
    QCOMPARE(red->size(), 2);
    const AmqpMessage& plain = red->at(0).message;
    const AmqpMessage& acted = red->at(1).message;
    QVERIFY(!plain.applicationProperty(QStringLiteral("routed")).isValid());
    QCOMPARE(acted.applicationProperty(QStringLiteral("routed")).toString(), QStringLiteral("yes"));
    QCOMPARE(acted.properties.subject, QStringLiteral("tagged"));
    QCOMPARE(acted.applicationProperty(QStringLiteral("RuleName")).toString(),
             QStringLiteral("tagged"));
    const auto all =
        m_broker->peek(address(QStringLiteral("t/Subscriptions/all")), 0, 10, std::nullopt);
    QVERIFY(!all->first().message.applicationProperty(QStringLiteral("routed")).isValid());
}

void tst_BrokerTopics::filterErrorsDeadLetterWhenAsked() {
    QVERIFY(m_broker->createRule(
        QStringLiteral("t"), QStringLiteral("red"),
        sqlRule(QStringLiteral("broken"), QStringLiteral("sys.NoSuchProperty = 1"))));
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {message("a")}));
    QCOMPARE(
        m_broker->runtimeInfo(QStringLiteral("t/Subscriptions/red"))->counts.deadLetterMessageCount,
        1);
    QCOMPARE(active(*m_broker, QStringLiteral("t/Subscriptions/all")), 1);
}

void tst_BrokerTopics::sessionSubscriptionDeadLettersMessagesWithoutSession() {
    SubscriptionDescription s;
    s.topicName = QStringLiteral("t");
    s.name = QStringLiteral("sessions");
    s.requiresSession = true;
    QVERIFY(m_broker->createSubscription(s));
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"),
                    {message("none"), message("with", {}, QStringLiteral("s1"))}));
    const auto info = m_broker->runtimeInfo(QStringLiteral("t/Subscriptions/sessions"));
    QCOMPARE(info->counts.activeMessageCount, 1);
    QCOMPARE(info->counts.deadLetterMessageCount, 1);
    const auto dlq = m_broker->peek(
        address(QStringLiteral("t/Subscriptions/sessions/$DeadLetterQueue")), 0, 1, std::nullopt);
    QCOMPARE(
        dlq->first().message.applicationProperty(QStringLiteral("DeadLetterReason")).toString(),
        QStringLiteral("Session Id is null"));
}

void tst_BrokerTopics::rulesAreManagedAndValidated() {
    const auto dup = m_broker->createRule(QStringLiteral("t"), QStringLiteral("red"),
                                          sqlRule(QStringLiteral("RED"), QStringLiteral("1=1")));
    QVERIFY(!dup);
    QCOMPARE(dup.error().code, ErrorCode::EntityAlreadyExists);
    const auto bad =
        m_broker->createRule(QStringLiteral("t"), QStringLiteral("red"),
                             sqlRule(QStringLiteral("bad"), QStringLiteral("color = ")));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InvalidInput);
    QVERIFY(m_broker->updateRule(QStringLiteral("t"), QStringLiteral("red"),
                                 sqlRule(QStringLiteral("red"), QStringLiteral("color = 'blue'"))));
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {colored("b", QStringLiteral("blue"))}));
    QCOMPARE(active(*m_broker, QStringLiteral("t/Subscriptions/red")), 1);
    QCOMPARE(
        m_broker->deleteRule(QStringLiteral("t"), QStringLiteral("red"), QStringLiteral("nope"))
            .error()
            .code,
        ErrorCode::EntityNotFound);
}

void tst_BrokerTopics::forwardingMovesMessagesOn() {
    QVERIFY(m_broker->createQueue(queueNamed(QStringLiteral("sink"))));
    QueueDescription hop = queueNamed(QStringLiteral("hop"));
    hop.forwardTo = QStringLiteral("SINK");
    QVERIFY(m_broker->createQueue(hop));
    SubscriptionDescription s;
    s.topicName = QStringLiteral("t");
    s.name = QStringLiteral("fwd");
    s.forwardTo = QStringLiteral("hop");
    QVERIFY(m_broker->createSubscription(s));
    QVERIFY(sendNow(*m_broker, QStringLiteral("t"), {message("a")}));
    QVERIFY(sendNow(*m_broker, QStringLiteral("hop"), {message("b")}));
    QCOMPARE(active(*m_broker, QStringLiteral("sink")), 2);
    QCOMPARE(m_broker->runtimeInfo(QStringLiteral("hop"))->messageCount, 0);
    QCOMPARE(m_broker->runtimeInfo(QStringLiteral("t/Subscriptions/fwd"))->messageCount, 0);
    // Targets must exist and not be the entity itself.
    QueueDescription dangling = queueNamed(QStringLiteral("dangling"));
    dangling.forwardTo = QStringLiteral("missing");
    QVERIFY(!m_broker->createQueue(dangling));
}

void tst_BrokerTopics::forwardingStopsAfterFourHops() {
    // q0 -> q1 -> q2 -> q3 -> q4 -> q5: the fifth forward is one hop too many.
    QVERIFY(m_broker->createQueue(queueNamed(QStringLiteral("q5"))));
    for (int i = 4; i >= 0; --i) {
        QueueDescription q = queueNamed(QStringLiteral("q%1").arg(i));
        q.forwardTo = QStringLiteral("q%1").arg(i + 1);
        QVERIFY(m_broker->createQueue(q));
    }
    QVERIFY(sendNow(*m_broker, QStringLiteral("q0"), {message("far")}));
    QCOMPARE(m_broker->runtimeInfo(QStringLiteral("q5"))->messageCount, 0);
    const auto info = m_broker->runtimeInfo(QStringLiteral("q4"));
    QCOMPARE(info->counts.transferDeadLetterMessageCount, 1);
    const auto tdlq = m_broker->peek(address(QStringLiteral("q4/$Transfer/$DeadLetterQueue")), 0, 1,
                                     std::nullopt);
    QCOMPARE(
        tdlq->first().message.applicationProperty(QStringLiteral("DeadLetterReason")).toString(),
        QStringLiteral("MaxTransferHopCountExceeded"));
}

void tst_BrokerTopics::deadLettersCanBeForwarded() {
    QVERIFY(m_broker->createQueue(queueNamed(QStringLiteral("graveyard"))));
    QueueDescription q = queueNamed(QStringLiteral("work"));
    q.forwardDeadLetteredMessagesTo = QStringLiteral("graveyard");
    QVERIFY(m_broker->createQueue(q));
    QVERIFY(sendNow(*m_broker, QStringLiteral("work"), {message("x")}));
    const auto consumer = attach(*m_broker, QStringLiteral("work"));
    const auto locked = m_broker->receive(consumer, 1);
    Disposition dl = disposition(Disposition::Kind::DeadLetter);
    dl.deadLetterReason = QStringLiteral("Bad");
    QVERIFY(settleNow(*m_broker, consumer, locked[0].lockToken, dl));
    QCOMPARE(m_broker->runtimeInfo(QStringLiteral("work"))->messageCount, 0);
    const auto moved = m_broker->peek(address(QStringLiteral("graveyard")), 0, 1, std::nullopt);
    QCOMPARE(moved->size(), 1);
    QCOMPARE(
        moved->first().message.applicationProperty(QStringLiteral("DeadLetterReason")).toString(),
        QStringLiteral("Bad"));
}

void tst_BrokerTopics::deletingATopicDeletesItsSubscriptions() {
    QStringList deleted;
    connect(m_broker.get(), &Broker::entityDeleted, this,
            [&deleted](const QString& path) { deleted.append(path); });
    QVERIFY(m_broker->deleteEntity(QStringLiteral("T")));
    QVERIFY(m_broker->topics().isEmpty());
    QVERIFY(m_broker->subscriptions(QStringLiteral("t")).isEmpty());
    QVERIFY(!m_broker->subscription(QStringLiteral("t"), QStringLiteral("all")));
    deleted.sort();
    QCOMPARE(deleted, (QStringList{QStringLiteral("t"), QStringLiteral("t/Subscriptions/all"),
                                   QStringLiteral("t/Subscriptions/red")}));
}

QTEST_GUILESS_MAIN(tst_BrokerTopics)
#include "tst_BrokerTopics.moc"
