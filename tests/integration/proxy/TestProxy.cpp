#include "TestProxy.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QtEndian>

namespace busbar::test {

struct TestProxy::Tunnel {
    // Both live until the proxy does (children of its server / of it), so plain pointers.
    QTcpSocket* client = nullptr;
    QTcpSocket* upstream = nullptr; // null until the handshake named a target
    QByteArray pending;             // client bytes not yet consumed by the handshake or forwarded
    int socksStage = 0;             // 0: greeting, 1: request, 2: relaying
    bool httpDone = false;
};

TestProxy::TestProxy(Kind kind, QObject* parent)
    : QObject(parent)
    , m_kind(kind) {
    connect(&m_server, &QTcpServer::newConnection, this, &TestProxy::onNewConnection);
}

TestProxy::~TestProxy() {
    // No more callbacks into the tunnels while their sockets go.
    for (Tunnel* tunnel : std::as_const(m_tunnels)) {
        tunnel->client->disconnect(this);
        if (tunnel->upstream != nullptr) {
            tunnel->upstream->disconnect(this);
        }
    }
    for (Tunnel* tunnel : std::as_const(m_tunnels)) {
        delete tunnel->client;
        delete tunnel->upstream;
        delete tunnel;
    }
}

bool TestProxy::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TestProxy::onNewConnection() {
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        auto* tunnel = new Tunnel;
        tunnel->client = client;
        m_tunnels.append(tunnel);
        connect(client, &QTcpSocket::readyRead, this, [this, tunnel] { onClientData(tunnel); });
        connect(client, &QTcpSocket::disconnected, this, [tunnel] {
            if (QTcpSocket* upstream = tunnel->upstream) {
                upstream->disconnectFromHost();
            }
        });
    }
}

void TestProxy::onClientData(Tunnel* tunnel) {
    tunnel->pending += tunnel->client->readAll();
    if (QTcpSocket* upstream = tunnel->upstream) {
        if (upstream->state() == QAbstractSocket::ConnectedState &&
            (tunnel->httpDone || tunnel->socksStage == 2)) {
            m_relayed += tunnel->pending.size();
            upstream->write(std::exchange(tunnel->pending, {}));
        }
        return; // otherwise still connecting upstream: forwarded once connected
    }
    if (m_kind == Kind::HttpConnect) {
        httpHandshake(tunnel);
    } else {
        socksHandshake(tunnel);
    }
}

bool TestProxy::httpHandshake(Tunnel* tunnel) {
    const qsizetype end = tunnel->pending.indexOf("\r\n\r\n");
    if (end < 0) {
        return false;
    }
    const QByteArray head = tunnel->pending.left(end);
    tunnel->pending.remove(0, end + 4);
    const QList<QByteArray> words = head.left(head.indexOf("\r\n")).split(' ');
    if (words.size() < 3 || words.at(0) != "CONNECT") {
        tunnel->client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
        tunnel->client->disconnectFromHost();
        return true;
    }
    const QString target = QString::fromLatin1(words.at(1));
    const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
    openUpstream(tunnel, target.left(colon), quint16(target.mid(colon + 1).toUInt()));
    return true;
}

bool TestProxy::socksHandshake(Tunnel* tunnel) {
    QByteArray& in = tunnel->pending;
    if (tunnel->socksStage == 0) {
        // VER NMETHODS METHODS...: answer "no authentication".
        if (in.size() < 2 || in.size() < 2 + quint8(in.at(1))) {
            return false;
        }
        in.remove(0, 2 + quint8(in.at(1)));
        tunnel->client->write(QByteArray::fromHex("0500"));
        tunnel->socksStage = 1;
    }
    // VER CMD(1 = CONNECT) RSV ATYP DST.ADDR DST.PORT
    if (in.size() < 5) {
        return false;
    }
    const auto atyp = quint8(in.at(3));
    QString host;
    qsizetype at = 4;
    if (atyp == 1) {
        if (in.size() < 10) {
            return false;
        }
        host = QHostAddress(qFromBigEndian<quint32>(in.constData() + 4)).toString();
        at += 4;
    } else if (atyp == 3) {
        const int length = quint8(in.at(4));
        if (in.size() < 5 + length + 2) {
            return false;
        }
        host = QString::fromLatin1(in.mid(5, length));
        at += 1 + length;
    } else if (atyp == 4) {
        if (in.size() < 22) {
            return false;
        }
        host = QHostAddress(reinterpret_cast<const quint8*>(in.constData() + 4)).toString();
        at += 16;
    } else {
        tunnel->client->disconnectFromHost();
        return true;
    }
    const quint16 port = qFromBigEndian<quint16>(in.constData() + at);
    in.remove(0, at + 2);
    openUpstream(tunnel, host, port);
    return true;
}

void TestProxy::openUpstream(Tunnel* tunnel, const QString& host, quint16 port) {
    m_targets.append(host + QLatin1Char(':') + QString::number(port));
    if (m_refusing) {
        tunnel->client->write(m_kind == Kind::HttpConnect
                                  ? QByteArray("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                               "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                                               "Content-Length: 0\r\n\r\n")
                                  : QByteArray::fromHex("05020001000000000000"));
        tunnel->client->disconnectFromHost();
        return;
    }
    auto* upstream = new QTcpSocket(this);
    upstream->setProxy(QNetworkProxy::NoProxy); // never through an application proxy
    tunnel->upstream = upstream;
    connect(upstream, &QTcpSocket::connected, this, [this, tunnel, upstream] {
        if (m_kind == Kind::HttpConnect) {
            tunnel->httpDone = true;
            tunnel->client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        } else {
            tunnel->socksStage = 2;
            // Succeeded, bound to 0.0.0.0:0.
            tunnel->client->write(QByteArray::fromHex("05000001000000000000"));
        }
        if (!tunnel->pending.isEmpty()) {
            m_relayed += tunnel->pending.size();
            upstream->write(std::exchange(tunnel->pending, {}));
        }
    });
    QTcpSocket* client = tunnel->client;
    connect(upstream, &QTcpSocket::readyRead, this,
            [this, upstream, client] { relay(upstream, client); });
    connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
    connect(upstream, &QTcpSocket::errorOccurred, this,
            [upstream, client](QAbstractSocket::SocketError) {
                if (upstream->state() == QAbstractSocket::UnconnectedState) {
                    client->disconnectFromHost();
                }
            });
    upstream->connectToHost(QHostAddress::LocalHost, port);
}

void TestProxy::relay(QTcpSocket* from, QTcpSocket* to) {
    const QByteArray bytes = from->readAll();
    m_relayed += bytes.size();
    to->write(bytes);
}

} // namespace busbar::test
