#include "core/auth/ConnectionString.h"
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/DeadLetterFixtures.h"
#include "tests/fault/common/FaultProxy.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

constexpr int kMessages = 10000;
// The job resumed at most this many times in all: each cut may fail it once.
constexpr int kMaxRuns = 8;

QByteArray describe(const Error& error) {
    return error.toString().toUtf8();
}

emulator::EmulatorConfig cutsConfig() {
    emulator::NamespaceConfig ns;
    QueueDescription source;
    source.name = QStringLiteral("replay");
    source.lockDuration = 5000ms; // locks of a dropped connection run out fast
    ns.queues.append(source);
    // No duplicate detection: a message sent twice would show as two.
    QueueDescription target;
    target.name = QStringLiteral("replay-target");
    ns.queues.append(target);
    source.name = QStringLiteral("unknown");
    ns.queues.append(source);
    target.name = QStringLiteral("unknown-target");
    ns.queues.append(target);
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

// Whether the job stopped for something a resume on the same journal can fix.
bool resumable(const Error& error) {
    return error.isRetryable() || error.code == ErrorCode::OutcomeUnknown ||
           error.code == ErrorCode::LockLost;
}

} // namespace

// ResubmitJob through a FaultProxy whose connections are cut (closed) three times mid-replay:
// each cut either is survived or fails the job with an error a resume can fix, and a new job
// on the same journal takes over. The target has no duplicate detection, so exactly-once is
// the job's own doing (a send whose outcome the cut hid is looked for at the target first).
class tst_ResubmitJobCuts : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AmqpServiceBusClient> m_direct; // seeds and checks, never through the proxy

    std::unique_ptr<AmqpServiceBusClient> clientAt(quint16 port, bool quickReconnect) {
        const QString text = QString(m_endpoints.connectionString)
                                 .replace(QStringLiteral(":%1;").arg(m_endpoints.amqpPort),
                                          QStringLiteral(":%1;").arg(port));
        Result<ConnectionString> cs = ConnectionString::parse(text);
        if (!cs) {
            return nullptr;
        }
        NamespaceConnectionOptions options;
        options.connectionString = *cs;
        if (quickReconnect) {
            options.reconnectBaseDelay = 20ms;
            options.reconnectMaxDelay = 200ms;
        }
        auto client = std::make_unique<AmqpServiceBusClient>(options);
        client->setOperationTimeout(20s);
        return client;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = cutsConfig();
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : describe(endpoints.error()).constData());
        m_endpoints = *endpoints;
        m_direct = clientAt(m_endpoints.amqpPort, false);
        QVERIFY(m_direct);
    }

    void cleanupTestCase() {
        m_direct.reset();
        m_emulator.stop();
    }

    void replayOfTenThousandSurvivesThreeCuts() {
        QElapsedTimer clock;
        clock.start();
        QVERIFY(fillDeadLetterQueue(*m_direct, QStringLiteral("replay"), QStringLiteral("msg"),
                                    kMessages));
        qInfo("seeded %d dead letters in %lld ms", kMessages, clock.restart());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString journal = dir.filePath(QStringLiteral("replay.journal"));
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        QSignalSpy opened(&proxy, &FaultProxy::connectionOpened);
        auto client = clientAt(proxy.port(), true);
        QVERIFY(client);

        ResubmitOptions options;
        options.sourceEntity = QStringLiteral("replay");
        options.targetEntity = QStringLiteral("replay-target");
        options.batchSize = 200;
        options.sendChunk = 50;
        auto job = std::make_unique<ResubmitJob>(client.get(), client.get(), options, journal);
        job->start();

        // Done over every run so far (a resumed job counts only its own).
        qint64 doneBefore = 0;
        int runs = 1;
        QList<Error> stops;
        const auto restartIfStopped = [&]() -> bool {
            if (job->state() != JobState::Failed) {
                return true;
            }
            stops.append(job->error());
            if (!resumable(job->error()) || runs >= kMaxRuns) {
                return false;
            }
            doneBefore += job->progress().done;
            // The journal holds the definition: the options given here are ignored.
            job = std::make_unique<ResubmitJob>(client.get(), client.get(), ResubmitOptions{},
                                                journal);
            job->start();
            ++runs;
            return true;
        };

        const qint64 cutsAt[] = {kMessages / 4, kMessages / 2, 3 * kMessages / 4};
        int cuts = 0;
        for (const qint64 threshold : cutsAt) {
            // Wait for the threshold; a job stopped by the previous cut is resumed meanwhile.
            for (;;) {
                QTRY_VERIFY_WITH_TIMEOUT(job->isFinished() ||
                                             doneBefore + job->progress().done >= threshold,
                                         kFixtureAwaitMs);
                if (!job->isFinished()) {
                    break;
                }
                QVERIFY2(job->state() != JobState::Completed, "the job ended before the cuts");
                QVERIFY2(restartIfStopped(), describe(stops.last()).constData());
            }
            const int connections = proxy.totalConnections();
            proxy.cutAll(); // mid-batch: receives, sends and completions in flight
            ++cuts;
            // The next cut only once the client is back (or the job stopped), so each cut
            // breaks a live connection.
            QTRY_VERIFY_WITH_TIMEOUT(job->isFinished() || proxy.totalConnections() > connections,
                                     kFixtureAwaitMs);
        }
        for (;;) {
            QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 3 * kFixtureAwaitMs);
            if (job->state() == JobState::Completed) {
                break;
            }
            QVERIFY2(restartIfStopped(), describe(stops.last()).constData());
        }
        qInfo("replayed through %d cuts in %lld ms: %d run(s), %d connection(s)", cuts,
              clock.elapsed(), runs, proxy.totalConnections());
        for (const Error& stop : std::as_const(stops)) {
            qInfo("  a run stopped: %s", describe(stop).constData());
        }
        QCOMPARE(cuts, 3);
        QVERIFY(proxy.totalConnections() >= 4);
        QVERIFY(opened.size() >= 4);
        QVERIFY(doneBefore + job->progress().done >= kMessages);

        const auto target = peekAll(*m_direct, QStringLiteral("replay-target"), SubQueue::None);
        QHash<QString, int> copies;
        for (const ServiceBusMessage& m : target) {
            ++copies[m.messageId()];
        }
        QStringList duplicated;
        for (auto it = copies.cbegin(); it != copies.cend(); ++it) {
            if (it.value() > 1) {
                duplicated.append(it.key());
            }
        }
        QVERIFY2(duplicated.isEmpty(),
                 qPrintable(QStringLiteral("sent more than once: %1")
                                .arg(duplicated.mid(0, 10).join(QLatin1String(", ")))));
        QCOMPARE(copies.size(), kMessages);
        QCOMPARE(target.size(), kMessages);
        for (int i = 0; i < kMessages; ++i) {
            QVERIFY(copies.contains(QStringLiteral("msg-%1").arg(i)));
        }
        QVERIFY(peekAll(*m_direct, QStringLiteral("replay"), SubQueue::DeadLetter).isEmpty());
        QVERIFY(peekAll(*m_direct, QStringLiteral("replay"), SubQueue::None).isEmpty());
    }

    // The worst moment, made on purpose: the target stored the copies, the cut took their
    // dispositions. The job stops with the outcome unknown; the resumed job finds the copies at
    // the target and only completes the dead letters.
    void copiesStoredButUnconfirmedAreNotSentAgain() {
        constexpr int kCount = 20;
        QVERIFY(fillDeadLetterQueue(*m_direct, QStringLiteral("unknown"), QStringLiteral("msg"),
                                    kCount));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString journal = dir.filePath(QStringLiteral("unknown.journal"));
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientAt(proxy.port(), true);
        QVERIFY(client);

        // The send link to the target attached beforehand (its attach needs the broker's
        // answer, which the stall would hold back): one message sent and taken away again.
        OutgoingMessage warmUp;
        warmUp.messageId = QStringLiteral("warm-up");
        QVERIFY(await(client->send(QStringLiteral("unknown-target"), {warmUp})));
        const auto taken = await(m_direct->receive(QStringLiteral("unknown-target"), SubQueue::None,
                                                   ReceiveMode::ReceiveAndDelete, 1, 5s));
        QVERIFY(taken && taken->size() == 1);

        ResubmitOptions options;
        options.sourceEntity = QStringLiteral("unknown");
        options.targetEntity = QStringLiteral("unknown-target");
        options.batchSize = kCount;
        options.sendChunk = kCount;
        ResubmitJob first(client.get(), client.get(), options, journal);
        int copied = 0;
        // Called as each copy is made, right before the send: after the last one, nothing
        // more comes back from the broker.
        first.setEditHook([&proxy, &copied](OutgoingMessage&) {
            if (++copied == kCount) {
                proxy.setStalled(FaultProxy::Direction::ServerToClient, true);
            }
        });
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            peekAll(*m_direct, QStringLiteral("unknown-target"), SubQueue::None).size(), kCount,
            kFixtureAwaitMs);
        QVERIFY(!first.isFinished());
        proxy.cutAll();
        QTRY_VERIFY_WITH_TIMEOUT(first.isFinished(), kFixtureAwaitMs);
        QCOMPARE(first.state(), JobState::Failed);
        QCOMPARE(first.error().code, ErrorCode::OutcomeUnknown);
        QCOMPARE(first.progress().done, 0);
        proxy.setStalled(FaultProxy::Direction::ServerToClient, false);

        ResubmitJob resumed(client.get(), client.get(), ResubmitOptions{}, journal);
        resumed.start();
        QTRY_VERIFY_WITH_TIMEOUT(resumed.isFinished(), kFixtureAwaitMs);
        QVERIFY2(resumed.state() == JobState::Completed, describe(resumed.error()).constData());
        QCOMPARE(resumed.progress().done, kCount);

        const auto target = peekAll(*m_direct, QStringLiteral("unknown-target"), SubQueue::None);
        QSet<QString> ids;
        for (const ServiceBusMessage& m : target) {
            ids.insert(m.messageId());
        }
        QCOMPARE(target.size(), kCount);
        QCOMPARE(ids.size(), kCount);
        QVERIFY(peekAll(*m_direct, QStringLiteral("unknown"), SubQueue::DeadLetter).isEmpty());
        QVERIFY(peekAll(*m_direct, QStringLiteral("unknown"), SubQueue::None).isEmpty());
    }
};

QTEST_MAIN(tst_ResubmitJobCuts)
#include "tst_ResubmitJobCuts.moc"
