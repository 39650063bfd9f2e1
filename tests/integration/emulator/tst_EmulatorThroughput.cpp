// Volume through one emulator connection: 20,000 messages sent and received (PeekLock,
// completed) over the real socket path. Asserts only counts and order; the rates are printed
// for people (benchmarks proper live in bench/), never asserted.
#include "emulator/broker/Broker.h"
#include "emulator/server/EmulatorServer.h"

#include <QElapsedTimer>
#include <QTest>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;

class tst_EmulatorThroughput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twentyThousandEachWay() {
        constexpr int kCount = 20000;
        EmulatorServer server;
        EmulatorOptions options;
        options.config = testConfig();
        options.inMemory = true;
        options.amqpPort = 0;
        options.httpPort = -1;
        QVERIFY(server.start(options));

        auto client = tcpClient(server.amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        QTRY_VERIFY(client->link(QStringLiteral("s")).opened);

        QElapsedTimer clock;
        clock.start();
        const QByteArray payload(100, 'x');
        for (int i = 0; i < kCount; ++i) {
            client->send(QStringLiteral("s"), payload + QByteArray::number(i));
        }
        QTRY_COMPARE_WITH_TIMEOUT(client->link(QStringLiteral("s")).outcomes.size(), kCount, 60000);
        const qint64 sendMs = std::max<qint64>(1, clock.elapsed());
        QCOMPARE(client->link(QStringLiteral("s")).outcomes.count(QStringLiteral("accepted")),
                 kCount);
        QCOMPARE(server.broker()->runtimeInfo(QStringLiteral("q1"))->counts.activeMessageCount,
                 kCount);

        clock.restart();
        client->openReceiver(QStringLiteral("r"), QStringLiteral("q1"), 1000, true);
        QTRY_COMPARE_WITH_TIMEOUT(client->link(QStringLiteral("r")).received.size(), kCount, 60000);
        const qint64 receiveMs = std::max<qint64>(1, clock.elapsed());
        const auto received = client->link(QStringLiteral("r")).received;
        QCOMPARE(received.first().body, payload + "0");
        QCOMPARE(received.last().body, payload + QByteArray::number(kCount - 1));
        QTRY_COMPARE(server.broker()->runtimeInfo(QStringLiteral("q1"))->messageCount, 0);

        qInfo("sent %d in %lld ms (%lld msg/s), received %d in %lld ms (%lld msg/s)", kCount,
              sendMs, kCount * 1000 / sendMs, kCount, receiveMs, kCount * 1000 / receiveMs);
    }
};

QTEST_GUILESS_MAIN(tst_EmulatorThroughput)
#include "tst_EmulatorThroughput.moc"
