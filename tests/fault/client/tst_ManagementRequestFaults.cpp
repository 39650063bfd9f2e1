// $management requests that change the broker (schedule, batch delete) cut on the wire, and
// operation timeouts, through a FaultProxy in front of the in-process emulator. A request
// that went out and got no answer is OutcomeUnknown, never a retryable failure, and is never
// sent again behind the caller's back; one that never went out stays retryable.
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

emulator::EmulatorConfig faultConfig() {
    emulator::NamespaceConfig ns;
    for (const char* name : {"schedule-applied", "schedule-partial", "schedule-unwritten",
                             "delete-applied", "timeouts"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        ns.queues.append(queue);
    }
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

} // namespace

class tst_ManagementRequestFaults : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AmqpServiceBusClient> m_direct; // seeds and checks, never through a proxy

    // Every message the broker holds in `queue` (active and scheduled), by message-id.
    QStringList brokerIds(const QString& queue) {
        QStringList ids;
        qint64 from = 0;
        for (;;) {
            const auto page =
                await(m_direct->peek(queue, SubQueue::None, from, 250), kFaultAwaitMs);
            if (!page || page->isEmpty()) {
                return ids;
            }
            for (const ServiceBusMessage& m : *page) {
                ids.append(m.messageId());
            }
            from = page->last().sequenceNumber + 1;
        }
    }

    // A client through `proxy` with the connection, the entity's token and its $management
    // links in place, so the next bytes it writes are the next request itself.
    std::unique_ptr<AmqpServiceBusClient> warmClient(FaultProxy& proxy, const QString& queue) {
        auto client = clientThrough(m_endpoints, proxy.port());
        if (!client) {
            return nullptr;
        }
        const auto warm = await(client->peek(queue, SubQueue::None, 0, 1), kFaultAwaitMs);
        if (!warm) {
            qWarning() << "warm-up failed:" << describeError(warm.error());
            return nullptr;
        }
        return client;
    }

    // After a drop the client reconnects on its own (it had links in use); once it did and a
    // request through the new connection was answered, a blind repeat would have happened.
    void settle(FaultProxy& proxy, AmqpServiceBusClient& client, const QString& queue) {
        QTRY_COMPARE_WITH_TIMEOUT(proxy.totalConnections(), 2, kFaultAwaitMs);
        const auto after = await(client.peek(queue, SubQueue::None, 0, 1), kFaultAwaitMs);
        QVERIFY2(after, after ? "" : describeError(after.error()).constData());
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = faultConfig();
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

    // The whole request reaches the broker, which schedules the message; its answer is held
    // back and the connection cut. OutcomeUnknown, and the broker holds the message once.
    void scheduleCutAfterTheBrokerTookItIsOutcomeUnknown() {
        const QString queue = QStringLiteral("schedule-applied");
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = warmClient(proxy, queue);
        QVERIFY(client);

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::StallOther);
        auto scheduled = client->schedule(queue, {messageWithId(QStringLiteral("s-1"))},
                                          QDateTime::currentDateTimeUtc().addSecs(3600));
        QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 1, kFaultAwaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(brokerIds(queue), QStringList{QStringLiteral("s-1")},
                                  kFaultAwaitMs);
        QVERIFY(!scheduled.isFinished());
        proxy.cutAll();
        const auto lost = await(scheduled, kFaultAwaitMs);
        QVERIFY2(!lost, "a schedule without an answer reported success");
        QVERIFY2(lost.error().code == ErrorCode::OutcomeUnknown,
                 describeError(lost.error()).constData());
        QVERIFY(!lost.error().isRetryable());
        QVERIFY2(lost.error().message.contains(QStringLiteral("schedule-message")),
                 qPrintable(lost.error().message));

        proxy.setStalled(Direction::ServerToClient, false);
        settle(proxy, *client, queue);
        QCOMPARE(brokerIds(queue), QStringList{QStringLiteral("s-1")});
    }

    // The connection is cut after the request's first byte: the broker never got it whole,
    // the client cannot know that, so still OutcomeUnknown; the broker holds nothing, and
    // nothing is sent again after the reconnect.
    void scheduleCutMidRequestIsOutcomeUnknownAndAtMostOnce() {
        const QString queue = QStringLiteral("schedule-partial");
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = warmClient(proxy, queue);
        QVERIFY(client);

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut);
        const auto lost = await(client->schedule(queue, {messageWithId(QStringLiteral("p-1"))},
                                                 QDateTime::currentDateTimeUtc().addSecs(3600)),
                                kFaultAwaitMs);
        QCOMPARE(fired.size(), 1);
        QVERIFY2(!lost, "a cut schedule reported success");
        QVERIFY2(lost.error().code == ErrorCode::OutcomeUnknown,
                 describeError(lost.error()).constData());

        settle(proxy, *client, queue);
        QVERIFY(brokerIds(queue).isEmpty());
    }

    // A request that never went out (its link was still attaching when the connection went)
    // failed for sure: retryable, and the broker has nothing. Doing it again works, once.
    void scheduleNeverWrittenStaysRetryable() {
        const QString queue = QStringLiteral("schedule-unwritten");
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientThrough(m_endpoints, proxy.port());
        QVERIFY(client);
        const auto opened = await(client->connect(), kFaultAwaitMs);
        QVERIFY2(opened, opened ? "" : describeError(opened.error()).constData());

        // The token and the $management attach are held back: the request waits in the client.
        proxy.setStalled(Direction::ClientToServer, true);
        auto scheduled = client->schedule(queue, {messageWithId(QStringLiteral("u-1"))},
                                          QDateTime::currentDateTimeUtc().addSecs(3600));
        QTRY_VERIFY_WITH_TIMEOUT(proxy.queuedBytes(Direction::ClientToServer) > 0, kFaultAwaitMs);
        QVERIFY(!scheduled.isFinished());
        proxy.cutAll();
        const auto failed = await(scheduled, kFaultAwaitMs);
        QVERIFY2(!failed, "an unsent schedule reported success");
        QVERIFY2(failed.error().code == ErrorCode::Connection,
                 describeError(failed.error()).constData());
        QVERIFY(failed.error().isRetryable());

        proxy.setStalled(Direction::ClientToServer, false);
        QVERIFY(brokerIds(queue).isEmpty());
        const auto again = await(client->schedule(queue, {messageWithId(QStringLiteral("u-1"))},
                                                  QDateTime::currentDateTimeUtc().addSecs(3600)),
                                 kFaultAwaitMs);
        QVERIFY2(again, again ? "" : describeError(again.error()).constData());
        QCOMPARE(again->size(), 1);
        QCOMPARE(brokerIds(queue), QStringList{QStringLiteral("u-1")});
    }

    // The broker deletes the batch, its answer never arrives: OutcomeUnknown (not a count, not
    // a retryable error), and no second batch is deleted behind the caller's back.
    void batchDeleteCutMidRequestIsOutcomeUnknown() {
        const QString queue = QStringLiteral("delete-applied");
        QList<OutgoingMessage> messages;
        for (int i = 0; i < 5; ++i) {
            messages.append(messageWithId(QStringLiteral("d-%1").arg(i)));
        }
        QVERIFY(await(m_direct->send(queue, messages), kFaultAwaitMs));
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = warmClient(proxy, queue);
        QVERIFY(client);

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::StallOther);
        auto deleted = client->batchDelete(queue, SubQueue::None, 2,
                                           QDateTime::currentDateTimeUtc().addDays(1));
        QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 1, kFaultAwaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(brokerIds(queue).size(), 3, kFaultAwaitMs);
        QVERIFY(!deleted.isFinished());
        proxy.cutAll();
        const auto lost = await(deleted, kFaultAwaitMs);
        QVERIFY2(!lost, "a batch delete without an answer reported a count");
        QVERIFY2(lost.error().code == ErrorCode::OutcomeUnknown,
                 describeError(lost.error()).constData());
        QVERIFY2(lost.error().message.contains(QStringLiteral("batch-delete-messages")),
                 qPrintable(lost.error().message));

        proxy.setStalled(Direction::ServerToClient, false);
        settle(proxy, *client, queue);
        QCOMPARE(brokerIds(queue), (QStringList{QStringLiteral("d-2"), QStringLiteral("d-3"),
                                                QStringLiteral("d-4")}));
    }

    // One timer serves every operation's timeout: a short timeout armed after a long one
    // still fires first, with the same errors as before (Timeout for a read; OutcomeUnknown
    // for a schedule that went out), while the long one and later ones succeed.
    void timedOutOperationsFailWhileOthersSucceed() {
        const QString queue = QStringLiteral("timeouts");
        QVERIFY(
            await(m_direct->send(queue, {messageWithId(QStringLiteral("t-0"))}), kFaultAwaitMs));
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = warmClient(proxy, queue);
        QVERIFY(client);

        proxy.setStalled(Direction::ServerToClient, true);
        client->setOperationTimeout(20s);
        auto patient = client->peek(queue, SubQueue::None, 0, 10);
        client->setOperationTimeout(300ms);
        const auto read = await(client->peek(queue, SubQueue::None, 0, 10), kFaultAwaitMs);
        QVERIFY2(!read, "a peek without an answer succeeded");
        QVERIFY2(read.error().code == ErrorCode::Timeout, describeError(read.error()).constData());
        const auto scheduled =
            await(client->schedule(queue, {messageWithId(QStringLiteral("t-1"))},
                                   QDateTime::currentDateTimeUtc().addSecs(3600)),
                  kFaultAwaitMs);
        QVERIFY2(!scheduled, "a schedule without an answer succeeded");
        QVERIFY2(scheduled.error().code == ErrorCode::OutcomeUnknown,
                 describeError(scheduled.error()).constData());
        QVERIFY(!patient.isFinished());

        proxy.setStalled(Direction::ServerToClient, false);
        const auto page = await(patient, kFaultAwaitMs);
        QVERIFY2(page, page ? "" : describeError(page.error()).constData());
        QCOMPARE(page->size(), 1);
        client->setOperationTimeout(20s);
        const auto later = await(client->peek(queue, SubQueue::None, 0, 10), kFaultAwaitMs);
        QVERIFY2(later, later ? "" : describeError(later.error()).constData());
        QCOMPARE(later->size(), 2); // t-0 and the schedule that did go through, once
        QCOMPARE(proxy.totalConnections(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ManagementRequestFaults)
#include "tst_ManagementRequestFaults.moc"
