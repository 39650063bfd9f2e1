// The busbar-emulator program: the machine-readable endpoint lines it prints, a working AMQP
// endpoint behind them, key redaction, and a clean exit on SIGTERM.
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_EmulatorExecutable : public QObject {
    Q_OBJECT

private:
    static QString program() { return qEnvironmentVariable("BUSBAR_EMULATOR"); }

    // Starts the emulator and waits for its "amqp:" line; returns that line.
    static QString startAndReadAmqpLine(QProcess& process, const QStringList& arguments) {
        process.start(program(), arguments);
        if (!process.waitForStarted(10000)) {
            return {};
        }
        QString output;
        QElapsedTimer clock;
        clock.start();
        while (!output.contains(QLatin1Char('\n')) && clock.elapsed() < 20000) {
            if (!process.waitForReadyRead(1000) && process.state() != QProcess::Running) {
                break;
            }
            output += QString::fromUtf8(process.readAllStandardOutput());
        }
        const QStringList lines = output.split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1String("amqp: "))) {
                return line;
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        if (program().isEmpty()) {
            QSKIP("BUSBAR_EMULATOR is not set (run through ctest)");
        }
    }

    void printsAWorkingEndpointAndStopsOnSigterm() {
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        const QString line = startAndReadAmqpLine(
            process,
            {QStringLiteral("--in-memory"), QStringLiteral("--amqp-port"), QStringLiteral("0"),
             QStringLiteral("--http-port"), QStringLiteral("-1"), QStringLiteral("--show-keys")});
        QVERIFY2(!line.isEmpty(), qPrintable(QString::fromUtf8(process.readAllStandardError())));
        const QRegularExpression endpoint(QStringLiteral(
            "^amqp: Endpoint=sb://localhost:(\\d+);SharedAccessKeyName=RootManageSharedAccessKey;"
            "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;$"));
        const QRegularExpressionMatch match = endpoint.match(line.trimmed());
        QVERIFY2(match.hasMatch(), qPrintable(line));
        const auto port = quint16(match.captured(1).toUInt());

        auto client = tcpClient(port);
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/"),
                         token(QStringLiteral("sb://localhost/")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});

#ifdef Q_OS_UNIX
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QTRY_VERIFY(client->isFinished());
#else
        process.kill();
        process.waitForFinished(10000);
#endif
    }

    void redactsTheKeyByDefault() {
        QProcess process;
        const QString line = startAndReadAmqpLine(
            process, {QStringLiteral("--in-memory"), QStringLiteral("--amqp-port"),
                      QStringLiteral("0"), QStringLiteral("--http-port"), QStringLiteral("-1")});
        process.kill();
        process.waitForFinished(10000);
        QVERIFY(!line.isEmpty());
        QVERIFY(!line.contains(QStringLiteral("SAS_KEY_VALUE")));
        QVERIFY(line.contains(QStringLiteral("SharedAccessKey=<redacted>;")));
    }

    void refusesABadPort() {
        QProcess process;
        process.start(program(), {QStringLiteral("--amqp-port"), QStringLiteral("notaport")});
        QVERIFY(process.waitForFinished(10000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(QString::fromUtf8(process.readAllStandardError())
                    .contains(QStringLiteral("--amqp-port")));
    }
};

QTEST_GUILESS_MAIN(tst_EmulatorExecutable)
#include "tst_EmulatorExecutable.moc"
