// Peek read-ahead in the messaging core (ConnectionEnginePeek.cpp): after a full page the
// next one is asked for before the caller does. Paging must still see every message once, in
// order, and a page asked for out of sequence must be answered fresh.
#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/server/InProcessEmulator.h"

#include <QSet>
#include <QTest>

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

} // namespace

class tst_PeekReadAhead : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"paging", "fresh"}) {
            QueueDescription queue;
            queue.name = QString::fromLatin1(name);
            ns.queues.append(queue);
        }
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config.namespaces = {ns};
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(describe(endpoints.error())));
        const Result<ConnectionString> cs = ConnectionString::parse(endpoints->connectionString);
        QVERIFY(cs);
        NamespaceConnectionOptions connection;
        connection.connectionString = *cs;
        m_client = std::make_unique<AmqpServiceBusClient>(connection);
        m_client->setOperationTimeout(10s);
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void sequentialPagesSeeEveryMessageOnceInOrder() {
        QVERIFY(
            await(m_client->send(QStringLiteral("paging"), numbered(QStringLiteral("p"), 550))));
        QList<qint64> sequence;
        QSet<QString> ids;
        qint64 from = 0;
        for (int page = 0; page < 20; ++page) {
            const auto got =
                await(m_client->peek(QStringLiteral("paging"), SubQueue::None, from, 100));
            QVERIFY2(got, got ? "" : qPrintable(describe(got.error())));
            if (got->isEmpty()) {
                break;
            }
            for (const ServiceBusMessage& m : *got) {
                sequence.append(m.sequenceNumber);
                ids.insert(m.messageId());
            }
            from = got->last().sequenceNumber + 1;
        }
        QCOMPARE(sequence.size(), 550);
        QCOMPARE(ids.size(), 550);
        for (int i = 1; i < sequence.size(); ++i) {
            QVERIFY(sequence.at(i) > sequence.at(i - 1));
        }
    }

    // The read-ahead after page one was for the page after it; asking for page one again,
    // after messages left the queue, must show the queue as it is now.
    void aPageOutOfSequenceIsAnsweredFresh() {
        QVERIFY(await(m_client->send(QStringLiteral("fresh"), numbered(QStringLiteral("f"), 200))));
        const auto first = await(m_client->peek(QStringLiteral("fresh"), SubQueue::None, 0, 100));
        QVERIFY(first);
        QCOMPARE(first->size(), 100);
        const qint64 lowest = first->first().sequenceNumber;
        int taken = 0;
        while (taken < 30) {
            const auto got =
                await(m_client->receive(QStringLiteral("fresh"), SubQueue::None,
                                        ReceiveMode::ReceiveAndDelete, 30 - taken, 3s));
            QVERIFY(got && !got->isEmpty());
            taken += int(got->size());
        }
        const auto again = await(m_client->peek(QStringLiteral("fresh"), SubQueue::None, 0, 100));
        QVERIFY(again);
        QCOMPARE(again->size(), 100);
        QCOMPARE(again->first().sequenceNumber, lowest + 30);
        // And the page after it, whether read ahead or not, continues right after it.
        const auto next = await(m_client->peek(QStringLiteral("fresh"), SubQueue::None,
                                               again->last().sequenceNumber + 1, 100));
        QVERIFY(next);
        QCOMPARE(next->size(), 70);
        QCOMPARE(next->first().sequenceNumber, again->last().sequenceNumber + 1);
    }
};

QTEST_GUILESS_MAIN(tst_PeekReadAhead)
#include "tst_PeekReadAhead.moc"
