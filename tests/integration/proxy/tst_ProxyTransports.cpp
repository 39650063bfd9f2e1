// The messaging core reaches the emulator through a proxy (NamespaceConnectionOptions::proxy):
// HTTP CONNECT and SOCKS5, for AMQP over TCP and over WebSockets; nullopt follows the
// application proxy, and NoProxy bypasses it. The namespace host does not resolve, so only a
// proxy that carried the connection can reach the broker, and the proxy records the target.
#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/Await.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QScopeGuard>
#include <QTest>

#include <memory>

#include "TestProxy.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(busbar::test::TestProxy::Kind)
Q_DECLARE_METATYPE(busbar::TransportType)

namespace {

constexpr int kAwaitMs = 20000;
// ".test" never resolves (RFC 2606): a direct connection attempt fails.
const QString kUnresolvableHost = QStringLiteral("busbar-proxied.test");

QByteArray describe(const Error& error) {
    return error.toString().toUtf8();
}

OutgoingMessage textMessage(const QString& id) {
    OutgoingMessage m;
    m.body = id.toUtf8();
    m.messageId = id;
    return m;
}

QNetworkProxy proxyFor(const TestProxy& proxy) {
    return QNetworkProxy(proxy.kind() == TestProxy::Kind::HttpConnect ? QNetworkProxy::HttpProxy
                                                                      : QNetworkProxy::Socks5Proxy,
                         QStringLiteral("127.0.0.1"), proxy.port());
}

} // namespace

class tst_ProxyTransports : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    ConnectionString m_connectionString;

    // The emulator's string with `host` and the listener's port for `transport`.
    [[nodiscard]] NamespaceConnectionOptions optionsFor(const QString& host,
                                                        TransportType transport) const {
        const quint16 port =
            transport == TransportType::AmqpWebSockets ? m_endpoints.wsPort : m_endpoints.amqpPort;
        const QString text =
            QStringLiteral("Endpoint=sb://%1:%2;SharedAccessKeyName=%3;SharedAccessKey=%4;"
                           "UseDevelopmentEmulator=true")
                .arg(host)
                .arg(port)
                .arg(m_connectionString.keyName(), m_connectionString.key());
        NamespaceConnectionOptions options;
        options.connectionString = *ConnectionString::parse(text);
        options.transport = transport;
        options.webSocketTls = false;
        options.maxReconnectAttempts = 0;
        return options;
    }

    // Send one message and peek it back: CBS, an entity link and $management all work.
    void roundTrip(AmqpServiceBusClient& client, const QString& id) {
        const auto sent =
            await(client.send(QStringLiteral("proxied"), {textMessage(id)}), kAwaitMs);
        QVERIFY2(sent, sent ? "" : describe(sent.error()).constData());
        const auto peeked =
            await(client.peek(QStringLiteral("proxied"), SubQueue::None, 0, 500), kAwaitMs);
        QVERIFY2(peeked, peeked ? "" : describe(peeked.error()).constData());
        QVERIFY(!peeked->isEmpty());
        QCOMPARE(peeked->last().messageId(), id);
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        QueueDescription queue;
        queue.name = QStringLiteral("proxied");
        ns.queues.append(queue);
        options.config.namespaces.append(ns);
        options.httpPort = -1;
        options.wsPort = 0;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : describe(endpoints.error()).constData());
        m_endpoints = *endpoints;
        QVERIFY(m_endpoints.wsPort != 0);
        auto cs = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(cs);
        m_connectionString = *cs;
    }

    void cleanup() { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); }

    void cleanupTestCase() { m_emulator.stop(); }

    void throughAnExplicitProxy_data() {
        QTest::addColumn<TestProxy::Kind>("kind");
        QTest::addColumn<TransportType>("transport");
        QTest::newRow("HTTP CONNECT, AMQP over TCP")
            << TestProxy::Kind::HttpConnect << TransportType::AmqpPlain;
        QTest::newRow("HTTP CONNECT, WebSockets")
            << TestProxy::Kind::HttpConnect << TransportType::AmqpWebSockets;
        QTest::newRow("SOCKS5, AMQP over TCP")
            << TestProxy::Kind::Socks5 << TransportType::AmqpPlain;
        QTest::newRow("SOCKS5, WebSockets")
            << TestProxy::Kind::Socks5 << TransportType::AmqpWebSockets;
    }

    void throughAnExplicitProxy() {
        QFETCH(TestProxy::Kind, kind);
        QFETCH(TransportType, transport);
        TestProxy proxy(kind);
        QVERIFY(proxy.listen());
        NamespaceConnectionOptions options = optionsFor(kUnresolvableHost, transport);
        options.proxy = proxyFor(proxy);
        AmqpServiceBusClient client(options);
        roundTrip(client, QString::fromLatin1(QTest::currentDataTag()));
        if (QTest::currentTestFailed()) {
            return;
        }
        const quint16 port = quint16(options.connectionString.port());
        QCOMPARE(proxy.targets(), QStringList{kUnresolvableHost + QStringLiteral(":%1").arg(port)});
        QVERIFY(proxy.relayedBytes() > 0);
    }

    // A proxy that refuses the tunnel (HTTP 407 without credentials to give, SOCKS5 "not
    // allowed"): the operation fails with a Connection error at once, not after a timeout.
    void refusingProxyFailsTheOperation_data() { throughAnExplicitProxy_data(); }

    void refusingProxyFailsTheOperation() {
        QFETCH(TestProxy::Kind, kind);
        QFETCH(TransportType, transport);
        TestProxy proxy(kind);
        proxy.setRefusing(true);
        QVERIFY(proxy.listen());
        NamespaceConnectionOptions options = optionsFor(kUnresolvableHost, transport);
        options.proxy = proxyFor(proxy);
        AmqpServiceBusClient client(options);
        client.setOperationTimeout(15s);
        QElapsedTimer clock;
        clock.start();
        const auto peeked =
            await(client.peek(QStringLiteral("proxied"), SubQueue::None, 0, 1), kAwaitMs);
        QVERIFY2(!peeked, "a peek succeeded through a refusing proxy");
        QVERIFY2(peeked.error().code == ErrorCode::Connection,
                 describe(peeked.error()).constData());
        QVERIFY(!peeked.error().message.isEmpty());
        // The user is told the proxy is where it failed.
        QVERIFY2(
            peeked.error().message.contains(QStringLiteral("proxy 127.0.0.1:%1").arg(proxy.port())),
            describe(peeked.error()).constData());
        QVERIFY2(clock.elapsed() < 10000, QByteArray::number(clock.elapsed()).constData());
        QVERIFY(!proxy.targets().isEmpty());
    }

    // Without a proxy the unresolvable host cannot be reached: the explicit proxy above was
    // what made the difference, not some fallback.
    void unresolvableHostFailsWithoutAProxy() {
        NamespaceConnectionOptions options =
            optionsFor(kUnresolvableHost, TransportType::AmqpPlain);
        options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        AmqpServiceBusClient client(options);
        const auto opened = await(client.connect(), kAwaitMs);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::Connection);
        QVERIFY2(!opened.error().message.contains(QStringLiteral("proxy")),
                 describe(opened.error()).constData());
    }

    // No proxy in the options: the application proxy carries the connection.
    void applicationProxyIsTheDefault_data() {
        QTest::addColumn<TransportType>("transport");
        QTest::newRow("AMQP over TCP") << TransportType::AmqpPlain;
        QTest::newRow("WebSockets") << TransportType::AmqpWebSockets;
    }

    void applicationProxyIsTheDefault() {
        QFETCH(TransportType, transport);
        TestProxy proxy(TestProxy::Kind::HttpConnect);
        QVERIFY(proxy.listen());
        QNetworkProxy::setApplicationProxy(proxyFor(proxy));
        const NamespaceConnectionOptions options = optionsFor(kUnresolvableHost, transport);
        QVERIFY(!options.proxy);
        AmqpServiceBusClient client(options);
        roundTrip(client,
                  QStringLiteral("application-") + QString::fromLatin1(QTest::currentDataTag()));
        QCOMPARE(proxy.targets().size(), 1);
    }

    // The system configuration (here the environment's all_proxy/http_proxy, as libproxy and
    // Qt's generic lookup read it) is followed when the application asks for it.
    void systemProxyIsFollowed() {
        TestProxy proxy(TestProxy::Kind::HttpConnect);
        QVERIFY(proxy.listen());
        const QByteArray url = "http://127.0.0.1:" + QByteArray::number(proxy.port());
        qputenv("all_proxy", url);
        qputenv("http_proxy", url);
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        const auto restore = qScopeGuard([] {
            QNetworkProxyFactory::setUseSystemConfiguration(false);
            qunsetenv("all_proxy");
            qunsetenv("http_proxy");
        });
        const NamespaceConnectionOptions options =
            optionsFor(kUnresolvableHost, TransportType::AmqpPlain);
        AmqpServiceBusClient client(options);
        roundTrip(client, QStringLiteral("system"));
        QCOMPARE(proxy.targets().size(), 1);
    }

    // NoProxy goes straight to the broker even though the application has a proxy set.
    void noProxyBypassesTheApplicationProxy_data() {
        QTest::addColumn<TransportType>("transport");
        QTest::newRow("AMQP over TCP") << TransportType::AmqpPlain;
        QTest::newRow("WebSockets") << TransportType::AmqpWebSockets;
    }

    void noProxyBypassesTheApplicationProxy() {
        QFETCH(TransportType, transport);
        TestProxy proxy(TestProxy::Kind::HttpConnect);
        QVERIFY(proxy.listen());
        QNetworkProxy::setApplicationProxy(proxyFor(proxy));
        NamespaceConnectionOptions options = optionsFor(QStringLiteral("127.0.0.1"), transport);
        options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        AmqpServiceBusClient client(options);
        roundTrip(client, QStringLiteral("direct-") + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY2(proxy.targets().isEmpty(), qPrintable(proxy.targets().join(QLatin1Char(' '))));
        QCOMPARE(proxy.relayedBytes(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(tst_ProxyTransports)
#include "tst_ProxyTransports.moc"
