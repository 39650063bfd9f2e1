#pragma once

#include "core/amqp/ByteTransport.h"

class QTcpSocket;

namespace busbar {

// QTcpSocket, or QSslSocket (a QTcpSocket): ready once connected, or once encrypted for TLS.
// Takes ownership of the socket.
class TcpByteTransport final : public ByteTransport {
    Q_OBJECT
public:
    explicit TcpByteTransport(QTcpSocket* socket, QObject* parent = nullptr);
    ~TcpByteTransport() override;

    [[nodiscard]] bool isReady() const override;
    [[nodiscard]] qint64 bytesAvailable() const override;
    qint64 read(char* data, qint64 maxSize) override;
    void write(const char* data, qint64 size) override;
    void close() override;
    void abort() override;
    [[nodiscard]] QString peerDescription() const override;
    [[nodiscard]] QString errorString() const override;

    [[nodiscard]] QTcpSocket* socket() const { return m_socket; }

private:
    QTcpSocket* m_socket;
    bool m_tls = false;
    bool m_disconnectedEmitted = false;
};

} // namespace busbar
