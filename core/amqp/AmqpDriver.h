#pragma once

#include "core/amqp/ByteTransport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <proton/connection_options.hpp>
#include <proton/io/connection_driver.hpp>

#include <functional>
#include <memory>

namespace busbar {

class FrameTrace;

// One proton::io::connection_driver over one ByteTransport, driven from the Qt event loop as
// notes/proton-connection-driver.md prescribes: feed input, dispatch, tick after dispatch,
// flush, arm the timer. Shared by the client connection and the emulator's server connections.
//
// Proton calls made outside a handler callback must be followed by a loop run; call
// scheduleProcess(), which coalesces many requests in one event-loop turn into one run.
class AmqpDriver final : public QObject {
    Q_OBJECT
public:
    AmqpDriver(std::unique_ptr<ByteTransport> transport, const QString& containerId,
               QObject* parent = nullptr);
    ~AmqpDriver() override;

    // Server role: accept at once (the transport is already connected).
    void accept(const proton::connection_options& options);
    // Client role: connect as soon as the transport is ready.
    void connect(const proton::connection_options& options);

    // Runs before every dispatch(); the server reads raw deliveries here, before the
    // C++ adapter would decode (and so lose) their bytes.
    void setBeforeDispatch(std::function<void()> hook) { m_beforeDispatch = std::move(hook); }

    // Frames this connection reads and writes go to `trace` (when it is enabled) and to
    // lcAmqpFrames (when its debug level is on), redacted, labelled `label` (a host name).
    // Null: only lcAmqpFrames. Proton's frame logging stays off while neither wants lines.
    void setFrameTrace(std::shared_ptr<FrameTrace> trace, const QString& label);

    void process();
    void scheduleProcess();

    [[nodiscard]] proton::io::connection_driver& driver() { return m_driver; }
    [[nodiscard]] ByteTransport* transport() const { return m_transport.get(); }
    [[nodiscard]] bool isFinished() const { return m_finished; }

Q_SIGNALS:
    // The AMQP connection and the socket are both gone; the owner may delete this.
    void finished();

private:
    void readInput();
    void flush();
    void onTransportDisconnected();
    [[nodiscard]] qint64 nowMs() const { return m_clock.elapsed() + 1; }
    void updateFrameLogging();
    void traceFrame(const char* text);

    proton::io::connection_driver m_driver;
    std::unique_ptr<ByteTransport> m_transport;
    std::function<void()> m_beforeDispatch;
    std::shared_ptr<FrameTrace> m_trace;
    QString m_traceLabel;
    bool m_frameLogging = false; // Proton's frame log mask is on
    QTimer m_timer;
    QElapsedTimer m_clock;
    proton::connection_options m_clientOptions;
    bool m_started = false;
    bool m_finished = false; // dispatch() returned false
    bool m_socketGone = false;
    bool m_finishedEmitted = false;
    bool m_inProcess = false;
    bool m_processAgain = false;
    bool m_processScheduled = false;
};

} // namespace busbar
