// AtomAdminClient against the real emulator admin endpoint (in-process, ephemeral ports), and
// against a canned HTTP server for what the emulator never does (the service's quirks,
// silence).
#include "core/admin/AtomAdminClient.h"
#include "core/auth/ConnectionString.h"
#include "core/auth/SasKeyTokenProvider.h"
#include "core/auth/SasToken.h"
#include "emulator/server/EmulatorServer.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/Await.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "EmulatorTestSupport.h"
#include "FakeHttpServer.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

// The client's replies need the event loop: the shared await pumps it, with this test's
// old patience.
constexpr int kAwaitMs = 20'000;

template <typename T>
QString describe(const Result<T>& result) {
    return result ? QStringLiteral("ok") : result.error().toString();
}

bool runOpenssl(const QString& directory, const QStringList& arguments) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60'000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << "failed:" << process.readAll();
        return false;
    }
    return true;
}

// A throwaway CA (ca.pem) and a localhost certificate it signed (server.pem, server.key).
bool makeTestCertificates(const QString& d) {
    const auto s = [](const char* text) {
        return QString::fromLatin1(text);
    };
    if (!runOpenssl(d, {s("req"), s("-x509"), s("-newkey"), s("rsa:2048"), s("-nodes"),
                        s("-keyout"), s("ca.key"), s("-out"), s("ca.pem"), s("-days"), s("1"),
                        s("-subj"), s("/CN=Busbar Admin Client Test CA"), s("-addext"),
                        s("basicConstraints=critical,CA:TRUE"), s("-addext"),
                        s("keyUsage=critical,keyCertSign,cRLSign")})) {
        return false;
    }
    if (!runOpenssl(d, {s("req"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"),
                        s("server.key"), s("-out"), s("server.csr"), s("-subj"),
                        s("/CN=localhost")})) {
        return false;
    }
    QFile extensions(d + QStringLiteral("/ext.cnf"));
    if (!extensions.open(QIODevice::WriteOnly)) {
        return false;
    }
    extensions.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    return runOpenssl(d, {s("x509"), s("-req"), s("-in"), s("server.csr"), s("-CA"), s("ca.pem"),
                          s("-CAkey"), s("ca.key"), s("-CAcreateserial"), s("-out"),
                          s("server.pem"), s("-days"), s("1"), s("-extfile"), s("ext.cnf")});
}

QueueDescription queueNamed(const QString& name) {
    QueueDescription queue;
    queue.name = name;
    return queue;
}

} // namespace

class tst_AtomAdminClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void queueLifecycle();
    void createTwiceIsAlreadyExists();
    void missingEntitiesAreNotFound();
    void wrongKeyIsAuthentication();
    void invalidDescriptionIsInvalidInputWithDetail();
    void invalidNamesFailBeforeAnyRequest();
    void listsFollowPagesPastOneHundred();
    void smallPagesAreFollowedToTheEnd();
    void topicsSubscriptionsAndRules();
    void runtimeCountsAfterSends();
    void namespaceInfo();
    void readySasTokenAndTokenProvider();
    void expiredReadyTokenIsAuthentication();

    void emptyFeedForAnEntityIsNotFound();
    void forbiddenIsQuotaOrAuthorization();
    void requestsCarryTheProtocolHeaders();
    void silentServerIsTimeout();
    void busyReadsAreRetriedWritesAreNot();
    void refusedConnectionIsConnection();
    void unreadableCaFileIsReported();
    void httpsIsVerifiedWithAnExtraCa();

private:
    [[nodiscard]] AdminClientOptions emulatorOptions() const;
    [[nodiscard]] AdminClientOptions fakeOptions(quint16 port) const;

    std::unique_ptr<InProcessEmulator> m_emulator;
    InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AtomAdminClient> m_client;
};

void tst_AtomAdminClient::init() {
    m_emulator = std::make_unique<InProcessEmulator>();
    EmulatorOptions options = InProcessEmulator::ephemeralOptions();
    options.config = testConfig(); // q1, sessions
    const auto endpoints = m_emulator->start(options);
    QVERIFY2(endpoints, qPrintable(describe(endpoints)));
    m_endpoints = *endpoints;
    QVERIFY(!m_endpoints.adminUrl.isEmpty());
    m_client = std::make_unique<AtomAdminClient>(emulatorOptions());
}

void tst_AtomAdminClient::cleanup() {
    m_client.reset();
    m_emulator.reset();
}

AdminClientOptions tst_AtomAdminClient::emulatorOptions() const {
    auto connection = ConnectionString::parse(m_endpoints.connectionString);
    if (!connection) {
        qFatal("the emulator's connection string does not parse");
    }
    connection->setAdminBaseUrl(m_endpoints.adminUrl);
    AdminClientOptions options = AdminClientOptions::fromConnectionString(*connection);
    options.timeout = 10s;
    return options;
}

AdminClientOptions tst_AtomAdminClient::fakeOptions(quint16 port) const {
    AdminClientOptions options;
    options.baseUrl = QUrl(QStringLiteral("http://localhost:%1/").arg(port));
    options.keyName = QStringLiteral("root");
    options.key = QStringLiteral("fake-key");
    options.timeout = 5s;
    options.retryDelay = 10ms;
    return options;
}

void tst_AtomAdminClient::queueLifecycle() {
    QueueDescription queue = queueNamed(QStringLiteral("orders/eu"));
    queue.lockDuration = 30s;
    queue.maxDeliveryCount = 7;
    queue.userMetadata = QStringLiteral("written by the test");
    const auto created = await(m_client->createQueue(queue), kAwaitMs);
    QVERIFY2(created, qPrintable(describe(created)));
    QCOMPARE(created->description.name, QStringLiteral("orders/eu"));
    QCOMPARE(created->description.lockDuration, 30s);

    auto fetched = await(m_client->getQueue(QStringLiteral("orders/eu")), kAwaitMs);
    QVERIFY2(fetched, qPrintable(describe(fetched)));
    QCOMPARE(fetched->title, QStringLiteral("orders/eu"));
    QCOMPARE(fetched->description.name, QStringLiteral("orders/eu"));
    QCOMPARE(fetched->description.maxDeliveryCount, 7);
    QCOMPARE(fetched->description.userMetadata, QStringLiteral("written by the test"));
    QCOMPARE(fetched->runtime.messageCount, 0);
    QCOMPARE(fetched->runtime.counts.activeMessageCount, 0);
    QVERIFY(fetched->runtime.createdAt.isValid());

    QueueDescription changed = fetched->description;
    changed.maxDeliveryCount = 9;
    const auto updated = await(m_client->updateQueue(changed, fetched->extras), kAwaitMs);
    QVERIFY2(updated, qPrintable(describe(updated)));
    QCOMPARE(updated->description.maxDeliveryCount, 9);
    fetched = await(m_client->getQueue(QStringLiteral("orders/eu")), kAwaitMs);
    QVERIFY(fetched);
    QCOMPARE(fetched->description.maxDeliveryCount, 9);
    QCOMPARE(fetched->description.lockDuration, 30s); // the full replacement kept it

    const VoidResult deleted = await(m_client->deleteQueue(QStringLiteral("orders/eu")), kAwaitMs);
    QVERIFY2(deleted, qPrintable(describe(deleted)));
    const auto gone = await(m_client->getQueue(QStringLiteral("orders/eu")), kAwaitMs);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::EntityNotFound);
}

void tst_AtomAdminClient::createTwiceIsAlreadyExists() {
    const auto again = await(m_client->createQueue(queueNamed(QStringLiteral("q1"))), kAwaitMs);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::EntityAlreadyExists);
    QCOMPARE(again.error().statusCode, 409);
    QVERIFY2(again.error().message.contains(QStringLiteral("'q1'")),
             qPrintable(again.error().message));
}

void tst_AtomAdminClient::missingEntitiesAreNotFound() {
    const auto queue = await(m_client->getQueue(QStringLiteral("nope")), kAwaitMs);
    QVERIFY(!queue);
    QCOMPARE(queue.error().code, ErrorCode::EntityNotFound);
    QCOMPARE(queue.error().statusCode, 404);
    QCOMPARE(queue.error().message, QStringLiteral("The queue 'nope' could not be found."));

    const auto update = await(m_client->updateQueue(queueNamed(QStringLiteral("nope"))), kAwaitMs);
    QVERIFY(!update);
    QCOMPARE(update.error().code, ErrorCode::EntityNotFound);

    const VoidResult deleted = await(m_client->deleteTopic(QStringLiteral("nope")), kAwaitMs);
    QVERIFY(!deleted);
    QCOMPARE(deleted.error().code, ErrorCode::EntityNotFound);

    const auto subscriptions = await(m_client->listSubscriptions(QStringLiteral("nope")), kAwaitMs);
    QVERIFY(!subscriptions);
    QCOMPARE(subscriptions.error().code, ErrorCode::EntityNotFound);

    const auto rule = await(
        m_client->getRule(QStringLiteral("nope"), QStringLiteral("s"), QStringLiteral("$Default")),
        kAwaitMs);
    QVERIFY(!rule);
    QCOMPARE(rule.error().code, ErrorCode::EntityNotFound);
}

void tst_AtomAdminClient::wrongKeyIsAuthentication() {
    AdminClientOptions options = emulatorOptions();
    options.key = QStringLiteral("not-the-key");
    AtomAdminClient client(options);
    const auto queues = await(client.listQueues(), kAwaitMs);
    QVERIFY(!queues);
    QCOMPARE(queues.error().code, ErrorCode::Authentication);
    QCOMPARE(queues.error().statusCode, 401);
    QVERIFY(!queues.error().message.contains(QStringLiteral("not-the-key")));
    QVERIFY(!queues.error().description.contains(QStringLiteral("not-the-key")));
}

void tst_AtomAdminClient::invalidDescriptionIsInvalidInputWithDetail() {
    QueueDescription queue = queueNamed(QStringLiteral("too-long-lock"));
    queue.lockDuration = 10min; // the service allows at most PT5M
    const auto created = await(m_client->createQueue(queue), kAwaitMs);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::InvalidInput);
    QCOMPARE(created.error().statusCode, 400);
    QVERIFY2(created.error().message.contains(QStringLiteral("LockDuration")),
             qPrintable(created.error().message));
    QVERIFY(!created.error().description.isEmpty());
}

void tst_AtomAdminClient::invalidNamesFailBeforeAnyRequest() {
    FakeHttpServer server;
    AtomAdminClient client(fakeOptions(server.listen()));
    const auto empty = await(client.getQueue(QString()), kAwaitMs);
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, ErrorCode::InvalidInput);
    const auto slash =
        await(client.getSubscription(QStringLiteral("t"), QStringLiteral("a/b")), kAwaitMs);
    QVERIFY(!slash);
    QCOMPARE(slash.error().code, ErrorCode::InvalidInput);
    QVERIFY(server.requests().isEmpty());
}

void tst_AtomAdminClient::listsFollowPagesPastOneHundred() {
    QList<QFuture<Result<AtomItem<QueueDescription>>>> creations;
    for (int i = 0; i < 103; ++i) {
        creations.append(m_client->createQueue(
            queueNamed(QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0')))));
    }
    for (auto& creation : creations) {
        const auto created = await(creation, kAwaitMs);
        QVERIFY2(created, qPrintable(describe(created)));
    }
    const auto queues = await(m_client->listQueues(), kAwaitMs);
    QVERIFY2(queues, qPrintable(describe(queues)));
    QCOMPARE(queues->size(), 105); // with q1 and sessions from the config
    QSet<QString> names;
    for (const auto& item : *queues) {
        QCOMPARE(item.description.name, item.title);
        names.insert(item.title);
    }
    QCOMPARE(names.size(), 105);
    QVERIFY(names.contains(QStringLiteral("bulk-000")));
    QVERIFY(names.contains(QStringLiteral("bulk-102")));
    QVERIFY(names.contains(QStringLiteral("sessions")));
}

void tst_AtomAdminClient::smallPagesAreFollowedToTheEnd() {
    for (int i = 0; i < 7; ++i) {
        TopicDescription topic;
        topic.name = QStringLiteral("topic-%1").arg(i);
        QVERIFY(await(m_client->createTopic(topic), kAwaitMs));
    }
    AdminClientOptions options = emulatorOptions();
    options.pageSize = 3; // pages of 3, 3 and 1
    AtomAdminClient client(options);
    const auto topics = await(client.listTopics(), kAwaitMs);
    QVERIFY2(topics, qPrintable(describe(topics)));
    QCOMPARE(topics->size(), 7);

    options.pageSize = 7; // a full last page needs one more, empty, page
    AtomAdminClient exact(options);
    const auto again = await(exact.listTopics(), kAwaitMs);
    QVERIFY(again);
    QCOMPARE(again->size(), 7);
}

void tst_AtomAdminClient::topicsSubscriptionsAndRules() {
    TopicDescription topic;
    topic.name = QStringLiteral("events");
    QVERIFY(await(m_client->createTopic(topic), kAwaitMs));

    SubscriptionDescription subscription;
    subscription.topicName = QStringLiteral("events");
    subscription.name = QStringLiteral("audit");
    subscription.maxDeliveryCount = 3;
    RuleDescription onlyRed;
    onlyRed.name = QStringLiteral("red");
    onlyRed.filterKind = FilterKind::Sql;
    onlyRed.sqlExpression = QStringLiteral("color = 'red'");
    const auto created = await(m_client->createSubscription(subscription, onlyRed), kAwaitMs);
    QVERIFY2(created, qPrintable(describe(created)));
    QCOMPARE(created->description.topicName, QStringLiteral("events"));
    QCOMPARE(created->description.name, QStringLiteral("audit"));

    const auto fetched = await(
        m_client->getSubscription(QStringLiteral("events"), QStringLiteral("audit")), kAwaitMs);
    QVERIFY2(fetched, qPrintable(describe(fetched)));
    QCOMPARE(fetched->description.maxDeliveryCount, 3);
    QCOMPARE(fetched->description.topicName, QStringLiteral("events"));

    SubscriptionDescription changed = fetched->description;
    changed.maxDeliveryCount = 5;
    const auto updated = await(m_client->updateSubscription(changed, fetched->extras), kAwaitMs);
    QVERIFY2(updated, qPrintable(describe(updated)));
    QCOMPARE(updated->description.maxDeliveryCount, 5);

    const auto subscriptions =
        await(m_client->listSubscriptions(QStringLiteral("events")), kAwaitMs);
    QVERIFY(subscriptions);
    QCOMPARE(subscriptions->size(), 1);
    QCOMPARE(subscriptions->first().description.name, QStringLiteral("audit"));

    RuleDescription blue;
    blue.name = QStringLiteral("blue");
    blue.filterKind = FilterKind::Correlation;
    blue.correlation.label = QStringLiteral("blue");
    const auto rule = await(
        m_client->createRule(QStringLiteral("events"), QStringLiteral("audit"), blue), kAwaitMs);
    QVERIFY2(rule, qPrintable(describe(rule)));
    QCOMPARE(rule->description.name, QStringLiteral("blue"));

    auto rules =
        await(m_client->listRules(QStringLiteral("events"), QStringLiteral("audit")), kAwaitMs);
    QVERIFY2(rules, qPrintable(describe(rules)));
    QStringList names;
    for (const auto& item : *rules) {
        names.append(item.description.name);
    }
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("blue"), QStringLiteral("red")}));

    blue.actionExpression = QStringLiteral("SET seen = 1");
    const auto changedRule = await(
        m_client->updateRule(QStringLiteral("events"), QStringLiteral("audit"), blue), kAwaitMs);
    QVERIFY2(changedRule, qPrintable(describe(changedRule)));
    const auto blueAgain = await(m_client->getRule(QStringLiteral("events"),
                                                   QStringLiteral("audit"), QStringLiteral("blue")),
                                 kAwaitMs);
    QVERIFY(blueAgain);
    QCOMPARE(blueAgain->description.filterKind, FilterKind::Correlation);
    QCOMPARE(blueAgain->description.correlation.label, QStringLiteral("blue"));
    QCOMPARE(blueAgain->description.actionExpression, QStringLiteral("SET seen = 1"));

    QVERIFY(await(m_client->deleteRule(QStringLiteral("events"), QStringLiteral("audit"),
                                       QStringLiteral("red")),
                  kAwaitMs));
    rules = await(m_client->listRules(QStringLiteral("events"), QStringLiteral("audit")), kAwaitMs);
    QVERIFY(rules);
    QCOMPARE(rules->size(), 1);

    QVERIFY(await(m_client->deleteSubscription(QStringLiteral("events"), QStringLiteral("audit")),
                  kAwaitMs));
    const auto none = await(m_client->listSubscriptions(QStringLiteral("events")), kAwaitMs);
    QVERIFY(none);
    QVERIFY(none->isEmpty());

    const auto fetchedTopic = await(m_client->getTopic(QStringLiteral("events")), kAwaitMs);
    QVERIFY(fetchedTopic);
    QCOMPARE(fetchedTopic->description.name, QStringLiteral("events"));
    QVERIFY(await(m_client->deleteTopic(QStringLiteral("events")), kAwaitMs));
    const auto topics = await(m_client->listTopics(), kAwaitMs);
    QVERIFY(topics);
    QVERIFY(topics->isEmpty());
}

void tst_AtomAdminClient::runtimeCountsAfterSends() {
    auto amqp = tcpClient(m_endpoints.amqpPort);
    QTRY_VERIFY(amqp->isOpen());
    amqp->putToken(QStringLiteral("sb://localhost/q1"), token(QStringLiteral("sb://localhost/q1")));
    QTRY_COMPARE(amqp->cbsStatusCodes(), QList<int>{202});
    amqp->openSender(QStringLiteral("s"), QStringLiteral("q1"));
    for (int i = 0; i < 3; ++i) {
        amqp->send(QStringLiteral("s"), QByteArrayLiteral("counted"));
    }
    QTRY_COMPARE(amqp->link(QStringLiteral("s")).outcomes.size(), 3);
    QCOMPARE(amqp->link(QStringLiteral("s")).outcomes,
             (QStringList{QStringLiteral("accepted"), QStringLiteral("accepted"),
                          QStringLiteral("accepted")}));

    const auto queue = await(m_client->getQueue(QStringLiteral("q1")), kAwaitMs);
    QVERIFY2(queue, qPrintable(describe(queue)));
    QCOMPARE(queue->runtime.counts.activeMessageCount, 3);
    QCOMPARE(queue->runtime.messageCount, 3);
    QCOMPARE(queue->runtime.counts.deadLetterMessageCount, 0);
    QVERIFY(queue->runtime.sizeInBytes > 0);

    const auto queues = await(m_client->listQueues(), kAwaitMs);
    QVERIFY(queues);
    bool found = false;
    for (const auto& item : *queues) {
        if (item.title == u"q1") {
            found = true;
            QCOMPARE(item.runtime.counts.activeMessageCount, 3);
        }
    }
    QVERIFY(found);
}

void tst_AtomAdminClient::namespaceInfo() {
    const auto info = await(m_client->namespaceInfo(), kAwaitMs);
    QVERIFY2(info, qPrintable(describe(info)));
    QVERIFY(!info->name.isEmpty());
    QVERIFY(!info->messagingSku.isEmpty());
}

void tst_AtomAdminClient::readySasTokenAndTokenProvider() {
    const QString root = m_endpoints.adminUrl.toString();
    AdminClientOptions ready;
    ready.baseUrl = m_endpoints.adminUrl;
    ready.sharedAccessSignature = token(root);
    AtomAdminClient readyClient(ready);
    const auto queues = await(readyClient.listQueues(), kAwaitMs);
    QVERIFY2(queues, qPrintable(describe(queues)));
    QCOMPARE(queues->size(), 2);

    AdminClientOptions provided;
    provided.baseUrl = m_endpoints.adminUrl;
    provided.tokenProvider = std::make_shared<SasKeyTokenProvider>(QString::fromLatin1(kKeyName),
                                                                   QString::fromLatin1(kKey));
    AtomAdminClient providedClient(provided);
    const auto created =
        await(providedClient.createQueue(queueNamed(QStringLiteral("via-provider"))), kAwaitMs);
    QVERIFY2(created, qPrintable(describe(created)));
    QVERIFY(await(providedClient.getQueue(QStringLiteral("via-provider")), kAwaitMs));
}

void tst_AtomAdminClient::expiredReadyTokenIsAuthentication() {
    AdminClientOptions options;
    options.baseUrl = m_endpoints.adminUrl;
    options.sharedAccessSignature =
        SasToken::sign(m_endpoints.adminUrl.toString(), QString::fromLatin1(kKeyName),
                       QString::fromLatin1(kKey), QDateTime::currentSecsSinceEpoch() - 60);
    AtomAdminClient client(options);
    const auto queues = await(client.listQueues(), kAwaitMs);
    QVERIFY(!queues);
    QCOMPARE(queues.error().code, ErrorCode::Authentication);
}

void tst_AtomAdminClient::emptyFeedForAnEntityIsNotFound() {
    FakeHttpServer server;
    server.setResponder([](const FakeHttpServer::Request&) {
        return FakeHttpServer::Response{
            200, QByteArrayLiteral("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title "
                                   "type=\"text\">Publicly Listed Services</title></feed>")};
    });
    AtomAdminClient client(fakeOptions(server.listen()));
    const auto queue = await(client.getQueue(QStringLiteral("ghost")), kAwaitMs);
    QVERIFY(!queue);
    QCOMPARE(queue.error().code, ErrorCode::EntityNotFound);
    const auto topic = await(client.getTopic(QStringLiteral("ghost")), kAwaitMs);
    QVERIFY(!topic);
    QCOMPARE(topic.error().code, ErrorCode::EntityNotFound);
}

void tst_AtomAdminClient::forbiddenIsQuotaOrAuthorization() {
    FakeHttpServer server;
    server.setResponder([](const FakeHttpServer::Request& request) {
        const QByteArray detail = request.target.startsWith("/quota")
                                      ? "The maximum number of entities has been reached "
                                        "(quota exceeded). TrackingId:abc, SystemTracker:x"
                                      : "Forbidden operation. SubCode=40301. TrackingId:def";
        return FakeHttpServer::Response{403, "<Error><Code>403</Code><Detail>" + detail +
                                                 "</Detail></Error>"};
    });
    AtomAdminClient client(fakeOptions(server.listen()));
    const auto quota = await(client.createQueue(queueNamed(QStringLiteral("quota"))), kAwaitMs);
    QVERIFY(!quota);
    QCOMPARE(quota.error().code, ErrorCode::QuotaExceeded);
    QVERIFY2(quota.error().message.contains(QStringLiteral("maximum number of entities")),
             qPrintable(quota.error().message));
    QVERIFY(!quota.error().message.contains(QStringLiteral("TrackingId")));
    QVERIFY(quota.error().description.contains(QStringLiteral("TrackingId:abc")));

    const auto denied = await(client.createQueue(queueNamed(QStringLiteral("denied"))), kAwaitMs);
    QVERIFY(!denied);
    QCOMPARE(denied.error().code, ErrorCode::Authorization);
    QCOMPARE(denied.error().statusCode, 403);
}

void tst_AtomAdminClient::requestsCarryTheProtocolHeaders() {
    FakeHttpServer server;
    server.setResponder([](const FakeHttpServer::Request& request) {
        if (request.verb == "GET") {
            return FakeHttpServer::Response{
                200, QByteArrayLiteral("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>")};
        }
        return FakeHttpServer::Response{request.headers.contains("if-match") ? 200 : 201, {}};
    });
    const quint16 port = server.listen();
    AtomAdminClient client(fakeOptions(port));

    QueueDescription queue = queueNamed(QStringLiteral("fwd"));
    queue.forwardTo = QStringLiteral("target");
    const auto created = await(client.createQueue(queue), kAwaitMs);
    QVERIFY2(created, qPrintable(describe(created))); // no body: what was sent comes back
    QCOMPARE(created->description.forwardTo, QStringLiteral("target"));
    const auto updated = await(client.updateQueue(queueNamed(QStringLiteral("fwd"))), kAwaitMs);
    QVERIFY2(updated, qPrintable(describe(updated)));
    const auto list = await(client.listQueues(), kAwaitMs);
    QVERIFY2(list, qPrintable(describe(list)));
    QVERIFY(list->isEmpty());

    QCOMPARE(server.requests().size(), 3);
    const auto& create = server.requests()[0];
    QCOMPARE(create.verb, QByteArray("PUT"));
    QCOMPARE(create.target, QByteArray("/fwd?api-version=2021-05"));
    QVERIFY(!create.headers.contains("if-match"));
    QVERIFY(create.headers.value("content-type").startsWith("application/atom+xml"));
    QVERIFY(create.body.contains("<QueueDescription"));
    const auto signedFor =
        SasToken::parse(QString::fromUtf8(create.headers.value("authorization")));
    QVERIFY(signedFor);
    QCOMPARE(signedFor->resource(), QStringLiteral("http://localhost:%1/fwd").arg(port));
    QCOMPARE(signedFor->keyName(), QStringLiteral("root"));
    QVERIFY(signedFor->expiry() <= QDateTime::currentSecsSinceEpoch() + 300);
    const auto forward = SasToken::parse(
        QString::fromUtf8(create.headers.value("servicebussupplementaryauthorization")));
    QVERIFY(forward);
    QCOMPARE(forward->resource(), QStringLiteral("http://localhost:%1/target").arg(port));

    QCOMPARE(server.requests()[1].headers.value("if-match"), QByteArray("*"));
    const QByteArray listTarget = server.requests()[2].target;
    QVERIFY2(listTarget.startsWith("/$Resources/Queues?"), listTarget.constData());
    QVERIFY(listTarget.contains("$skip=0"));
    QVERIFY(listTarget.contains("$top=100"));
}

void tst_AtomAdminClient::silentServerIsTimeout() {
    FakeHttpServer server;
    server.setResponder([](const FakeHttpServer::Request&) {
        return FakeHttpServer::Response{200, {}, true};
    });
    AdminClientOptions options = fakeOptions(server.listen());
    options.timeout = 200ms;
    AtomAdminClient client(options);
    const auto queues = await(client.listQueues(), kAwaitMs);
    QVERIFY(!queues);
    QCOMPARE(queues.error().code, ErrorCode::Timeout);
    QVERIFY(queues.error().isRetryable());
    QCOMPARE(server.requests().size(), 3); // the first try and two retries
}

void tst_AtomAdminClient::busyReadsAreRetriedWritesAreNot() {
    FakeHttpServer server;
    int answered = 0;
    server.setResponder([&answered](const FakeHttpServer::Request&) {
        ++answered;
        if (answered == 1 || answered == 3) { // the first read and the only write
            return FakeHttpServer::Response{
                503, QByteArrayLiteral("<Error><Code>503</Code><Detail>Busy</Detail></Error>")};
        }
        return FakeHttpServer::Response{
            200, QByteArrayLiteral("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>")};
    });
    AtomAdminClient client(fakeOptions(server.listen()));
    const auto topics = await(client.listTopics(), kAwaitMs);
    QVERIFY2(topics, qPrintable(describe(topics)));
    QCOMPARE(server.requests().size(), 2); // 503, then the retry

    TopicDescription topic;
    topic.name = QStringLiteral("t");
    const auto created = await(client.createTopic(topic), kAwaitMs);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::ServerBusy);
    QCOMPARE(server.requests().size(), 3); // not repeated: it may have been applied
}

void tst_AtomAdminClient::refusedConnectionIsConnection() {
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed again: nothing listens there now
    AtomAdminClient client(fakeOptions(port));
    const auto info = await(client.namespaceInfo(), kAwaitMs);
    QVERIFY(!info);
    QCOMPARE(info.error().code, ErrorCode::Connection);
}

void tst_AtomAdminClient::unreadableCaFileIsReported() {
    AdminClientOptions options = emulatorOptions();
    options.extraCaCertificatePath = QStringLiteral("/nonexistent/ca.pem");
    AtomAdminClient client(options);
    const auto queues = await(client.listQueues(), kAwaitMs);
    QVERIFY(!queues);
    QCOMPARE(queues.error().code, ErrorCode::InvalidInput);
    QVERIFY(queues.error().message.contains(QStringLiteral("/nonexistent/ca.pem")));
}

void tst_AtomAdminClient::httpsIsVerifiedWithAnExtraCa() {
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        QSKIP("the openssl command is not installed");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(makeTestCertificates(dir.path()));

    EmulatorServer server; // on this thread: the client is asynchronous
    EmulatorOptions options;
    options.config = testConfig();
    options.inMemory = true;
    options.amqpPort = 0;
    options.httpPort = -1;
    options.httpsPort = 0;
    options.tlsCertificatePath = dir.filePath(QStringLiteral("server.pem"));
    options.tlsKeyPath = dir.filePath(QStringLiteral("server.key"));
    const VoidResult started = server.start(options);
    QVERIFY2(started, qPrintable(describe(started)));
    QVERIFY(server.httpsPort() != 0);

    AdminClientOptions admin;
    admin.baseUrl = QUrl(QStringLiteral("https://localhost:%1/").arg(server.httpsPort()));
    admin.keyName = QString::fromLatin1(kKeyName);
    admin.key = QString::fromLatin1(kKey);
    admin.timeout = 10s;

    {
        AtomAdminClient untrusting(admin); // verification stays on: an unknown CA fails
        const auto queues = await(untrusting.listQueues(), kAwaitMs);
        QVERIFY(!queues);
        QCOMPARE(queues.error().code, ErrorCode::Connection);
        QVERIFY2(queues.error().message.contains(QStringLiteral("TLS certificate")),
                 qPrintable(queues.error().message));
    }

    admin.extraCaCertificatePath = dir.filePath(QStringLiteral("ca.pem"));
    AtomAdminClient trusting(admin);
    const auto queues = await(trusting.listQueues(), kAwaitMs);
    QVERIFY2(queues, qPrintable(describe(queues)));
    QCOMPARE(queues->size(), 2);
}

QTEST_GUILESS_MAIN(tst_AtomAdminClient)
#include "tst_AtomAdminClient.moc"
