// The management client (AtomAdminClient) reaches the emulator's admin API through a proxy
// (AdminClientOptions::proxy): SOCKS5 for http://, HTTP CONNECT for https:// (a plain http://
// request through an HTTP proxy is a GET with an absolute URL, which TestProxy does not
// serve). nullopt follows the application proxy; NoProxy bypasses it. The proxy records each
// tunnel's target, and tunnels to 127.0.0.1 whatever the host, so a host that does not
// resolve proves the proxy carried the request.
#include "core/admin/AtomAdminClient.h"
#include "core/auth/ConnectionString.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/EmulatorServer.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "../client/ClientTestSupport.h"
#include "TestProxy.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

// ".test" never resolves (RFC 2606): a direct request fails.
const QString kUnresolvableHost = QStringLiteral("busbar-admin-proxied.test");

QNetworkProxy proxyFor(const TestProxy& proxy) {
    return QNetworkProxy(proxy.kind() == TestProxy::Kind::HttpConnect ? QNetworkProxy::HttpProxy
                                                                      : QNetworkProxy::Socks5Proxy,
                         QStringLiteral("127.0.0.1"), proxy.port());
}

} // namespace

class tst_AdminClientProxy : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<emulator::EmulatorServer> m_server;
    ConnectionString m_connectionString;

    void startEmulator(const QString& certificateDirectory = {}) {
        emulator::EmulatorOptions options;
        emulator::NamespaceConfig ns;
        QueueDescription queue;
        queue.name = QStringLiteral("proxied");
        ns.queues.append(queue);
        options.config.namespaces.append(ns);
        options.inMemory = true;
        options.amqpPort = 0;
        if (certificateDirectory.isEmpty()) {
            options.httpPort = 0;
        } else {
            options.httpPort = -1;
            options.httpsPort = 0;
            options.tlsCertificatePath = certificateDirectory + QStringLiteral("/server.pem");
            options.tlsKeyPath = certificateDirectory + QStringLiteral("/server.key");
        }
        // On this thread: the client is asynchronous and the test spins the event loop.
        m_server = std::make_unique<emulator::EmulatorServer>();
        const VoidResult started = m_server->start(options);
        QVERIFY2(started, started ? "" : qPrintable(describe(started.error())));
        auto parsed = ConnectionString::parse(m_server->connectionString());
        QVERIFY(parsed);
        m_connectionString = *parsed;
    }

    [[nodiscard]] AdminClientOptions adminOptions(const QString& host, bool https = false) const {
        AdminClientOptions options;
        options.baseUrl =
            QUrl(QStringLiteral("%1://%2:%3/")
                     .arg(https ? QStringLiteral("https") : QStringLiteral("http"), host)
                     .arg(https ? m_server->httpsPort() : m_server->httpPort()));
        options.keyName = m_connectionString.keyName();
        options.key = m_connectionString.key();
        options.timeout = 10s;
        options.maxRetries = 0;
        return options;
    }

    // Lists the queues: the configured one proves the request reached the emulator.
    static void listsTheQueue(AtomAdminClient& client) {
        const auto queues = await(client.listQueues());
        QVERIFY2(queues, queues ? "" : qPrintable(describe(queues.error())));
        QCOMPARE(queues->size(), 1);
        QCOMPARE(queues->first().description.name, QStringLiteral("proxied"));
    }

private Q_SLOTS:
    void cleanup() {
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        m_server.reset();
    }

    void httpThroughAnExplicitSocks5Proxy() {
        startEmulator();
        TestProxy proxy(TestProxy::Kind::Socks5);
        QVERIFY(proxy.listen());
        AdminClientOptions options = adminOptions(kUnresolvableHost);
        options.proxy = proxyFor(proxy);
        AtomAdminClient client(options);
        listsTheQueue(client);
        QVERIFY(!proxy.targets().isEmpty());
        QCOMPARE(proxy.targets().first(),
                 kUnresolvableHost + QStringLiteral(":%1").arg(m_server->httpPort()));
        QVERIFY(proxy.relayedBytes() > 0);
    }

    void httpsThroughAnExplicitHttpConnectProxy() {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            QSKIP("the openssl command is not installed");
        }
        QTemporaryDir certificates;
        QVERIFY(certificates.isValid());
        QVERIFY(makeTestCertificates(certificates.path()));
        startEmulator(certificates.path());
        QVERIFY(m_server->httpsPort() != 0);
        TestProxy proxy(TestProxy::Kind::HttpConnect);
        QVERIFY(proxy.listen());
        // The certificate names localhost, so the URL does too; the proxy's record is the proof.
        AdminClientOptions options = adminOptions(QStringLiteral("localhost"), true);
        options.extraCaCertificatePath = certificates.filePath(QStringLiteral("ca.pem"));
        options.proxy = proxyFor(proxy);
        AtomAdminClient client(options);
        listsTheQueue(client);
        QVERIFY(!proxy.targets().isEmpty());
        QCOMPARE(proxy.targets().first(),
                 QStringLiteral("localhost:%1").arg(m_server->httpsPort()));
        QVERIFY(proxy.relayedBytes() > 0);
    }

    void applicationProxyIsTheDefault() {
        startEmulator();
        TestProxy proxy(TestProxy::Kind::Socks5);
        QVERIFY(proxy.listen());
        QNetworkProxy::setApplicationProxy(proxyFor(proxy));
        const AdminClientOptions options = adminOptions(kUnresolvableHost);
        QVERIFY(!options.proxy);
        AtomAdminClient client(options);
        listsTheQueue(client);
        QVERIFY(!proxy.targets().isEmpty());
    }

    void noProxyBypassesTheApplicationProxy() {
        startEmulator();
        TestProxy proxy(TestProxy::Kind::Socks5);
        QVERIFY(proxy.listen());
        QNetworkProxy::setApplicationProxy(proxyFor(proxy));
        AdminClientOptions options = adminOptions(QStringLiteral("127.0.0.1"));
        options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        AtomAdminClient client(options);
        listsTheQueue(client);
        QVERIFY2(proxy.targets().isEmpty(), qPrintable(proxy.targets().join(QLatin1Char(' '))));
        QCOMPARE(proxy.relayedBytes(), qint64(0));
    }

    // Without the proxy the unresolvable host fails: the proxy above made the difference.
    void unresolvableHostFailsWithoutAProxy() {
        startEmulator();
        AdminClientOptions options = adminOptions(kUnresolvableHost);
        options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        AtomAdminClient client(options);
        const auto queues = await(client.listQueues());
        QVERIFY(!queues);
        QCOMPARE(queues.error().code, ErrorCode::Connection);
    }

    // A refusing proxy fails the request as a connection error, not a timeout.
    void refusingProxyFailsTheRequest() {
        startEmulator();
        TestProxy proxy(TestProxy::Kind::Socks5);
        proxy.setRefusing(true);
        QVERIFY(proxy.listen());
        AdminClientOptions options = adminOptions(kUnresolvableHost);
        options.proxy = proxyFor(proxy);
        AtomAdminClient client(options);
        const auto queues = await(client.listQueues());
        QVERIFY(!queues);
        QVERIFY2(queues.error().code != ErrorCode::Timeout, qPrintable(describe(queues.error())));
        QVERIFY(!proxy.targets().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AdminClientProxy)
#include "tst_AdminClientProxy.moc"
