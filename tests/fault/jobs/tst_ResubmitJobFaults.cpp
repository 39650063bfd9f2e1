#include "core/auth/ConnectionString.h"
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "tests/common/ClientFixtures.h"
#include "tests/common/DeadLetterFixtures.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "EmulatorProcess.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

constexpr int kMessages = 10000;

bool writeConfig(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(R"({"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": [
        {"Name": "replay", "Properties": {"LockDuration": "PT5S"}},
        {"Name": "replay-target", "Properties": {"RequiresDuplicateDetection": true,
                                                 "DuplicateDetectionHistoryTimeWindow": "PT1H"}}
    ], "Topics": []}], "Logging": {"Type": "Console"}}})");
    return true;
}

} // namespace

class tst_ResubmitJobFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replayOfTenThousandSurvivesTheBrokerKilledAndRestarted() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString config = dir.filePath(QStringLiteral("Config.json"));
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString journal = dir.filePath(QStringLiteral("replay.journal"));
        QVERIFY(writeConfig(config));

        EmulatorProcess emulator;
        QVERIFY(emulator.start(data, config));
        auto client = clientFor(emulator.connectionString());
        QVERIFY(client);
        QVERIFY(fillDeadLetterQueue(*client, QStringLiteral("replay"), QStringLiteral("msg"),
                                    kMessages));

        ResubmitOptions options;
        options.sourceEntity = QStringLiteral("replay");
        options.targetEntity = QStringLiteral("replay-target");
        options.batchSize = 100;
        options.sendChunk = 25;
        auto first = std::make_unique<ResubmitJob>(client.get(), client.get(), options, journal);
        first->start();
        QTRY_VERIFY_WITH_TIMEOUT(first->progress().done >= kMessages / 3, 180000);
        emulator.kill(); // mid-batch: sends and completions in flight
        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), 60000);
        QCOMPARE(first->state(), JobState::Failed);
        const qint64 doneBefore = first->progress().done;
        QVERIFY(doneBefore < kMessages);
        first.reset();
        client.reset();

        // The same store on new ports: the job resumes with a new client.
        QVERIFY(emulator.start(data, config));
        client = clientFor(emulator.connectionString());
        QVERIFY(client);
        // A fresh client whose first call is a DLQ management request is refused by the
        // emulator (the token put for "replay/$DeadLetterQueue" does not cover
        // "replay/$management"); a call on the entity first puts a token covering both.
        QVERIFY(await(client->peek(QStringLiteral("replay"), SubQueue::None, 0, 1)));
        ResubmitJob resumed(client.get(), client.get(), ResubmitOptions{}, journal);
        resumed.start();
        QTRY_VERIFY_WITH_TIMEOUT(resumed.isFinished(), 300000);
        QVERIFY2(resumed.state() == JobState::Completed, qPrintable(resumed.error().toString()));
        QVERIFY(doneBefore + resumed.progress().done >= kMessages);

        const auto target = peekAll(*client, QStringLiteral("replay-target"), SubQueue::None);
        QSet<QString> ids;
        for (const ServiceBusMessage& m : target) {
            ids.insert(m.messageId());
        }
        QCOMPARE(target.size(), kMessages);
        QCOMPARE(ids.size(), kMessages);
        QVERIFY(peekAll(*client, QStringLiteral("replay"), SubQueue::DeadLetter).isEmpty());
        QVERIFY(peekAll(*client, QStringLiteral("replay"), SubQueue::None).isEmpty());
    }
};

QTEST_MAIN(tst_ResubmitJobFaults)
#include "tst_ResubmitJobFaults.moc"
