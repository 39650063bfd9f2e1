#include "emulator/config/ConfigLoader.h"

#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace std::chrono_literals;

namespace {

QString sourcePath(const QString& relative) {
    return qEnvironmentVariable("BUSBAR_SOURCE_DIR") + u'/' + relative;
}

// A one-queue config whose queue properties are `properties` (a JSON object body).
QByteArray queueConfig(const QByteArray& properties) {
    return "{\"UserConfig\":{\"Namespaces\":[{\"Name\":\"sbemulatorns\",\"Queues\":["
           "{\"Name\":\"a\"},{\"Name\":\"b\"},{\"Name\":\"q\",\"Properties\":{" +
           properties + "}}],\"Topics\":[]}],\"Logging\":{\"Type\":\"File\"}}}";
}

QString errorOf(const Result<EmulatorConfig>& result) {
    return result ? QString() : result.error().message;
}

} // namespace

class tst_ConfigLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsMicrosoftSample();
    void appliesEmulatorDefaults();
    void acceptsComments();
    void stripsCommentsButNotStrings();
    void acceptsCloudLimitsNotEmulatorQuotas();
    void limitErrorsNameThePath();
    void reportsEveryProblem();
    void typeErrorsNameThePath();
    void rejectsUnknownProperty();
    void rejectsMissingFilterBody();
    void rejectsUnknownForwardTarget();
    void forwardTargetErrorsCountEveryEntry();
    void rejectsDuplicateNames();
    void syntaxErrorNamesLine();
    void defaultSasRule();
    void sharedAccessPolicies();
    void loadsDemoConfig();
    void missingFileIsAnError();
};

void tst_ConfigLoader::loadsMicrosoftSample() {
    const auto config = loadEmulatorConfig(
        sourcePath(QStringLiteral("tests/unit/admin/data/ms-sample-config.json")));
    QVERIFY2(config.has_value(), qPrintable(errorOf(config)));
    QCOMPARE(config->namespaces.size(), 1);
    const NamespaceConfig& ns = config->namespaces.first();
    QCOMPARE(ns.name, QStringLiteral("sbemulatorns"));
    QCOMPARE(ns.queues.size(), 1);
    const QueueDescription& q = ns.queues.first();
    QCOMPARE(q.name, QStringLiteral("queue.1"));
    QCOMPARE(q.defaultMessageTimeToLive, 1h);
    QCOMPARE(q.duplicateDetectionHistoryTimeWindow, 20s);
    QCOMPARE(q.lockDuration, 1min);
    QCOMPARE(q.maxDeliveryCount, 3);
    QVERIFY(q.forwardTo.isEmpty());

    QCOMPARE(ns.topics.size(), 1);
    const TopicConfig& topic = ns.topics.first();
    QCOMPARE(topic.description.name, QStringLiteral("topic.1"));
    QCOMPARE(topic.subscriptions.size(), 1);
    const SubscriptionConfig& sub = topic.subscriptions.first();
    QCOMPARE(sub.description.topicName, QStringLiteral("topic.1"));
    QCOMPARE(sub.description.name, QStringLiteral("subscription.1"));
    QCOMPARE(sub.rules.size(), 2);
    const RuleDescription& correlation = sub.rules[0];
    QCOMPARE(correlation.name, QStringLiteral("app-prop-filter-1"));
    QCOMPARE(correlation.filterKind, FilterKind::Correlation);
    QCOMPARE(correlation.correlation.contentType, QStringLiteral("application/text"));
    QCOMPARE(correlation.correlation.correlationId, QStringLiteral("id1"));
    QCOMPARE(correlation.correlation.label, QStringLiteral("subject1"));
    QCOMPARE(correlation.correlation.messageId, QStringLiteral("msgid1"));
    QCOMPARE(correlation.correlation.replyTo, QStringLiteral("someQueue"));
    QCOMPARE(correlation.correlation.replyToSessionId, QStringLiteral("sessionId"));
    QCOMPARE(correlation.correlation.sessionId, QStringLiteral("session1"));
    QCOMPARE(correlation.correlation.to, QStringLiteral("xyz"));
    QCOMPARE(correlation.correlation.properties,
             (QVariantMap{{QStringLiteral("prop3"), QStringLiteral("value3")}}));
    const RuleDescription& sql = sub.rules[1];
    QCOMPARE(sql.filterKind, FilterKind::Sql);
    QCOMPARE(sql.sqlExpression, QStringLiteral("sys.Label = 'important'"));
    QCOMPARE(sql.actionExpression, QStringLiteral("SET sys.To = 'routed'"));
}

void tst_ConfigLoader::appliesEmulatorDefaults() {
    const auto config = loadEmulatorConfigFromBytes(queueConfig(""));
    QVERIFY2(config.has_value(), qPrintable(errorOf(config)));
    const QueueDescription& q = config->namespaces.first().queues.last();
    QCOMPARE(q.defaultMessageTimeToLive, 1h);
    QCOMPARE(q.maxDeliveryCount, 3);
    QCOMPARE(q.duplicateDetectionHistoryTimeWindow, 20s);
    QCOMPARE(q.lockDuration, 1min);
}

void tst_ConfigLoader::acceptsComments() {
    const QByteArray json = "// leading comment\n{ /* block\n comment */ \"UserConfig\": {\n"
                            "  \"Namespaces\": [ { \"Name\": \"sbemulatorns\", // trailing\n"
                            "  \"Queues\": [ { \"Name\": \"q\" } ], \"Topics\": [] } ],\n"
                            "  \"Logging\": { \"Type\": \"Console\" } } }\n// end";
    const auto config = loadEmulatorConfigFromBytes(json);
    QVERIFY2(config.has_value(), qPrintable(errorOf(config)));
    QCOMPARE(config->namespaces.first().queues.first().name, QStringLiteral("q"));
}

void tst_ConfigLoader::stripsCommentsButNotStrings() {
    QCOMPARE(stripJsonComments("{\"a\":\"http://x/*y*/\\\"//\"} // c"),
             QByteArray("{\"a\":\"http://x/*y*/\\\"//\"} "));
    QCOMPARE(stripJsonComments("1 /* a\nb */ 2"), QByteArray("1   \n   2"));
}

void tst_ConfigLoader::acceptsCloudLimitsNotEmulatorQuotas() {
    // The Microsoft emulator would refuse these (TTL min PT5M there); the cloud allows them.
    const auto config = loadEmulatorConfigFromBytes(queueConfig(
        "\"DefaultMessageTimeToLive\":\"PT2S\",\"LockDuration\":\"PT5S\",\"MaxDeliveryCount\":50,"
        "\"DefaultMessageTimeToLive\":\"PT2S\""));
    QVERIFY2(config.has_value(), qPrintable(errorOf(config)));
    const QueueDescription& q = config->namespaces.first().queues.last();
    QCOMPARE(q.defaultMessageTimeToLive, 2s);
    QCOMPARE(q.lockDuration, 5s);
    QCOMPARE(q.maxDeliveryCount, 50);
}

void tst_ConfigLoader::limitErrorsNameThePath() {
    const auto config = loadEmulatorConfigFromBytes(queueConfig("\"LockDuration\":\"PT10M\""));
    QVERIFY(!config.has_value());
    QCOMPARE(config.error().code, ErrorCode::InvalidInput);
    QCOMPARE(config.error().message,
             QStringLiteral(
                 "UserConfig.Namespaces[0].Queues[2].Properties.LockDuration: 'PT10M' is out of "
                 "range: it must be between PT5S and PT5M"));
}

void tst_ConfigLoader::reportsEveryProblem() {
    const auto config = loadEmulatorConfigFromBytes(queueConfig(
        "\"LockDuration\":\"PT1S\",\"MaxDeliveryCount\":0,\"DefaultMessageTimeToLive\":\"soon\""));
    QVERIFY(!config.has_value());
    const QStringList lines = config.error().message.split(u'\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith(QStringLiteral("UserConfig.Namespaces[0].Queues[2].Properties."
                                                "DefaultMessageTimeToLive: 'soon' is not a valid")),
             qPrintable(lines[0]));
    QVERIFY2(config.error().message.contains(
                 QStringLiteral("Properties.LockDuration: 'PT1S' is out of range")),
             qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(
                 QStringLiteral("Properties.MaxDeliveryCount: '0' is out of range")),
             qPrintable(config.error().message));
}

void tst_ConfigLoader::typeErrorsNameThePath() {
    const auto config = loadEmulatorConfigFromBytes(
        queueConfig("\"RequiresSession\":\"yes\",\"MaxDeliveryCount\":2.5"));
    QVERIFY(!config.has_value());
    QVERIFY2(config.error().message.contains(
                 QStringLiteral("UserConfig.Namespaces[0].Queues[2].Properties.RequiresSession: "
                                "expected true or false, got a string")),
             qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(
                 QStringLiteral("Properties.MaxDeliveryCount: expected an integer")),
             qPrintable(config.error().message));
}

void tst_ConfigLoader::rejectsUnknownProperty() {
    const auto config = loadEmulatorConfigFromBytes(queueConfig("\"LockDurration\":\"PT1M\""));
    QVERIFY(!config.has_value());
    QVERIFY2(config.error().message.startsWith(QStringLiteral(
                 "UserConfig.Namespaces[0].Queues[2].Properties.LockDurration: unknown property")),
             qPrintable(config.error().message));
}

void tst_ConfigLoader::rejectsMissingFilterBody() {
    const QByteArray json =
        R"json({"UserConfig":{"Namespaces":[{"Name":"sbemulatorns","Queues":[],"Topics":[
        {"Name":"t","Subscriptions":[{"Name":"s","Rules":[
          {"Name":"r","Properties":{"FilterType":"Sql"}},
          {"Name":"c","Properties":{"FilterType":"Correlation"}},
          {"Name":"x","Properties":{"FilterType":"Regex"}}]}]}]}],"Logging":{"Type":"File"}}})json";
    const auto config = loadEmulatorConfigFromBytes(json);
    QVERIFY(!config.has_value());
    const QString message = config.error().message;
    QVERIFY2(message.contains(QStringLiteral("UserConfig.Namespaces[0].Topics[0].Subscriptions[0]."
                                             "Rules[0].Properties: FilterType \"Sql\" needs")),
             qPrintable(message));
    QVERIFY2(
        message.contains(QStringLiteral("Rules[1].Properties: FilterType \"Correlation\" needs")),
        qPrintable(message));
    QVERIFY2(
        message.contains(QStringLiteral("Rules[2].Properties.FilterType: 'Regex' is not one of")),
        qPrintable(message));
}

void tst_ConfigLoader::rejectsUnknownForwardTarget() {
    const auto config = loadEmulatorConfigFromBytes(queueConfig("\"ForwardTo\":\"nowhere\""));
    QVERIFY(!config.has_value());
    QCOMPARE(
        config.error().message,
        QStringLiteral(
            "UserConfig.Namespaces[0].Queues[2].Properties.ForwardTo: 'nowhere' is not a queue or "
            "topic of this namespace"));
    QVERIFY(loadEmulatorConfigFromBytes(queueConfig("\"ForwardTo\":\"A\""))
                .has_value()); // case-insensitive
}

// A non-object entry still takes its place in the array: the forwarding error names the
// position the entry has in the file, not its place among the objects.
void tst_ConfigLoader::forwardTargetErrorsCountEveryEntry() {
    const QByteArray json = R"json({"UserConfig":{"Namespaces":[{"Name":"sbemulatorns",
        "Queues":[42,{"Name":"q","Properties":{"ForwardTo":"nowhere"}}],
        "Topics":["t0",{"Name":"t","Subscriptions":[null,{"Name":"s","Properties":{
          "ForwardDeadLetteredMessagesTo":"gone"}}]}]}],"Logging":{"Type":"File"}}})json";
    const auto config = loadEmulatorConfigFromBytes(json);
    QVERIFY(!config.has_value());
    const QStringList lines = config.error().message.split(u'\n');
    QVERIFY2(lines.contains(QStringLiteral("UserConfig.Namespaces[0].Queues[1].Properties."
                                           "ForwardTo: 'nowhere' is not a queue or topic of this "
                                           "namespace")),
             qPrintable(config.error().message));
    QVERIFY2(
        lines.contains(QStringLiteral(
            "UserConfig.Namespaces[0].Topics[1].Subscriptions[1].Properties."
            "ForwardDeadLetteredMessagesTo: 'gone' is not a queue or topic of this namespace")),
        qPrintable(config.error().message));
    // The non-object entries are problems of their own, at their own positions.
    QVERIFY2(config.error().message.contains(QStringLiteral("UserConfig.Namespaces[0].Queues[0]")),
             qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(
                 QStringLiteral("UserConfig.Namespaces[0].Topics[1].Subscriptions[0]")),
             qPrintable(config.error().message));
}

void tst_ConfigLoader::rejectsDuplicateNames() {
    const QByteArray json = R"json({"UserConfig":{"Namespaces":[{"Name":"sbemulatorns",
        "Queues":[{"Name":"same"}],"Topics":[{"Name":"SAME","Subscriptions":[]}]}],"Logging":{"Type":"File"}}})json";
    const auto config = loadEmulatorConfigFromBytes(json);
    QVERIFY(!config.has_value());
    QCOMPARE(config.error().message,
             QStringLiteral("UserConfig.Namespaces[0].Topics[0].Name: 'SAME' is already used by "
                            "UserConfig.Namespaces[0].Queues[0]"));
}

void tst_ConfigLoader::syntaxErrorNamesLine() {
    const auto config =
        loadEmulatorConfigFromBytes("{\n\"UserConfig\": {\n\"Namespaces\": [ , ]\n}}");
    QVERIFY(!config.has_value());
    QVERIFY2(config.error().message.contains(QStringLiteral("line 3")),
             qPrintable(config.error().message));
}

void tst_ConfigLoader::defaultSasRule() {
    const auto config = loadEmulatorConfigFromBytes(queueConfig(""));
    QVERIFY(config.has_value());
    const auto& rules = config->namespaces.first().sasRules;
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.first().keyName, QStringLiteral("RootManageSharedAccessKey"));
    QCOMPARE(rules.first().key, QStringLiteral("SAS_KEY_VALUE"));
    QVERIFY(rules.first().manage && rules.first().send && rules.first().listen);
}

void tst_ConfigLoader::sharedAccessPolicies() {
    const QByteArray json =
        R"json({"UserConfig":{"Namespaces":[{"Name":"ns2","Queues":[],"Topics":[],
        "SharedAccessPolicies":[{"Name":"root","Key":"k1","Rights":["Manage"]},
                                {"Name":"sender","Key":"k2","Rights":["Send"]}]}],"Logging":{"Type":"File"}}})json";
    const auto config = loadEmulatorConfigFromBytes(json);
    QVERIFY2(config.has_value(), qPrintable(errorOf(config)));
    const auto& rules = config->namespaces.first().sasRules;
    QCOMPARE(rules.size(), 2);
    QVERIFY(rules[0].manage && rules[0].listen && rules[0].send);
    QCOMPARE(rules[1].keyName, QStringLiteral("sender"));
    QVERIFY(rules[1].send && !rules[1].listen && !rules[1].manage);
}

void tst_ConfigLoader::loadsDemoConfig() {
    const auto config =
        loadEmulatorConfig(sourcePath(QStringLiteral("resources/emulator/demo-config.json")));
    QVERIFY2(config.has_value(), qPrintable(errorOf(config)));
    const NamespaceConfig& ns = config->namespaces.first();
    QStringList queues;
    for (const auto& q : ns.queues) {
        queues.append(q.name);
    }
    QVERIFY(queues.contains(QStringLiteral("orders")));
    QVERIFY(queues.contains(QStringLiteral("payments")));
    QVERIFY(queues.contains(QStringLiteral("orders-sessions")));
    // The names the demo seeder fills (emulator/seed/DemoSeeder.h).
    QVERIFY(queues.contains(QStringLiteral("invoices")));
    QVERIFY(queues.contains(QStringLiteral("support-sessions")));
    bool sessionQueue = false;
    bool shortTtlDeadLettering = false;
    bool forwarding = false;
    for (const auto& q : ns.queues) {
        sessionQueue |= q.name == u"orders-sessions" && q.requiresSession;
        shortTtlDeadLettering |=
            q.defaultMessageTimeToLive <= 1min && q.deadLetteringOnMessageExpiration;
        forwarding |= !q.forwardTo.isEmpty();
    }
    QVERIFY(sessionQueue);
    QVERIFY(shortTtlDeadLettering);
    QVERIFY(forwarding);
    QCOMPARE(ns.topics.size(), 1);
    QCOMPARE(ns.topics.first().description.name, QStringLiteral("events"));
    bool sqlWithAction = false;
    bool correlation = false;
    for (const auto& sub : ns.topics.first().subscriptions) {
        for (const auto& rule : sub.rules) {
            sqlWithAction |= rule.filterKind == FilterKind::Sql && !rule.actionExpression.isEmpty();
            correlation |= rule.filterKind == FilterKind::Correlation;
        }
    }
    QVERIFY(sqlWithAction);
    QVERIFY(correlation);
}

void tst_ConfigLoader::missingFileIsAnError() {
    const auto config = loadEmulatorConfig(QStringLiteral("/nonexistent/Config.json"));
    QVERIFY(!config.has_value());
    QVERIFY(config.error().message.contains(QStringLiteral("/nonexistent/Config.json")));
}

QTEST_GUILESS_MAIN(tst_ConfigLoader)
#include "tst_ConfigLoader.moc"
