// Entity definitions as JSON: every field survives the file, malformed files are refused
// with the path of the bad value, and export → import into an empty emulator reproduces
// the namespace (a second import leaves everything alone and says so).
#include "ui/entities/EntityDefinitionsJson.h"

#include <QFile>
#include <QTemporaryDir>

#include "AdminTestSupport.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

NamespaceDefinitions sample() {
    NamespaceDefinitions d;
    QueueDescription q;
    q.name = QStringLiteral("orders/eu");
    q.lockDuration = 45s;
    q.maxDeliveryCount = 3;
    q.requiresSession = true;
    q.defaultMessageTimeToLive = 2h;
    q.status = EntityStatus::SendDisabled;
    q.userMetadata = QStringLiteral("meta");
    q.forwardDeadLetteredMessagesTo = QStringLiteral("dlq-sink");
    d.queues.append(q);
    TopicDescription t;
    t.name = QStringLiteral("events");
    t.supportOrdering = false;
    t.duplicateDetectionHistoryTimeWindow = 1min;
    d.topics.append(t);
    SubscriptionDescription s;
    s.topicName = t.name;
    s.name = QStringLiteral("audit");
    s.deadLetteringOnFilterEvaluationExceptions = false;
    s.autoDeleteOnIdle = 1h;
    d.subscriptions.append(s);
    RuleDescription sql;
    sql.name = QStringLiteral("big");
    sql.filterKind = FilterKind::Sql;
    sql.sqlExpression = QStringLiteral("amount > @min");
    sql.filterParameters.insert(QStringLiteral("@min"), 100);
    sql.actionExpression = QStringLiteral("SET sys.Label = 'big'");
    RuleDescription correlation;
    correlation.name = QStringLiteral("eu");
    correlation.filterKind = FilterKind::Correlation;
    correlation.correlation.label = QStringLiteral("created");
    correlation.correlation.properties.insert(QStringLiteral("region"), QStringLiteral("eu"));
    d.rules.append({t.name, s.name, sql});
    d.rules.append({t.name, s.name, correlation});
    return d;
}

// Every field of every kind away from its default (and each filter kind once), so a field
// that the writer or the reader drops shows.
NamespaceDefinitions everyField() {
    NamespaceDefinitions d;
    QueueDescription q;
    q.name = QStringLiteral("q1");
    q.lockDuration = 45s;
    q.maxSizeInMegabytes = 2048;
    q.requiresDuplicateDetection = true;
    q.requiresSession = true;
    q.defaultMessageTimeToLive = 2h;
    q.deadLetteringOnMessageExpiration = true;
    q.duplicateDetectionHistoryTimeWindow = 1min;
    q.maxDeliveryCount = 7;
    q.enableBatchedOperations = false;
    q.status = EntityStatus::ReceiveDisabled;
    q.forwardTo = QStringLiteral("f");
    q.userMetadata = QStringLiteral("u\"m");
    q.autoDeleteOnIdle = 3h;
    q.enablePartitioning = true;
    q.forwardDeadLetteredMessagesTo = QStringLiteral("dl");
    q.enableExpress = true;
    q.maxMessageSizeInKilobytes = 102400;
    d.queues = {q, QueueDescription{}};

    TopicDescription t;
    t.name = QStringLiteral("t");
    t.defaultMessageTimeToLive = 5min;
    t.maxSizeInMegabytes = 5120;
    t.requiresDuplicateDetection = true;
    t.duplicateDetectionHistoryTimeWindow = 2min;
    t.enableBatchedOperations = false;
    t.status = EntityStatus::Disabled;
    t.userMetadata = QStringLiteral("tm");
    t.supportOrdering = false;
    t.autoDeleteOnIdle = 1h;
    t.enablePartitioning = true;
    t.enableExpress = true;
    t.maxMessageSizeInKilobytes = 1024;
    TopicDescription t2;
    t2.name = QStringLiteral("t2");
    d.topics = {t, t2};

    SubscriptionDescription s;
    s.topicName = QStringLiteral("t");
    s.name = QStringLiteral("s");
    s.lockDuration = 30s;
    s.requiresSession = true;
    s.defaultMessageTimeToLive = 10min;
    s.deadLetteringOnMessageExpiration = true;
    s.deadLetteringOnFilterEvaluationExceptions = false;
    s.maxDeliveryCount = 4;
    s.enableBatchedOperations = false;
    s.status = EntityStatus::SendDisabled;
    s.forwardTo = QStringLiteral("q1");
    s.userMetadata = QStringLiteral("sm");
    s.forwardDeadLetteredMessagesTo = QStringLiteral("q1");
    s.autoDeleteOnIdle = 2h;
    SubscriptionDescription s2;
    s2.topicName = QStringLiteral("t2");
    s2.name = QStringLiteral("x");
    d.subscriptions = {s, s2};

    RuleDescription sql;
    sql.name = QStringLiteral("sql");
    sql.filterKind = FilterKind::Sql;
    sql.sqlExpression = QStringLiteral("a > @p");
    sql.filterParameters.insert(QStringLiteral("@p"), 5);
    sql.actionExpression = QStringLiteral("SET b = @v");
    sql.actionParameters.insert(QStringLiteral("@v"), QStringLiteral("s"));
    RuleDescription correlation;
    correlation.name = QStringLiteral("cor");
    correlation.filterKind = FilterKind::Correlation;
    CorrelationFilterDescription& c = correlation.correlation;
    c.correlationId = QStringLiteral("ci");
    c.messageId = QStringLiteral("mi");
    c.to = QStringLiteral("to");
    c.replyTo = QStringLiteral("rt");
    c.label = QStringLiteral("l");
    c.sessionId = QStringLiteral("si");
    c.replyToSessionId = QStringLiteral("rs");
    c.contentType = QStringLiteral("ct");
    c.properties.insert(QStringLiteral("k"), 1.5);
    c.properties.insert(QStringLiteral("b"), true);
    RuleDescription always;
    always.name = QStringLiteral("t");
    RuleDescription never;
    never.name = QStringLiteral("f");
    never.filterKind = FilterKind::False;
    d.rules = {{t.name, s.name, sql},
               {t.name, s.name, correlation},
               {t.name, s.name, always},
               {t2.name, s2.name, never}};
    return d;
}

NamespaceDefinitions roundTrip(const NamespaceDefinitions& definitions) {
    const auto loaded = EntityDefinitionsJson::fromJson(EntityDefinitionsJson::toJson(definitions));
    if (!loaded) {
        qFatal("the written file did not load: %s", qPrintable(loaded.error().message));
    }
    return *loaded;
}

template <typename T>
T awaitCallback(const std::function<void(std::function<void(const T&)>)>& start) {
    std::optional<T> got;
    start([&](const T& value) { got = value; });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 30000)) {
        qFatal("the transfer did not finish");
    }
    return *got;
}

} // namespace

class tst_EntityDefinitionsJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyFieldSurvivesTheFile() {
        const NamespaceDefinitions original = sample();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("entities.json"));
        QVERIFY(EntityDefinitionsJson::saveFile(path, original));
        const auto loaded = EntityDefinitionsJson::loadFile(path);
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        QCOMPARE(EntityDefinitionsJson::toJson(*loaded), EntityDefinitionsJson::toJson(original));
        const QueueDescription& q = loaded->queues.first();
        QCOMPARE(q.lockDuration, Milliseconds(45s));
        QCOMPARE(q.status, EntityStatus::SendDisabled);
        QVERIFY(q.requiresSession);
        QCOMPARE(q.defaultMessageTimeToLive, Milliseconds(2h));
        QCOMPARE(loaded->topics.first().supportOrdering, false);
        QCOMPARE(loaded->subscriptions.first().topicName, QStringLiteral("events"));
        QCOMPARE(loaded->subscriptions.first().autoDeleteOnIdle, Milliseconds(1h));
        QCOMPARE(loaded->rules.size(), 2);
        QCOMPARE(loaded->rules.at(0).rule.sqlExpression, QStringLiteral("amount > @min"));
        QCOMPARE(loaded->rules.at(0).rule.filterParameters.value(QStringLiteral("@min")).toInt(),
                 100);
        QCOMPARE(loaded->rules.at(1).rule.filterKind, FilterKind::Correlation);
        QCOMPARE(loaded->rules.at(1).rule.correlation.properties.value(QStringLiteral("region")),
                 QVariant(QStringLiteral("eu")));
        // "never" is written as the exact xs:duration maximum.
        QVERIFY(EntityDefinitionsJson::toJson(original).contains("P10675199DT2H48M5.4775807S"));
    }

    void queueRoundTrip() {
        const QueueDescription expected = everyField().queues.first();
        const QueueDescription q = roundTrip(everyField()).queues.first();
        QCOMPARE(q.name, expected.name);
        QCOMPARE(q.lockDuration, expected.lockDuration);
        QCOMPARE(q.maxSizeInMegabytes, expected.maxSizeInMegabytes);
        QCOMPARE(q.requiresDuplicateDetection, expected.requiresDuplicateDetection);
        QCOMPARE(q.requiresSession, expected.requiresSession);
        QCOMPARE(q.defaultMessageTimeToLive, expected.defaultMessageTimeToLive);
        QCOMPARE(q.deadLetteringOnMessageExpiration, expected.deadLetteringOnMessageExpiration);
        QCOMPARE(q.duplicateDetectionHistoryTimeWindow,
                 expected.duplicateDetectionHistoryTimeWindow);
        QCOMPARE(q.maxDeliveryCount, expected.maxDeliveryCount);
        QCOMPARE(q.enableBatchedOperations, expected.enableBatchedOperations);
        QCOMPARE(q.status, expected.status);
        QCOMPARE(q.forwardTo, expected.forwardTo);
        QCOMPARE(q.userMetadata, expected.userMetadata);
        QCOMPARE(q.autoDeleteOnIdle, expected.autoDeleteOnIdle);
        QCOMPARE(q.enablePartitioning, expected.enablePartitioning);
        QCOMPARE(q.forwardDeadLetteredMessagesTo, expected.forwardDeadLetteredMessagesTo);
        QCOMPARE(q.enableExpress, expected.enableExpress);
        QCOMPARE(q.maxMessageSizeInKilobytes, expected.maxMessageSizeInKilobytes);
    }

    void topicRoundTrip() {
        const TopicDescription expected = everyField().topics.first();
        const TopicDescription t = roundTrip(everyField()).topics.first();
        QCOMPARE(t.name, expected.name);
        QCOMPARE(t.defaultMessageTimeToLive, expected.defaultMessageTimeToLive);
        QCOMPARE(t.maxSizeInMegabytes, expected.maxSizeInMegabytes);
        QCOMPARE(t.requiresDuplicateDetection, expected.requiresDuplicateDetection);
        QCOMPARE(t.duplicateDetectionHistoryTimeWindow,
                 expected.duplicateDetectionHistoryTimeWindow);
        QCOMPARE(t.enableBatchedOperations, expected.enableBatchedOperations);
        QCOMPARE(t.status, expected.status);
        QCOMPARE(t.userMetadata, expected.userMetadata);
        QCOMPARE(t.supportOrdering, expected.supportOrdering);
        QCOMPARE(t.autoDeleteOnIdle, expected.autoDeleteOnIdle);
        QCOMPARE(t.enablePartitioning, expected.enablePartitioning);
        QCOMPARE(t.enableExpress, expected.enableExpress);
        QCOMPARE(t.maxMessageSizeInKilobytes, expected.maxMessageSizeInKilobytes);
    }

    void subscriptionRoundTrip() {
        const NamespaceDefinitions loaded = roundTrip(everyField());
        QCOMPARE(loaded.subscriptions.size(), 2);
        QCOMPARE(loaded.subscriptions.at(1).topicName, QStringLiteral("t2"));
        const SubscriptionDescription expected = everyField().subscriptions.first();
        const SubscriptionDescription& s = loaded.subscriptions.first();
        QCOMPARE(s.topicName, expected.topicName);
        QCOMPARE(s.name, expected.name);
        QCOMPARE(s.lockDuration, expected.lockDuration);
        QCOMPARE(s.requiresSession, expected.requiresSession);
        QCOMPARE(s.defaultMessageTimeToLive, expected.defaultMessageTimeToLive);
        QCOMPARE(s.deadLetteringOnMessageExpiration, expected.deadLetteringOnMessageExpiration);
        QCOMPARE(s.deadLetteringOnFilterEvaluationExceptions,
                 expected.deadLetteringOnFilterEvaluationExceptions);
        QCOMPARE(s.maxDeliveryCount, expected.maxDeliveryCount);
        QCOMPARE(s.enableBatchedOperations, expected.enableBatchedOperations);
        QCOMPARE(s.status, expected.status);
        QCOMPARE(s.forwardTo, expected.forwardTo);
        QCOMPARE(s.userMetadata, expected.userMetadata);
        QCOMPARE(s.forwardDeadLetteredMessagesTo, expected.forwardDeadLetteredMessagesTo);
        QCOMPARE(s.autoDeleteOnIdle, expected.autoDeleteOnIdle);
    }

    void ruleRoundTrip() {
        const NamespaceDefinitions loaded = roundTrip(everyField());
        QCOMPARE(loaded.rules.size(), 4);
        const RuleDescription& sql = loaded.rules.at(0).rule;
        QCOMPARE(sql.name, QStringLiteral("sql"));
        QCOMPARE(sql.filterKind, FilterKind::Sql);
        QCOMPARE(sql.sqlExpression, QStringLiteral("a > @p"));
        QCOMPARE(sql.filterParameters.value(QStringLiteral("@p")).toInt(), 5);
        QCOMPARE(sql.actionExpression, QStringLiteral("SET b = @v"));
        QCOMPARE(sql.actionParameters.value(QStringLiteral("@v")), QVariant(QStringLiteral("s")));

        const CorrelationFilterDescription expected = everyField().rules.at(1).rule.correlation;
        const RuleDescription& correlation = loaded.rules.at(1).rule;
        QCOMPARE(correlation.filterKind, FilterKind::Correlation);
        const CorrelationFilterDescription& c = correlation.correlation;
        QCOMPARE(c.correlationId, expected.correlationId);
        QCOMPARE(c.messageId, expected.messageId);
        QCOMPARE(c.to, expected.to);
        QCOMPARE(c.replyTo, expected.replyTo);
        QCOMPARE(c.label, expected.label);
        QCOMPARE(c.sessionId, expected.sessionId);
        QCOMPARE(c.replyToSessionId, expected.replyToSessionId);
        QCOMPARE(c.contentType, expected.contentType);
        QCOMPARE(c.properties.value(QStringLiteral("k")).toDouble(), 1.5);
        QCOMPARE(c.properties.value(QStringLiteral("b")), QVariant(true));

        QCOMPARE(loaded.rules.at(2).rule.filterKind, FilterKind::True);
        QCOMPARE(loaded.rules.at(2).rule.sqlExpression, QStringLiteral("1=1"));
        QCOMPARE(loaded.rules.at(3).rule.filterKind, FilterKind::False);
        QCOMPARE(loaded.rules.at(3).rule.sqlExpression, QStringLiteral("1=0"));
        QCOMPARE(loaded.rules.at(3).topic, QStringLiteral("t2"));
        QCOMPARE(loaded.rules.at(3).subscription, QStringLiteral("x"));
    }

    // The file format, byte for byte, as version 1 wrote it: files saved by earlier builds and
    // by later ones must stay interchangeable.
    void fileFormatIsPinned() {
        QFile golden(qEnvironmentVariable("BUSBAR_SOURCE_DIR") +
                     QStringLiteral("/tests/gui/entities/data/entity-definitions-v1.json"));
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
        QCOMPARE(EntityDefinitionsJson::toJson(everyField()), golden.readAll());
    }

    void malformedFilesAreRefused() {
        QVERIFY(!EntityDefinitionsJson::fromJson("[1, 2"));
        const auto badDuration = EntityDefinitionsJson::fromJson(
            R"({"queues": [{"name": "q", "lockDuration": "soon"}]})");
        QVERIFY(!badDuration);
        QVERIFY2(badDuration.error().message.contains(QStringLiteral("queues[0].lockDuration")),
                 qPrintable(badDuration.error().message));
        const auto badFilter = EntityDefinitionsJson::fromJson(
            R"({"topics": [{"name": "t", "subscriptions": [{"name": "s",
                "rules": [{"name": "r", "filter": "maybe"}]}]}]})");
        QVERIFY(!badFilter);
        QVERIFY(badFilter.error().message.contains(
            QStringLiteral("topics[0].subscriptions[0].rules[0].filter")));
        QVERIFY(!EntityDefinitionsJson::loadFile(QStringLiteral("/nonexistent/x.json")));
    }

    void summarisesAnImport() {
        const QList<ImportOutcome> outcomes{
            {QStringLiteral("queue 'a'"), ImportOutcome::Kind::Created, {}},
            {QStringLiteral("queue 'b'"), ImportOutcome::Kind::AlreadyExists, {}},
            {QStringLiteral("topic 'c'"), ImportOutcome::Kind::Failed, QStringLiteral("quota")}};
        QCOMPARE(EntityDefinitionsJson::summary(outcomes),
                 QStringLiteral("1 created, 1 already existed, 1 failed\ntopic 'c': quota"));
    }

    void exportThenImportReproducesTheNamespace() {
        AdminFixture source;
        QVERIFY(source.start());
        NamespaceDefinitions extra = sample();
        // Forwarding needs its target to exist first; the file test covers the field.
        extra.queues.first().forwardDeadLetteredMessagesTo.clear();
        const auto queue = await(source.admin->createQueue(extra.queues.first()));
        QVERIFY2(queue, queue ? "" : qPrintable(describe(queue.error())));
        QVERIFY(await(source.admin->createTopic(extra.topics.first())));
        QVERIFY(await(source.admin->createSubscription(extra.subscriptions.first(),
                                                       extra.rules.first().rule)));
        QVERIFY(await(source.admin->createRule(QStringLiteral("events"), QStringLiteral("audit"),
                                               extra.rules.at(1).rule)));

        EntityDefinitionsJson sourceTransfer(source.admin.get());
        const auto exported = awaitCallback<Result<NamespaceDefinitions>>(
            [&](auto done) { sourceTransfer.exportAll(done); });
        QVERIFY2(exported, exported ? "" : qPrintable(exported.error().message));
        QVERIFY(exported->queues.size() > 10); // the fixture's queues and orders/eu
        QCOMPARE(exported->rules.size(), 3);   // t1/s1 $Default, events/audit big and eu

        AdminFixture target;
        emulator::EmulatorConfig empty;
        empty.namespaces.append(emulator::NamespaceConfig{});
        QVERIFY(target.start(empty));
        EntityDefinitionsJson targetTransfer(target.admin.get());
        const auto outcomes = awaitCallback<QList<ImportOutcome>>(
            [&](auto done) { targetTransfer.importAll(*exported, done); });
        // Every entity once: rules travel with their subscription when they are its first.
        const qsizetype expected = exported->queues.size() + exported->topics.size() +
                                   exported->subscriptions.size() + exported->rules.size() -
                                   exported->subscriptions.size();
        QCOMPARE(outcomes.size(), expected);
        for (const ImportOutcome& outcome : outcomes) {
            QVERIFY2(outcome.kind == ImportOutcome::Kind::Created,
                     qPrintable(outcome.entity + QStringLiteral(": ") + outcome.message));
        }

        const auto reexported = awaitCallback<Result<NamespaceDefinitions>>(
            [&](auto done) { targetTransfer.exportAll(done); });
        QVERIFY(reexported);
        QCOMPARE(EntityDefinitionsJson::toJson(*reexported),
                 EntityDefinitionsJson::toJson(*exported));

        const auto again = awaitCallback<QList<ImportOutcome>>(
            [&](auto done) { targetTransfer.importAll(*exported, done); });
        QCOMPARE(again.size(), expected);
        for (const ImportOutcome& outcome : again) {
            QVERIFY2(outcome.kind == ImportOutcome::Kind::AlreadyExists,
                     qPrintable(outcome.entity + QStringLiteral(": ") + outcome.message));
        }
    }
};

QTEST_MAIN(tst_EntityDefinitionsJson)
#include "tst_EntityDefinitionsJson.moc"
