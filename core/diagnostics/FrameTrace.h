#pragma once

#include <QDateTime>
#include <QList>
#include <QLoggingCategory>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <deque>
#include <memory>

namespace busbar {

// Every AMQP frame a traced connection reads or writes, one redacted line each, at debug level.
Q_DECLARE_LOGGING_CATEGORY(lcAmqpFrames)

// An opt-in record of AMQP frames for the log panel and bug reports: a ring buffer of the
// newest lines, filled by AmqpDriver from Proton's frame log. Off by default; while off,
// drivers leave Proton's frame logging off too, so an idle trace costs one atomic load per
// driver loop. Thread-safe: connections on any thread append, the GUI reads.
//
// Lines never hold secrets: transfer payloads (message bodies, application properties, so
// the CBS put-token token) are replaced by their size, SASL initial responses are dropped,
// and anything that still looks like a key, signature or Authorization value is masked.
class FrameTrace final {
public:
    static constexpr int kDefaultCapacity = 10000;

    struct Line {
        quint64 sequence = 0; // 1, 2, ... in append order; never reused
        QDateTime time;
        QString text; // "12:00:01.234 localhost 0 -> @open(16) [...]"
    };

    explicit FrameTrace(int capacity = kDefaultCapacity);

    // The application's trace: connections whose options name no other trace use it.
    [[nodiscard]] static std::shared_ptr<FrameTrace> shared();

    void setEnabled(bool enabled) { m_enabled.store(enabled, std::memory_order_relaxed); }
    [[nodiscard]] bool isEnabled() const { return m_enabled.load(std::memory_order_relaxed); }

    // One frame as Proton logged it (`protonText`: "0 -> @open(16) [...]") on the connection
    // `label` (a host name). Dropped when the trace is off.
    void appendFrame(const QString& label, const QString& protonText);

    // Lines with a sequence number above `after` (0: every line kept), oldest first.
    [[nodiscard]] QList<Line> linesAfter(quint64 after) const;
    [[nodiscard]] QStringList texts() const;
    [[nodiscard]] quint64 lastSequence() const;
    [[nodiscard]] int capacity() const { return m_capacity; }
    void clear();

    // A Proton frame log line made safe to show: payloads become "(N bytes)", SASL
    // responses and credential-looking values become "***".
    [[nodiscard]] static QString redactFrame(const QString& protonText);
    // The formatted line for `label` at `time` (used for the ring and for lcAmqpFrames).
    [[nodiscard]] static QString formatLine(const QDateTime& time, const QString& label,
                                            const QString& protonText);

private:
    const int m_capacity;
    std::atomic<bool> m_enabled{false};
    mutable QMutex m_mutex;
    std::deque<Line> m_lines;
    quint64 m_sequence = 0;
};

} // namespace busbar
