// Entity definitions as JSON: every field survives the file, malformed files are refused
// with the path of the bad value, and export → import into an empty emulator reproduces
// the namespace (a second import leaves everything alone and says so).
#include "ui/entities/EntityDefinitionsJson.h"

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
