#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTcpServer>

class QTcpSocket;

namespace busbar::test {

// A loopback proxy for tests: an HTTP CONNECT proxy or a SOCKS5 proxy (no authentication),
// that records every target a client asked for ("host:port") and tunnels to 127.0.0.1 on the
// requested port whatever the host. Clients can therefore name a host that does not resolve:
// reaching the broker at all proves the proxy carried the connection.
class TestProxy final : public QObject {
public:
    enum class Kind { HttpConnect, Socks5 };

    explicit TestProxy(Kind kind, QObject* parent = nullptr);
    ~TestProxy() override;

    bool listen();
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] Kind kind() const { return m_kind; }
    // Refuse every tunnel after reading its request: HTTP 407 (authentication required), or
    // SOCKS5 reply 0x02 (not allowed by ruleset). The target is still recorded.
    void setRefusing(bool refusing) { m_refusing = refusing; }
    // Targets asked for, in order, one per tunnel.
    [[nodiscard]] const QStringList& targets() const { return m_targets; }
    // Bytes relayed in either direction, after the handshakes.
    [[nodiscard]] qint64 relayedBytes() const { return m_relayed; }

private:
    struct Tunnel;

    void onNewConnection();
    void onClientData(Tunnel* tunnel);
    // Parses what the handshake needs from tunnel->pending; false while more bytes are needed.
    bool httpHandshake(Tunnel* tunnel);
    bool socksHandshake(Tunnel* tunnel);
    void openUpstream(Tunnel* tunnel, const QString& host, quint16 port);
    void relay(QTcpSocket* from, QTcpSocket* to);

    Kind m_kind;
    QTcpServer m_server;
    QStringList m_targets;
    qint64 m_relayed = 0;
    bool m_refusing = false;
    QList<Tunnel*> m_tunnels;
};

} // namespace busbar::test
