#include "core/amqp/WebSocketByteTransport.h"

#include "core/amqp/TcpByteTransport.h"

#include <QWebSocket>

#include <cstring>

namespace busbar {

WebSocketByteTransport::WebSocketByteTransport(QWebSocket* socket, QObject* parent)
    : ByteTransport(parent)
    , m_socket(socket) {
    m_socket->setParent(this);
    connect(m_socket, &QWebSocket::connected, this, &ByteTransport::ready);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            &WebSocketByteTransport::onBinaryMessage);
    // AMQP never travels in text frames: a peer sending them is not speaking the binding.
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this] { abort(); });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (!m_disconnectedEmitted) {
            m_disconnectedEmitted = true;
            Q_EMIT disconnected();
        }
    });
}

WebSocketByteTransport::~WebSocketByteTransport() = default;

bool WebSocketByteTransport::isReady() const {
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 WebSocketByteTransport::bytesAvailable() const {
    return m_buffer.size() - m_readOffset;
}

qint64 WebSocketByteTransport::read(char* data, qint64 maxSize) {
    const qint64 n = std::min(maxSize, bytesAvailable());
    if (n <= 0) {
        return 0;
    }
    std::memcpy(data, m_buffer.constData() + m_readOffset, size_t(n));
    m_readOffset += n;
    if (m_readOffset == m_buffer.size()) {
        m_buffer.clear();
        m_readOffset = 0;
    }
    return n;
}

void WebSocketByteTransport::onBinaryMessage(const QByteArray& message) {
    if (m_buffer.isEmpty()) {
        m_buffer = message; // implicit sharing: no copy in the common case
        m_readOffset = 0;
    } else {
        m_buffer.append(message);
    }
    Q_EMIT readyRead();
}

void WebSocketByteTransport::write(const char* data, qint64 size) {
    m_socket->sendBinaryMessage(QByteArray(data, size));
}

void WebSocketByteTransport::close() {
    m_socket->close();
}

void WebSocketByteTransport::abort() {
    m_socket->abort();
    if (!m_disconnectedEmitted) {
        m_disconnectedEmitted = true;
        Q_EMIT disconnected();
    }
}

QString WebSocketByteTransport::peerDescription() const {
    return QStringLiteral("ws %1:%2")
        .arg(m_socket->peerAddress().toString())
        .arg(m_socket->peerPort());
}

QString WebSocketByteTransport::errorString() const {
    // Server-side sockets cannot be told apart here: only an explicit proxy is named.
    return TcpByteTransport::withProxy(m_socket->errorString(), m_socket->proxy(), false);
}

} // namespace busbar
