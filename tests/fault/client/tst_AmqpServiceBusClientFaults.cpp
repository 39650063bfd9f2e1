#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/Await.h"
#include "tests/fault/common/FaultProxy.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

constexpr int kAwaitMs = 30000;
using Direction = FaultProxy::Direction;
using Fault = FaultProxy::Fault;

QByteArray describe(const Error& error) {
    return error.toString().toUtf8();
}

OutgoingMessage textMessage(const QString& id) {
    OutgoingMessage m;
    m.body = id.toUtf8();
    m.messageId = id;
    return m;
}

emulator::EmulatorConfig faultConfig() {
    emulator::NamespaceConfig ns;
    for (const char* name : {"paging", "unknown", "latency", "reset", "inflight", "peek-cut",
                             "settle-cut", "peek-down", "ws-cut", "peek-closed"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        ns.queues.append(queue);
    }
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

} // namespace

class tst_AmqpServiceBusClientFaults : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AmqpServiceBusClient> m_direct; // seeds and checks, never through a proxy

    // A client whose every byte goes through `proxy`; quick to reconnect so tests stay short.
    std::unique_ptr<AmqpServiceBusClient>
    clientVia(quint16 port, TransportType transport = TransportType::AmqpPlain) {
        const QString text = QString(m_endpoints.connectionString)
                                 .replace(QStringLiteral(":%1;").arg(m_endpoints.amqpPort),
                                          QStringLiteral(":%1;").arg(port));
        Result<ConnectionString> cs = ConnectionString::parse(text);
        if (!cs) {
            return nullptr;
        }
        NamespaceConnectionOptions options;
        options.connectionString = *cs;
        options.reconnectBaseDelay = 20ms;
        options.reconnectMaxDelay = 200ms;
        options.transport = transport;
        options.webSocketTls = false;
        auto client = std::make_unique<AmqpServiceBusClient>(options);
        client->setOperationTimeout(20s);
        return client;
    }

    QStringList peekIds(const QString& queue) {
        QStringList ids;
        qint64 from = 0;
        for (;;) {
            const auto page = await(m_direct->peek(queue, SubQueue::None, from, 250), kAwaitMs);
            if (!page || page->isEmpty()) {
                return ids;
            }
            for (const ServiceBusMessage& m : *page) {
                ids.append(m.messageId());
            }
            from = page->last().sequenceNumber + 1;
        }
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = faultConfig();
        options.httpPort = -1;
        options.wsPort = 0;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : describe(endpoints.error()).constData());
        m_endpoints = *endpoints;
        m_direct = clientVia(m_endpoints.amqpPort);
        QVERIFY(m_direct);
    }

    void cleanupTestCase() {
        m_direct.reset();
        m_emulator.stop();
    }

    // The pager's loop: resume from the last sequence number + 1. Cut twice mid-reply, every
    // message still comes back exactly once. The core sends a peek cut by a drop again once
    // reconnected (AmqpServiceBusClientRetry.cpp), so the pager never even sees a failure;
    // one that still got through would have to be retryable.
    void peekTenThousandSurvivesTwoCuts() {
        constexpr int kCount = 10000;
        for (int batch = 0; batch < kCount / 500; ++batch) {
            QList<OutgoingMessage> messages;
            for (int i = 0; i < 500; ++i) {
                messages.append(textMessage(QStringLiteral("p-%1").arg(batch * 500 + i)));
            }
            const auto sent = await(m_direct->send(QStringLiteral("paging"), messages), kAwaitMs);
            QVERIFY2(sent, sent ? "" : describe(sent.error()).constData());
        }

        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        // The first cut a few pages in; the second one further on, armed once the first fired.
        proxy.armAfterBytes(Direction::ServerToClient, 300'000, Fault::Cut);
        int cuts = 0;
        connect(&proxy, &FaultProxy::faultFired, &proxy, [&proxy, &cuts] {
            if (++cuts == 1) {
                proxy.armAfterBytes(Direction::ServerToClient, 700'000, Fault::Cut);
            }
        });
        auto client = clientVia(proxy.port());
        QVERIFY(client);

        QHash<qint64, int> seenSequence;
        QSet<QString> seenIds;
        int failures = 0;
        qint64 from = 0;
        for (;;) {
            const auto page =
                await(client->peek(QStringLiteral("paging"), SubQueue::None, from, 250), kAwaitMs);
            if (!page) {
                QVERIFY2(page.error().isRetryable(), describe(page.error()).constData());
                QVERIFY2(++failures <= 4, "the pager kept failing after the cuts");
                continue;
            }
            if (page->isEmpty()) {
                break;
            }
            for (const ServiceBusMessage& m : *page) {
                QCOMPARE(++seenSequence[m.sequenceNumber], 1);
                seenIds.insert(m.messageId());
            }
            from = page->last().sequenceNumber + 1;
        }
        QCOMPARE(fired.size(), 2);
        QCOMPARE(failures, 0);
        QCOMPARE(proxy.totalConnections(), 3);
        QCOMPARE(seenSequence.size(), kCount);
        QCOMPARE(seenIds.size(), kCount);
        for (int i = 0; i < kCount; ++i) {
            QVERIFY(seenIds.contains(QStringLiteral("p-%1").arg(i)));
        }
    }

    // The transfer reaches the broker, its disposition never reaches us: OutcomeUnknown, never
    // success; the next send reconnects; the broker did store the message, once.
    void sendCutBeforeDispositionIsOutcomeUnknown() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        // Warm up: connection, CBS and the send link are in place, so the next client chunk is
        // the transfer itself.
        const auto warm =
            await(client->send(QStringLiteral("unknown"), {textMessage(QStringLiteral("u-0"))}),
                  kAwaitMs);
        QVERIFY2(warm, warm ? "" : describe(warm.error()).constData());

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::StallOther);
        auto inFlight =
            client->send(QStringLiteral("unknown"), {textMessage(QStringLiteral("u-1"))});
        QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 1, kAwaitMs);
        QVERIFY(proxy.isStalled(Direction::ServerToClient));
        QVERIFY(!inFlight.isFinished());
        proxy.cutAll();
        const auto lost = await(inFlight, kAwaitMs);
        QVERIFY(!lost);
        QCOMPARE(lost.error().code, ErrorCode::OutcomeUnknown);

        proxy.setStalled(Direction::ServerToClient, false);
        const auto next =
            await(client->send(QStringLiteral("unknown"), {textMessage(QStringLiteral("u-2"))}),
                  kAwaitMs);
        QVERIFY2(next, next ? "" : describe(next.error()).constData());
        QCOMPARE(proxy.totalConnections(), 2);
        QCOMPARE(
            peekIds(QStringLiteral("unknown")),
            (QStringList{QStringLiteral("u-0"), QStringLiteral("u-1"), QStringLiteral("u-2")}));
    }

    // 200 ms on every chunk each way: slower, but every operation still succeeds.
    void operationsSucceedWithAddedLatency() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        proxy.setDelay(200ms);
        auto client = clientVia(proxy.port());
        QVERIFY(client);

        QElapsedTimer clock;
        clock.start();
        const auto opened = await(client->connect(), kAwaitMs);
        QVERIFY2(opened, opened ? "" : describe(opened.error()).constData());
        // SASL and open need at least two round trips: the delay really was there.
        QVERIFY2(clock.elapsed() >= 800, QByteArray::number(clock.elapsed()).constData());

        QList<OutgoingMessage> messages;
        for (int i = 0; i < 20; ++i) {
            messages.append(textMessage(QStringLiteral("l-%1").arg(i)));
        }
        const auto sent = await(client->send(QStringLiteral("latency"), messages), kAwaitMs);
        QVERIFY2(sent, sent ? "" : describe(sent.error()).constData());
        const auto peeked =
            await(client->peek(QStringLiteral("latency"), SubQueue::None, 0, 50), kAwaitMs);
        QVERIFY2(peeked, peeked ? "" : describe(peeked.error()).constData());
        QCOMPARE(peeked->size(), 20);

        QList<ServiceBusMessage> received;
        while (received.size() < 20) {
            const auto got =
                await(client->receive(QStringLiteral("latency"), SubQueue::None,
                                      ReceiveMode::PeekLock, 20 - int(received.size()), 5s),
                      kAwaitMs);
            QVERIFY2(got, got ? "" : describe(got.error()).constData());
            QVERIFY(!got->isEmpty());
            received.append(*got);
        }
        QList<QFuture<VoidResult>> completions;
        for (const ServiceBusMessage& m : std::as_const(received)) {
            completions.append(client->complete(QStringLiteral("latency"), SubQueue::None, m));
        }
        for (const QFuture<VoidResult>& completion : std::as_const(completions)) {
            const auto done = await(completion, kAwaitMs);
            QVERIFY2(done, done ? "" : describe(done.error()).constData());
        }
        QVERIFY(peekIds(QStringLiteral("latency")).isEmpty());
        QCOMPARE(proxy.totalConnections(), 1);
    }

    // Locks held when the connection is reset are reported lost; nothing is completed.
    void resetAfterReceiveReportsLocksLost() {
        QList<OutgoingMessage> messages;
        for (int i = 0; i < 5; ++i) {
            messages.append(textMessage(QStringLiteral("r-%1").arg(i)));
        }
        QVERIFY(await(m_direct->send(QStringLiteral("reset"), messages), kAwaitMs));

        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        QList<ServiceBusMessage> locked;
        while (locked.size() < 5) {
            const auto got =
                await(client->receive(QStringLiteral("reset"), SubQueue::None,
                                      ReceiveMode::PeekLock, 5 - int(locked.size()), 5s),
                      kAwaitMs);
            QVERIFY2(got, got ? "" : describe(got.error()).constData());
            QVERIFY(!got->isEmpty());
            locked.append(*got);
        }
        proxy.resetAll();
        // The client had links in use, so it reconnects on its own: then it knows of the drop.
        QTRY_COMPARE_WITH_TIMEOUT(proxy.totalConnections(), 2, kAwaitMs);

        for (const ServiceBusMessage& m : std::as_const(locked)) {
            const auto done =
                await(client->complete(QStringLiteral("reset"), SubQueue::None, m), kAwaitMs);
            QVERIFY2(!done, "a completion after the reset reported success");
            QVERIFY2(done.error().code == ErrorCode::LockLost, describe(done.error()).constData());
        }
        QCOMPARE(peekIds(QStringLiteral("reset")).size(), 5);
    }

    // A receive waiting when the connection resets fails (retryable), not an empty success.
    void resetDuringReceiveFailsTheReceive() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        QVERIFY(await(client->connect(), kAwaitMs));
        const qint64 before = proxy.bytesForwarded(Direction::ClientToServer);
        auto waiting = client->receive(QStringLiteral("inflight"), SubQueue::None,
                                       ReceiveMode::PeekLock, 1, 15s);
        QTRY_VERIFY_WITH_TIMEOUT(proxy.bytesForwarded(Direction::ClientToServer) > before,
                                 kAwaitMs);
        QVERIFY(!waiting.isFinished());
        proxy.resetAll();
        const auto got = await(waiting, kAwaitMs);
        QVERIFY2(!got, "the receive returned as if the queue were empty");
        QVERIFY2(got.error().isRetryable(), describe(got.error()).constData());
    }

    // The connection drops while a peek's request is on the wire (the broker got one byte of
    // it): the core reconnects and sends the peek again, and the caller just gets the page.
    void peekCutMidRequestIsRetried() {
        QList<OutgoingMessage> messages;
        for (int i = 0; i < 3; ++i) {
            messages.append(textMessage(QStringLiteral("pc-%1").arg(i)));
        }
        QVERIFY(await(m_direct->send(QStringLiteral("peek-cut"), messages), kAwaitMs));

        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        // Warm up: connection, CBS and the $management pair are in place, so the next client
        // chunk is the peek request itself.
        const auto warm =
            await(client->peek(QStringLiteral("peek-cut"), SubQueue::None, 0, 1), kAwaitMs);
        QVERIFY2(warm, warm ? "" : describe(warm.error()).constData());
        QCOMPARE(proxy.totalConnections(), 1);

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut);
        const auto page =
            await(client->peek(QStringLiteral("peek-cut"), SubQueue::None, 0, 10), kAwaitMs);
        QCOMPARE(fired.size(), 1);
        QVERIFY2(page, page ? "" : describe(page.error()).constData());
        QCOMPARE(page->size(), 3);
        QCOMPARE(page->first().messageId(), QStringLiteral("pc-0"));
        QCOMPARE(proxy.totalConnections(), 2);
    }

    // The same over AMQP-over-WebSockets: the cut is seen through the WebSocket, the retry
    // goes over a new WebSocket.
    void peekOverWebSocketsCutMidRequestIsRetried() {
        QVERIFY(
            await(m_direct->send(QStringLiteral("ws-cut"), {textMessage(QStringLiteral("w-0"))}),
                  kAwaitMs));
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.wsPort));
        auto client = clientVia(proxy.port(), TransportType::AmqpWebSockets);
        QVERIFY(client);
        const auto warm =
            await(client->peek(QStringLiteral("ws-cut"), SubQueue::None, 0, 1), kAwaitMs);
        QVERIFY2(warm, warm ? "" : describe(warm.error()).constData());
        QCOMPARE(proxy.totalConnections(), 1);

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut);
        const auto page =
            await(client->peek(QStringLiteral("ws-cut"), SubQueue::None, 0, 10), kAwaitMs);
        QCOMPARE(fired.size(), 1);
        QVERIFY2(page, page ? "" : describe(page.error()).constData());
        QCOMPARE(page->size(), 1);
        QCOMPARE(page->first().messageId(), QStringLiteral("w-0"));
        QCOMPARE(proxy.totalConnections(), 2);
    }

    // A complete whose disposition is cut on the wire fails (the lock went with the link)
    // and is not sent again after the reconnect: the broker still holds the message, and a
    // new receiver gets it a second time.
    void settleCutMidRequestIsNotRetried() {
        QVERIFY(await(
            m_direct->send(QStringLiteral("settle-cut"), {textMessage(QStringLiteral("sc-0"))}),
            kAwaitMs));
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        const auto got = await(client->receive(QStringLiteral("settle-cut"), SubQueue::None,
                                               ReceiveMode::PeekLock, 1, 5s),
                               kAwaitMs);
        QVERIFY2(got, got ? "" : describe(got.error()).constData());
        QCOMPARE(got->size(), 1);

        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut);
        const auto done = await(
            client->complete(QStringLiteral("settle-cut"), SubQueue::None, got->first()), kAwaitMs);
        QCOMPARE(fired.size(), 1);
        QVERIFY2(!done, "a completion cut on the wire reported success");
        QVERIFY2(done.error().isRetryable() || done.error().code == ErrorCode::LockLost,
                 describe(done.error()).constData());
        // The client reconnects on its own (it had links in use); give a blind retry every
        // chance to happen, then look at the broker.
        QTRY_COMPARE_WITH_TIMEOUT(proxy.totalConnections(), 2, kAwaitMs);
        const auto peeked =
            await(client->peek(QStringLiteral("settle-cut"), SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY2(peeked, peeked ? "" : describe(peeked.error()).constData());
        QCOMPARE(peeked->size(), 1);
        QCOMPARE(peeked->first().messageId(), QStringLiteral("sc-0"));

        const auto again = await(m_direct->receive(QStringLiteral("settle-cut"), SubQueue::None,
                                                   ReceiveMode::PeekLock, 1, 5s),
                                 kAwaitMs);
        QVERIFY2(again, again ? "" : describe(again.error()).constData());
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->first().messageId(), QStringLiteral("sc-0"));
        QCOMPARE(again->first().deliveryCount, 1u); // delivered before, never completed
        QVERIFY(
            await(m_direct->complete(QStringLiteral("settle-cut"), SubQueue::None, again->first()),
                  kAwaitMs));
    }

    // The client goes away while a retried peek waits for the connection to come back: the
    // caller's future still finishes, with an error, instead of hanging or crashing.
    void clientClosedDuringARetryFinishesThePeek() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        QVERIFY(await(client->peek(QStringLiteral("peek-closed"), SubQueue::None, 0, 1), kAwaitMs));
        // Cut the peek's request, then hold every byte of the reconnection back.
        connect(&proxy, &FaultProxy::faultFired, &proxy,
                [&proxy] { proxy.setStalled(Direction::ClientToServer, true); });
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut);
        auto peek = client->peek(QStringLiteral("peek-closed"), SubQueue::None, 0, 1);
        QTRY_COMPARE_WITH_TIMEOUT(proxy.totalConnections(), 2, kAwaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(proxy.queuedBytes(Direction::ClientToServer) > 0, kAwaitMs);
        QVERIFY(!peek.isFinished());
        client.reset();
        QTRY_VERIFY_WITH_TIMEOUT(peek.isFinished(), 5000);
        QCOMPARE(peek.resultCount(), 1);
        const auto result = peek.result();
        QVERIFY(!result);
        QVERIFY2(result.error().code == ErrorCode::Connection ||
                     result.error().code == ErrorCode::Cancelled,
                 describe(result.error()).constData());
    }

    // A broker that stays out of reach: the retried peek gives up with a retryable error in
    // bounded time instead of retrying forever.
    void peekGivesUpWhenTheConnectionStaysDown() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_endpoints.amqpPort));
        auto client = clientVia(proxy.port());
        QVERIFY(client);
        QVERIFY(await(client->peek(QStringLiteral("peek-down"), SubQueue::None, 0, 1), kAwaitMs));
        // From now on every connection is cut on its first chunk from the client.
        connect(&proxy, &FaultProxy::faultFired, &proxy,
                [&proxy] { proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut); });
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::Cut);
        const auto page =
            await(client->peek(QStringLiteral("peek-down"), SubQueue::None, 0, 1), kAwaitMs);
        QVERIFY2(!page, "a peek succeeded with every connection cut");
        QVERIFY2(page.error().code == ErrorCode::Connection, describe(page.error()).constData());
        QVERIFY(page.error().isRetryable());
        QVERIFY(proxy.totalConnections() >= 2);
    }
};

QTEST_GUILESS_MAIN(tst_AmqpServiceBusClientFaults)
#include "tst_AmqpServiceBusClientFaults.moc"
