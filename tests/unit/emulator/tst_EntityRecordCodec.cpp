#include "emulator/store/EntityRecordCodec.h"

#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace std::chrono_literals;

class tst_EntityRecordCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void queueRoundTrips();
    void topicRoundTrips();
    void subscriptionAndRulesRoundTrip();
    void missingKeysTakeDefaults();
    void damagedRecordsAreErrors();
};

void tst_EntityRecordCodec::queueRoundTrips() {
    QueueDescription q;
    q.name = QStringLiteral("site1/orders");
    q.lockDuration = 5s;
    q.maxSizeInMegabytes = 2048;
    q.requiresDuplicateDetection = true;
    q.requiresSession = true;
    q.defaultMessageTimeToLive = 2s;
    q.deadLetteringOnMessageExpiration = true;
    q.duplicateDetectionHistoryTimeWindow = 20s;
    q.maxDeliveryCount = 3;
    q.enableBatchedOperations = false;
    q.status = EntityStatus::SendDisabled;
    q.forwardTo = QStringLiteral("next");
    q.userMetadata = QStringLiteral("meta");
    q.autoDeleteOnIdle = 10min;
    q.enablePartitioning = true;
    q.forwardDeadLetteredMessagesTo = QStringLiteral("dead");
    q.enableExpress = true;
    q.maxMessageSizeInKilobytes = 1024;
    const auto back = EntityRecordCodec::decodeQueue(EntityRecordCodec::encode(q));
    QVERIFY(back);
    QCOMPARE(back->name, q.name);
    QCOMPARE(back->lockDuration, q.lockDuration);
    QCOMPARE(back->maxSizeInMegabytes, q.maxSizeInMegabytes);
    QCOMPARE(back->requiresDuplicateDetection, true);
    QCOMPARE(back->requiresSession, true);
    QCOMPARE(back->defaultMessageTimeToLive, 2s);
    QCOMPARE(back->deadLetteringOnMessageExpiration, true);
    QCOMPARE(back->duplicateDetectionHistoryTimeWindow, 20s);
    QCOMPARE(back->maxDeliveryCount, 3);
    QCOMPARE(back->enableBatchedOperations, false);
    QCOMPARE(back->status, EntityStatus::SendDisabled);
    QCOMPARE(back->forwardTo, QStringLiteral("next"));
    QCOMPARE(back->userMetadata, QStringLiteral("meta"));
    QCOMPARE(back->autoDeleteOnIdle, 10min);
    QCOMPARE(back->enablePartitioning, true);
    QCOMPARE(back->forwardDeadLetteredMessagesTo, QStringLiteral("dead"));
    QCOMPARE(back->enableExpress, true);
    QCOMPARE(back->maxMessageSizeInKilobytes, 1024);
    // "Never" survives exactly.
    QueueDescription defaults;
    defaults.name = QStringLiteral("d");
    QCOMPARE(EntityRecordCodec::decodeQueue(EntityRecordCodec::encode(defaults))
                 ->defaultMessageTimeToLive,
             kDurationNever);
}

void tst_EntityRecordCodec::topicRoundTrips() {
    TopicDescription t;
    t.name = QStringLiteral("events");
    t.defaultMessageTimeToLive = 1h;
    t.requiresDuplicateDetection = true;
    t.status = EntityStatus::Disabled;
    t.supportOrdering = false;
    t.maxMessageSizeInKilobytes = 512;
    const auto back = EntityRecordCodec::decodeTopic(EntityRecordCodec::encode(t));
    QVERIFY(back);
    QCOMPARE(back->name, t.name);
    QCOMPARE(back->defaultMessageTimeToLive, 1h);
    QCOMPARE(back->requiresDuplicateDetection, true);
    QCOMPARE(back->status, EntityStatus::Disabled);
    QCOMPARE(back->supportOrdering, false);
    QCOMPARE(back->maxMessageSizeInKilobytes, 512);
}

void tst_EntityRecordCodec::subscriptionAndRulesRoundTrip() {
    SubscriptionDescription s;
    s.topicName = QStringLiteral("events");
    s.name = QStringLiteral("audit");
    s.lockDuration = 30s;
    s.requiresSession = true;
    s.deadLetteringOnFilterEvaluationExceptions = false;
    s.maxDeliveryCount = 7;
    s.forwardTo = QStringLiteral("q");
    RuleDescription sql;
    sql.name = QStringLiteral("red");
    sql.filterKind = FilterKind::Sql;
    sql.sqlExpression = QStringLiteral("color = @c");
    sql.filterParameters = {{QStringLiteral("@c"), QStringLiteral("red")}};
    sql.actionExpression = QStringLiteral("SET x = 1");
    sql.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    RuleDescription correlation;
    correlation.name = QStringLiteral("corr");
    correlation.filterKind = FilterKind::Correlation;
    correlation.correlation.label = QStringLiteral("order");
    correlation.correlation.sessionId = QStringLiteral("s");
    correlation.correlation.properties = {{QStringLiteral("n"), 5}};
    QList<RuleDescription> rules;
    const auto back = EntityRecordCodec::decodeSubscription(
        EntityRecordCodec::encode(s, {sql, correlation}), &rules);
    QVERIFY(back);
    QCOMPARE(back->topicName, s.topicName);
    QCOMPARE(back->name, s.name);
    QCOMPARE(back->lockDuration, 30s);
    QCOMPARE(back->requiresSession, true);
    QCOMPARE(back->deadLetteringOnFilterEvaluationExceptions, false);
    QCOMPARE(back->maxDeliveryCount, 7);
    QCOMPARE(back->forwardTo, QStringLiteral("q"));
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[0].name, QStringLiteral("red"));
    QCOMPARE(rules[0].filterKind, FilterKind::Sql);
    QCOMPARE(rules[0].sqlExpression, sql.sqlExpression);
    QCOMPARE(rules[0].filterParameters.value(QStringLiteral("@c")).toString(),
             QStringLiteral("red"));
    QCOMPARE(rules[0].actionExpression, sql.actionExpression);
    QCOMPARE(rules[0].createdAt, sql.createdAt);
    QCOMPARE(rules[1].filterKind, FilterKind::Correlation);
    QCOMPARE(rules[1].correlation.label, QStringLiteral("order"));
    QCOMPARE(rules[1].correlation.sessionId, QStringLiteral("s"));
    QCOMPARE(rules[1].correlation.properties.value(QStringLiteral("n")).toInt(), 5);
}

void tst_EntityRecordCodec::missingKeysTakeDefaults() {
    const auto q = EntityRecordCodec::decodeQueue(R"({"name":"q","maxDeliveryCount":4})");
    QVERIFY(q);
    QCOMPARE(q->maxDeliveryCount, 4);
    QCOMPARE(q->lockDuration, 60s);
    QCOMPARE(q->status, EntityStatus::Active);
}

void tst_EntityRecordCodec::damagedRecordsAreErrors() {
    QVERIFY(!EntityRecordCodec::decodeQueue("not json"));
    QVERIFY(!EntityRecordCodec::decodeTopic("[1,2]"));
    QVERIFY(!EntityRecordCodec::decodeSubscription("", nullptr));
}

QTEST_GUILESS_MAIN(tst_EntityRecordCodec)
#include "tst_EntityRecordCodec.moc"
