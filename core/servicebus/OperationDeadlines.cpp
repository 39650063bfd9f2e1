#include "core/servicebus/OperationDeadlines.h"

#include <limits>

namespace busbar {

OperationDeadlines::OperationDeadlines(QObject* context)
    : m_timer(context) {
    m_clock.start();
    m_timer.setSingleShot(true);
    // Precise: a coarse timer may fire 5% late, which a 60 s timeout would feel as 3 s.
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { expire(); });
}

OperationDeadlines::Key OperationDeadlines::arm(std::chrono::milliseconds timeout,
                                                std::function<void()> onExpiry) {
    const qint64 now = m_clock.elapsed();
    const qint64 due =
        now + std::clamp<qint64>(timeout.count(), 0, std::numeric_limits<int>::max());
    const Key key{due, ++m_nextId};
    m_entries.emplace(std::pair(due, key.id), std::move(onExpiry));
    // The timer only moves when this deadline comes before the one it is armed for.
    if (!m_timer.isActive() || due < m_armedForMs) {
        m_armedForMs = due;
        m_timer.start(int(due - now));
    }
    return key;
}

void OperationDeadlines::cancel(Key key) {
    if (!key.isNull()) {
        // The timer stays armed: when it fires early for nothing, it re-arms for the next.
        m_entries.erase(std::pair(key.dueMs, key.id));
    }
}

void OperationDeadlines::clear() {
    m_entries.clear();
    m_timer.stop();
    m_armedForMs = -1;
}

qint64 OperationDeadlines::nextFiringInMs() const {
    return m_timer.isActive() ? std::max<qint64>(0, m_armedForMs - m_clock.elapsed()) : -1;
}

void OperationDeadlines::expire() {
    m_armedForMs = -1;
    // One at a time from the front: a callback may arm or cancel deadlines (a timed-out
    // accept removes its link, which answers and cancels that link's other operations).
    while (!m_entries.empty()) {
        const auto first = m_entries.begin();
        if (first->first.first > m_clock.elapsed()) {
            break;
        }
        const std::function<void()> onExpiry = std::move(first->second);
        m_entries.erase(first);
        onExpiry();
    }
    rearm();
}

void OperationDeadlines::rearm() {
    if (m_entries.empty()) {
        m_timer.stop();
        m_armedForMs = -1;
        return;
    }
    const qint64 due = m_entries.begin()->first.first;
    if (m_timer.isActive() && m_armedForMs == due) {
        return;
    }
    m_armedForMs = due;
    m_timer.start(int(std::max<qint64>(0, due - m_clock.elapsed())));
}

} // namespace busbar
