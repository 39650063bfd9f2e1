#include "core/auth/SasToken.h"
#include "core/diagnostics/ConnectionProbe.h"
#include "core/diagnostics/FrameTrace.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/client/ClientTestSupport.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

// A key nobody would write by accident, so finding it anywhere means it leaked.
const QString kKey = QStringLiteral("Lk9vQmFyYnVzRGlhZ25vc3RpY3NLZXk0Mg==");
const QString kKeyName = QStringLiteral("DiagnosticsPolicy");

QMutex g_mutex;
QStringList g_messages;

void capture(QtMsgType, const QMessageLogContext& context, const QString& message) {
    const QMutexLocker lock(&g_mutex);
    g_messages.append(QString::fromUtf8(context.category ? context.category : "") +
                      QLatin1Char(' ') + message);
}

OutgoingMessage textMessage(const QString& text) {
    OutgoingMessage m;
    m.body = text.toUtf8();
    m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return m;
}

} // namespace

// The most verbose diagnostics there are ("busbar.*=true" and the frame trace on) through
// connect, CBS, send, receive, peek and a connection test, once with a key and once with a
// ready SAS token: neither the key, nor the signature, nor the token shows anywhere.
class tst_DiagnosticsRedaction final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        ns.sasRules = {emulator::SasRule{kKeyName, kKey, true, true, true}};
        QueueDescription queue;
        queue.name = QStringLiteral("traced");
        ns.queues.append(queue);
        options.config.namespaces.append(ns);
        const auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(describe(endpoints.error())));
        m_endpoints = *endpoints;
        QVERIFY2(m_endpoints.connectionString.contains(kKey), "the emulator names its own key");
    }

    void cleanupTestCase() { m_emulator.stop(); }

    void init() {
        const QMutexLocker lock(&g_mutex);
        g_messages.clear();
    }

    void noSecretInAnyLogOrTraceLine_data() {
        QTest::addColumn<bool>("withToken");
        QTest::newRow("SAS key") << false;
        QTest::newRow("SAS token") << true;
    }

    void noSecretInAnyLogOrTraceLine() {
        QFETCH(bool, withToken);
        QString text = m_endpoints.connectionString;
        QStringList secrets{kKey};
        if (withToken) {
            const QString token = SasToken::sign(QStringLiteral("sb://localhost/"), kKeyName, kKey,
                                                 QDateTime::currentSecsSinceEpoch() + 3600);
            const Result<SasToken> parsedToken = SasToken::parse(token);
            QVERIFY(parsedToken);
            secrets << token << parsedToken->signature()
                    << SasToken::urlDecode(parsedToken->signature());
            const auto cs = ConnectionString::parse(text);
            QVERIFY(cs);
            text = QStringLiteral("Endpoint=sb://localhost:%1;SharedAccessSignature=%2;"
                                  "UseDevelopmentEmulator=true")
                       .arg(m_endpoints.amqpPort)
                       .arg(token);
        }
        const auto cs = ConnectionString::parse(text);
        QVERIFY2(cs, cs ? "" : qPrintable(cs.error().message));

        auto trace = std::make_shared<FrameTrace>();
        trace->setEnabled(true);
        FrameTrace::shared()->setEnabled(true);
        QLoggingCategory::setFilterRules(QStringLiteral("busbar.*=true"));
        const QtMessageHandler previous = qInstallMessageHandler(capture);
        {
            NamespaceConnectionOptions options;
            options.connectionString = *cs;
            options.frameTrace = trace;
            AmqpServiceBusClient client(options);
            client.setOperationTimeout(10s);
            QVERIFY(await(client.connect()));
            QVERIFY(
                await(client.send(QStringLiteral("traced"), {textMessage(QStringLiteral("one")),
                                                             textMessage(QStringLiteral("two"))})));
            const auto peeked = await(client.peek(QStringLiteral("traced"), SubQueue::None, 1, 5));
            QVERIFY(peeked);
            QCOMPARE(peeked->size(), 2);
            const auto received = await(client.receive(QStringLiteral("traced"), SubQueue::None,
                                                       ReceiveMode::ReceiveAndDelete, 2, 5s));
            QVERIFY(received);
            QCOMPARE(received->size(), 2);

            ConnectionProbe probe(options);
            probe.setManagementReadEnabled(false);
            QSignalSpy done(&probe, &ConnectionProbe::finished);
            probe.start();
            QVERIFY(done.wait(20000));
            const auto failed = probe.report().failedStep();
            QVERIFY2(!failed && probe.report().ok(), failed ? qPrintable(failed->detail) : "");
            const QMutexLocker lock(&g_mutex);
            for (const ProbeStep& step : probe.report().steps) {
                g_messages.append(step.detail);
            }
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        FrameTrace::shared()->setEnabled(false);

        const QStringList traceLines = trace->texts();
        QVERIFY(traceLines.size() > 10);
        const QString allTrace = traceLines.join(QLatin1Char('\n'));
        QVERIFY(allTrace.contains(QStringLiteral("@transfer(20)")));
        QVERIFY(allTrace.contains(QStringLiteral("$cbs")));
        const QMutexLocker lock(&g_mutex);
        QVERIFY2(g_messages.join(QLatin1Char('\n')).contains(QStringLiteral("busbar.amqp.frames")),
                 "the frame category was on");
        const QStringList everything = g_messages + traceLines + FrameTrace::shared()->texts();
        for (const QString& line : everything) {
            for (const QString& secret : std::as_const(secrets)) {
                QVERIFY2(!line.contains(secret), qPrintable(line));
            }
        }
    }

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
};

QTEST_GUILESS_MAIN(tst_DiagnosticsRedaction)
#include "tst_DiagnosticsRedaction.moc"
