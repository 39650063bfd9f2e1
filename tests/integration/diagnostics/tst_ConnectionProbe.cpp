#include "core/diagnostics/ConnectionProbe.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/client/ClientTestSupport.h"

#include <QNetworkProxy>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

constexpr int kProbeMs = 20000;

QString describe(const ProbeReport& report) {
    QStringList lines;
    for (const ProbeStep& step : report.steps) {
        lines << QStringLiteral("%1 [%2] %3 ms: %4")
                     .arg(probeStepName(step.kind))
                     .arg(int(step.status))
                     .arg(step.elapsedMs)
                     .arg(step.detail);
    }
    return lines.join(QLatin1Char('\n'));
}

ConnectionString parsed(const QString& text) {
    Result<ConnectionString> cs = ConnectionString::parse(text);
    return cs ? *cs : ConnectionString();
}

// Runs a probe to its end and returns its report (with every step it announced).
struct ProbeRun {
    ProbeReport report;
    int started = 0;
    int finished = 0;
};

ProbeRun runProbe(ConnectionProbe& probe) {
    ProbeRun run;
    QObject::connect(&probe, &ConnectionProbe::stepStarted, [&run] { ++run.started; });
    QObject::connect(&probe, &ConnectionProbe::stepFinished, [&run] { ++run.finished; });
    QSignalSpy done(&probe, &ConnectionProbe::finished);
    probe.start();
    if (done.wait(kProbeMs) || !done.isEmpty()) {
        run.report = done.first().first().value<ProbeReport>();
    }
    return run;
}

} // namespace

class tst_ConnectionProbe final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        qRegisterMetaType<ProbeStep>();
        qRegisterMetaType<ProbeReport>();
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = clientTestConfig();
        options.wsPort = 0;
        const auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(test::describe(endpoints.error())));
        m_endpoints = *endpoints;
    }

    void cleanupTestCase() { m_emulator.stop(); }

    void everyStepSucceedsAgainstTheEmulator() {
        NamespaceConnectionOptions options;
        options.connectionString = parsed(m_endpoints.connectionString);
        options.connectionString.setAdminBaseUrl(m_endpoints.adminUrl);
        ConnectionProbe probe(options);
        const ProbeRun run = runProbe(probe);
        const ProbeReport& report = run.report;
        QVERIFY2(report.ok(), qPrintable(describe(report)));
        QCOMPARE(report.steps.size(), 7);
        QCOMPARE(run.started, 7);
        QCOMPARE(run.finished, 7);
        const QList<ProbeStepKind> order{ProbeStepKind::Dns,       ProbeStepKind::Tcp,
                                         ProbeStepKind::Tls,       ProbeStepKind::Sasl,
                                         ProbeStepKind::AmqpOpen,  ProbeStepKind::Cbs,
                                         ProbeStepKind::Management};
        for (int i = 0; i < order.size(); ++i) {
            QCOMPARE(report.steps.at(i).kind, order.at(i));
            const auto expected =
                order.at(i) == ProbeStepKind::Tls ? ProbeStepStatus::Skipped : ProbeStepStatus::Ok;
            QCOMPARE(report.steps.at(i).status, expected);
            QVERIFY(report.steps.at(i).elapsedMs >= 0);
            QVERIFY(!report.steps.at(i).detail.isEmpty());
        }
        QVERIFY(report.step(ProbeStepKind::Sasl)->detail.contains(QStringLiteral("ANONYMOUS")));
        const QString cbs = report.step(ProbeStepKind::Cbs)->detail;
        QVERIFY2(cbs.contains(QStringLiteral("202")), qPrintable(cbs));
        QVERIFY2(cbs.contains(QStringLiteral("sb://localhost/")), qPrintable(cbs));
        QVERIFY(report.step(ProbeStepKind::Management)
                    ->detail.contains(QStringLiteral("$namespaceinfo")));
        QVERIFY(!describe(report).contains(QStringLiteral("SAS_KEY_VALUE")));
    }

    // An application-wide proxy (Settings > Network) must not capture a loopback emulator:
    // Qt keeps loopback direct only when a socket is left on DefaultProxy, as real
    // connections are. The proxy here is a closed port, so using it would fail at TCP.
    void loopbackStaysDirectUnderAnApplicationProxy() {
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 1));
        const auto restore = qScopeGuard(
            [] { QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy)); });
        NamespaceConnectionOptions options;
        options.connectionString = parsed(m_endpoints.connectionString);
        options.connectionString.setAdminBaseUrl(m_endpoints.adminUrl);
        ConnectionProbe probe(options);
        const ProbeRun run = runProbe(probe);
        QVERIFY2(run.report.ok(), qPrintable(describe(run.report)));
        QVERIFY(!run.report.step(ProbeStepKind::Dns)->detail.contains(QStringLiteral("proxy")));
    }

    void anEntityScopedStringIsReadThroughTheEntitysManagementNode() {
        NamespaceConnectionOptions options;
        options.connectionString =
            parsed(m_endpoints.connectionString + QStringLiteral(";EntityPath=basic"));
        QCOMPARE(options.connectionString.entityPath(), QStringLiteral("basic"));
        ConnectionProbe probe(options);
        const ProbeReport report = runProbe(probe).report;
        QVERIFY2(report.ok(), qPrintable(describe(report)));
        QVERIFY(report.step(ProbeStepKind::Cbs)
                    ->detail.contains(QStringLiteral("sb://localhost/basic")));
        const QString read = report.step(ProbeStepKind::Management)->detail;
        QVERIFY2(read.startsWith(QStringLiteral("peek on basic/$management: 204")),
                 qPrintable(read));
    }

    void anEntityScopedPeekOfAMissingEntityFails() {
        NamespaceConnectionOptions options;
        options.connectionString =
            parsed(m_endpoints.connectionString + QStringLiteral(";EntityPath=no-such-queue"));
        ConnectionProbe probe(options);
        const ProbeReport report = runProbe(probe).report;
        const auto failed = report.failedStep();
        QVERIFY2(failed, qPrintable(describe(report)));
        QCOMPARE(failed->kind, ProbeStepKind::Management);
        QCOMPARE(failed->errorCode, ErrorCode::EntityNotFound);
        QVERIFY(failed->detail.contains(QStringLiteral("no-such-queue")));
    }

    void webSocketsAreProbedLikeTheAppConnects() {
        NamespaceConnectionOptions options;
        options.connectionString =
            parsed(QString(m_endpoints.connectionString)
                       .replace(QStringLiteral(":%1;").arg(m_endpoints.amqpPort),
                                QStringLiteral(":%1;").arg(m_endpoints.wsPort)));
        QCOMPARE(options.connectionString.port(), int(m_endpoints.wsPort));
        options.transport = TransportType::AmqpWebSockets;
        options.webSocketTls = false;
        ConnectionProbe probe(options);
        probe.setManagementReadEnabled(false);
        const ProbeReport report = runProbe(probe).report;
        QVERIFY2(report.ok(), qPrintable(describe(report)));
        const QString upgrade = report.step(ProbeStepKind::Tls)->detail;
        QVERIFY2(upgrade.contains(QStringLiteral("AMQPWSB10")), qPrintable(upgrade));
        QCOMPARE(report.step(ProbeStepKind::Cbs)->status, ProbeStepStatus::Ok);
        QCOMPARE(report.step(ProbeStepKind::Management)->status, ProbeStepStatus::Skipped);
    }

    void aWrongKeyFailsAtCbsWith401() {
        NamespaceConnectionOptions options;
        options.connectionString =
            parsed(QString(m_endpoints.connectionString)
                       .replace(QStringLiteral("SAS_KEY_VALUE"), QStringLiteral("NotTheKey123")));
        options.connectionString.setAdminBaseUrl(m_endpoints.adminUrl);
        ConnectionProbe probe(options);
        const ProbeReport report = runProbe(probe).report;
        const auto failed = report.failedStep();
        QVERIFY2(failed, qPrintable(describe(report)));
        QCOMPARE(failed->kind, ProbeStepKind::Cbs);
        QCOMPARE(failed->errorCode, ErrorCode::Authentication);
        QVERIFY2(failed->detail.contains(QStringLiteral("401")), qPrintable(failed->detail));
        QVERIFY2(failed->detail.startsWith(QStringLiteral("CBS:")), qPrintable(failed->detail));
        QVERIFY(!describe(report).contains(QStringLiteral("NotTheKey123")));
        QCOMPARE(report.steps.last().kind, ProbeStepKind::Cbs); // stops at the failure
        QCOMPARE(report.step(ProbeStepKind::AmqpOpen)->status, ProbeStepStatus::Ok);
    }

    void aClosedPortFailsAtTcp() {
        quint16 port = 0;
        {
            QTcpServer server;
            QVERIFY(server.listen(QHostAddress::LocalHost, 0));
            port = server.serverPort();
        }
        NamespaceConnectionOptions options;
        options.connectionString = parsed(
            QStringLiteral("Endpoint=sb://localhost:%1;SharedAccessKeyName=k;SharedAccessKey=v;"
                           "UseDevelopmentEmulator=true")
                .arg(port));
        ConnectionProbe probe(options);
        const ProbeReport report = runProbe(probe).report;
        const auto failed = report.failedStep();
        QVERIFY2(failed, qPrintable(describe(report)));
        QCOMPARE(failed->kind, ProbeStepKind::Tcp);
        QVERIFY2(failed->detail.startsWith(QStringLiteral("TCP: could not connect to localhost:")),
                 qPrintable(failed->detail));
        QCOMPARE(report.step(ProbeStepKind::Dns)->status, ProbeStepStatus::Ok);
    }

    void anUnknownHostFailsAtDns() {
        NamespaceConnectionOptions options;
        options.connectionString =
            parsed(QStringLiteral("Endpoint=sb://no-such-host.invalid;SharedAccessKeyName=k;"
                                  "SharedAccessKey=v"));
        options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        ConnectionProbe probe(options);
        const ProbeReport report = runProbe(probe).report;
        const auto failed = report.failedStep();
        QVERIFY2(failed, qPrintable(describe(report)));
        QCOMPARE(failed->kind, ProbeStepKind::Dns);
        QVERIFY2(failed->detail.contains(QStringLiteral("no-such-host.invalid")),
                 qPrintable(failed->detail));
    }

    void tlsNamesTheCertificateAndAWrongHostName() {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            QSKIP("the openssl command is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(makeTestCertificates(dir.path()));
        emulator::EmulatorOptions emulatorOptions = emulator::InProcessEmulator::ephemeralOptions();
        emulatorOptions.config = clientTestConfig();
        emulatorOptions.httpPort = -1;
        emulatorOptions.tlsPort = 0;
        emulatorOptions.wssPort = 0;
        emulatorOptions.tlsCertificatePath = dir.path() + QStringLiteral("/server.pem");
        emulatorOptions.tlsKeyPath = dir.path() + QStringLiteral("/server.key");
        emulator::InProcessEmulator tlsEmulator;
        const auto endpoints = tlsEmulator.start(emulatorOptions);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(test::describe(endpoints.error())));

        const auto probeHost = [&](const QString& host, bool webSockets = false) {
            NamespaceConnectionOptions options;
            options.connectionString = parsed(
                QStringLiteral("Endpoint=sb://%1:%2;SharedAccessKeyName=RootManageSharedAccessKey;"
                               "SharedAccessKey=SAS_KEY_VALUE")
                    .arg(host)
                    .arg(webSockets ? endpoints->wssPort : endpoints->tlsPort));
            options.extraCaFile = dir.path() + QStringLiteral("/ca.pem");
            if (webSockets) {
                options.transport = TransportType::AmqpWebSockets;
            }
            ConnectionProbe probe(options);
            probe.setManagementReadEnabled(false);
            return runProbe(probe).report;
        };
        const ProbeReport good = probeHost(QStringLiteral("localhost"));
        QVERIFY2(good.ok(), qPrintable(describe(good)));
        const QString tls = good.step(ProbeStepKind::Tls)->detail;
        QVERIFY2(tls.contains(QStringLiteral("CN=localhost issued by CN=Busbar Client Test CA")),
                 qPrintable(tls));
        QVERIFY(tls.contains(QStringLiteral("verified")));

        const ProbeReport wrong = probeHost(QStringLiteral("127.0.0.1"));
        const auto failed = wrong.failedStep();
        QVERIFY2(failed, qPrintable(describe(wrong)));
        QCOMPARE(failed->kind, ProbeStepKind::Tls);
        QVERIFY2(failed->detail.contains(
                     QStringLiteral("TLS: the certificate for localhost does not match the host "
                                    "127.0.0.1")),
                 qPrintable(failed->detail));
        QCOMPARE(wrong.step(ProbeStepKind::Tcp)->status, ProbeStepStatus::Ok);

        // wss://: the same certificate checks, then the WebSocket upgrade.
        const ProbeReport wss = probeHost(QStringLiteral("localhost"), true);
        QVERIFY2(wss.ok(), qPrintable(describe(wss)));
        const QString upgrade = wss.step(ProbeStepKind::Tls)->detail;
        QVERIFY2(upgrade.contains(QStringLiteral("issued by CN=Busbar Client Test CA; verified")) &&
                     upgrade.contains(QStringLiteral("AMQPWSB10")),
                 qPrintable(upgrade));
        const ProbeReport wssWrong = probeHost(QStringLiteral("127.0.0.1"), true);
        QVERIFY2(wssWrong.failedStep() && wssWrong.failedStep()->kind == ProbeStepKind::Tls,
                 qPrintable(describe(wssWrong)));
        QVERIFY2(wssWrong.failedStep()->detail.contains(QStringLiteral("does not match the host")),
                 qPrintable(describe(wssWrong)));
        tlsEmulator.stop();
    }

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
};

QTEST_GUILESS_MAIN(tst_ConnectionProbe)
#include "tst_ConnectionProbe.moc"
