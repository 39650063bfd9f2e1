#pragma once

#include "core/amqp/ByteTransport.h"

class QNetworkProxy;
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

    // `text` with the proxy the socket went through, when it did ("Host not found (through
    // the SOCKS5 proxy 10.0.0.1:1080)"): a failure there is the proxy's, not the broker's, and
    // the user has to know which settings to look at. Never includes proxy credentials.
    // DefaultProxy stands for the application proxy only when `outgoing` (accepted sockets of
    // the emulator's listeners say DefaultProxy too, and went through nothing).
    [[nodiscard]] static QString withProxy(const QString& text, const QNetworkProxy& proxy,
                                           bool outgoing);

private:
    QTcpSocket* m_socket;
    bool m_tls = false;
    bool m_disconnectedEmitted = false;
};

} // namespace busbar
