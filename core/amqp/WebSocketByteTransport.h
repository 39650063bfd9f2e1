#pragma once

#include "core/amqp/ByteTransport.h"

#include <QByteArray>

class QWebSocket;

namespace busbar {

// AMQP over WebSockets: each binary message carries raw AMQP bytes whose boundaries need not
// match AMQP frames (servicebus-amqp.md §1.1). Incoming messages are queued as one stream.
// Takes ownership of the socket.
class WebSocketByteTransport final : public ByteTransport {
    Q_OBJECT
public:
    explicit WebSocketByteTransport(QWebSocket* socket, QObject* parent = nullptr);
    ~WebSocketByteTransport() override;

    [[nodiscard]] bool isReady() const override;
    [[nodiscard]] qint64 bytesAvailable() const override;
    qint64 read(char* data, qint64 maxSize) override;
    void write(const char* data, qint64 size) override;
    void close() override;
    void abort() override;
    [[nodiscard]] QString peerDescription() const override;
    [[nodiscard]] QString errorString() const override;

    [[nodiscard]] QWebSocket* socket() const { return m_socket; }

private:
    void onBinaryMessage(const QByteArray& message);

    QWebSocket* m_socket;
    QByteArray m_buffer;
    qsizetype m_readOffset = 0;
    bool m_disconnectedEmitted = false;
};

} // namespace busbar
