#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>
#include <utility>

namespace busbar {

// The timeouts of a connection's operations (settles, sends, management requests, receives)
// on ONE timer. A QTimer per operation put thousands of timers in Qt's timer list, whose
// ordered insertion showed up in profiles; here deadlines sit in an ordered map and the timer
// is armed for the earliest only. Operations usually share a timeout, so a new deadline is
// rarely the earliest and arming touches no timer at all. Lives on one thread (its context's).
class OperationDeadlines final {
public:
    // Names an armed deadline for cancel(); a default Key names none.
    struct Key {
        qint64 dueMs = -1;
        quint64 id = 0;
        [[nodiscard]] bool isNull() const { return id == 0; }
    };

    // The timer is a child of `context`, so it follows it to its thread.
    explicit OperationDeadlines(QObject* context);
    OperationDeadlines(const OperationDeadlines&) = delete;
    OperationDeadlines& operator=(const OperationDeadlines&) = delete;

    // Calls `onExpiry` once `timeout` has passed, unless cancelled first. Deadlines that are
    // due together run in the order they were armed.
    Key arm(std::chrono::milliseconds timeout, std::function<void()> onExpiry);
    // Forgets a deadline; nothing happens for one that already ran or a null key.
    void cancel(Key key);
    // Forgets every deadline (the connection is shutting down and answered everything).
    void clear();

    [[nodiscard]] std::size_t size() const { return m_entries.size(); }
    // When the timer is due to fire next, in ms from now; -1 when it is not armed.
    [[nodiscard]] qint64 nextFiringInMs() const;

private:
    void expire();
    void rearm();

    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_armedForMs = -1; // the deadline the timer fires for
    quint64 m_nextId = 0;
    std::map<std::pair<qint64, quint64>, std::function<void()>> m_entries;
};

} // namespace busbar
