// DemoSeeder against an in-memory broker: the counts, states, reasons and content kinds the
// demo plan promises, determinism per seed, and falling back to whatever entities exist.
#include "emulator/broker/Broker.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/seed/DemoSeeder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <optional>

using namespace busbar;
using namespace busbar::emulator;

namespace {

EntityAddress address(const QString& path, SubQueue subQueue = SubQueue::Main) {
    EntityAddress a;
    a.entityPath = path;
    a.subQueue = subQueue;
    return a;
}

NamespaceConfig demoLikeConfig() {
    NamespaceConfig config;
    QueueDescription orders;
    orders.name = QStringLiteral("orders");
    orders.maxDeliveryCount = 3;
    QueueDescription invoices;
    invoices.name = QStringLiteral("invoices");
    QueueDescription support;
    support.name = QStringLiteral("support-sessions");
    support.requiresSession = true;
    config.queues = {orders, invoices, support};

    TopicConfig events;
    events.description.name = QStringLiteral("events");
    SubscriptionConfig all;
    all.description.topicName = QStringLiteral("events");
    all.description.name = QStringLiteral("all");
    SubscriptionConfig eu;
    eu.description.topicName = QStringLiteral("events");
    eu.description.name = QStringLiteral("eu");
    RuleDescription euOnly;
    euOnly.name = QStringLiteral("eu-only");
    euOnly.filterKind = FilterKind::Sql;
    euOnly.sqlExpression = QStringLiteral("region = 'eu'");
    eu.rules = {euOnly};
    events.subscriptions = {all, eu};
    config.topics = {events};
    return config;
}

// Seeds and waits (on the event loop) for the completion.
VoidResult seed(Broker& broker, DemoSeedOptions options = {}) {
    std::optional<VoidResult> outcome;
    DemoSeeder seeder(broker, std::move(options));
    seeder.start([&outcome](VoidResult r) { outcome = std::move(r); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return fail(ErrorCode::Timeout, QStringLiteral("seeding did not finish"));
    return *outcome;
}

QList<StoredMessage> peekAll(const Broker& broker, const EntityAddress& entity) {
    const Result<QList<StoredMessage>> peeked = broker.peek(entity, 0, 1000, std::nullopt);
    if (!peeked) {
        qWarning() << "peek failed:" << peeked.error().message;
        return {};
    }
    return *peeked;
}

QString reasonOf(const StoredMessage& m) {
    return m.message.applicationProperty(QStringLiteral("DeadLetterReason")).toString();
}

} // namespace

class tst_DemoSeeder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedsTheOrdersQueue();
    void seedsInvoicesSessionsAndEvents();
    void sameSeedSameContent();
    void fallsBackToTheEntitiesThatExist();
    void seedDemoNamespaceReportsCompletion();
    void leavesASeededNamespaceAlone();
};

void tst_DemoSeeder::seedsTheOrdersQueue() {
    Broker broker(demoLikeConfig(), nullptr);
    const VoidResult seeded = seed(broker);
    QVERIFY2(seeded.has_value(), qPrintable(seeded ? QString() : seeded.error().message));

    const QList<StoredMessage> orders = peekAll(broker, address(QStringLiteral("orders")));
    int active = 0, deferred = 0, scheduled = 0;
    for (const StoredMessage& m : orders) {
        active += m.state == MessageState::Active;
        deferred += m.state == MessageState::Deferred;
        scheduled += m.state == MessageState::Scheduled;
        QCOMPARE(m.message.properties.contentType, QByteArrayLiteral("application/json"));
        const QJsonObject order = QJsonDocument::fromJson(m.message.dataPayload()).object();
        QVERIFY(
            order.value(QStringLiteral("orderId")).toString().startsWith(QStringLiteral("ORD-")));
        QVERIFY(order.value(QStringLiteral("lines")).isArray());
    }
    QCOMPARE(active, DemoSeedPlan::kActiveOrders);
    QCOMPARE(active, 15);
    QCOMPARE(deferred, 2);
    QCOMPARE(scheduled, 3);
    for (const StoredMessage& m : orders) {
        if (m.state == MessageState::Scheduled)
            QVERIFY(m.scheduledEnqueueTimeMs > QDateTime::currentMSecsSinceEpoch() + 3000 * 1000);
        if (m.state == MessageState::Deferred)
            QCOMPARE(m.message.applicationProperty(QStringLiteral("deferredReason")).toString(),
                     QStringLiteral("awaiting stock"));
    }

    const QList<StoredMessage> dead =
        peekAll(broker, address(QStringLiteral("orders"), SubQueue::DeadLetter));
    QCOMPARE(dead.size(), 3);
    int maxDelivery = 0, validation = 0;
    for (const StoredMessage& m : dead) {
        if (reasonOf(m) == QStringLiteral("MaxDeliveryCountExceeded")) {
            ++maxDelivery;
            QCOMPARE(m.deliveryCount, 3u);
        } else if (reasonOf(m) == QStringLiteral("ValidationFailed")) {
            ++validation;
            QVERIFY(!m.message.applicationProperty(QStringLiteral("DeadLetterErrorDescription"))
                         .toString()
                         .isEmpty());
            QCOMPARE(m.message.applicationProperty(QStringLiteral("validatedBy")).toString(),
                     QStringLiteral("order-validator/2.3"));
        }
    }
    QCOMPARE(maxDelivery, 1);
    QCOMPARE(validation, 2);

    const Result<EntityRuntimeInfo> info = broker.runtimeInfo(QStringLiteral("orders"));
    QVERIFY(info.has_value());
    QCOMPARE(info->counts.deadLetterMessageCount, 3);
    QCOMPARE(info->counts.scheduledMessageCount, 3);
}

void tst_DemoSeeder::seedsInvoicesSessionsAndEvents() {
    Broker broker(demoLikeConfig(), nullptr);
    QVERIFY(seed(broker).has_value());

    const QList<StoredMessage> invoices = peekAll(broker, address(QStringLiteral("invoices")));
    QCOMPARE(invoices.size(), 9);
    int xml = 0, pdf = 0;
    for (const StoredMessage& m : invoices) {
        if (m.message.properties.contentType == "application/xml") {
            ++xml;
            QVERIFY(m.message.dataPayload().startsWith("<?xml"));
            QVERIFY(m.message.dataPayload().contains("<Invoice xmlns=\"urn:busbar:demo:invoice\""));
        } else if (m.message.properties.contentType == "application/pdf") {
            ++pdf;
            QVERIFY(m.message.dataPayload().startsWith("%PDF-1.7"));
            QCOMPARE(m.message.dataPayload().size(), 2048);
        }
    }
    QCOMPARE(xml, 8);
    QCOMPARE(pdf, 1);

    const QList<StoredMessage> support =
        peekAll(broker, address(QStringLiteral("support-sessions")));
    QCOMPARE(support.size(), 12);
    QSet<QString> sessions;
    for (const StoredMessage& m : support)
        sessions.insert(m.sessionId);
    QCOMPARE(sessions, (QSet<QString>{QStringLiteral("ticket-4711"), QStringLiteral("ticket-4712"),
                                      QStringLiteral("ticket-4713")}));
    // Reading the state takes the session's lock, as a client would.
    Broker::ConsumerOptions lockSession;
    lockSession.source = address(QStringLiteral("support-sessions"));
    lockSession.sessionFilter = QStringLiteral("ticket-4711");
    const Result<Broker::ConsumerInfo> holder = broker.attachConsumer(lockSession);
    QVERIFY2(holder.has_value(), qPrintable(holder ? QString() : holder.error().message));
    const Result<QByteArray> state = broker.sessionState(
        address(QStringLiteral("support-sessions")), QStringLiteral("ticket-4711"));
    broker.detachConsumer(holder->id);
    QVERIFY2(state.has_value(), qPrintable(state ? QString() : state.error().message));
    QCOMPARE(QJsonDocument::fromJson(*state).object().value(QStringLiteral("step")).toString(),
             QStringLiteral("awaiting-customer"));

    QCOMPARE(peekAll(broker, address(QStringLiteral("events/Subscriptions/all"))).size(), 12);
    const QList<StoredMessage> eu =
        peekAll(broker, address(QStringLiteral("events/Subscriptions/eu")));
    QCOMPARE(eu.size(), 4);
    for (const StoredMessage& m : eu)
        QCOMPARE(m.message.applicationProperty(QStringLiteral("region")).toString(),
                 QStringLiteral("eu"));
}

void tst_DemoSeeder::sameSeedSameContent() {
    auto bodies = [](quint32 seedValue) {
        Broker broker(demoLikeConfig(), nullptr);
        DemoSeedOptions options;
        options.seed = seedValue;
        if (!seed(broker, options))
            return QList<QByteArray>{};
        QList<QByteArray> out;
        for (const StoredMessage& m : peekAll(broker, address(QStringLiteral("orders"))))
            out << amqpIdToText(m.message.properties.messageId).toUtf8() + ' ' +
                       m.message.dataPayload();
        for (const StoredMessage& m : peekAll(broker, address(QStringLiteral("invoices"))))
            out << m.message.dataPayload();
        return out;
    };
    const QList<QByteArray> first = bodies(7);
    QCOMPARE(first.size(), 20 + 9);
    QCOMPARE(bodies(7), first);
    QVERIFY(bodies(8) != first);
}

void tst_DemoSeeder::fallsBackToTheEntitiesThatExist() {
    NamespaceConfig config;
    QueueDescription only;
    only.name = QStringLiteral("inbox");
    only.maxDeliveryCount = 2;
    config.queues = {only};
    Broker broker(config, nullptr);
    QVERIFY(seed(broker).has_value());
    // Orders and invoices share the one queue; no sessions or topic to fill.
    const QList<StoredMessage> inbox = peekAll(broker, address(QStringLiteral("inbox")));
    QCOMPARE(inbox.size(), 15 + 2 + 3 + 9);
    QCOMPARE(peekAll(broker, address(QStringLiteral("inbox"), SubQueue::DeadLetter)).size(), 3);
}

void tst_DemoSeeder::seedDemoNamespaceReportsCompletion() {
    Broker broker(demoLikeConfig(), nullptr);
    std::optional<VoidResult> outcome;
    seedDemoNamespace(broker, [&outcome](VoidResult r) { outcome = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
    QVERIFY(outcome->has_value());
    QCOMPARE(peekAll(broker, address(QStringLiteral("orders"))).size(), 20);
}

void tst_DemoSeeder::leavesASeededNamespaceAlone() {
    Broker broker(demoLikeConfig(), nullptr);
    QVERIFY(seed(broker).has_value());
    // Like a durable namespace restarted with --seed-demo: the second run adds nothing.
    std::optional<VoidResult> outcome;
    DemoSeeder again(broker, DemoSeedOptions{});
    again.start([&outcome](VoidResult r) { outcome = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
    QVERIFY(outcome->has_value());
    QVERIFY(again.skipped());
    QCOMPARE(peekAll(broker, address(QStringLiteral("orders"))).size(), 20);
    QCOMPARE(peekAll(broker, address(QStringLiteral("invoices"))).size(), 9);
    QCOMPARE(peekAll(broker, address(QStringLiteral("events/Subscriptions/all"))).size(), 12);

    // An empty namespace is seeded.
    NamespaceConfig config;
    QueueDescription inbox;
    inbox.name = QStringLiteral("inbox");
    config.queues = {inbox};
    Broker fresh(config, nullptr);
    DemoSeeder first(fresh, DemoSeedOptions{});
    std::optional<VoidResult> firstOutcome;
    first.start([&firstOutcome](VoidResult r) { firstOutcome = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(firstOutcome.has_value(), 20000);
    QVERIFY(!first.skipped());
}

QTEST_GUILESS_MAIN(tst_DemoSeeder)
#include "tst_DemoSeeder.moc"
