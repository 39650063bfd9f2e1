// PurgeJob when the answer to a batch delete is lost (the FaultProxy holds it back, then cuts
// the connection): the job stops with OutcomeUnknown, counts only what the broker confirmed,
// and deletes no further batch behind the user's back.
#include "core/jobs/PurgeJob.h"
#include "emulator/config/NamespaceConfig.h"
#include "tests/fault/client/FaultClientSupport.h"
#include "tests/fault/common/FaultProxy.h"

#include <QSignalSpy>
#include <QTest>

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

using Direction = FaultProxy::Direction;
using Fault = FaultProxy::Fault;

} // namespace

class tst_PurgeJobCuts : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AmqpServiceBusClient> m_direct;

    int brokerCount(const QString& queue) {
        int count = 0;
        qint64 from = 0;
        for (;;) {
            const auto page =
                await(m_direct->peek(queue, SubQueue::None, from, 250), kFaultAwaitMs);
            if (!page || page->isEmpty()) {
                return count;
            }
            count += int(page->size());
            from = page->last().sequenceNumber + 1;
        }
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        QueueDescription queue;
        queue.name = QStringLiteral("purge-cut");
        ns.queues.append(queue);
        options.config.namespaces.append(ns);
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : describeError(endpoints.error()).constData());
        m_endpoints = *endpoints;
        m_direct = clientThrough(m_endpoints, m_endpoints.amqpPort);
        QVERIFY(m_direct);
    }

    void cleanupTestCase() {
        m_direct.reset();
        m_emulator.stop();
    }

    void batchDeleteWithoutAnAnswerStopsThePurgeAsOutcomeUnknown() {
        const QString queue = QStringLiteral("purge-cut");
        QList<OutgoingMessage> messages;
        for (int i = 0; i < 30; ++i) {
            messages.append(messageWithId(QStringLiteral("m-%1").arg(i)));
        }
        QVERIFY(await(m_direct->send(queue, messages), kFaultAwaitMs));

        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientThrough(m_endpoints, proxy.port());
        QVERIFY(client);
        QVERIFY(await(client->peek(queue, SubQueue::None, 0, 1), kFaultAwaitMs)); // links in place

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::StallOther);
        PurgeOptions options;
        options.entity = queue;
        options.batchDeleteCount = 10;
        PurgeJob job(client.get(), options);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        // The first batch delete goes alone; the broker carries it out, its answer is held.
        QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 1, kFaultAwaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(brokerCount(queue), 20, kFaultAwaitMs);
        QVERIFY(finished.isEmpty());
        proxy.cutAll();

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kFaultAwaitMs);
        QCOMPARE(job.state(), JobState::Failed);
        QVERIFY2(job.error().code == ErrorCode::OutcomeUnknown,
                 describeError(job.error()).constData());
        QVERIFY2(job.error().message.contains(QStringLiteral("outcome of 1 batch delete(s)")) &&
                     job.error().message.contains(QStringLiteral("up to 10 more messages may or "
                                                                 "may not have been deleted")),
                 qPrintable(job.error().message));
        // Only what the broker confirmed is counted: nothing, and nothing as failed either.
        QCOMPARE(job.progress().done, 0);
        QCOMPARE(job.progress().failed, 0);
        QCOMPARE(job.report().deletedWithoutDetail, 0);

        // No second batch went out behind the user's back, after the reconnect either.
        proxy.setStalled(Direction::ServerToClient, false);
        QTRY_COMPARE_WITH_TIMEOUT(proxy.totalConnections(), 2, kFaultAwaitMs);
        QVERIFY(await(client->peek(queue, SubQueue::None, 0, 1), kFaultAwaitMs));
        QCOMPARE(brokerCount(queue), 20);

        // Started again, the purge deletes what is left.
        PurgeJob again(client.get(), options);
        QSignalSpy againFinished(&again, &Job::finished);
        again.start();
        QTRY_COMPARE_WITH_TIMEOUT(againFinished.size(), 1, kFaultAwaitMs);
        QVERIFY2(again.state() == JobState::Completed, describeError(again.error()).constData());
        QCOMPARE(again.progress().done, 20);
        QCOMPARE(brokerCount(queue), 0);
    }
};

QTEST_GUILESS_MAIN(tst_PurgeJobCuts)
#include "tst_PurgeJobCuts.moc"
