#pragma once

#include <QObject>
#include <QString>

namespace busbar {

// A reliable, ordered byte stream that AMQP runs over: plain TCP, TLS or WebSocket binary
// messages. AmqpDriver only sees this interface, so every transport shares the Proton loop.
class ByteTransport : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ByteTransport() override = default;

    // Whether bytes may flow now (TCP connected, TLS handshake done, WebSocket open).
    [[nodiscard]] virtual bool isReady() const = 0;
    [[nodiscard]] virtual qint64 bytesAvailable() const = 0;
    virtual qint64 read(char* data, qint64 maxSize) = 0;
    virtual void write(const char* data, qint64 size) = 0;
    // Sends what is queued, then closes; disconnected() follows.
    virtual void close() = 0;
    // Drops the connection at once; disconnected() follows.
    virtual void abort() = 0;
    [[nodiscard]] virtual QString peerDescription() const = 0;
    [[nodiscard]] virtual QString errorString() const = 0;

Q_SIGNALS:
    void ready(); // became ready (client side: connected / encrypted / WebSocket open)
    void readyRead();
    void disconnected();
};

} // namespace busbar
