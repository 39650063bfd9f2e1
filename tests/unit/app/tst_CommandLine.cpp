#include "app/CommandLine.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace busbar;
using Action = CommandLineRequest::Action;

namespace {

CommandLineRequest parse(std::initializer_list<const char*> arguments) {
    QStringList list{QStringLiteral("busbar")};
    for (const char* argument : arguments) {
        list.append(QString::fromUtf8(argument));
    }
    return CommandLine::parse(list);
}

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

// Runs the real binary with no way to reach a display: no DISPLAY, no WAYLAND_DISPLAY and no
// QT_QPA_PLATFORM. Constructing a QApplication there would abort, so a clean exit proves the
// answer came before it.
Run runBusbar(const QStringList& arguments) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        environment.remove(QString::fromLatin1(name));
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BUSBAR_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

} // namespace

class tst_CommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noArgumentsRuns() {
        const auto request = parse({});
        QCOMPARE(request.action, Action::Run);
        QVERIFY(request.settingsFile.isEmpty());
        QCOMPARE(CommandLine::exitCode(request), 0);
    }

    void helpAndVersionSpellings_data() {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<Action>("action");
        QTest::newRow("--help") << QStringLiteral("--help") << Action::ShowHelp;
        QTest::newRow("-h") << QStringLiteral("-h") << Action::ShowHelp;
        QTest::newRow("-?") << QStringLiteral("-?") << Action::ShowHelp;
        QTest::newRow("--version") << QStringLiteral("--version") << Action::ShowVersion;
        QTest::newRow("-v") << QStringLiteral("-v") << Action::ShowVersion;
    }
    void helpAndVersionSpellings() {
        QFETCH(QString, argument);
        QFETCH(Action, action);
        const auto request = CommandLine::parse({QStringLiteral("busbar"), argument});
        QCOMPARE(request.action, action);
        QCOMPARE(CommandLine::exitCode(request), 0);
    }

    void helpWinsOverVersionAndErrors() {
        QCOMPARE(parse({"--version", "--help"}).action, Action::ShowHelp);
        QCOMPARE(parse({"--bogus", "--version"}).action, Action::ShowVersion);
    }

    void settingsFileInBothForms() {
        QCOMPARE(parse({"--settings", "/tmp/a.ini"}).settingsFile, QStringLiteral("/tmp/a.ini"));
        QCOMPARE(parse({"--settings=/tmp/b.ini"}).settingsFile, QStringLiteral("/tmp/b.ini"));
        QCOMPARE(parse({"--settings"}).action, Action::Fail);
        QCOMPARE(parse({"--settings="}).action, Action::Fail);
    }

    void localNamespaceAndScreenshotOptions() {
        const auto request =
            parse({"--no-local", "--local-data", "/tmp/local", "--open-entity=orders",
                   "--screenshot", "/tmp/shot.png", "--screenshot-delay-ms=250"});
        QCOMPARE(request.action, Action::Run);
        QVERIFY(request.noLocal);
        QVERIFY(!request.localInMemory);
        QCOMPARE(request.localDataDirectory, QStringLiteral("/tmp/local"));
        QCOMPARE(request.openEntity, QStringLiteral("orders"));
        QCOMPARE(request.screenshotFile, QStringLiteral("/tmp/shot.png"));
        QCOMPARE(request.screenshotDelayMs, 250);
        QVERIFY(parse({"--local-in-memory"}).localInMemory);
        QCOMPARE(parse({"--open-entity"}).action, Action::Fail);
        QCOMPARE(parse({"--screenshot-delay-ms", "soon"}).action, Action::Fail);
        QVERIFY(CommandLine::helpText().contains(QStringLiteral("--no-local")));
    }

    void screenshotSceneOption() {
        const auto request = parse({"--screenshot", "/tmp/jobs.png", "--screenshot-scene", "jobs"});
        QCOMPARE(request.action, Action::Run);
        QCOMPARE(request.screenshotScene, QStringLiteral("jobs"));
        QCOMPARE(parse({"--screenshot=/tmp/x.png", "--screenshot-scene=locked"}).screenshotScene,
                 QStringLiteral("locked"));
        for (const QString& scene : CommandLine::screenshotScenes()) {
            QVERIFY(CommandLine::helpText().contains(scene));
        }
        QVERIFY(CommandLine::screenshotScenes().contains(QStringLiteral("repair")));
        QVERIFY(CommandLine::helpText().contains(QStringLiteral("--screenshot-scene")));
        // Not a plain screenshot's option, and a plain screenshot has no scene.
        QVERIFY(parse({"--screenshot", "/tmp/x.png"}).screenshotScene.isEmpty());
    }

    void screenshotSceneMisuseFails() {
        const auto unknown = parse({"--screenshot", "/tmp/x.png", "--screenshot-scene", "beach"});
        QCOMPARE(unknown.action, Action::Fail);
        QCOMPARE(CommandLine::exitCode(unknown), 2);
        QVERIFY2(unknown.error.contains(QStringLiteral("Unknown screenshot scene: beach")),
                 qPrintable(unknown.error));
        QVERIFY2(unknown.error.contains(QStringLiteral("dead-letters")), qPrintable(unknown.error));
        const auto noFile = parse({"--screenshot-scene", "jobs"});
        QCOMPARE(noFile.action, Action::Fail);
        QVERIFY(noFile.error.contains(QStringLiteral("needs --screenshot")));
        const auto noLocal =
            parse({"--screenshot", "/tmp/x.png", "--screenshot-scene", "jobs", "--no-local"});
        QCOMPARE(noLocal.action, Action::Fail);
        QVERIFY(noLocal.error.contains(QStringLiteral("--no-local")));
        QCOMPARE(parse({"--screenshot", "/tmp/x.png", "--screenshot-scene"}).action, Action::Fail);
    }

    void binaryRejectsAnUnknownSceneWithoutADisplay() {
        const Run run = runBusbar({QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png"),
                                   QStringLiteral("--screenshot-scene"), QStringLiteral("beach")});
        QCOMPARE(run.status, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(QStringLiteral("Unknown screenshot scene: beach")),
                 qPrintable(run.err));
    }

    void unknownInputFailsWithExitCodeTwo() {
        const auto option = parse({"--frobnicate"});
        QCOMPARE(option.action, Action::Fail);
        QVERIFY(option.error.contains(QStringLiteral("--frobnicate")));
        QCOMPARE(CommandLine::exitCode(option), 2);
        const auto positional = parse({"orders"});
        QCOMPARE(positional.action, Action::Fail);
        QVERIFY(positional.error.contains(QStringLiteral("orders")));
    }

    void qtOptionsAreLeftToQt() {
        const auto request =
            parse({"-platform", "offscreen", "--style", "Fusion", "-reverse", "--settings", "x"});
        QCOMPARE(request.action, Action::Run);
        QCOMPARE(request.settingsFile, QStringLiteral("x"));
    }

    void textsNameTheProgramAndVersion() {
        QCOMPARE(CommandLine::versionText(), QStringLiteral("busbar " BUSBAR_VERSION "\n"));
        QVERIFY(CommandLine::helpText().startsWith(QStringLiteral("Usage: busbar")));
        QVERIFY(CommandLine::helpText().contains(QStringLiteral("--version")));
        QVERIFY(CommandLine::helpText().contains(QStringLiteral("--settings")));
    }

    void binaryPrintsVersionWithoutADisplay() {
        const Run run = runBusbar({QStringLiteral("--version")});
        QCOMPARE(run.status, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringLiteral("busbar " BUSBAR_VERSION "\n"));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }

    void binaryPrintsHelpWithoutADisplay() {
        const Run run = runBusbar({QStringLiteral("--help")});
        QCOMPARE(run.status, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, CommandLine::helpText());
    }

    void binaryRejectsUnknownOptionsWithoutADisplay() {
        const Run run = runBusbar({QStringLiteral("--frobnicate")});
        QCOMPARE(run.status, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.contains(QStringLiteral("Unknown option: --frobnicate")));
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_CommandLine.moc"
