#include "core/amqp/AmqpDriver.h"

#include "core/amqp/ProtonAccess.h"
#include "core/diagnostics/FrameTrace.h"

#include <proton/error_condition.hpp>
#include <proton/logger.h>
#include <proton/timestamp.hpp>

namespace busbar {

namespace {

constexpr uint16_t kFrameSubsystems = PN_SUBSYSTEM_AMQP | PN_SUBSYSTEM_SASL;

void ignoreLog(intptr_t, pn_log_subsystem_t, pn_log_level_t, const char*) {}

pn_logger_t* loggerOf(proton::io::connection_driver& driver) {
    return pn_transport_logger(cTransport(driver.transport()));
}

} // namespace

AmqpDriver::AmqpDriver(std::unique_ptr<ByteTransport> transport, const QString& containerId,
                       QObject* parent)
    : QObject(parent)
    , m_driver(containerId.toStdString())
    , m_transport(std::move(transport)) {
    m_clock.start();
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, this, &AmqpDriver::process);
    QObject::connect(m_transport.get(), &ByteTransport::readyRead, this, [this] {
        if (m_started) {
            process();
        }
    });
    QObject::connect(m_transport.get(), &ByteTransport::disconnected, this,
                     &AmqpDriver::onTransportDisconnected);
    // Proton's own sink prints to stderr, unredacted, when PN_TRACE_FRM or PN_LOG is set:
    // frames go through traceFrame() instead, which redacts them.
    pn_logger_set_log_sink(
        loggerOf(m_driver),
        [](intptr_t context, pn_log_subsystem_t, pn_log_level_t level, const char* text) {
            if (level == PN_LEVEL_FRAME) {
                reinterpret_cast<AmqpDriver*>(context)->traceFrame(text);
            }
        },
        reinterpret_cast<intptr_t>(this));
    updateFrameLogging();
}

AmqpDriver::~AmqpDriver() {
    // The transport's signals must not reach a half-destroyed driver, nor Proton's log (the
    // driver member outlives this object's other members) a destroyed one.
    m_transport->disconnect(this);
    pn_logger_set_log_sink(loggerOf(m_driver), ignoreLog, 0);
}

void AmqpDriver::setFrameTrace(std::shared_ptr<FrameTrace> trace, const QString& label) {
    m_trace = std::move(trace);
    m_traceLabel = label;
    updateFrameLogging();
}

void AmqpDriver::updateFrameLogging() {
    const bool wanted = (m_trace && m_trace->isEnabled()) || lcAmqpFrames().isDebugEnabled();
    if (wanted == m_frameLogging) {
        return;
    }
    m_frameLogging = wanted;
    pn_logger_t* logger = loggerOf(m_driver);
    if (wanted) {
        pn_logger_set_mask(logger, kFrameSubsystems, PN_LEVEL_FRAME);
    } else {
        pn_logger_reset_mask(logger, kFrameSubsystems, PN_LEVEL_FRAME);
    }
}

void AmqpDriver::traceFrame(const char* text) {
    const bool toCategory = lcAmqpFrames().isDebugEnabled();
    const bool toTrace = m_trace && m_trace->isEnabled();
    if (!toCategory && !toTrace) {
        return; // frame logging was switched on by the environment, not by us
    }
    const QString protonText = QString::fromUtf8(text);
    const QString label = m_traceLabel.isEmpty() ? m_transport->peerDescription() : m_traceLabel;
    if (toCategory) {
        qCDebug(lcAmqpFrames).noquote()
            << FrameTrace::formatLine(QDateTime::currentDateTime(), label, protonText);
    }
    if (toTrace) {
        m_trace->appendFrame(label, protonText);
    }
}

void AmqpDriver::accept(const proton::connection_options& options) {
    m_driver.accept(options);
    m_started = true;
    process();
}

void AmqpDriver::connect(const proton::connection_options& options) {
    m_clientOptions = options;
    auto start = [this] {
        if (m_started) {
            return;
        }
        m_driver.connect(m_clientOptions);
        m_started = true;
        process();
    };
    if (m_transport->isReady()) {
        start();
    } else {
        QObject::connect(m_transport.get(), &ByteTransport::ready, this, start);
    }
}

void AmqpDriver::scheduleProcess() {
    if (m_processScheduled) {
        return;
    }
    m_processScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_processScheduled = false;
            process();
        },
        Qt::QueuedConnection);
}

void AmqpDriver::readInput() {
    while (m_transport->bytesAvailable() > 0) {
        const auto buffer = m_driver.read_buffer();
        if (buffer.size == 0) {
            // The transport wants no input now (read side closed).
            break;
        }
        const qint64 n = m_transport->read(buffer.data, qint64(buffer.size));
        if (n <= 0) {
            break;
        }
        m_driver.read_done(size_t(n));
    }
}

void AmqpDriver::flush() {
    for (auto buffer = m_driver.write_buffer(); buffer.size > 0; buffer = m_driver.write_buffer()) {
        if (!m_socketGone) {
            m_transport->write(buffer.data, qint64(buffer.size));
        }
        m_driver.write_done(buffer.size);
    }
}

void AmqpDriver::process() {
    if (!m_started || m_finished) {
        return;
    }
    if (m_inProcess) {
        // Re-entered from a handler (e.g. a broker signal emitted synchronously): run again
        // once the current pass is over instead of nesting dispatch().
        m_processAgain = true;
        return;
    }
    m_inProcess = true;
    updateFrameLogging();
    bool alive = true;
    qint64 now = 0;
    qint64 next = 0;
    do {
        m_processAgain = false;
        if (!m_socketGone) {
            readInput();
        }
        do {
            if (m_beforeDispatch) {
                m_beforeDispatch();
            }
            alive = m_driver.dispatch();
            flush();
            now = nowMs();
            next = m_driver.tick(proton::timestamp(now)).milliseconds();
            flush();
        } while (alive && m_driver.has_events());
    } while (alive && m_processAgain);
    m_inProcess = false;

    if (!alive) {
        m_finished = true;
        m_timer.stop();
        if (m_socketGone) {
            if (!m_finishedEmitted) {
                m_finishedEmitted = true;
                Q_EMIT finished();
            }
        } else {
            // Both directions are closed: now the socket may go (after what is queued).
            m_transport->close();
        }
        return;
    }
    if (next > 0) {
        m_timer.start(int(std::max<qint64>(0, next - now)));
    } else {
        m_timer.stop();
    }
}

void AmqpDriver::onTransportDisconnected() {
    m_socketGone = true;
    if (m_started && !m_finished) {
        m_driver.disconnected(
            proton::error_condition("amqp:socket", m_transport->errorString().toStdString()));
        process();
    }
    m_finished = true;
    m_timer.stop();
    if (!m_finishedEmitted) {
        m_finishedEmitted = true;
        Q_EMIT finished();
    }
}

} // namespace busbar
