// Receive credit in the messaging core (ConnectionEngine): without a window a receive() call
// is answered with everything available up to its count; with a standing window
// (NamespaceConnection::setPrefetch) the broker keeps the client's buffer full, and no message
// is lost or handed out twice.
#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/NamespaceConnection.h"
#include "emulator/server/InProcessEmulator.h"

#include <QSet>
#include <QTest>
#include <QUuid>

#include <memory>

#include "ClientTestSupport.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

QList<OutgoingMessage> numbered(const QString& prefix, int count) {
    QList<OutgoingMessage> messages;
    for (int i = 0; i < count; ++i) {
        OutgoingMessage m;
        m.body = (prefix + QString::number(i)).toUtf8();
        m.messageId = prefix + QString::number(i);
        messages.append(m);
    }
    return messages;
}

QSet<QString> idsOf(const QList<ServiceBusMessage>& messages) {
    QSet<QString> ids;
    for (const ServiceBusMessage& m : messages) {
        ids.insert(m.messageId());
    }
    return ids;
}

} // namespace

class tst_ReceivePrefetch : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    QString m_connectionString;
    quint16 m_amqpPort = 0;
    std::shared_ptr<NamespaceConnection> m_connection;
    std::unique_ptr<AmqpServiceBusClient> m_client;

    // Messages still on the broker, by peeking (peek never takes or locks).
    int onBroker(const QString& queue) {
        const auto peeked = await(m_client->peek(queue, SubQueue::None, 0, 1000));
        return peeked ? int(peeked->size()) : -1;
    }

    QList<ServiceBusMessage> receiveUntil(const QString& queue, ReceiveMode mode, int count,
                                          int perCall) {
        QList<ServiceBusMessage> all;
        while (all.size() < count) {
            const auto got = await(m_client->receive(queue, SubQueue::None, mode, perCall, 3s));
            if (!got || got->isEmpty()) {
                break;
            }
            all.append(*got);
        }
        return all;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"batch", "window", "close", "off", "locked", "drop"}) {
            QueueDescription queue;
            queue.name = QString::fromLatin1(name);
            ns.queues.append(queue);
        }
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config.namespaces = {ns};
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(describe(endpoints.error())));
        m_connectionString = endpoints->connectionString;
        m_amqpPort = endpoints->amqpPort;
    }

    // A fresh connection per test: the window is a connection setting.
    void init() {
        const Result<ConnectionString> cs = ConnectionString::parse(m_connectionString);
        QVERIFY(cs);
        NamespaceConnectionOptions options;
        options.connectionString = *cs;
        m_connection = std::make_shared<NamespaceConnection>(options);
        m_client = std::make_unique<AmqpServiceBusClient>(m_connection);
        m_client->setOperationTimeout(10s);
    }

    void cleanup() {
        m_client.reset();
        m_connection.reset();
    }

    void cleanupTestCase() { m_emulator.stop(); }

    // No window: one call gets all that is there up to its count, in one answer, whatever
    // the socket reads cut the transfers into; nothing is taken beyond what was asked.
    void withoutWindowOneCallTakesWhatIsThereUpToItsCount() {
        QVERIFY(await(m_client->send(QStringLiteral("batch"), numbered(QStringLiteral("b"), 300))));
        const auto first = await(m_client->receive(QStringLiteral("batch"), SubQueue::None,
                                                   ReceiveMode::ReceiveAndDelete, 200, 5s));
        QVERIFY2(first, first ? "" : qPrintable(describe(first.error())));
        QCOMPARE(first->size(), 200);
        QCOMPARE(onBroker(QStringLiteral("batch")), 100);
        const auto rest = await(m_client->receive(QStringLiteral("batch"), SubQueue::None,
                                                  ReceiveMode::ReceiveAndDelete, 500, 5s));
        QVERIFY(rest);
        QCOMPARE(rest->size(), 100); // the drain answered: no waiting for the other 400
        QCOMPARE(idsOf(*first + *rest).size(), 300);
        QCOMPARE(onBroker(QStringLiteral("batch")), 0);
    }

    // With a window the broker fills the client's buffer ahead of the calls; every message
    // comes out exactly once, in order, and none stays on the broker.
    void windowHandsOutEveryMessageOnce() {
        m_connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 100);
        QVERIFY(
            await(m_client->send(QStringLiteral("window"), numbered(QStringLiteral("w"), 250))));
        const auto all =
            receiveUntil(QStringLiteral("window"), ReceiveMode::ReceiveAndDelete, 250, 30);
        QCOMPARE(all.size(), 250);
        QCOMPARE(idsOf(all).size(), 250);
        for (int i = 1; i < all.size(); ++i) {
            QVERIFY(all.at(i).sequenceNumber > all.at(i - 1).sequenceNumber);
        }
        QCOMPARE(onBroker(QStringLiteral("window")), 0);
    }

    // Received-and-deleted messages in the window are gone from the broker: a later receive()
    // returns them; closing the receiver with some left reports them (count and sequence
    // numbers) instead of dropping them silently. Taken + reported + left = sent.
    void closingWithPrefetchedMessagesReportsThem() {
        m_connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 50);
        QVERIFY(await(m_client->send(QStringLiteral("close"), numbered(QStringLiteral("c"), 100))));
        const auto taken = await(m_client->receive(QStringLiteral("close"), SubQueue::None,
                                                   ReceiveMode::ReceiveAndDelete, 10, 5s));
        QVERIFY(taken && !taken->isEmpty());
        // The window refills to 50 past what was taken.
        QTRY_COMPARE_WITH_TIMEOUT(onBroker(QStringLiteral("close")), 100 - int(taken->size()) - 50,
                                  kAwaitMs);
        const auto closed = await(m_connection->closeReceiver(QStringLiteral("close"), {}));
        QVERIFY(!closed);
        QCOMPARE(closed.error().code, ErrorCode::Cancelled);
        QVERIFY2(closed.error().message.contains(QStringLiteral("50 received message(s)")),
                 qPrintable(closed.error().message));
        const qint64 firstReported = taken->last().sequenceNumber + 1;
        QVERIFY2(closed.error().message.contains(QStringLiteral("sequence numbers %1 to %2")
                                                     .arg(firstReported)
                                                     .arg(firstReported + 49)),
                 qPrintable(closed.error().message));
        // The rest is still on the broker, for a new receiver.
        m_connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 0);
        const auto left = receiveUntil(QStringLiteral("close"), ReceiveMode::ReceiveAndDelete,
                                       100 - int(taken->size()) - 50, 100);
        QCOMPARE(left.size(), 100 - int(taken->size()) - 50);
        QVERIFY(left.first().sequenceNumber > firstReported + 49);
        QCOMPARE(onBroker(QStringLiteral("close")), 0);
    }

    // Turning the window off takes the credit back: later messages stay on the broker.
    void windowOffTakesCreditBack() {
        m_connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 100);
        QVERIFY(await(m_client->send(QStringLiteral("off"), numbered(QStringLiteral("o"), 5))));
        const auto all = receiveUntil(QStringLiteral("off"), ReceiveMode::ReceiveAndDelete, 5, 5);
        QCOMPARE(all.size(), 5);
        const auto off = await(m_connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 0));
        QVERIFY(off);
        QVERIFY(await(m_client->send(QStringLiteral("off"), numbered(QStringLiteral("p"), 20))));
        QCOMPARE(onBroker(QStringLiteral("off")), 20);
        const auto later =
            receiveUntil(QStringLiteral("off"), ReceiveMode::ReceiveAndDelete, 20, 20);
        QCOMPARE(later.size(), 20);
    }

    // A dropped connection does not lose received-and-deleted messages the window held: the
    // next receive() (on a new link after the reconnect) returns them first.
    void windowedMessagesSurviveADroppedConnection() {
        TcpRelay relay;
        QVERIFY(relay.listen(m_amqpPort));
        const Result<ConnectionString> cs =
            ConnectionString::parse(QString(m_connectionString)
                                        .replace(QStringLiteral(":%1;").arg(m_amqpPort),
                                                 QStringLiteral(":%1;").arg(relay.port())));
        QVERIFY(cs);
        NamespaceConnectionOptions options;
        options.connectionString = *cs;
        options.reconnectBaseDelay = 50ms;
        auto connection = std::make_shared<NamespaceConnection>(options);
        AmqpServiceBusClient client(connection);
        client.setOperationTimeout(10s);
        connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 50);
        QVERIFY(await(client.send(QStringLiteral("drop"), numbered(QStringLiteral("d"), 100))));
        QList<ServiceBusMessage> all;
        const auto first = await(client.receive(QStringLiteral("drop"), SubQueue::None,
                                                ReceiveMode::ReceiveAndDelete, 10, 5s));
        QVERIFY(first && !first->isEmpty());
        all.append(*first);
        // The window fills (checked on the direct connection), then the connection drops.
        QTRY_COMPARE_WITH_TIMEOUT(onBroker(QStringLiteral("drop")), 100 - int(all.size()) - 50,
                                  kAwaitMs);
        relay.cutAll();
        while (all.size() < 100) {
            const auto got = await(client.receive(QStringLiteral("drop"), SubQueue::None,
                                                  ReceiveMode::ReceiveAndDelete, 30, 3s));
            if (!got) {
                continue; // the drop itself may fail a call; the messages must survive it
            }
            if (got->isEmpty()) {
                break;
            }
            all.append(*got);
        }
        QCOMPARE(all.size(), 100);
        QCOMPARE(idsOf(all).size(), 100);
        QCOMPARE(onBroker(QStringLiteral("drop")), 0);
    }

    // Peek-lock with an explicit window: prefetched messages are locked, handed out once, and
    // complete on their link.
    void peekLockWindowLocksAndCompletes() {
        m_connection->setPrefetch(ReceiveMode::PeekLock, 20);
        QVERIFY(await(m_client->send(QStringLiteral("locked"), numbered(QStringLiteral("l"), 30))));
        const auto all = receiveUntil(QStringLiteral("locked"), ReceiveMode::PeekLock, 30, 7);
        QCOMPARE(all.size(), 30);
        QCOMPARE(idsOf(all).size(), 30);
        for (const ServiceBusMessage& m : all) {
            QVERIFY(!m.lockToken.isNull());
            const auto done =
                await(m_client->complete(QStringLiteral("locked"), SubQueue::None, m));
            QVERIFY2(done, done ? "" : qPrintable(describe(done.error())));
        }
        QCOMPARE(onBroker(QStringLiteral("locked")), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ReceivePrefetch)
#include "tst_ReceivePrefetch.moc"
