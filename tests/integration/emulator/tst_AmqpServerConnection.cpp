// The emulator's AMQP server connection against a small Proton-C++ client: CBS, link
// authorisation, send, receive, settle, and isolation of a misbehaving connection.
#include "emulator/broker/Broker.h"
#include "emulator/server/EmulatorServer.h"

#include <QSignalSpy>
#include <QTest>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;

class tst_AmqpServerConnection : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<EmulatorServer> m_server;
    qint64 activeCount(const QString& queue) const {
        auto info = m_server->broker()->runtimeInfo(queue);
        return info ? info->counts.activeMessageCount : -1;
    }

private Q_SLOTS:
    void init() {
        m_server = std::make_unique<EmulatorServer>();
        EmulatorOptions options;
        options.config = testConfig();
        options.inMemory = true;
        options.amqpPort = 0;
        options.httpPort = -1;
        QVERIFY(m_server->start(options));
        QVERIFY(m_server->amqpPort() != 0);
    }
    void cleanup() { m_server.reset(); }

    void cbsAcceptsAValidToken() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
    }

    void cbsRejectsBadTokens_data() {
        QTest::addColumn<QString>("tokenText");
        QTest::addColumn<int>("status");
        const QString audience = QStringLiteral("sb://localhost/q1");
        QTest::newRow("wrong key")
            << token(audience, QString::fromLatin1(kKeyName), QStringLiteral("not-the-key")) << 401;
        QTest::newRow("unknown key name") << token(audience, QStringLiteral("nobody")) << 401;
        QTest::newRow("expired") << token(audience, QString::fromLatin1(kKeyName),
                                          QString::fromLatin1(kKey), -60)
                                 << 401;
        QTest::newRow("not a token") << QStringLiteral("garbage") << 400;
    }
    void cbsRejectsBadTokens() {
        QFETCH(QString, tokenText);
        QFETCH(int, status);
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"), tokenText);
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{status});
    }

    void attachWithoutATokenIsDetachedUnauthorized() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        QTRY_VERIFY(client->link(QStringLiteral("s")).closed);
        QVERIFY(client->link(QStringLiteral("s")).opened);
        QCOMPARE(client->link(QStringLiteral("s")).errorCondition,
                 QStringLiteral("amqp:unauthorized-access"));
    }

    void listenOnlyTokenMayReceiveButNotSend() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1"), QStringLiteral("listener"),
                               QStringLiteral("LISTEN_KEY")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        client->openReceiver(QStringLiteral("r"), QStringLiteral("q1"), 1);
        QTRY_VERIFY(client->link(QStringLiteral("s")).closed);
        QCOMPARE(client->link(QStringLiteral("s")).errorCondition,
                 QStringLiteral("amqp:unauthorized-access"));
        QTRY_VERIFY(client->link(QStringLiteral("r")).opened);
        QVERIFY(!client->link(QStringLiteral("r")).closed);
    }

    void tokenForAnotherEntityDoesNotCover() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/other"),
                         token(QStringLiteral("sb://localhost/other")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        QTRY_VERIFY(client->link(QStringLiteral("s")).closed);
        QCOMPARE(client->link(QStringLiteral("s")).errorCondition,
                 QStringLiteral("amqp:unauthorized-access"));
    }

    void linksAreDetachedWhenTheirTokenExpires() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        const QString audience = QStringLiteral("sb://localhost/q1");
        client->putToken(
            audience, token(audience, QString::fromLatin1(kKeyName), QString::fromLatin1(kKey), 2));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        client->openReceiver(QStringLiteral("r"), QStringLiteral("q1"), 1);
        QTRY_VERIFY(client->link(QStringLiteral("s")).opened);
        QTRY_VERIFY(client->link(QStringLiteral("r")).opened);
        QVERIFY(!client->link(QStringLiteral("s")).closed);

        QTRY_VERIFY_WITH_TIMEOUT(client->link(QStringLiteral("s")).closed, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(client->link(QStringLiteral("r")).closed, 10000);
        QCOMPARE(client->link(QStringLiteral("s")).errorCondition,
                 QStringLiteral("amqp:unauthorized-access"));
        QCOMPARE(client->link(QStringLiteral("r")).errorCondition,
                 QStringLiteral("amqp:unauthorized-access"));
        QVERIFY(client->isOpen()); // only the links go, not the connection
    }

    void unknownEntityIsNotFound() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/"),
                         token(QStringLiteral("sb://localhost/")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("nosuchqueue"));
        QTRY_VERIFY(client->link(QStringLiteral("s")).closed);
        QCOMPARE(client->link(QStringLiteral("s")).errorCondition,
                 QStringLiteral("amqp:not-found"));
        QCOMPARE(client->link(QStringLiteral("s")).errorDescription,
                 QStringLiteral("The messaging entity 'nosuchqueue' could not be found."));
    }

    void senderAttachAnnouncesMaxMessageSize() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        QTRY_VERIFY(client->link(QStringLiteral("s")).opened);
        QVERIFY(!client->link(QStringLiteral("s")).closed);
        QCOMPARE(client->link(QStringLiteral("s")).remoteMaxMessageSize, quint64(262144));
    }

    void sendReceiveAndComplete() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        client->send(QStringLiteral("s"), QByteArrayLiteral("hello"), QStringLiteral("id-1"));
        QTRY_COMPARE(client->link(QStringLiteral("s")).outcomes,
                     QStringList{QStringLiteral("accepted")});
        QCOMPARE(activeCount(QStringLiteral("q1")), 1);

        client->openReceiver(QStringLiteral("r"), QStringLiteral("q1"), 5);
        QTRY_COMPARE(client->link(QStringLiteral("r")).received.size(), 1);
        const TestAmqpClient::Received received =
            client->link(QStringLiteral("r")).received.first();
        QCOMPARE(received.body, QByteArrayLiteral("hello"));
        QCOMPARE(received.messageId, QStringLiteral("id-1"));
        QCOMPARE(received.tag.size(), 16); // the lock token
        QCOMPARE(received.deliveryCount, 0u);

        client->accept(QStringLiteral("r"), 0);
        QTRY_COMPARE(activeCount(QStringLiteral("q1")), 0);
        auto info = m_server->broker()->runtimeInfo(QStringLiteral("q1"));
        QVERIFY(info);
        QCOMPARE(info->messageCount, 0);
    }

    void oversizedMessageIsRejected() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        client->send(QStringLiteral("s"), QByteArray(300 * 1024, 'x'));
        client->send(QStringLiteral("s"), QByteArrayLiteral("small"));
        QTRY_COMPARE(client->link(QStringLiteral("s")).outcomes.size(), 2);
        QCOMPARE(client->link(QStringLiteral("s")).outcomes,
                 (QStringList{QStringLiteral("rejected:amqp:link:message-size-exceeded"),
                              QStringLiteral("accepted")}));
        QCOMPARE(activeCount(QStringLiteral("q1")), 1);
    }

    void receiveAndDeleteRemovesOnDelivery() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/q1"),
                         token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        client->send(QStringLiteral("s"), QByteArrayLiteral("one"));
        client->send(QStringLiteral("s"), QByteArrayLiteral("two"));
        QTRY_COMPARE(client->link(QStringLiteral("s")).outcomes.size(), 2);
        client->openReceiver(QStringLiteral("r"), QStringLiteral("q1"), 10, true);
        QTRY_COMPARE(client->link(QStringLiteral("r")).received.size(), 2);
        QCOMPARE(client->link(QStringLiteral("r")).received.at(1).body, QByteArrayLiteral("two"));
        QTRY_COMPARE(m_server->broker()->runtimeInfo(QStringLiteral("q1"))->messageCount, 0);
    }

    void receiverOnSessionQueueWithoutFilterIsRefused() {
        auto client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(client->isOpen());
        client->putToken(QStringLiteral("sb://localhost/sessions"),
                         token(QStringLiteral("sb://localhost/sessions")));
        QTRY_COMPARE(client->cbsStatusCodes(), QList<int>{202});
        client->openReceiver(QStringLiteral("r"), QStringLiteral("sessions"), 1);
        QTRY_VERIFY(client->link(QStringLiteral("r")).closed);
        QVERIFY(!client->link(QStringLiteral("r")).errorCondition.isEmpty());
    }

    void garbageBytesCloseOnlyThatConnection() {
        auto good = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(good->isOpen());
        good->putToken(QStringLiteral("sb://localhost/q1"),
                       token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(good->cbsStatusCodes(), QList<int>{202});

        QTcpSocket bad;
        bad.connectToHost(QHostAddress::LocalHost, m_server->amqpPort());
        QVERIFY(bad.waitForConnected(5000));
        QSignalSpy closed(&bad, &QTcpSocket::disconnected);
        bad.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n\x01\x02\x03 not AMQP at all");
        QTRY_COMPARE(closed.size(), 1);
        QTRY_COMPARE(m_server->connectionCount(), 1);

        good->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        good->send(QStringLiteral("s"), QByteArrayLiteral("still here"));
        QTRY_COMPARE(good->link(QStringLiteral("s")).outcomes,
                     QStringList{QStringLiteral("accepted")});
        QVERIFY(good->isOpen());
    }

    void connectionStringNamesTheActualPort() {
        const QString cs = m_server->connectionString(0, false);
        QVERIFY(
            cs.startsWith(QStringLiteral("Endpoint=sb://localhost:%1;").arg(m_server->amqpPort())));
        QVERIFY(cs.contains(QStringLiteral("SharedAccessKeyName=RootManageSharedAccessKey;")));
        QVERIFY(!cs.contains(QStringLiteral("SAS_KEY_VALUE")));
        QVERIFY(cs.endsWith(QStringLiteral("UseDevelopmentEmulator=true;")));
        QVERIFY(m_server->connectionString(0, true).contains(
            QStringLiteral("SharedAccessKey=SAS_KEY_VALUE;")));
    }
};

QTEST_GUILESS_MAIN(tst_AmqpServerConnection)
#include "tst_AmqpServerConnection.moc"
