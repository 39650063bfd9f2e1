#include "core/admin/AtomSerializer.h"
#include "core/auth/SasToken.h"
#include "emulator/admin/AdminHttpServer.h"
#include "emulator/broker/Broker.h"
#include "emulator/config/NamespaceConfig.h"

#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace busbar;
using namespace busbar::emulator;
using namespace std::chrono_literals;

namespace {

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

const QString kRootKey = QStringLiteral("root-secret-key");

} // namespace

// The admin API over real HTTP against a real Broker: what the JS and .NET admin clients do.
class tst_AdminHttpServer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void queueLifecycle();
    void createTwiceIsConflict();
    void updateOfMissingIsNotFound();
    void listsWithPaging();
    void topicSubscriptionAndRules();
    void defaultRuleDescriptionReplacesDefault();
    void invalidSqlIsBadRequest();
    void forwardToIsEchoedAbsolute();
    void missingTokenIsUnauthorized();
    void badTokensAreUnauthorized();
    void manageRightIsRequired();
    void tokenForTheRequestUrlIsAccepted();
    void badBodiesAreBadRequest();
    void namespaceInfoAndHealth();
    void entityNamesAreCaseInsensitive();
    void servesHttps();
    void supplementaryAuthorizationIsChecked();
    void rulesUpdateAndTopicDeleteCascades();
    void hostNamePicksTheNamespace();
    void nestedNamesAndUnknownRoutes();

private:
    Reply send(const QByteArray& verb, const QString& path, const QByteArray& body = {},
               QList<QPair<QByteArray, QByteArray>> headers = {}, bool withAuth = true);
    QString token(const QString& keyName, const QString& key, qint64 expiry) const {
        return SasToken::sign(QStringLiteral("http://localhost:%1/").arg(m_port), keyName, key,
                              expiry);
    }

    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<AdminHttpServer> m_server;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

void tst_AdminHttpServer::init() {
    NamespaceConfig config;
    config.name = QStringLiteral("testns");
    config.sasRules = {
        SasRule{QStringLiteral("root"), kRootKey, true, true, true},
        SasRule{QStringLiteral("sender"), QStringLiteral("sender-key"), false, true, false}};
    m_broker = std::make_unique<Broker>(config, nullptr);
    m_server = std::make_unique<AdminHttpServer>(m_broker.get(), config.name, config.sasRules);
    const auto port = m_server->listenHttp(0);
    QVERIFY2(port.has_value(), qPrintable(port ? QString() : port.error().message));
    m_port = *port;
}

void tst_AdminHttpServer::cleanup() {
    m_server.reset();
    m_broker.reset();
}

Reply tst_AdminHttpServer::send(const QByteArray& verb, const QString& path, const QByteArray& body,
                                QList<QPair<QByteArray, QByteArray>> headers, bool withAuth) {
    QNetworkRequest request(QUrl(QStringLiteral("http://localhost:%1/%2").arg(m_port).arg(path)));
    if (withAuth) {
        request.setRawHeader("Authorization", token(QStringLiteral("root"), kRootKey,
                                                    QDateTime::currentSecsSinceEpoch() + 3600)
                                                  .toUtf8());
    }
    if (!body.isEmpty()) {
        request.setRawHeader("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
    }
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10'000)) {
        reply->deleteLater();
        return {};
    }
    Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                 reply->readAll(), reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
    reply->deleteLater();
    return result;
}

void tst_AdminHttpServer::queueLifecycle() {
    QueueDescription queue;
    queue.lockDuration = 30s;
    queue.maxDeliveryCount = 4;
    Reply created = send("PUT", QStringLiteral("orders?api-version=2021-05"),
                         AtomSerializer::queueRequest(queue));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.contentType, QByteArray("application/atom+xml;type=entry;charset=utf-8"));
    auto parsed = AtomSerializer::parseQueue(created.body);
    QVERIFY2(parsed.has_value(), created.body.constData());
    QCOMPARE(parsed->title, QStringLiteral("orders"));
    QCOMPARE(parsed->description.lockDuration, 30s);
    QVERIFY2(created.body.contains("<id>http://localhost:"), created.body.constData());

    const Reply fetched = send("GET", QStringLiteral("orders?api-version=2021-05&enrich=false"));
    QCOMPARE(fetched.status, 200);
    parsed = AtomSerializer::parseQueue(fetched.body);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->description.maxDeliveryCount, 4);
    QVERIFY(parsed->runtime.createdAt.isValid());

    queue.maxDeliveryCount = 9;
    const Reply updated = send("PUT", QStringLiteral("orders?api-version=2021-05"),
                               AtomSerializer::queueRequest(queue), {{"If-Match", "*"}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(AtomSerializer::parseQueue(send("GET", QStringLiteral("orders")).body)
                 ->description.maxDeliveryCount,
             9);

    QCOMPARE(send("DELETE", QStringLiteral("orders?api-version=2021-05")).status, 200);
    const Reply gone = send("GET", QStringLiteral("orders?api-version=2021-05"));
    QCOMPARE(gone.status, 404);
    QVERIFY2(gone.body.startsWith("<Error><Code>404</Code><Detail>"), gone.body.constData());
    QCOMPARE(send("DELETE", QStringLiteral("orders")).status, 404);
}

void tst_AdminHttpServer::createTwiceIsConflict() {
    QCOMPARE(send("PUT", QStringLiteral("q1"), AtomSerializer::queueRequest({})).status, 201);
    const Reply again = send("PUT", QStringLiteral("q1"), AtomSerializer::queueRequest({}));
    QCOMPARE(again.status, 409);
    QVERIFY2(again.body.contains("<Code>409</Code>"), again.body.constData());
    // Queues and topics share one name space.
    QCOMPARE(send("PUT", QStringLiteral("q1"), AtomSerializer::topicRequest({})).status, 409);
}

void tst_AdminHttpServer::updateOfMissingIsNotFound() {
    QCOMPARE(
        send("PUT", QStringLiteral("nope"), AtomSerializer::queueRequest({}), {{"If-Match", "*"}})
            .status,
        404);
}

void tst_AdminHttpServer::listsWithPaging() {
    for (const auto& name : {QStringLiteral("q-c"), QStringLiteral("Q-a"), QStringLiteral("q-e"),
                             QStringLiteral("q-b"), QStringLiteral("q-d")}) {
        QCOMPARE(send("PUT", name, AtomSerializer::queueRequest({})).status, 201);
    }
    QCOMPARE(send("PUT", QStringLiteral("t1"), AtomSerializer::topicRequest({})).status, 201);

    const Reply first =
        send("GET", QStringLiteral("$Resources/queues?$skip=0&$top=2&api-version=2021-05"));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.contentType, QByteArray("application/atom+xml;type=feed;charset=utf-8"));
    auto page = AtomSerializer::parseQueueFeed(first.body);
    QVERIFY(page.has_value());
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items[0].title, QStringLiteral("Q-a")); // ordered by name, case-insensitive
    QCOMPARE(page->items[1].title, QStringLiteral("q-b"));
    QVERIFY(page->nextHref.contains(QStringLiteral("%24skip=2")));

    const Reply second = send("GET", QStringLiteral("$Resources/Queues?%24skip=4&%24top=2"));
    page = AtomSerializer::parseQueueFeed(second.body);
    QVERIFY(page.has_value());
    QCOMPARE(page->items.size(), 1);
    QCOMPARE(page->items[0].title, QStringLiteral("q-e"));
    QVERIFY(page->nextHref.isEmpty());

    const auto all =
        AtomSerializer::parseQueueFeed(send("GET", QStringLiteral("$Resources/queues")).body);
    QVERIFY(all.has_value());
    QCOMPARE(all->items.size(), 5);

    const auto topics =
        AtomSerializer::parseTopicFeed(send("GET", QStringLiteral("$Resources/topics")).body);
    QVERIFY(topics.has_value());
    QCOMPARE(topics->items.size(), 1);
    QCOMPARE(topics->items[0].title, QStringLiteral("t1"));

    QCOMPARE(send("GET", QStringLiteral("$Resources/queues?$top=abc")).status, 400);
}

void tst_AdminHttpServer::topicSubscriptionAndRules() {
    QCOMPARE(send("PUT", QStringLiteral("events"), AtomSerializer::topicRequest({})).status, 201);
    SubscriptionDescription sub;
    sub.lockDuration = 45s;
    const Reply created = send("PUT", QStringLiteral("events/Subscriptions/audit"),
                               AtomSerializer::subscriptionRequest(sub));
    QCOMPARE(created.status, 201);
    const auto parsedSub = AtomSerializer::parseSubscription(created.body);
    QVERIFY(parsedSub.has_value());
    QCOMPARE(parsedSub->title, QStringLiteral("audit"));
    QCOMPARE(parsedSub->description.lockDuration, 45s);

    auto rules = AtomSerializer::parseRuleFeed(
        send("GET", QStringLiteral("events/Subscriptions/audit/Rules")).body);
    QVERIFY(rules.has_value());
    QCOMPARE(rules->items.size(), 1);
    QCOMPARE(rules->items[0].title, QStringLiteral("$Default"));
    QCOMPARE(rules->items[0].description.filterKind, FilterKind::True);

    RuleDescription rule;
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("color = 'red'");
    rule.actionExpression = QStringLiteral("SET routed = TRUE");
    const Reply ruleCreated = send("PUT", QStringLiteral("events/Subscriptions/audit/Rules/red"),
                                   AtomSerializer::ruleRequest(rule));
    QCOMPARE(ruleCreated.status, 201);
    const auto parsedRule = AtomSerializer::parseRule(
        send("GET", QStringLiteral("events/Subscriptions/audit/Rules/red")).body);
    QVERIFY(parsedRule.has_value());
    QCOMPARE(parsedRule->title, QStringLiteral("red"));
    QCOMPARE(parsedRule->description.sqlExpression, rule.sqlExpression);
    QCOMPARE(parsedRule->description.actionExpression, rule.actionExpression);

    QCOMPARE(send("DELETE", QStringLiteral("events/Subscriptions/audit/Rules/%24Default")).status,
             200);
    rules = AtomSerializer::parseRuleFeed(
        send("GET", QStringLiteral("events/Subscriptions/audit/Rules")).body);
    QVERIFY(rules.has_value());
    QCOMPARE(rules->items.size(), 1);

    const auto subs = AtomSerializer::parseSubscriptionFeed(
        send("GET", QStringLiteral("events/Subscriptions")).body);
    QVERIFY(subs.has_value());
    QCOMPARE(subs->items.size(), 1);
    QCOMPARE(send("GET", QStringLiteral("nosuchtopic/Subscriptions")).status, 404);

    QCOMPARE(send("DELETE", QStringLiteral("events/Subscriptions/audit")).status, 200);
    QCOMPARE(send("GET", QStringLiteral("events/Subscriptions/audit")).status, 404);
}

void tst_AdminHttpServer::defaultRuleDescriptionReplacesDefault() {
    QCOMPARE(send("PUT", QStringLiteral("events"), AtomSerializer::topicRequest({})).status, 201);
    RuleDescription rule;
    rule.name = QStringLiteral("only-shipped");
    rule.filterKind = FilterKind::Correlation;
    rule.correlation.label = QStringLiteral("order.shipped");
    QCOMPARE(send("PUT", QStringLiteral("events/Subscriptions/s"),
                  AtomSerializer::subscriptionRequest({}, rule))
                 .status,
             201);
    const auto rules = AtomSerializer::parseRuleFeed(
        send("GET", QStringLiteral("events/Subscriptions/s/Rules")).body);
    QVERIFY(rules.has_value());
    QCOMPARE(rules->items.size(), 1);
    QCOMPARE(rules->items[0].title, QStringLiteral("only-shipped"));
    QCOMPARE(rules->items[0].description.correlation.label, QStringLiteral("order.shipped"));
}

void tst_AdminHttpServer::invalidSqlIsBadRequest() {
    QCOMPARE(send("PUT", QStringLiteral("events"), AtomSerializer::topicRequest({})).status, 201);
    QCOMPARE(send("PUT", QStringLiteral("events/Subscriptions/s"),
                  AtomSerializer::subscriptionRequest({}))
                 .status,
             201);
    RuleDescription rule;
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("color = = 'red'");
    const Reply bad = send("PUT", QStringLiteral("events/Subscriptions/s/Rules/broken"),
                           AtomSerializer::ruleRequest(rule));
    QCOMPARE(bad.status, 400);
    QVERIFY2(bad.body.contains("<Code>400</Code>"), bad.body.constData());
    QCOMPARE(send("GET", QStringLiteral("events/Subscriptions/s/Rules/broken")).status, 404);
}

void tst_AdminHttpServer::forwardToIsEchoedAbsolute() {
    QCOMPARE(send("PUT", QStringLiteral("target"), AtomSerializer::queueRequest({})).status, 201);
    QueueDescription source;
    source.forwardTo = QStringLiteral("sb://localhost/target");
    const Reply created =
        send("PUT", QStringLiteral("source"), AtomSerializer::queueRequest(source));
    QCOMPARE(created.status, 201);
    QCOMPARE(m_broker->queue(QStringLiteral("source"))->forwardTo, QStringLiteral("target"));
    const auto parsed = AtomSerializer::parseQueue(created.body);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->description.forwardTo,
             QStringLiteral("http://localhost:%1/target").arg(m_port));

    QueueDescription dangling;
    dangling.forwardTo = QStringLiteral("missing");
    QCOMPARE(send("PUT", QStringLiteral("dangling"), AtomSerializer::queueRequest(dangling)).status,
             400);
}

void tst_AdminHttpServer::missingTokenIsUnauthorized() {
    const Reply reply = send("GET", QStringLiteral("$Resources/queues"), {}, {}, false);
    QCOMPARE(reply.status, 401);
    QVERIFY2(reply.body.startsWith("<Error><Code>401</Code>"), reply.body.constData());
    QCOMPARE(reply.contentType, QByteArray("application/xml;charset=utf-8"));
}

void tst_AdminHttpServer::badTokensAreUnauthorized() {
    const qint64 later = QDateTime::currentSecsSinceEpoch() + 3600;
    const QByteArray wrongKey =
        token(QStringLiteral("root"), QStringLiteral("not-the-key"), later).toUtf8();
    Reply reply =
        send("GET", QStringLiteral("$Resources/queues"), {}, {{"Authorization", wrongKey}}, false);
    QCOMPARE(reply.status, 401);
    QVERIFY2(!reply.body.contains("root-secret-key"), reply.body.constData());

    const QByteArray expired =
        token(QStringLiteral("root"), kRootKey, QDateTime::currentSecsSinceEpoch() - 10).toUtf8();
    QCOMPARE(
        send("GET", QStringLiteral("$Resources/queues"), {}, {{"Authorization", expired}}, false)
            .status,
        401);
    QCOMPARE(
        send("GET", QStringLiteral("$Resources/queues"), {}, {{"Authorization", "garbage"}}, false)
            .status,
        401);

    // A token scoped to another entity does not cover this one.
    const QByteArray scoped =
        SasToken::sign(QStringLiteral("http://localhost:%1/other").arg(m_port),
                       QStringLiteral("root"), kRootKey, later)
            .toUtf8();
    QCOMPARE(send("GET", QStringLiteral("orders"), {}, {{"Authorization", scoped}}, false).status,
             401);
}

void tst_AdminHttpServer::manageRightIsRequired() {
    const QByteArray senderToken = token(QStringLiteral("sender"), QStringLiteral("sender-key"),
                                         QDateTime::currentSecsSinceEpoch() + 3600)
                                       .toUtf8();
    const Reply reply = send("PUT", QStringLiteral("q"), AtomSerializer::queueRequest({}),
                             {{"Authorization", senderToken}}, false);
    QCOMPARE(reply.status, 401);
    QVERIFY2(reply.body.contains("Manage"), reply.body.constData());
    QVERIFY(!m_broker->queue(QStringLiteral("q")).has_value());
}

void tst_AdminHttpServer::tokenForTheRequestUrlIsAccepted() {
    // The JS SDK signs the full request URL, query included, for each call.
    const QByteArray perRequest =
        SasToken::sign(
            QStringLiteral("https://localhost:%1/orders?api-version=2021-05").arg(m_port),
            QStringLiteral("root"), kRootKey, QDateTime::currentSecsSinceEpoch() + 3600)
            .toUtf8();
    QCOMPARE(send("PUT", QStringLiteral("orders?api-version=2021-05"),
                  AtomSerializer::queueRequest({}), {{"Authorization", perRequest}}, false)
                 .status,
             201);
    QCOMPARE(send("GET", QStringLiteral("orders/Subscriptions"), {},
                  {{"Authorization", perRequest}}, false)
                 .status,
             404); // covered (below orders), and orders is not a topic
    QCOMPARE(
        send("GET", QStringLiteral("orders2"), {}, {{"Authorization", perRequest}}, false).status,
        401);
}

void tst_AdminHttpServer::badBodiesAreBadRequest() {
    Reply reply =
        send("PUT", QStringLiteral("q"), QByteArray("<entry><content><QueueDescription>"));
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.body.contains("not well-formed"), reply.body.constData());

    const QByteArray tooLong =
        "<entry xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"application/xml\">"
        "<QueueDescription "
        "xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\">"
        "<LockDuration>PT10M</LockDuration></QueueDescription></content></entry>";
    reply = send("PUT", QStringLiteral("q"), tooLong);
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.body.contains(
                 "LockDuration 'PT10M' is out of range: it must be between PT5S and PT5M"),
             reply.body.constData());
    QCOMPARE(send("PUT", QStringLiteral("q"), {}).status, 400);
    QCOMPARE(send("PUT", QStringLiteral("bad*name"), AtomSerializer::queueRequest({})).status, 400);
}

void tst_AdminHttpServer::namespaceInfoAndHealth() {
    const Reply info = send("GET", QStringLiteral("$namespaceinfo?api-version=2017-04"));
    QCOMPARE(info.status, 200);
    const auto parsed = AtomSerializer::parseNamespaceInfo(info.body);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->name, QStringLiteral("testns"));
    QCOMPARE(parsed->namespaceType, QStringLiteral("Messaging"));
    QCOMPARE(send("PUT", QStringLiteral("$namespaceinfo"), AtomSerializer::queueRequest({})).status,
             405);
    QCOMPARE(send("GET", QStringLiteral("health"), {}, {}, false).status, 200);
}

void tst_AdminHttpServer::entityNamesAreCaseInsensitive() {
    QCOMPARE(send("PUT", QStringLiteral("Orders"), AtomSerializer::queueRequest({})).status, 201);
    const auto parsed = AtomSerializer::parseQueue(send("GET", QStringLiteral("orders")).body);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->title, QStringLiteral("Orders")); // the case used at creation
}

void tst_AdminHttpServer::servesHttps() {
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("the openssl command is needed to make a test certificate");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(openssl,
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   QStringLiteral("key.pem"), QStringLiteral("-out"), QStringLiteral("cert.pem"),
                   QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
    QVERIFY(process.waitForFinished(60'000));
    QCOMPARE(process.exitCode(), 0);
    const auto certificates = QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem")));
    QCOMPARE(certificates.size(), 1);
    QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration server = QSslConfiguration::defaultConfiguration();
    server.setLocalCertificate(certificates.first());
    server.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    const auto port = m_server->listenHttps(0, server);
    QVERIFY2(port.has_value(), qPrintable(port ? QString() : port.error().message));

    QNetworkRequest request(
        QUrl(QStringLiteral("https://localhost:%1/$Resources/queues").arg(*port)));
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setCaCertificates({certificates.first()});
    request.setSslConfiguration(client);
    request.setRawHeader("Authorization",
                         SasToken::sign(QStringLiteral("https://localhost:%1/").arg(*port),
                                        QStringLiteral("root"), kRootKey,
                                        QDateTime::currentSecsSinceEpoch() + 3600)
                             .toUtf8());
    QNetworkReply* reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(10'000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    QVERIFY2(body.contains("<id>https://localhost:"),
             body.constData()); // links name the scheme used

    QSslConfiguration noKey;
    QVERIFY(!m_server->listenHttps(0, noKey).has_value());
}

void tst_AdminHttpServer::supplementaryAuthorizationIsChecked() {
    QCOMPARE(send("PUT", QStringLiteral("target"), AtomSerializer::queueRequest({})).status, 201);
    QueueDescription source;
    source.forwardTo = QStringLiteral("target");
    const qint64 later = QDateTime::currentSecsSinceEpoch() + 3600;
    const QByteArray forged =
        token(QStringLiteral("root"), QStringLiteral("wrong"), later).toUtf8();
    const Reply denied = send("PUT", QStringLiteral("source"), AtomSerializer::queueRequest(source),
                              {{"ServiceBusSupplementaryAuthorization", forged}});
    QCOMPARE(denied.status, 401);
    QVERIFY2(denied.body.contains("ServiceBusSupplementaryAuthorization"), denied.body.constData());
    const QByteArray good = token(QStringLiteral("root"), kRootKey, later).toUtf8();
    QCOMPARE(send("PUT", QStringLiteral("source"), AtomSerializer::queueRequest(source),
                  {{"ServiceBusSupplementaryAuthorization", good}})
                 .status,
             201);
}

void tst_AdminHttpServer::rulesUpdateAndTopicDeleteCascades() {
    QCOMPARE(send("PUT", QStringLiteral("events"), AtomSerializer::topicRequest({})).status, 201);
    QCOMPARE(send("PUT", QStringLiteral("events/Subscriptions/s"),
                  AtomSerializer::subscriptionRequest({}))
                 .status,
             201);
    RuleDescription rule;
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("qty > @min");
    rule.filterParameters.insert(QStringLiteral("@min"), 3);
    QCOMPARE(send("PUT", QStringLiteral("events/Subscriptions/s/Rules/r"),
                  AtomSerializer::ruleRequest(rule))
                 .status,
             201);
    rule.sqlExpression = QStringLiteral("qty > @min + 1");
    QCOMPARE(send("PUT", QStringLiteral("events/Subscriptions/s/Rules/r"),
                  AtomSerializer::ruleRequest(rule), {{"If-Match", "*"}})
                 .status,
             200);
    const auto fetched = AtomSerializer::parseRule(
        send("GET", QStringLiteral("events/Subscriptions/s/Rules/r")).body);
    QVERIFY(fetched.has_value());
    QCOMPARE(fetched->description.sqlExpression, rule.sqlExpression);
    QCOMPARE(fetched->description.filterParameters.value(QStringLiteral("@min")), QVariant(3));
    QCOMPARE(send("PUT", QStringLiteral("events/Subscriptions/s/Rules/missing"),
                  AtomSerializer::ruleRequest(rule), {{"If-Match", "*"}})
                 .status,
             404);

    QCOMPARE(send("DELETE", QStringLiteral("events")).status, 200);
    QCOMPARE(send("GET", QStringLiteral("events/Subscriptions/s")).status, 404);
    QCOMPARE(send("GET", QStringLiteral("events")).status, 404);
}

void tst_AdminHttpServer::hostNamePicksTheNamespace() {
    NamespaceConfig second;
    second.name = QStringLiteral("second");
    second.sasRules = {SasRule{QStringLiteral("root2"), QStringLiteral("key2"), true, true, true}};
    QueueDescription only;
    only.name = QStringLiteral("only-in-second");
    second.queues.append(only);
    Broker secondBroker(second, nullptr);
    m_server->addNamespace(&secondBroker, second.name, second.sasRules);

    const QByteArray secondHost =
        QByteArrayLiteral("second.localhost:") + QByteArray::number(m_port);
    const QByteArray secondToken =
        SasToken::sign(QStringLiteral("http://second.localhost/"), QStringLiteral("root2"),
                       QStringLiteral("key2"), QDateTime::currentSecsSinceEpoch() + 3600)
            .toUtf8();
    const Reply found = send("GET", QStringLiteral("only-in-second"), {},
                             {{"Host", secondHost}, {"Authorization", secondToken}}, false);
    QCOMPARE(found.status, 200);
    QVERIFY2(found.body.contains("<title type=\"text\">only-in-second</title>"),
             found.body.constData());
    // Each namespace has its own keys, and plain localhost reaches the first namespace.
    QCOMPARE(send("GET", QStringLiteral("only-in-second"), {}, {{"Host", secondHost}}).status, 401);
    QCOMPARE(send("GET", QStringLiteral("only-in-second")).status, 404);
}

void tst_AdminHttpServer::nestedNamesAndUnknownRoutes() {
    // Queue names may contain '/', and the '/' is not percent-encoded (§1.2).
    QCOMPARE(send("PUT", QStringLiteral("orders/eu"), AtomSerializer::queueRequest({})).status,
             201);
    const auto nested = AtomSerializer::parseQueue(send("GET", QStringLiteral("orders/eu")).body);
    QVERIFY(nested.has_value());
    QCOMPARE(nested->title, QStringLiteral("orders/eu"));

    QCOMPARE(send("POST", QStringLiteral("orders/eu"), AtomSerializer::queueRequest({})).status,
             405);
    QCOMPARE(send("GET", QStringLiteral("$Resources/EventHubs")).status, 404);
    QCOMPARE(send("GET", QString()).status, 404);
    QCOMPARE(send("GET", QStringLiteral("t/Subscriptions/s/Rules/r/extra")).status, 404);
}

QTEST_GUILESS_MAIN(tst_AdminHttpServer)
#include "tst_AdminHttpServer.moc"
