#pragma once

#include "core/common/Result.h"
#include "emulator/server/EmulatorOptions.h"

#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>
#include <vector>

class QHostAddress;
class QTcpServer;
class QWebSocketServer;

namespace busbar {
class ByteTransport;
} // namespace busbar

namespace busbar::emulator {

class AdminHttpServer;
class AmqpServerConnection;
class Broker;
class ConsumerDirectory;
class MessageStore;
struct ServedNamespace;

// The whole emulator on one thread: a store and a Broker per namespace, the AMQP listeners
// (plain TCP, TLS, WebSocket), one AmqpServerConnection per client, and the HTTP admin API.
class EmulatorServer final : public QObject {
    Q_OBJECT
public:
    explicit EmulatorServer(QObject* parent = nullptr);
    ~EmulatorServer() override;

    // Loads the configuration, opens the stores and starts every enabled listener. Fails
    // (and leaves nothing listening) on a bad config, an unreadable certificate or a port in use.
    VoidResult start(const EmulatorOptions& options);
    // Closes listeners and connections; brokers and stores go with the server.
    void stop();

    [[nodiscard]] quint16 amqpPort() const;
    [[nodiscard]] quint16 tlsPort() const;
    [[nodiscard]] quint16 wsPort() const;
    [[nodiscard]] quint16 wssPort() const;
    [[nodiscard]] quint16 httpPort() const { return m_httpPort; }
    [[nodiscard]] quint16 httpsPort() const { return m_httpsPort; }

    // "Endpoint=sb://localhost:PORT;SharedAccessKeyName=...;SharedAccessKey=...;
    //  UseDevelopmentEmulator=true;" for the namespace's first SAS rule; the key is written
    // as "<redacted>" unless showKey.
    [[nodiscard]] QString connectionString(int namespaceIndex = 0, bool showKey = true) const;
    // http://localhost:PORT/ (empty when the admin API is not running).
    [[nodiscard]] QUrl adminUrl() const;

    [[nodiscard]] int namespaceCount() const;
    [[nodiscard]] const NamespaceConfig& namespaceConfig(int index = 0) const;
    [[nodiscard]] Broker* broker(int index = 0) const;
    [[nodiscard]] int connectionCount() const { return int(m_connections.size()); }

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    VoidResult startListeners(const EmulatorOptions& options);
    VoidResult startAdmin(const EmulatorOptions& options);
    Result<QWebSocketServer*> startWebSocket(bool secure, const QHostAddress& address, int port);
    void accept(std::unique_ptr<ByteTransport> transport);
    ServedNamespace* namespaceForHost(const QString& hostname) const;

    std::vector<std::unique_ptr<MessageStore>> m_stores;
    std::vector<std::unique_ptr<ServedNamespace>> m_namespaces;
    std::vector<std::unique_ptr<Broker>> m_brokers;
    std::vector<std::unique_ptr<ConsumerDirectory>> m_directories;
    QTcpServer* m_tcpServer = nullptr;
    QTcpServer* m_tlsServer = nullptr;
    QWebSocketServer* m_wsServer = nullptr;
    QWebSocketServer* m_wssServer = nullptr;
    AdminHttpServer* m_admin = nullptr;
    QList<AmqpServerConnection*> m_connections;
    QSslConfiguration m_tls;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
};

} // namespace busbar::emulator
