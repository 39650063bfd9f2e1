#include "core/admin/AtomSerializer.h"
#include "core/admin/EntityValidator.h"
#include "tests/unit/admin/AtomSamples.h"

#include <QTest>

using namespace busbar;
using namespace busbar::samples;
using namespace std::chrono_literals;

namespace {

QStringList childNames(const XmlElement& element) {
    QStringList names;
    for (const auto& child : element.children) {
        names.append(child.name);
    }
    return names;
}

XmlElement descriptionOf(const QByteArray& body, QLatin1StringView name) {
    auto element = AtomSerializer::descriptionElement(body, name);
    if (!element) {
        qWarning() << element.error().message;
        return {};
    }
    return *element;
}

AtomEntryMeta titled(const QString& title) {
    AtomEntryMeta meta;
    meta.title = title;
    return meta;
}

AtomFeedMeta feedTitled(const QString& title) {
    AtomFeedMeta meta;
    meta.title = title;
    return meta;
}

} // namespace

class tst_AtomSerializer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void queueRequestOrder();
    void queueRequestWritesAllOptionals();
    void queueRequestUsesDefaultNamespace();
    void topicRequestOrder();
    void subscriptionRequestOrder();
    void ruleRequestOrder();
    void queueResponseOrder();
    void topicResponseOrder();
    void subscriptionResponseOrder();
    void countDetailsShape();
    void parsesCapturedQueueEntry();
    void parsesOrderInsensitively();
    void emptyDescriptionYieldsDefaults();
    void roundTripsQueue();
    void roundTripsTopicAndSubscription();
    void roundTripsRules_data();
    void roundTripsRules();
    void parsesParameterTypes();
    void badValuesNameTheElement_data();
    void badValuesNameTheElement();
    void outOfRangeMessage();
    void malformedXmlIsInvalidInput();
    void feedWithPagingLinks();
    void feedOrEmptyEntryIsNotFound();
    void namespaceInfoRoundTrip();
    void errorBodyShape();
    void defaultRuleDescriptionInSubscription();
    void survivesTruncatedAndMangledInput();
    void updateKeepsAuthorizationRulesAndUnknownElements();
};

void tst_AtomSerializer::queueRequestOrder() {
    QueueDescription queue;
    queue.name = QStringLiteral("orders");
    const XmlElement d =
        descriptionOf(AtomSerializer::queueRequest(queue), QLatin1StringView("QueueDescription"));
    // Defaults: "never" durations and the dup-detection window are omitted, like .NET.
    const QStringList expected{QStringLiteral("LockDuration"),
                               QStringLiteral("MaxSizeInMegabytes"),
                               QStringLiteral("RequiresDuplicateDetection"),
                               QStringLiteral("RequiresSession"),
                               QStringLiteral("DeadLetteringOnMessageExpiration"),
                               QStringLiteral("MaxDeliveryCount"),
                               QStringLiteral("EnableBatchedOperations"),
                               QStringLiteral("IsAnonymousAccessible"),
                               QStringLiteral("Status"),
                               QStringLiteral("EnablePartitioning"),
                               QStringLiteral("EnableExpress")};
    QCOMPARE(childNames(d), expected);
}

void tst_AtomSerializer::queueRequestWritesAllOptionals() {
    QueueDescription queue;
    queue.requiresDuplicateDetection = true;
    queue.defaultMessageTimeToLive = 2s;
    queue.forwardTo = QStringLiteral("payments");
    queue.userMetadata = QStringLiteral("meta");
    queue.autoDeleteOnIdle = 10min;
    queue.forwardDeadLetteredMessagesTo = QStringLiteral("dlq-sink");
    queue.maxMessageSizeInKilobytes = 1024;
    const XmlElement d =
        descriptionOf(AtomSerializer::queueRequest(queue), QLatin1StringView("QueueDescription"));
    const QStringList expected{QStringLiteral("LockDuration"),
                               QStringLiteral("MaxSizeInMegabytes"),
                               QStringLiteral("RequiresDuplicateDetection"),
                               QStringLiteral("RequiresSession"),
                               QStringLiteral("DefaultMessageTimeToLive"),
                               QStringLiteral("DeadLetteringOnMessageExpiration"),
                               QStringLiteral("DuplicateDetectionHistoryTimeWindow"),
                               QStringLiteral("MaxDeliveryCount"),
                               QStringLiteral("EnableBatchedOperations"),
                               QStringLiteral("IsAnonymousAccessible"),
                               QStringLiteral("Status"),
                               QStringLiteral("ForwardTo"),
                               QStringLiteral("UserMetadata"),
                               QStringLiteral("AutoDeleteOnIdle"),
                               QStringLiteral("EnablePartitioning"),
                               QStringLiteral("ForwardDeadLetteredMessagesTo"),
                               QStringLiteral("EnableExpress"),
                               QStringLiteral("MaxMessageSizeInKilobytes")};
    QCOMPARE(childNames(d), expected);
    QCOMPARE(d.child(QLatin1StringView("DefaultMessageTimeToLive"))->text, QStringLiteral("PT2S"));
    QCOMPARE(d.child(QLatin1StringView("AutoDeleteOnIdle"))->text, QStringLiteral("PT10M"));
}

void tst_AtomSerializer::queueRequestUsesDefaultNamespace() {
    const QByteArray body = AtomSerializer::queueRequest(QueueDescription{});
    const QByteArray expected1 = kAtomEntryStart;
    QVERIFY2(body.contains(expected1), body.constData());
    const QByteArray expected2 = kXmlContentStart;
    QVERIFY2(body.contains(expected2), body.constData());
    const QByteArray expected3 = kQueueDescriptionStart;
    QVERIFY2(body.contains(expected3), body.constData());
    QVERIFY2(body.contains("<LockDuration>PT1M</LockDuration>"), body.constData());
}

void tst_AtomSerializer::topicRequestOrder() {
    TopicDescription topic;
    topic.userMetadata = QStringLiteral("m");
    const XmlElement d =
        descriptionOf(AtomSerializer::topicRequest(topic), QLatin1StringView("TopicDescription"));
    const QStringList expected{QStringLiteral("MaxSizeInMegabytes"),
                               QStringLiteral("RequiresDuplicateDetection"),
                               QStringLiteral("EnableBatchedOperations"),
                               QStringLiteral("FilteringMessagesBeforePublishing"),
                               QStringLiteral("IsAnonymousAccessible"),
                               QStringLiteral("Status"),
                               QStringLiteral("UserMetadata"),
                               QStringLiteral("SupportOrdering"),
                               QStringLiteral("EnablePartitioning"),
                               QStringLiteral("EnableSubscriptionPartitioning"),
                               QStringLiteral("EnableExpress")};
    QCOMPARE(childNames(d), expected);
}

void tst_AtomSerializer::subscriptionRequestOrder() {
    SubscriptionDescription sub;
    sub.defaultMessageTimeToLive = 1h;
    sub.forwardTo = QStringLiteral("q");
    RuleDescription rule;
    rule.name = QStringLiteral("only-red");
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("color = 'red'");
    const XmlElement d = descriptionOf(AtomSerializer::subscriptionRequest(sub, rule),
                                       QLatin1StringView("SubscriptionDescription"));
    const QStringList expected{QStringLiteral("LockDuration"),
                               QStringLiteral("RequiresSession"),
                               QStringLiteral("DefaultMessageTimeToLive"),
                               QStringLiteral("DeadLetteringOnMessageExpiration"),
                               QStringLiteral("DeadLetteringOnFilterEvaluationExceptions"),
                               QStringLiteral("DefaultRuleDescription"),
                               QStringLiteral("MaxDeliveryCount"),
                               QStringLiteral("EnableBatchedOperations"),
                               QStringLiteral("Status"),
                               QStringLiteral("ForwardTo")};
    QCOMPARE(childNames(d), expected);
}

void tst_AtomSerializer::ruleRequestOrder() {
    RuleDescription rule;
    rule.name = QStringLiteral("red-and-many");
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("color = 'red' AND qty > @min");
    rule.filterParameters.insert(QStringLiteral("@min"), 3);
    rule.actionExpression = QStringLiteral("SET sys.Label = 'routed'");
    const QByteArray body = AtomSerializer::ruleRequest(rule);
    const XmlElement d = descriptionOf(body, QLatin1StringView("RuleDescription"));
    QCOMPARE(childNames(d), (QStringList{QStringLiteral("Filter"), QStringLiteral("Action"),
                                         QStringLiteral("Name")}));
    QCOMPARE(childNames(*d.child(QLatin1StringView("Filter"))),
             (QStringList{QStringLiteral("SqlExpression"), QStringLiteral("Parameters"),
                          QStringLiteral("CompatibilityLevel")}));
    const QByteArray expected4 = kSqlFilterStart;
    QVERIFY2(body.contains(expected4), body.constData());
    QVERIFY2(body.contains("qty &gt; @min"), body.constData());
    const QByteArray expected5 = kIntParameterValue;
    QVERIFY2(body.contains(expected5), body.constData());
    const QByteArray expected6 = kSqlRuleActionStart;
    QVERIFY2(body.contains(expected6), body.constData());
}

void tst_AtomSerializer::queueResponseOrder() {
    QueueDescription queue;
    queue.forwardTo = QStringLiteral("a");
    queue.userMetadata = QStringLiteral("b");
    queue.forwardDeadLetteredMessagesTo = QStringLiteral("c");
    const QByteArray body =
        AtomSerializer::entry({AtomEntryMeta{}, AtomSerializer::queueContent(queue, {})});
    const XmlElement d = descriptionOf(body, QLatin1StringView("QueueDescription"));
    const QStringList expected =
        QStringLiteral("LockDuration MaxSizeInMegabytes RequiresDuplicateDetection RequiresSession "
                       "DefaultMessageTimeToLive DeadLetteringOnMessageExpiration "
                       "DuplicateDetectionHistoryTimeWindow "
                       "MaxDeliveryCount EnableBatchedOperations SizeInBytes MessageCount "
                       "IsAnonymousAccessible "
                       "AuthorizationRules Status ForwardTo CreatedAt UpdatedAt AccessedAt "
                       "UserMetadata SupportOrdering "
                       "CountDetails AutoDeleteOnIdle EnablePartitioning EntityAvailabilityStatus "
                       "ForwardDeadLetteredMessagesTo EnableExpress MaxMessageSizeInKilobytes")
            .split(u' ');
    QCOMPARE(childNames(d), expected);
}

void tst_AtomSerializer::topicResponseOrder() {
    const QByteArray body =
        AtomSerializer::entry({AtomEntryMeta{}, AtomSerializer::topicContent({}, {})});
    const XmlElement d = descriptionOf(body, QLatin1StringView("TopicDescription"));
    const QStringList expected =
        QStringLiteral(
            "DefaultMessageTimeToLive MaxSizeInMegabytes RequiresDuplicateDetection "
            "DuplicateDetectionHistoryTimeWindow EnableBatchedOperations SizeInBytes "
            "FilteringMessagesBeforePublishing IsAnonymousAccessible AuthorizationRules Status "
            "CreatedAt UpdatedAt AccessedAt SupportOrdering CountDetails SubscriptionCount "
            "AutoDeleteOnIdle EnablePartitioning EntityAvailabilityStatus "
            "EnableSubscriptionPartitioning "
            "EnableExpress MaxMessageSizeInKilobytes")
            .split(u' ');
    QCOMPARE(childNames(d), expected);
}

void tst_AtomSerializer::subscriptionResponseOrder() {
    const QByteArray body =
        AtomSerializer::entry({AtomEntryMeta{}, AtomSerializer::subscriptionContent({}, {})});
    const XmlElement d = descriptionOf(body, QLatin1StringView("SubscriptionDescription"));
    const QStringList expected =
        QStringLiteral("LockDuration RequiresSession DefaultMessageTimeToLive "
                       "DeadLetteringOnMessageExpiration "
                       "DeadLetteringOnFilterEvaluationExceptions MessageCount MaxDeliveryCount "
                       "EnableBatchedOperations Status CreatedAt UpdatedAt AccessedAt CountDetails "
                       "AutoDeleteOnIdle EntityAvailabilityStatus")
            .split(u' ');
    QCOMPARE(childNames(d), expected);
}

void tst_AtomSerializer::countDetailsShape() {
    EntityRuntimeInfo runtime;
    runtime.counts.activeMessageCount = 3;
    runtime.counts.deadLetterMessageCount = 2;
    const QByteArray body =
        AtomSerializer::entry({AtomEntryMeta{}, AtomSerializer::queueContent({}, runtime)});
    const QByteArray expected7 = kCountDetailsStart;
    QVERIFY2(body.contains(expected7), body.constData());
}

void tst_AtomSerializer::parsesCapturedQueueEntry() {
    const auto item = AtomSerializer::parseQueue(QByteArray(kCapturedQueueEntry));
    QVERIFY2(item.has_value(), qPrintable(item ? QString() : item.error().message));
    QCOMPARE(item->title, QStringLiteral("orders"));
    const QueueDescription& q = item->description;
    QCOMPARE(q.lockDuration, 30s);
    QCOMPARE(q.maxSizeInMegabytes, 2048);
    QVERIFY(q.requiresSession);
    QCOMPARE(q.defaultMessageTimeToLive, kDurationNever);
    QVERIFY(q.deadLetteringOnMessageExpiration);
    QCOMPARE(q.maxDeliveryCount, 7);
    QCOMPARE(q.status, EntityStatus::SendDisabled);
    QCOMPARE(q.autoDeleteOnIdle, kDurationNever);
    QCOMPARE(item->runtime.sizeInBytes, 1234);
    QCOMPARE(item->runtime.messageCount, 5);
    QCOMPARE(item->runtime.counts.activeMessageCount, 3);
    QCOMPARE(item->runtime.counts.deadLetterMessageCount, 1);
    QCOMPARE(item->runtime.counts.scheduledMessageCount, 1);
    QCOMPARE(item->runtime.createdAt, QDateTime(QDate(2022, 2, 3), QTime(19, 34, 5, 498), Qt::UTC));
    QVERIFY(!item->runtime.accessedAt.isValid());
}

void tst_AtomSerializer::parsesOrderInsensitively() {
    const QByteArray body = kOutOfOrderQueueEntry;
    const auto queue = AtomSerializer::parseQueueRequest(body);
    QVERIFY2(queue.has_value(), qPrintable(queue ? QString() : queue.error().message));
    QCOMPARE(queue->maxDeliveryCount, 4);
    QCOMPARE(queue->lockDuration, 45s);
    QCOMPARE(queue->forwardTo, QStringLiteral("elsewhere"));
    QVERIFY(queue->requiresSession);
}

void tst_AtomSerializer::emptyDescriptionYieldsDefaults() {
    const QByteArray body = kEmptyQueueEntry;
    const auto queue = AtomSerializer::parseQueueRequest(body);
    QVERIFY(queue.has_value());
    QCOMPARE(queue->lockDuration, 60s);
    QCOMPARE(queue->defaultMessageTimeToLive, kDurationNever);
    QCOMPARE(queue->maxDeliveryCount, 10);
}

void tst_AtomSerializer::roundTripsQueue() {
    QueueDescription queue;
    queue.lockDuration = 5s;
    queue.maxSizeInMegabytes = 5120;
    queue.requiresDuplicateDetection = true;
    queue.requiresSession = true;
    queue.defaultMessageTimeToLive = 2s;
    queue.deadLetteringOnMessageExpiration = true;
    queue.duplicateDetectionHistoryTimeWindow = 20s;
    queue.maxDeliveryCount = 3;
    queue.enableBatchedOperations = false;
    queue.status = EntityStatus::ReceiveDisabled;
    queue.forwardTo = QStringLiteral("next");
    queue.userMetadata = QStringLiteral("<tag> & \"quotes\"");
    queue.autoDeleteOnIdle = 1h;
    queue.forwardDeadLetteredMessagesTo = QStringLiteral("dlq");
    queue.maxMessageSizeInKilobytes = 2048;
    for (const QByteArray& body :
         {AtomSerializer::queueRequest(queue),
          AtomSerializer::entry({AtomEntryMeta{}, AtomSerializer::queueContent(queue, {})})}) {
        const auto back = AtomSerializer::parseQueue(body);
        QVERIFY(back.has_value());
        const QueueDescription& q = back->description;
        QCOMPARE(q.lockDuration, queue.lockDuration);
        QCOMPARE(q.maxSizeInMegabytes, queue.maxSizeInMegabytes);
        QCOMPARE(q.requiresDuplicateDetection, true);
        QCOMPARE(q.requiresSession, true);
        QCOMPARE(q.defaultMessageTimeToLive, queue.defaultMessageTimeToLive);
        QCOMPARE(q.deadLetteringOnMessageExpiration, true);
        QCOMPARE(q.duplicateDetectionHistoryTimeWindow, queue.duplicateDetectionHistoryTimeWindow);
        QCOMPARE(q.maxDeliveryCount, 3);
        QCOMPARE(q.enableBatchedOperations, false);
        QCOMPARE(q.status, EntityStatus::ReceiveDisabled);
        QCOMPARE(q.forwardTo, queue.forwardTo);
        QCOMPARE(q.userMetadata, queue.userMetadata);
        QCOMPARE(q.autoDeleteOnIdle, queue.autoDeleteOnIdle);
        QCOMPARE(q.forwardDeadLetteredMessagesTo, queue.forwardDeadLetteredMessagesTo);
        QCOMPARE(q.maxMessageSizeInKilobytes, queue.maxMessageSizeInKilobytes);
    }
}

void tst_AtomSerializer::roundTripsTopicAndSubscription() {
    TopicDescription topic;
    topic.defaultMessageTimeToLive = 90s;
    topic.requiresDuplicateDetection = true;
    topic.duplicateDetectionHistoryTimeWindow = 1h;
    topic.supportOrdering = false;
    topic.status = EntityStatus::Disabled;
    const auto t = AtomSerializer::parseTopic(AtomSerializer::topicRequest(topic));
    QVERIFY(t.has_value());
    QCOMPARE(t->description.defaultMessageTimeToLive, 90s);
    QCOMPARE(t->description.duplicateDetectionHistoryTimeWindow, 1h);
    QCOMPARE(t->description.supportOrdering, false);
    QCOMPARE(t->description.status, EntityStatus::Disabled);

    SubscriptionDescription sub;
    sub.lockDuration = 5min;
    sub.requiresSession = true;
    sub.deadLetteringOnFilterEvaluationExceptions = false;
    sub.maxDeliveryCount = 1;
    sub.forwardTo = QStringLiteral("sink");
    EntityRuntimeInfo runtime;
    runtime.messageCount = 9;
    runtime.counts.transferMessageCount = 9;
    const auto s = AtomSerializer::parseSubscription(AtomSerializer::entry(
        {titled(QStringLiteral("audit")), AtomSerializer::subscriptionContent(sub, runtime)}));
    QVERIFY(s.has_value());
    QCOMPARE(s->title, QStringLiteral("audit"));
    QCOMPARE(s->description.lockDuration, 5min);
    QVERIFY(s->description.requiresSession);
    QVERIFY(!s->description.deadLetteringOnFilterEvaluationExceptions);
    QCOMPARE(s->description.forwardTo, QStringLiteral("sink"));
    QCOMPARE(s->runtime.messageCount, 9);
    QCOMPARE(s->runtime.counts.transferMessageCount, 9);
}

void tst_AtomSerializer::roundTripsRules_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("sql") << int(FilterKind::Sql);
    QTest::newRow("correlation") << int(FilterKind::Correlation);
    QTest::newRow("true") << int(FilterKind::True);
    QTest::newRow("false") << int(FilterKind::False);
}

void tst_AtomSerializer::roundTripsRules() {
    QFETCH(int, kind);
    RuleDescription rule;
    rule.name = QStringLiteral("r1");
    rule.filterKind = FilterKind(kind);
    if (rule.filterKind == FilterKind::Sql) {
        rule.sqlExpression = QStringLiteral("qty > @min AND region = 'EU'");
        rule.filterParameters.insert(QStringLiteral("@min"), 3);
        rule.actionExpression = QStringLiteral("SET priority = 'high'; REMOVE color");
        rule.actionParameters.insert(QStringLiteral("@p"), QStringLiteral("x"));
    }
    if (rule.filterKind == FilterKind::Correlation) {
        rule.correlation.correlationId = QStringLiteral("c-42");
        rule.correlation.label = QStringLiteral("order.created");
        rule.correlation.contentType = QStringLiteral("application/json");
        rule.correlation.properties.insert(QStringLiteral("color"), QStringLiteral("red"));
        rule.correlation.properties.insert(QStringLiteral("qty"), 5);
        rule.correlation.properties.insert(QStringLiteral("big"), qint64(1) << 40);
        rule.correlation.properties.insert(QStringLiteral("vip"), true);
        rule.correlation.properties.insert(QStringLiteral("price"), 9.99);
    }
    rule.createdAt = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);

    const auto request = AtomSerializer::parseRuleRequest(AtomSerializer::ruleRequest(rule));
    QVERIFY2(request.has_value(), qPrintable(request ? QString() : request.error().message));
    const auto response = AtomSerializer::parseRule(
        AtomSerializer::entry({titled(rule.name), AtomSerializer::ruleContent(rule)}));
    QVERIFY(response.has_value());
    QCOMPARE(response->description.createdAt, rule.createdAt);
    for (const RuleDescription& back : {*request, response->description}) {
        QCOMPARE(back.name, rule.name);
        QCOMPARE(int(back.filterKind), kind);
        QCOMPARE(back.sqlExpression, rule.sqlExpression);
        QCOMPARE(back.filterParameters, rule.filterParameters);
        QCOMPARE(back.actionExpression, rule.actionExpression);
        QCOMPARE(back.actionParameters, rule.actionParameters);
        QCOMPARE(back.correlation.correlationId, rule.correlation.correlationId);
        QCOMPARE(back.correlation.label, rule.correlation.label);
        QCOMPARE(back.correlation.contentType, rule.correlation.contentType);
        QCOMPARE(back.correlation.properties, rule.correlation.properties);
        for (auto it = rule.correlation.properties.cbegin();
             it != rule.correlation.properties.cend(); ++it) {
            QCOMPARE(back.correlation.properties.value(it.key()).typeId(), it.value().typeId());
        }
    }
}

void tst_AtomSerializer::parsesParameterTypes() {
    // Prefixes are resolved, not assumed: "l28" here, and the JS SDK's doubles for numbers.
    const QByteArray body = kCorrelationRuleWithTypedValues;
    const auto rule = AtomSerializer::parseRuleRequest(body);
    QVERIFY2(rule.has_value(), qPrintable(rule ? QString() : rule.error().message));
    QCOMPARE(rule->filterKind, FilterKind::Correlation);
    QCOMPARE(rule->correlation.to, QStringLiteral("store1"));
    QCOMPARE(rule->correlation.properties.value(QStringLiteral("region")),
             QVariant(QStringLiteral("EU")));
    QCOMPARE(rule->correlation.properties.value(QStringLiteral("qty")).typeId(),
             int(QMetaType::Double));
    QCOMPARE(rule->correlation.properties.value(QStringLiteral("ok")), QVariant(true));
    QCOMPARE(rule->correlation.properties.value(QStringLiteral("odd")),
             QVariant(QStringLiteral("kept")));
    QVERIFY(rule->actionExpression.isEmpty());
}

void tst_AtomSerializer::badValuesNameTheElement_data() {
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bool") << QByteArray("<RequiresSession>maybe</RequiresSession>")
                          << QStringLiteral("RequiresSession 'maybe' is not a boolean");
    QTest::newRow("int") << QByteArray("<MaxDeliveryCount>ten</MaxDeliveryCount>")
                         << QStringLiteral("MaxDeliveryCount 'ten' is not an integer");
    QTest::newRow("duration") << QByteArray("<LockDuration>1 minute</LockDuration>")
                              << QStringLiteral(
                                     "LockDuration: '1 minute' is not a valid xs:duration");
    QTest::newRow("status") << QByteArray("<Status>Paused</Status>")
                            << QStringLiteral("Status 'Paused' is not one of Active");
}

void tst_AtomSerializer::badValuesNameTheElement() {
    QFETCH(QByteArray, element);
    QFETCH(QString, expected);
    const QByteArray body =
        "<QueueDescription "
        "xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\">" +
        element + "</QueueDescription>";
    const auto queue = AtomSerializer::parseQueueRequest(body);
    QVERIFY(!queue.has_value());
    QCOMPARE(queue.error().code, ErrorCode::InvalidInput);
    QVERIFY2(queue.error().message.startsWith(expected), qPrintable(queue.error().message));
}

void tst_AtomSerializer::outOfRangeMessage() {
    const QByteArray body =
        "<QueueDescription "
        "xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\">"
        "<LockDuration>PT10M</LockDuration></QueueDescription>";
    const auto queue = AtomSerializer::parseQueueRequest(body);
    QVERIFY(!queue.has_value());
    QCOMPARE(
        queue.error().message,
        QStringLiteral("LockDuration 'PT10M' is out of range: it must be between PT5S and PT5M"));

    SubscriptionDescription sub;
    sub.maxDeliveryCount = 0;
    const auto s =
        AtomSerializer::parseSubscriptionRequest(AtomSerializer::subscriptionRequest(sub));
    QVERIFY(!s.has_value());
    QVERIFY2(s.error().message.startsWith(QStringLiteral("MaxDeliveryCount '0' is out of range")),
             qPrintable(s.error().message));

    RuleDescription rule;
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("   ");
    const auto r = AtomSerializer::parseRuleRequest(AtomSerializer::ruleRequest(rule));
    QVERIFY(!r.has_value());
    QVERIFY2(r.error().message.contains(QStringLiteral("SqlExpression")),
             qPrintable(r.error().message));

    // The cloud limits, not the Microsoft emulator's: a 2 s TTL and a 5 s lock are fine.
    QueueDescription shortLived;
    shortLived.defaultMessageTimeToLive = 2s;
    shortLived.lockDuration = 5s;
    QVERIFY(EntityValidator::validate(shortLived).has_value());
}

void tst_AtomSerializer::malformedXmlIsInvalidInput() {
    const auto queue = AtomSerializer::parseQueueRequest("<entry><content><QueueDescription>");
    QVERIFY(!queue.has_value());
    QCOMPARE(queue.error().code, ErrorCode::InvalidInput);
    QVERIFY2(queue.error().message.contains(QStringLiteral("line")),
             qPrintable(queue.error().message));

    const auto wrong = AtomSerializer::parseQueueRequest(AtomSerializer::topicRequest({}));
    QVERIFY(!wrong.has_value());
    QVERIFY2(wrong.error().message.contains(QStringLiteral("QueueDescription")),
             qPrintable(wrong.error().message));

    QVERIFY(!AtomSerializer::parseQueueRequest({}).has_value());
}

void tst_AtomSerializer::feedWithPagingLinks() {
    QList<AtomEntry> entries;
    for (const auto& name : {QStringLiteral("q1"), QStringLiteral("q2")}) {
        QueueDescription q;
        q.name = name;
        entries.append(
            {AtomEntryMeta{QStringLiteral("https://ns/") + name, name, QStringLiteral("../") + name,
                           QStringLiteral("https://ns/$Resources/queues"),
                           QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc(),
                           QStringLiteral("ns")},
             AtomSerializer::queueContent(q, {})});
    }
    AtomFeedMeta meta;
    meta.title = QStringLiteral("Queues");
    meta.selfHref = QStringLiteral("https://ns/$Resources/queues?$skip=0&$top=2");
    meta.nextHref = QStringLiteral("https://ns/$Resources/queues?%24skip=2&%24top=2");
    const QByteArray body = AtomSerializer::feed(meta, entries);
    const QByteArray expected8 = kNextLink;
    QVERIFY2(body.contains(expected8), body.constData());
    const QByteArray expected9 = kFeedEntryBase;
    QVERIFY2(body.contains(expected9), body.constData());
    const auto page = AtomSerializer::parseQueueFeed(body);
    QVERIFY(page.has_value());
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items[1].title, QStringLiteral("q2"));
    QCOMPARE(page->nextHref, meta.nextHref);

    const auto last = AtomSerializer::parseQueueFeed(
        AtomSerializer::feed(feedTitled(QStringLiteral("Queues")), {}));
    QVERIFY(last.has_value());
    QVERIFY(last->items.isEmpty());
    QVERIFY(last->nextHref.isEmpty());
}

void tst_AtomSerializer::feedOrEmptyEntryIsNotFound() {
    const auto fromFeed =
        AtomSerializer::parseQueue(AtomSerializer::feed(feedTitled(QStringLiteral("Queues")), {}));
    QVERIFY(!fromFeed.has_value());
    QCOMPARE(fromFeed.error().code, ErrorCode::EntityNotFound);
    const auto noContent = AtomSerializer::parseQueue(kEntryWithoutContent);
    QVERIFY(!noContent.has_value());
    QCOMPARE(noContent.error().code, ErrorCode::EntityNotFound);
}

void tst_AtomSerializer::namespaceInfoRoundTrip() {
    NamespaceInfo info;
    info.name = QStringLiteral("sbemulatorns");
    info.createdTime = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    info.modifiedTime = info.createdTime;
    const QByteArray body =
        AtomSerializer::entry({titled(info.name), AtomSerializer::namespaceInfoContent(info)});
    const QByteArray expected10 = kNamespaceInfoStart;
    QVERIFY2(body.contains(expected10), body.constData());
    const auto back = AtomSerializer::parseNamespaceInfo(body);
    QVERIFY(back.has_value());
    QCOMPARE(back->name, info.name);
    QCOMPARE(back->messagingSku, QStringLiteral("Standard"));
    QCOMPARE(back->namespaceType, QStringLiteral("Messaging"));
    QCOMPARE(back->createdTime, info.createdTime);
}

void tst_AtomSerializer::errorBodyShape() {
    const QByteArray body = AtomSerializer::errorBody(
        404, QStringLiteral("The messaging entity 'x' could not be found."));
    QCOMPARE(body, QByteArray("<Error><Code>404</Code><Detail>The messaging entity 'x' could not "
                              "be found.</Detail></Error>"));
}

void tst_AtomSerializer::defaultRuleDescriptionInSubscription() {
    RuleDescription rule;
    rule.name = QStringLiteral("starter");
    rule.filterKind = FilterKind::Correlation;
    rule.correlation.label = QStringLiteral("x");
    std::optional<RuleDescription> parsedRule;
    const auto sub = AtomSerializer::parseSubscriptionRequest(
        AtomSerializer::subscriptionRequest({}, rule), &parsedRule);
    QVERIFY(sub.has_value());
    QVERIFY(parsedRule.has_value());
    QCOMPARE(parsedRule->name, QStringLiteral("starter"));
    QCOMPARE(parsedRule->correlation.label, QStringLiteral("x"));

    std::optional<RuleDescription> none;
    QVERIFY(AtomSerializer::parseSubscriptionRequest(AtomSerializer::subscriptionRequest({}), &none)
                .has_value());
    QVERIFY(!none.has_value());
}

void tst_AtomSerializer::survivesTruncatedAndMangledInput() {
    // Every prefix and a byte-flipped copy of real bodies: an error or a value, never a crash.
    RuleDescription rule;
    rule.filterKind = FilterKind::Correlation;
    rule.correlation.properties.insert(QStringLiteral("n"), 1);
    const QList<QByteArray> bodies{QByteArray(kCapturedQueueEntry),
                                   AtomSerializer::ruleRequest(rule),
                                   AtomSerializer::subscriptionRequest({}, rule)};
    int failures = 0;
    for (const QByteArray& body : bodies) {
        for (qsizetype length = 0; length < body.size(); length += 3) {
            failures += AtomSerializer::parseQueue(body.left(length)).has_value() ? 0 : 1;
            failures += AtomSerializer::parseRuleRequest(body.left(length)).has_value() ? 0 : 1;
            failures +=
                AtomSerializer::parseSubscriptionRequest(body.left(length)).has_value() ? 0 : 1;
        }
        QByteArray mangled = body;
        for (qsizetype i = 7; i < mangled.size(); i += 11) {
            mangled[i] = char(mangled[i] ^ 0x20);
        }
        (void)AtomSerializer::parseQueue(mangled);
        (void)AtomSerializer::parseRuleFeed(mangled);
    }
    QVERIFY(failures > 0); // truncated documents are rejected

    const QByteArray deep =
        QByteArray("<a>").repeated(100'000) + QByteArray("</a>").repeated(100'000);
    const auto rejected = XmlElement::parse(deep);
    QVERIFY(!rejected.has_value());
    QVERIFY2(rejected.error().message.contains(QStringLiteral("nests more than")),
             qPrintable(rejected.error().message));
}

void tst_AtomSerializer::updateKeepsAuthorizationRulesAndUnknownElements() {
    const auto item = AtomSerializer::parseQueue(QByteArray(kQueueWithRulesAndNewElement));
    QVERIFY(item.has_value());
    QVERIFY(item->extras.authorizationRules.has_value());
    QCOMPARE(item->extras.unknownElements.size(), 1); // runtime elements are not "unknown"
    QCOMPARE(item->extras.unknownElements.first().name, QStringLiteral("FutureSetting"));

    QueueDescription changed = item->description;
    changed.maxDeliveryCount = 3;
    const QByteArray body = AtomSerializer::queueRequest(changed, item->extras);
    const XmlElement d = descriptionOf(body, QLatin1StringView("QueueDescription"));
    const QStringList names = childNames(d);
    QCOMPARE(names.indexOf(QStringLiteral("AuthorizationRules")),
             names.indexOf(QStringLiteral("IsAnonymousAccessible")) + 1);
    QCOMPARE(names.last(), QStringLiteral("FutureSetting"));
    QCOMPARE(names.count(QStringLiteral("CountDetails")), 0);
    const XmlElement* rule = d.child(QLatin1StringView("AuthorizationRules"))
                                 ->child(QLatin1StringView("AuthorizationRule"));
    QVERIFY(rule);
    QCOMPARE(rule->typeName, QStringLiteral("SharedAccessAuthorizationRule"));
    QCOMPARE(rule->child(QLatin1StringView("KeyName"))->text, QStringLiteral("app-listener"));
    QCOMPARE(d.child(QLatin1StringView("FutureSetting"))->text, QStringLiteral("42"));
}

QTEST_GUILESS_MAIN(tst_AtomSerializer)
#include "tst_AtomSerializer.moc"
