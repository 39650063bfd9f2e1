#include "core/amqp/TcpByteTransport.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>

namespace busbar {

TcpByteTransport::TcpByteTransport(QTcpSocket* socket, QObject* parent)
    : ByteTransport(parent)
    , m_socket(socket) {
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket)) {
        m_tls = true;
        connect(ssl, &QSslSocket::encrypted, this, &ByteTransport::ready);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, &ByteTransport::ready);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &ByteTransport::readyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_disconnectedEmitted) {
            m_disconnectedEmitted = true;
            Q_EMIT disconnected();
        }
    });
    // A refused or failed connect never reaches the connected state, so disconnected() would
    // not fire; report it the same way so owners have one end-of-life signal.
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState && !m_disconnectedEmitted) {
            m_disconnectedEmitted = true;
            Q_EMIT disconnected();
        }
    });
}

TcpByteTransport::~TcpByteTransport() = default;

bool TcpByteTransport::isReady() const {
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        return false;
    }
    return !m_tls || static_cast<QSslSocket*>(m_socket)->isEncrypted();
}

qint64 TcpByteTransport::bytesAvailable() const {
    return m_socket->bytesAvailable();
}

qint64 TcpByteTransport::read(char* data, qint64 maxSize) {
    return m_socket->read(data, maxSize);
}

void TcpByteTransport::write(const char* data, qint64 size) {
    m_socket->write(data, size);
}

void TcpByteTransport::close() {
    m_socket->disconnectFromHost();
}

void TcpByteTransport::abort() {
    m_socket->abort();
    if (!m_disconnectedEmitted) {
        m_disconnectedEmitted = true;
        Q_EMIT disconnected();
    }
}

QString TcpByteTransport::peerDescription() const {
    return QStringLiteral("%1:%2")
        .arg(m_socket->peerAddress().toString())
        .arg(m_socket->peerPort());
}

QString TcpByteTransport::errorString() const {
    // Only a socket we connected names the host it was asked for.
    return withProxy(m_socket->errorString(), m_socket->proxy(), !m_socket->peerName().isEmpty());
}

QString TcpByteTransport::withProxy(const QString& text, const QNetworkProxy& proxy,
                                    bool outgoing) {
    // DefaultProxy means the application's (or the system's, through the factory, which
    // cannot be asked from here without a query: that case names no address).
    if (proxy.type() == QNetworkProxy::DefaultProxy && !outgoing) {
        return text;
    }
    const QNetworkProxy used =
        proxy.type() == QNetworkProxy::DefaultProxy ? QNetworkProxy::applicationProxy() : proxy;
    QString kind;
    switch (used.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        kind = QStringLiteral("HTTP");
        break;
    case QNetworkProxy::Socks5Proxy:
        kind = QStringLiteral("SOCKS5");
        break;
    case QNetworkProxy::DefaultProxy:
    case QNetworkProxy::NoProxy:
    case QNetworkProxy::FtpCachingProxy:
        return text;
    }
    return QStringLiteral("%1 (through the %2 proxy %3:%4)")
        .arg(text, kind, used.hostName())
        .arg(used.port());
}

} // namespace busbar
