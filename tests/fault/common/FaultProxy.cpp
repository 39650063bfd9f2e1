#include "tests/fault/common/FaultProxy.h"

#include <QTcpSocket>

#include <algorithm>
#include <limits>
#include <optional>

namespace busbar::test {

namespace {

int index(FaultProxy::Direction direction) {
    return direction == FaultProxy::Direction::ClientToServer ? 0 : 1;
}

FaultProxy::Direction other(FaultProxy::Direction direction) {
    return direction == FaultProxy::Direction::ClientToServer
               ? FaultProxy::Direction::ServerToClient
               : FaultProxy::Direction::ClientToServer;
}

} // namespace

FaultProxy::FaultProxy(QObject* parent)
    : QObject(parent) {
    m_clock.start();
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pumpTimer, &QTimer::timeout, this, &FaultProxy::pump);
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy() {
    m_server.close();
    for (Pipe* pipe : std::as_const(m_pipes)) {
        for (QTcpSocket* socket : {pipe->client.data(), pipe->upstream.data()}) {
            if (socket) {
                socket->disconnect(this);
                socket->abort();
                delete socket;
            }
        }
        delete pipe;
    }
}

bool FaultProxy::listen(const QHostAddress& targetHost, quint16 targetPort) {
    m_targetHost = targetHost;
    m_targetPort = targetPort;
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::setStalled(Direction direction, bool stalled) {
    m_stalled[index(direction)] = stalled;
    if (!stalled) {
        schedulePump();
    }
}

bool FaultProxy::isStalled(Direction direction) const {
    return m_stalled[index(direction)];
}

void FaultProxy::cutAll() {
    for (Pipe* pipe : QList<Pipe*>(m_pipes)) {
        closePipe(pipe, false);
    }
}

void FaultProxy::resetAll() {
    for (Pipe* pipe : QList<Pipe*>(m_pipes)) {
        closePipe(pipe, true);
    }
}

void FaultProxy::armAfterBytes(Direction direction, qint64 bytes, Fault fault) {
    m_trigger = Trigger{true, direction, std::max<qint64>(1, bytes), fault};
}

void FaultProxy::disarm() {
    m_trigger.armed = false;
}

int FaultProxy::activeConnections() const {
    return int(std::count_if(m_pipes.cbegin(), m_pipes.cend(),
                             [](const Pipe* pipe) { return pipe->client != nullptr; }));
}

qint64 FaultProxy::bytesForwarded(Direction direction) const {
    return m_bytes[index(direction)];
}

qint64 FaultProxy::queuedBytes(Direction direction) const {
    qint64 total = 0;
    for (const Pipe* pipe : m_pipes) {
        for (const Chunk& chunk : pipe->queue[index(direction)]) {
            total += chunk.bytes.size();
        }
    }
    return total;
}

void FaultProxy::onNewConnection() {
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        client->setParent(this);
        auto* pipe = new Pipe;
        pipe->client = client;
        pipe->upstream = new QTcpSocket(this);
        m_pipes.append(pipe);
        ++m_total;
        QTcpSocket* upstream = pipe->upstream;
        connect(client, &QTcpSocket::readyRead, this,
                [this, pipe] { onReadable(pipe, Direction::ClientToServer); });
        connect(upstream, &QTcpSocket::readyRead, this,
                [this, pipe] { onReadable(pipe, Direction::ServerToClient); });
        connect(upstream, &QTcpSocket::connected, this, [this, pipe] {
            pipe->upstreamConnected = true;
            schedulePump();
        });
        // Either side going away takes the other with it, as a real middlebox would.
        connect(client, &QTcpSocket::disconnected, this, [this, pipe] { dropPipe(pipe); });
        connect(upstream, &QTcpSocket::disconnected, this, [this, pipe] { dropPipe(pipe); });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, pipe] { dropPipe(pipe); });
        upstream->connectToHost(m_targetHost, m_targetPort);
        Q_EMIT connectionOpened(m_total);
    }
}

void FaultProxy::onReadable(Pipe* pipe, Direction direction) {
    QTcpSocket* source =
        direction == Direction::ClientToServer ? pipe->client.data() : pipe->upstream.data();
    if (!source || !m_pipes.contains(pipe)) {
        return;
    }
    const QByteArray bytes = source->readAll();
    if (bytes.isEmpty()) {
        return;
    }
    pipe->queue[index(direction)].push_back(Chunk{m_clock.elapsed() + m_delay.count(), bytes});
    forward(pipe, direction);
    schedulePump();
}

void FaultProxy::pump() {
    for (Pipe* pipe : QList<Pipe*>(m_pipes)) {
        for (Direction direction : {Direction::ClientToServer, Direction::ServerToClient}) {
            if (m_pipes.contains(pipe)) {
                forward(pipe, direction);
            }
        }
    }
    schedulePump();
}

void FaultProxy::forward(Pipe* pipe, Direction direction) {
    const int d = index(direction);
    auto& queue = pipe->queue[d];
    while (!m_stalled[d] && !queue.empty() && m_pipes.contains(pipe)) {
        if (queue.front().dueMs > m_clock.elapsed()) {
            return;
        }
        QTcpSocket* target =
            direction == Direction::ClientToServer ? pipe->upstream.data() : pipe->client.data();
        if (!target || (direction == Direction::ClientToServer && !pipe->upstreamConnected)) {
            return;
        }
        QByteArray bytes = std::move(queue.front().bytes);
        queue.pop_front();
        std::optional<Fault> fired;
        if (m_trigger.armed && m_trigger.direction == direction) {
            if (bytes.size() >= m_trigger.remaining) {
                fired = m_trigger.fault;
                m_trigger.armed = false;
                if (*fired == Fault::Cut || *fired == Fault::Reset) {
                    bytes.truncate(m_trigger.remaining);
                }
            } else {
                m_trigger.remaining -= bytes.size();
            }
        }
        target->write(bytes);
        m_bytes[d] += bytes.size();
        Q_EMIT chunkForwarded(direction, bytes.size());
        if (fired) {
            fire(*fired, direction);
            return;
        }
    }
}

void FaultProxy::fire(Fault fault, Direction direction) {
    switch (fault) {
    case Fault::Cut:
        cutAll();
        break;
    case Fault::Reset:
        // Let the bytes up to the threshold reach the peer before the abort drops the rest.
        for (Pipe* pipe : std::as_const(m_pipes)) {
            for (QTcpSocket* socket : {pipe->client.data(), pipe->upstream.data()}) {
                if (socket) {
                    socket->flush();
                }
            }
        }
        resetAll();
        break;
    case Fault::StallOther:
        m_stalled[index(other(direction))] = true;
        break;
    case Fault::StallSame:
        m_stalled[index(direction)] = true;
        break;
    }
    Q_EMIT faultFired(fault);
}

void FaultProxy::closePipe(Pipe* pipe, bool abort) {
    pipe->queue[0].clear();
    pipe->queue[1].clear();
    for (QTcpSocket* socket : {pipe->client.data(), pipe->upstream.data()}) {
        if (!socket) {
            continue;
        }
        if (abort) {
            // SO_LINGER 0 would be a true RST; aborting both ends is what the peers observe.
            socket->abort();
        } else {
            socket->flush();
            socket->disconnectFromHost();
        }
    }
    dropPipe(pipe);
}

void FaultProxy::dropPipe(Pipe* pipe) {
    if (!m_pipes.removeOne(pipe)) {
        return;
    }
    for (QTcpSocket* socket : {pipe->client.data(), pipe->upstream.data()}) {
        if (socket) {
            socket->disconnect(this);
            if (socket->state() != QAbstractSocket::UnconnectedState) {
                socket->disconnectFromHost();
            }
            socket->deleteLater();
        }
    }
    delete pipe;
    Q_EMIT connectionClosed();
}

void FaultProxy::schedulePump() {
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Pipe* pipe : std::as_const(m_pipes)) {
        for (int d = 0; d < 2; ++d) {
            if (!m_stalled[d] && !pipe->queue[d].empty()) {
                next = std::min(next, pipe->queue[d].front().dueMs);
            }
        }
    }
    if (next == std::numeric_limits<qint64>::max()) {
        return;
    }
    const qint64 wait = std::max<qint64>(0, next - m_clock.elapsed());
    if (!m_pumpTimer.isActive() || m_pumpTimer.remainingTime() > wait) {
        m_pumpTimer.start(int(wait));
    }
}

} // namespace busbar::test
