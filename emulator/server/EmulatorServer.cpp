#include "emulator/server/EmulatorServer.h"

#include "core/amqp/TcpByteTransport.h"
#include "core/amqp/WebSocketByteTransport.h"
#include "emulator/admin/AdminHttpServer.h"
#include "emulator/amqp/AmqpServerConnection.h"
#include "emulator/amqp/ConsumerDirectory.h"
#include "emulator/amqp/ServedNamespace.h"
#include "emulator/broker/Broker.h"
#include "emulator/config/ConfigLoader.h"
#include "emulator/server/StoreFactory.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <QWebSocketServer>

namespace busbar::emulator {

namespace {

Error startError(const QString& message) {
    return Error::make(ErrorCode::Connection, message);
}

Result<QSslConfiguration> loadTls(const QString& certificatePath, const QString& keyPath) {
    QFile certificateFile(certificatePath);
    if (!certificateFile.open(QIODevice::ReadOnly)) {
        return fail(Error::invalidInput(QStringLiteral("Cannot read the TLS certificate '%1': %2")
                                            .arg(certificatePath, certificateFile.errorString())));
    }
    const QList<QSslCertificate> chain =
        QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        return fail(Error::invalidInput(QStringLiteral("Cannot read the TLS key '%1': %2")
                                            .arg(keyPath, keyFile.errorString())));
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    }
    if (chain.isEmpty() || key.isNull()) {
        return fail(Error::invalidInput(
            QStringLiteral(
                "The TLS certificate or key is not valid PEM (certificate '%1', key '%2').")
                .arg(certificatePath, keyPath)));
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

bool isWebSocketPath(const QString& path) {
    return path.compare(QLatin1String("/$servicebus/websocket"), Qt::CaseInsensitive) == 0 ||
           path.compare(QLatin1String("/$servicebus/websocket/"), Qt::CaseInsensitive) == 0;
}

} // namespace

EmulatorServer::EmulatorServer(QObject* parent)
    : QObject(parent) {}

EmulatorServer::~EmulatorServer() {
    stop();
}

VoidResult EmulatorServer::start(const EmulatorOptions& options) {
    stop();
    EmulatorConfig config = options.config;
    if (!options.configPath.isEmpty()) {
        Result<EmulatorConfig> loaded = loadEmulatorConfig(options.configPath);
        if (!loaded) {
            return fail(loaded.error());
        }
        config = std::move(*loaded);
    }
    if (config.namespaces.isEmpty()) {
        config.namespaces.append(NamespaceConfig{});
    }
    const bool inMemory = options.inMemory || options.dataDirectory.isEmpty();
    for (const NamespaceConfig& ns : std::as_const(config.namespaces)) {
        Result<std::unique_ptr<MessageStore>> store =
            createMessageStore(ns.name, inMemory ? QString() : options.dataDirectory);
        if (!store) {
            stop();
            return fail(store.error());
        }
        auto served = std::make_unique<ServedNamespace>();
        served->config = ns;
        auto broker = std::make_unique<Broker>(ns, store->get());
        auto directory = std::make_unique<ConsumerDirectory>(broker.get());
        served->broker = broker.get();
        served->consumers = directory.get();
        m_stores.push_back(std::move(*store));
        m_brokers.push_back(std::move(broker));
        m_directories.push_back(std::move(directory));
        m_namespaces.push_back(std::move(served));
    }
    if (VoidResult listening = startListeners(options); !listening) {
        stop();
        return listening;
    }
    if (VoidResult admin = startAdmin(options); !admin) {
        stop();
        return admin;
    }
    return {};
}

VoidResult EmulatorServer::startListeners(const EmulatorOptions& options) {
    if (options.amqpPort >= 0) {
        m_tcpServer = new QTcpServer(this);
        connect(m_tcpServer, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_tcpServer->nextPendingConnection()) {
                accept(std::make_unique<TcpByteTransport>(socket));
            }
        });
        if (!m_tcpServer->listen(options.bindAddress, quint16(options.amqpPort))) {
            return fail(startError(QStringLiteral("Cannot listen for AMQP on port %1: %2")
                                       .arg(options.amqpPort)
                                       .arg(m_tcpServer->errorString())));
        }
    }
    if (options.tlsPort >= 0 || options.httpsPort >= 0) {
        Result<QSslConfiguration> tls = loadTls(options.tlsCertificatePath, options.tlsKeyPath);
        if (!tls) {
            return fail(tls.error());
        }
        m_tls = *tls;
    }
    if (options.tlsPort >= 0) {
        auto* server = new QSslServer(this);
        server->setSslConfiguration(m_tls);
        m_tlsServer = server;
        // QSslServer hands a socket over only once its handshake is done.
        connect(server, &QSslServer::pendingConnectionAvailable, this, [this, server] {
            while (QTcpSocket* socket = server->nextPendingConnection()) {
                accept(std::make_unique<TcpByteTransport>(socket));
            }
        });
        if (!server->listen(options.bindAddress, quint16(options.tlsPort))) {
            return fail(startError(QStringLiteral("Cannot listen for AMQP over TLS on port %1: %2")
                                       .arg(options.tlsPort)
                                       .arg(server->errorString())));
        }
    }
    if (options.wsPort >= 0 || options.wssPort >= 0) {
        if (options.wssPort >= 0 && m_tls.localCertificate().isNull()) {
            Result<QSslConfiguration> tls = loadTls(options.tlsCertificatePath, options.tlsKeyPath);
            if (!tls) {
                return fail(tls.error());
            }
            m_tls = *tls;
        }
        for (const bool secure : {false, true}) {
            const int port = secure ? options.wssPort : options.wsPort;
            if (port < 0) {
                continue;
            }
            Result<QWebSocketServer*> server = startWebSocket(secure, options.bindAddress, port);
            if (!server) {
                return fail(server.error());
            }
            (secure ? m_wssServer : m_wsServer) = *server;
        }
    }
    return {};
}

Result<QWebSocketServer*> EmulatorServer::startWebSocket(bool secure, const QHostAddress& address,
                                                         int port) {
    auto* server = new QWebSocketServer(
        QStringLiteral("busbar-emulator"),
        secure ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (secure) {
        server->setSslConfiguration(m_tls);
    }
    // Older clients ask for the draft binding's name, Microsoft.Azure.Amqp for the OASIS one.
    server->setSupportedSubprotocols({QStringLiteral("AMQPWSB10"), QStringLiteral("amqp")});
    connect(server, &QWebSocketServer::newConnection, this, [this, server] {
        while (QWebSocket* socket = server->nextPendingConnection()) {
            if (!isWebSocketPath(socket->requestUrl().path())) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("AMQP is served at /$servicebus/websocket"));
                socket->deleteLater();
                continue;
            }
            accept(std::make_unique<WebSocketByteTransport>(socket));
        }
    });
    if (!server->listen(address, quint16(port))) {
        const QString why = server->errorString();
        delete server;
        return fail(startError(
            QStringLiteral("Cannot listen for AMQP over %1 on port %2: %3")
                .arg(secure ? QStringLiteral("secure WebSockets") : QStringLiteral("WebSockets"))
                .arg(port)
                .arg(why)));
    }
    return server;
}

void EmulatorServer::accept(std::unique_ptr<ByteTransport> transport) {
    auto* connection = new AmqpServerConnection(
        std::move(transport),
        [this](const QString& hostname) { return namespaceForHost(hostname); }, this);
    m_connections.append(connection);
    connect(connection, &AmqpServerConnection::finished, this, [this, connection] {
        m_connections.removeOne(connection);
        connection->deleteLater();
        Q_EMIT connectionCountChanged(int(m_connections.size()));
    });
    Q_EMIT connectionCountChanged(int(m_connections.size()));
    connection->start();
}

ServedNamespace* EmulatorServer::namespaceForHost(const QString& hostname) const {
    if (m_namespaces.empty()) {
        return nullptr;
    }
    // "<namespace>.localhost" or "<namespace>.servicebus.windows.net" picks that namespace;
    // anything else (localhost, 127.0.0.1) the first one.
    const QString label = hostname.section(QLatin1Char('.'), 0, 0);
    for (const auto& served : m_namespaces) {
        if (!label.isEmpty() && served->config.name.compare(label, Qt::CaseInsensitive) == 0) {
            return served.get();
        }
    }
    return m_namespaces.front().get();
}

void EmulatorServer::stop() {
    // Connections first: their links detach consumers from the brokers.
    const auto connections = std::exchange(m_connections, {});
    for (AmqpServerConnection* connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
    delete m_tcpServer;
    m_tcpServer = nullptr;
    delete m_tlsServer;
    m_tlsServer = nullptr;
    delete m_wsServer;
    m_wsServer = nullptr;
    delete m_wssServer;
    m_wssServer = nullptr;
    delete m_admin;
    m_admin = nullptr;
    m_httpPort = 0;
    m_httpsPort = 0;
    m_directories.clear();
    m_brokers.clear();
    m_namespaces.clear();
    m_stores.clear();
}

VoidResult EmulatorServer::startAdmin(const EmulatorOptions& options) {
    if ((options.httpPort < 0 && options.httpsPort < 0) || m_brokers.empty()) {
        return {};
    }
    // The ATOM API serves the first namespace; it shares the brokers' thread.
    const NamespaceConfig& ns = m_namespaces.front()->config;
    m_admin = new AdminHttpServer(m_brokers.front().get(), ns.name, ns.sasRules, this);
    if (options.httpPort >= 0) {
        Result<quint16> port = m_admin->listenHttp(quint16(options.httpPort), options.bindAddress);
        if (!port) {
            return fail(port.error());
        }
        m_httpPort = *port;
    }
    if (options.httpsPort >= 0) {
        Result<quint16> port =
            m_admin->listenHttps(quint16(options.httpsPort), m_tls, options.bindAddress);
        if (!port) {
            return fail(port.error());
        }
        m_httpsPort = *port;
    }
    return {};
}

quint16 EmulatorServer::amqpPort() const {
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}
quint16 EmulatorServer::tlsPort() const {
    return m_tlsServer ? m_tlsServer->serverPort() : 0;
}
quint16 EmulatorServer::wssPort() const {
    return m_wssServer ? m_wssServer->serverPort() : 0;
}

quint16 EmulatorServer::wsPort() const {
    return m_wsServer ? m_wsServer->serverPort() : 0;
}

int EmulatorServer::namespaceCount() const {
    return int(m_namespaces.size());
}

const NamespaceConfig& EmulatorServer::namespaceConfig(int index) const {
    return m_namespaces.at(size_t(index))->config;
}

Broker* EmulatorServer::broker(int index) const {
    return index >= 0 && size_t(index) < m_brokers.size() ? m_brokers[size_t(index)].get()
                                                          : nullptr;
}

QString EmulatorServer::connectionString(int namespaceIndex, bool showKey) const {
    if (namespaceIndex < 0 || size_t(namespaceIndex) >= m_namespaces.size()) {
        return {};
    }
    const NamespaceConfig& ns = m_namespaces[size_t(namespaceIndex)]->config;
    const SasRule rule = ns.sasRules.isEmpty() ? SasRule{} : ns.sasRules.first();
    return QStringLiteral("Endpoint=sb://localhost:%1;SharedAccessKeyName=%2;SharedAccessKey=%3;"
                          "UseDevelopmentEmulator=true;")
        .arg(amqpPort())
        .arg(rule.keyName, showKey ? rule.key : QStringLiteral("<redacted>"));
}

QUrl EmulatorServer::adminUrl() const {
    if (m_httpPort == 0) {
        return {};
    }
    return QUrl(QStringLiteral("http://localhost:%1/").arg(m_httpPort));
}

} // namespace busbar::emulator
