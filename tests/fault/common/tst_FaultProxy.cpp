#include "tests/fault/common/FaultProxy.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace busbar::test;
using namespace std::chrono_literals;
using Direction = FaultProxy::Direction;
using Fault = FaultProxy::Fault;

// The proxy in front of an echo server on the same thread: what goes in comes back through
// both directions of the proxy.
class tst_FaultProxy : public QObject {
    Q_OBJECT

private:
    QTcpServer m_echo;
    QByteArray m_echoed; // everything the echo server received, across connections

private Q_SLOTS:
    void initTestCase() {
        connect(&m_echo, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_echo.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray bytes = socket->readAll();
                    m_echoed += bytes;
                    socket->write(bytes);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QVERIFY(m_echo.listen(QHostAddress::LocalHost, 0));
    }

    void init() { m_echoed.clear(); }

    void forwardsBothWays() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_echo.serverPort()));
        QSignalSpy opened(&proxy, &FaultProxy::connectionOpened);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, proxy.port());
        client.write("hello");
        QTRY_COMPARE(client.bytesAvailable(), qint64(5));
        QCOMPARE(client.readAll(), QByteArray("hello"));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(proxy.activeConnections(), 1);
        QCOMPARE(proxy.bytesForwarded(Direction::ClientToServer), qint64(5));
        QCOMPARE(proxy.bytesForwarded(Direction::ServerToClient), qint64(5));
    }

    void delayAppliesEachWay() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_echo.serverPort()));
        proxy.setDelay(100ms);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, proxy.port());
        QVERIFY(client.waitForConnected(5000));
        QElapsedTimer clock;
        clock.start();
        client.write("ping");
        QTRY_COMPARE(client.bytesAvailable(), qint64(4));
        QVERIFY2(clock.elapsed() >= 200, QByteArray::number(clock.elapsed()).constData());
    }

    void stallHoldsBytesUntilReleased() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_echo.serverPort()));
        proxy.setStalled(Direction::ServerToClient, true);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, proxy.port());
        client.write("abc");
        QTRY_COMPARE(proxy.queuedBytes(Direction::ServerToClient), qint64(3));
        QCOMPARE(m_echoed, QByteArray("abc"));
        QCOMPARE(proxy.bytesForwarded(Direction::ServerToClient), qint64(0));
        QCOMPARE(client.bytesAvailable(), qint64(0));
        proxy.setStalled(Direction::ServerToClient, false);
        QTRY_COMPARE(client.bytesAvailable(), qint64(3));
        QCOMPARE(client.readAll(), QByteArray("abc"));
        QCOMPARE(proxy.queuedBytes(Direction::ServerToClient), qint64(0));
    }

    void cutAfterBytesPassesExactlyThatMany() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_echo.serverPort()));
        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        QSignalSpy closed(&proxy, &FaultProxy::connectionClosed);
        proxy.armAfterBytes(Direction::ClientToServer, 4, Fault::Cut);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, proxy.port());
        QVERIFY(client.waitForConnected(5000));
        client.write("123456");
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(m_echoed, QByteArray("1234"));
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired.at(0).at(0).value<Fault>(), Fault::Cut);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(proxy.activeConnections(), 0);
    }

    void nextChunkStallsTheOtherDirection() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_echo.serverPort()));
        QSignalSpy fired(&proxy, &FaultProxy::faultFired);
        proxy.armOnNextChunk(Direction::ClientToServer, Fault::StallOther);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, proxy.port());
        client.write("request");
        QTRY_COMPARE(fired.size(), 1);
        QVERIFY(proxy.isStalled(Direction::ServerToClient));
        QVERIFY(!proxy.isStalled(Direction::ClientToServer));
        QTRY_COMPARE(proxy.queuedBytes(Direction::ServerToClient), qint64(7));
        QCOMPARE(client.bytesAvailable(), qint64(0));
    }

    void resetDropsEveryConnection() {
        FaultProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, m_echo.serverPort()));
        QTcpSocket first;
        QTcpSocket second;
        first.connectToHost(QHostAddress::LocalHost, proxy.port());
        second.connectToHost(QHostAddress::LocalHost, proxy.port());
        QTRY_COMPARE(proxy.activeConnections(), 2);
        QSignalSpy closed(&proxy, &FaultProxy::connectionClosed);
        proxy.resetAll();
        QCOMPARE(closed.size(), 2);
        QTRY_COMPARE(first.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(second.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(proxy.totalConnections(), 2);
        QCOMPARE(proxy.activeConnections(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_FaultProxy)
#include "tst_FaultProxy.moc"
