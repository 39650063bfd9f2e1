// EmulatorServer's transports (WebSocket with both subprotocols, TLS with a CA made at test
// time) and InProcessEmulator, each checked with a full SASL + CBS exchange.
#include "core/amqp/WebSocketByteTransport.h"
#include "emulator/server/EmulatorServer.h"
#include "emulator/server/InProcessEmulator.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;

namespace {

bool runOpenssl(const QString& directory, const QStringList& arguments) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << "failed:" << process.readAll();
        return false;
    }
    return true;
}

} // namespace

class tst_EmulatorServer : public QObject {
    Q_OBJECT

private:
    static EmulatorOptions baseOptions() {
        EmulatorOptions options;
        options.config = testConfig();
        options.inMemory = true;
        options.amqpPort = 0;
        options.httpPort = -1;
        return options;
    }

    // SASL, open and a put-token over whatever transport the client runs on.
    static void expectCbsWorks(TestAmqpClient& client) {
        QTRY_VERIFY(client.isOpen());
        client.putToken(QStringLiteral("sb://localhost/q1"),
                        token(QStringLiteral("sb://localhost/q1")));
        QTRY_COMPARE(client.cbsStatusCodes(), QList<int>{202});
    }

private Q_SLOTS:
    void webSocketEchoesTheSubprotocolAsked_data() {
        QTest::addColumn<QString>("subprotocol");
        QTest::addColumn<QString>("path");
        QTest::newRow("AMQPWSB10")
            << QStringLiteral("AMQPWSB10") << QStringLiteral("/$servicebus/websocket");
        QTest::newRow("amqp") << QStringLiteral("amqp") << QStringLiteral("/$servicebus/websocket");
        QTest::newRow("trailing slash")
            << QStringLiteral("amqp") << QStringLiteral("/$servicebus/websocket/");
    }
    void webSocketEchoesTheSubprotocolAsked() {
        QFETCH(QString, subprotocol);
        QFETCH(QString, path);
        EmulatorServer server;
        EmulatorOptions options = baseOptions();
        options.wsPort = 0;
        QVERIFY(server.start(options));
        QVERIFY(server.wsPort() != 0);

        auto* socket = new QWebSocket;
        QWebSocketHandshakeOptions handshake;
        handshake.setSubprotocols({subprotocol});
        TestAmqpClient client(std::make_unique<WebSocketByteTransport>(socket));
        client.open();
        socket->open(QUrl(QStringLiteral("ws://localhost:%1%2").arg(server.wsPort()).arg(path)),
                     handshake);
        expectCbsWorks(client);
        QCOMPARE(socket->subprotocol(), subprotocol);
    }

    void webSocketOnAnotherPathIsClosed() {
        EmulatorServer server;
        EmulatorOptions options = baseOptions();
        options.wsPort = 0;
        QVERIFY(server.start(options));
        QWebSocket socket;
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        QWebSocketHandshakeOptions handshake;
        handshake.setSubprotocols({QStringLiteral("amqp")});
        socket.open(QUrl(QStringLiteral("ws://localhost:%1/elsewhere").arg(server.wsPort())),
                    handshake);
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(server.connectionCount(), 0);
    }

    void tlsWithATestCa() {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            QSKIP("the openssl command is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString d = dir.path();
        QVERIFY(runOpenssl(
            d, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                QStringLiteral("/CN=Busbar Test CA"), QStringLiteral("-addext"),
                QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}));
        QVERIFY(runOpenssl(d, {QStringLiteral("req"), QStringLiteral("-newkey"),
                               QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                               QStringLiteral("-keyout"), QStringLiteral("server.key"),
                               QStringLiteral("-out"), QStringLiteral("server.csr"),
                               QStringLiteral("-subj"), QStringLiteral("/CN=localhost")}));
        QFile extensions(d + QStringLiteral("/ext.cnf"));
        QVERIFY(extensions.open(QIODevice::WriteOnly));
        extensions.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                         "extendedKeyUsage=serverAuth\n");
        extensions.close();
        QVERIFY(runOpenssl(
            d,
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
             QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
             QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
             QStringLiteral("1"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf")}));

        EmulatorServer server;
        EmulatorOptions options = baseOptions();
        options.tlsPort = 0;
        options.wssPort = 0;
        options.tlsCertificatePath = d + QStringLiteral("/server.pem");
        options.tlsKeyPath = d + QStringLiteral("/server.key");
        QVERIFY(server.start(options));
        QVERIFY(server.tlsPort() != 0);

        auto* socket = new QSslSocket;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(d + QStringLiteral("/ca.pem")));
        socket->setSslConfiguration(tls);
        TestAmqpClient client(std::make_unique<TcpByteTransport>(socket));
        client.open();
        socket->connectToHostEncrypted(QStringLiteral("localhost"), server.tlsPort());
        expectCbsWorks(client);
        QVERIFY(socket->isEncrypted());
        QCOMPARE(socket->sslHandshakeErrors().size(), 0);

        // The same certificate serves WebSockets over TLS (the service's wss://host:443).
        QVERIFY(server.wssPort() != 0);
        auto* webSocket = new QWebSocket;
        webSocket->setSslConfiguration(tls);
        QWebSocketHandshakeOptions handshake;
        handshake.setSubprotocols({QStringLiteral("AMQPWSB10")});
        TestAmqpClient wssClient(std::make_unique<WebSocketByteTransport>(webSocket));
        wssClient.open();
        webSocket->open(
            QUrl(QStringLiteral("wss://localhost:%1/$servicebus/websocket").arg(server.wssPort())),
            handshake);
        expectCbsWorks(wssClient);
        QCOMPARE(webSocket->subprotocol(), QStringLiteral("AMQPWSB10"));
    }

    void tlsNeedsACertificate() {
        EmulatorServer server;
        EmulatorOptions options = baseOptions();
        options.tlsPort = 0;
        options.tlsCertificatePath = QStringLiteral("/nonexistent/server.pem");
        options.tlsKeyPath = QStringLiteral("/nonexistent/server.key");
        const VoidResult started = server.start(options);
        QVERIFY(!started);
        QVERIFY(started.error().message.contains(QStringLiteral("server.pem")));
        QCOMPARE(server.amqpPort(), quint16(0)); // nothing left listening
    }

    void inProcessEmulatorServesFromItsOwnThread() {
        InProcessEmulator emulator;
        EmulatorOptions options = InProcessEmulator::ephemeralOptions();
        options.config = testConfig();
        options.httpPort = -1;
        Result<InProcessEmulator::Endpoints> endpoints = emulator.start(options);
        QVERIFY(endpoints);
        QVERIFY(emulator.isRunning());
        QVERIFY(endpoints->amqpPort != 0);
        QVERIFY(endpoints->connectionString.contains(
            QStringLiteral("sb://localhost:%1;").arg(endpoints->amqpPort)));
        QVERIFY(
            endpoints->connectionString.contains(QStringLiteral("SharedAccessKey=SAS_KEY_VALUE;")));

        auto client = tcpClient(endpoints->amqpPort);
        expectCbsWorks(*client);
        client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        client->send(QStringLiteral("s"), QByteArrayLiteral("across threads"));
        QTRY_COMPARE(client->link(QStringLiteral("s")).outcomes,
                     QStringList{QStringLiteral("accepted")});

        emulator.stop();
        QVERIFY(!emulator.isRunning());
        QTRY_VERIFY(client->isFinished()); // the emulator closed the connection
    }

    void hostnamePicksTheNamespace() {
        EmulatorServer server;
        EmulatorOptions options = baseOptions();
        NamespaceConfig second;
        second.name = QStringLiteral("second");
        second.sasRules = {SasRule{QStringLiteral("SecondKey"), QStringLiteral("SECOND_SECRET"),
                                   true, true, true}};
        options.config.namespaces.append(second);
        QVERIFY(server.start(options));
        QCOMPARE(server.namespaceCount(), 2);

        auto* socket = new QTcpSocket;
        socket->connectToHost(QHostAddress::LocalHost, server.amqpPort());
        TestAmqpClient client(std::make_unique<TcpByteTransport>(socket));
        client.open(QStringLiteral("second.localhost"));
        QTRY_VERIFY(client.isOpen());
        const QString audience = QStringLiteral("sb://second.localhost/q");
        client.putToken(audience, token(audience)); // the first namespace's key
        client.putToken(audience, token(audience, QStringLiteral("SecondKey"),
                                        QStringLiteral("SECOND_SECRET")));
        QTRY_COMPARE(client.cbsStatusCodes(), (QList<int>{401, 202}));
    }

    void portInUseFailsToStart() {
        EmulatorServer first;
        QVERIFY(first.start(baseOptions()));
        EmulatorServer second;
        EmulatorOptions options = baseOptions();
        options.amqpPort = first.amqpPort();
        const VoidResult started = second.start(options);
        QVERIFY(!started);
        QVERIFY(started.error().message.contains(QString::number(first.amqpPort())));
    }
};

QTEST_GUILESS_MAIN(tst_EmulatorServer)
#include "tst_EmulatorServer.moc"
