#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QTimer>

#include <algorithm>

// What bench_jobs measures beside throughput: event-loop stalls and CPU per thread.
namespace busbar::bench {

// The longest gap between ticks of a 5 ms timer on this thread's event loop: how long the
// loop (the GUI, in the app) was kept from painting and answering input.
class StallMeter final {
public:
    StallMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start() {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_timer.start();
    }
    qint64 stop() {
        m_timer.stop();
        return std::max(m_longest, m_clock.elapsed() - m_last);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

// CPU seconds per thread name of this process (Linux /proc; empty elsewhere): where a run's
// work went, the job's thread, the client's connection thread and the emulator's.
QHash<QString, double> cpuByThread();
// "name 0.12 s, ..." for every thread that used at least 0.05 s between the two readings.
QString cpuDelta(const QHash<QString, double>& before, const QHash<QString, double>& after);

} // namespace busbar::bench
