#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

#include <chrono>
#include <deque>

class QTcpSocket;

namespace busbar::test {

// A loopback TCP proxy (127.0.0.1, ephemeral port) in front of one target, with faults on
// demand so tests can break a connection at a chosen moment instead of sleeping and hoping:
// delay every chunk, stall a direction, close or abort every connection, or arm a fault that
// fires when a byte count or the next chunk in a direction passes. Lives on the thread that
// created it; every control is for that thread.
class FaultProxy final : public QObject {
    Q_OBJECT

public:
    enum class Direction { ClientToServer, ServerToClient };
    Q_ENUM(Direction)
    // What an armed trigger does once it fires.
    enum class Fault {
        Cut,        // close both sides (pending bytes are flushed first)
        Reset,      // abort both sides (pending bytes are dropped)
        StallOther, // stop forwarding the opposite direction
        StallSame,  // stop forwarding this direction (the triggering chunk still passes)
    };
    Q_ENUM(Fault)

    explicit FaultProxy(QObject* parent = nullptr);
    ~FaultProxy() override;

    // Starts listening; connections are relayed to targetHost:targetPort.
    bool listen(const QHostAddress& targetHost, quint16 targetPort);
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

    // Latency added to every chunk in both directions; order is kept.
    void setDelay(std::chrono::milliseconds perChunk) { m_delay = perChunk; }
    // Holds back (buffers) a direction; unstalling forwards what was held.
    void setStalled(Direction direction, bool stalled);
    [[nodiscard]] bool isStalled(Direction direction) const;

    // Closes both sides of every connection now (graceful: bytes already forwarded go out).
    void cutAll();
    // Aborts both sides of every connection now (RST-like: nothing more is delivered).
    void resetAll();

    // Fires `fault` once `bytes` more bytes have been forwarded in `direction`; the chunk that
    // crosses the threshold is forwarded only up to it for Cut/Reset.
    void armAfterBytes(Direction direction, qint64 bytes, Fault fault);
    // Fires `fault` when the next chunk in `direction` has been forwarded.
    void armOnNextChunk(Direction direction, Fault fault) { armAfterBytes(direction, 1, fault); }
    void disarm();

    [[nodiscard]] int activeConnections() const;
    [[nodiscard]] int totalConnections() const { return m_total; }
    [[nodiscard]] qint64 bytesForwarded(Direction direction) const;
    // Bytes read but not yet forwarded (delayed or stalled) in `direction`.
    [[nodiscard]] qint64 queuedBytes(Direction direction) const;

Q_SIGNALS:
    void connectionOpened(int total);
    void connectionClosed();
    void chunkForwarded(busbar::test::FaultProxy::Direction direction, qint64 bytes);
    void faultFired(busbar::test::FaultProxy::Fault fault);

private:
    struct Chunk {
        qint64 dueMs = 0;
        QByteArray bytes;
    };
    struct Pipe {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        std::deque<Chunk> queue[2]; // per Direction
        bool upstreamConnected = false;
    };
    struct Trigger {
        bool armed = false;
        Direction direction = Direction::ClientToServer;
        qint64 remaining = 0;
        Fault fault = Fault::Cut;
    };

    void onNewConnection();
    void onReadable(Pipe* pipe, Direction direction);
    void pump();
    void forward(Pipe* pipe, Direction direction);
    void fire(Fault fault, Direction direction);
    void closePipe(Pipe* pipe, bool abort);
    void dropPipe(Pipe* pipe);
    void schedulePump();

    QTcpServer m_server;
    QHostAddress m_targetHost;
    quint16 m_targetPort = 0;
    std::chrono::milliseconds m_delay{0};
    bool m_stalled[2] = {false, false};
    qint64 m_bytes[2] = {0, 0};
    int m_total = 0;
    Trigger m_trigger;
    QList<Pipe*> m_pipes;
    QTimer m_pumpTimer;
    QElapsedTimer m_clock;
};

} // namespace busbar::test
