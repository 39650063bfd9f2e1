#pragma once

#include "core/common/Error.h"
#include "core/common/Result.h"
#include "core/servicebus/LockKey.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace busbar {

enum class LockState {
    Held,             // valid, nothing to do yet (or auto-renew will take care of it)
    Renewing,         // a renew request is in flight
    ExpiringSoon,     // inside the renew margin and not being renewed
    AutoRenewTimeout, // auto-renew reached its maximum duration; the lock runs out
    Lost,             // expired, or the broker refused to renew it (final)
    Released,         // settled or closed by the owner (final)
};

// One lock's state as the UI paints it (a countdown to lockedUntil).
struct LockSnapshot {
    LockKey key;
    LockState state = LockState::Held;
    QDateTime lockedUntil;
    int renewals = 0;
    bool autoRenew = false;
    std::optional<Error> error; // why it was Lost, or the last failed renew attempt
};

// Knows every lock the client holds (message and session locks, with locked-until from the
// broker) and renews them before they expire through the owner's renew callback, until each
// lock's maximum auto-renew duration. One QTimer serves all locks (there may be thousands);
// changes are published as one locksChanged() per timer tick or event-loop turn, never one
// signal per lock. Lost and Released locks are published once and then forgotten.
// Lives on its owner's thread; the renew callback's future must resolve there too.
class LockTracker final : public QObject {
    Q_OBJECT
public:
    using RenewFunction = std::function<QFuture<Result<QDateTime>>(const LockKey&)>;
    using Clock = std::function<qint64()>; // ms since the Unix epoch

    explicit LockTracker(RenewFunction renew, QObject* parent = nullptr);
    ~LockTracker() override;

    // Tests move time with a fake clock and call evaluate() themselves.
    void setClock(Clock clock);
    // Renew (or warn) `margin` before expiry, but no earlier than `shortLockFraction` of the
    // lock's duration before it, so a 5 s lock renews 1 s before. Defaults: 10 s and 0.2.
    void setRenewMargin(std::chrono::milliseconds margin, double shortLockFraction = 0.2);

    // Starts tracking (or re-tracks) a lock. With `autoRenewFor`, the lock is renewed until
    // that long after now; without, it is only watched (ExpiringSoon, then Lost).
    void track(const LockKey& key, const QDateTime& lockedUntil,
               std::optional<std::chrono::milliseconds> autoRenewFor = std::nullopt);
    void setAutoRenew(const LockKey& key, std::optional<std::chrono::milliseconds> autoRenewFor);
    // After a renew the owner made itself.
    void updateLockedUntil(const LockKey& key, const QDateTime& lockedUntil);
    // The message was settled or the session closed.
    void release(const LockKey& key);
    // The broker said the lock is gone (e.g. a settle failed with lock-lost).
    void markLost(const LockKey& key, const Error& error);

    [[nodiscard]] std::optional<LockSnapshot> snapshot(const LockKey& key) const;
    // Every lock still held, e.g. for a view's first paint before it follows locksChanged().
    [[nodiscard]] QList<LockSnapshot> snapshots() const;
    // Locks still held (any state but Lost and Released).
    [[nodiscard]] int heldCount() const { return static_cast<int>(m_locks.size()); }

    // Re-evaluates every lock against the clock and publishes what changed. The timer calls
    // it; so may tests with a fake clock.
    void evaluate();

Q_SIGNALS:
    void locksChanged(const QList<busbar::LockSnapshot>& changes);

private:
    struct Entry {
        LockKey key;
        LockState state = LockState::Held;
        qint64 lockedUntilMs = 0;
        qint64 grantedAtMs = 0;       // when lockedUntil was granted: the lock's duration
        qint64 autoRenewUntilMs = -1; // -1: no auto-renew
        qint64 retryAtMs = 0;         // back-off after a retryable renew failure
        quint64 renewGeneration = 0;  // ignores renew answers that arrive too late
        int renewals = 0;
        std::optional<Error> error;
    };

    [[nodiscard]] qint64 marginFor(const Entry& entry) const;
    [[nodiscard]] qint64 dueAt(const Entry& entry) const;
    void evaluateEntry(Entry& entry, qint64 now, QList<LockKey>& finished, QList<LockKey>& renew);
    void startRenew(Entry& entry);
    void onRenewed(const LockKey& key, quint64 generation, const Result<QDateTime>& result);
    void setState(Entry& entry, LockState state);
    void finish(const LockKey& key, LockState state, std::optional<Error> error);
    void changed(const Entry& entry);
    void schedule(qint64 dueMs);
    void rescheduleAll();
    void scheduleFlush();
    void flush();
    [[nodiscard]] LockSnapshot toSnapshot(const Entry& entry) const;

    RenewFunction m_renew;
    Clock m_clock;
    qint64 m_marginMs = 10'000;
    double m_shortLockFraction = 0.2;
    QHash<LockKey, Entry> m_locks;
    QHash<LockKey, LockSnapshot> m_pending;
    bool m_flushScheduled = false;
    QTimer m_timer;
    qint64 m_timerDueMs = 0;
};

} // namespace busbar
