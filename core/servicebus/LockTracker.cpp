#include "core/servicebus/LockTracker.h"

#include "core/servicebus/WhenFinished.h"

#include <algorithm>
#include <limits>

namespace busbar {

namespace {

constexpr qint64 kNever = std::numeric_limits<qint64>::max();
constexpr qint64 kRetryDelayMs = 1'000;
// Timers further out than this are re-armed on firing: a fake clock in tests, or a
// system clock jump, must not leave the tracker asleep for days.
constexpr qint64 kMaxTimerMs = 60 * 60 * 1000;

qint64 toMs(const QDateTime& time) {
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

Error lockError(const LockKey& key, ErrorCode code, const QString& why) {
    const bool session = key.kind == LockKey::Kind::Session;
    const QString what = session ? QStringLiteral("The lock on session '%1'").arg(key.sessionId)
                                 : QStringLiteral("The message lock");
    Error error = Error::make(code, what + QLatin1Char(' ') + why);
    return error;
}

} // namespace

LockTracker::LockTracker(RenewFunction renew, QObject* parent)
    : QObject(parent)
    , m_renew(std::move(renew))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_timer(this) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LockTracker::evaluate);
}

LockTracker::~LockTracker() = default;

void LockTracker::setClock(Clock clock) {
    m_clock = std::move(clock);
    rescheduleAll();
}

void LockTracker::setRenewMargin(std::chrono::milliseconds margin, double shortLockFraction) {
    m_marginMs = std::max<qint64>(0, margin.count());
    m_shortLockFraction = std::clamp(shortLockFraction, 0.0, 1.0);
    rescheduleAll();
}

void LockTracker::track(const LockKey& key, const QDateTime& lockedUntil,
                        std::optional<std::chrono::milliseconds> autoRenewFor) {
    const qint64 now = m_clock();
    Entry& entry = m_locks[key];
    ++entry.renewGeneration; // a renew of the previous lock no longer applies
    entry.key = key;
    entry.state = LockState::Held;
    entry.lockedUntilMs = toMs(lockedUntil);
    entry.grantedAtMs = now;
    entry.autoRenewUntilMs = autoRenewFor && m_renew ? now + autoRenewFor->count() : -1;
    entry.retryAtMs = 0;
    entry.renewals = 0;
    entry.error.reset();
    m_pending.remove(key);
    changed(entry);
    schedule(dueAt(entry));
}

void LockTracker::setAutoRenew(const LockKey& key,
                               std::optional<std::chrono::milliseconds> autoRenewFor) {
    const auto it = m_locks.find(key);
    if (it == m_locks.end()) {
        return;
    }
    it->autoRenewUntilMs = autoRenewFor && m_renew ? m_clock() + autoRenewFor->count() : -1;
    if (it->state == LockState::AutoRenewTimeout || it->state == LockState::ExpiringSoon) {
        setState(*it, LockState::Held); // evaluate() decides again
    }
    changed(*it);
    schedule(dueAt(*it));
}

void LockTracker::updateLockedUntil(const LockKey& key, const QDateTime& lockedUntil) {
    const auto it = m_locks.find(key);
    if (it == m_locks.end()) {
        return;
    }
    ++it->renewGeneration;
    it->lockedUntilMs = toMs(lockedUntil);
    it->grantedAtMs = m_clock();
    it->state = LockState::Held;
    it->error.reset();
    changed(*it);
    schedule(dueAt(*it));
}

void LockTracker::release(const LockKey& key) {
    if (m_locks.contains(key)) {
        finish(key, LockState::Released, std::nullopt);
    }
}

void LockTracker::markLost(const LockKey& key, const Error& error) {
    if (m_locks.contains(key)) {
        finish(key, LockState::Lost, error);
    }
}

std::optional<LockSnapshot> LockTracker::snapshot(const LockKey& key) const {
    const auto it = m_locks.constFind(key);
    if (it == m_locks.cend()) {
        return std::nullopt;
    }
    return toSnapshot(*it);
}

QList<LockSnapshot> LockTracker::snapshots() const {
    QList<LockSnapshot> all;
    all.reserve(m_locks.size());
    for (const Entry& entry : m_locks) {
        all.append(toSnapshot(entry));
    }
    return all;
}

void LockTracker::evaluate() {
    const qint64 now = m_clock();
    QList<LockKey> finished;
    QList<LockKey> renew;
    qint64 next = kNever;
    for (auto it = m_locks.begin(); it != m_locks.end(); ++it) {
        evaluateEntry(*it, now, finished, renew);
    }
    for (const LockKey& key : finished) {
        m_locks.remove(key);
    }
    // Renews start after the walk: the owner's callback may call back into the tracker.
    for (const LockKey& key : renew) {
        const auto it = m_locks.find(key);
        if (it != m_locks.end() && it->state == LockState::Held) {
            startRenew(*it);
        }
    }
    for (const Entry& entry : std::as_const(m_locks)) {
        next = std::min(next, dueAt(entry));
    }
    m_timer.stop();
    m_timerDueMs = kNever;
    schedule(next);
    flush(); // one signal for everything this tick changed
}

qint64 LockTracker::marginFor(const Entry& entry) const {
    const qint64 duration = std::max<qint64>(0, entry.lockedUntilMs - entry.grantedAtMs);
    const auto fraction = static_cast<qint64>(static_cast<double>(duration) * m_shortLockFraction);
    return std::min(m_marginMs, fraction);
}

qint64 LockTracker::dueAt(const Entry& entry) const {
    const qint64 renewAt = entry.lockedUntilMs - marginFor(entry);
    switch (entry.state) {
    case LockState::Held:
        if (entry.autoRenewUntilMs >= 0) {
            return std::max(renewAt, entry.retryAtMs);
        }
        return renewAt;
    case LockState::Renewing:
    case LockState::ExpiringSoon:
    case LockState::AutoRenewTimeout:
        return entry.lockedUntilMs;
    case LockState::Lost:
    case LockState::Released:
        break;
    }
    return kNever;
}

void LockTracker::evaluateEntry(Entry& entry, qint64 now, QList<LockKey>& finished,
                                QList<LockKey>& renew) {
    if (now >= entry.lockedUntilMs) {
        const bool timedOut = entry.state == LockState::AutoRenewTimeout;
        entry.state = LockState::Lost;
        entry.error = timedOut ? lockError(entry.key, ErrorCode::AutoRenewTimeout,
                                           QStringLiteral("expired: auto-renew reached its "
                                                          "maximum duration."))
                               : lockError(entry.key,
                                           entry.key.kind == LockKey::Kind::Session
                                               ? ErrorCode::SessionLockLost
                                               : ErrorCode::LockLost,
                                           QStringLiteral("expired."));
        changed(entry);
        finished.append(entry.key);
        return;
    }
    if (entry.state == LockState::Renewing || entry.state == LockState::AutoRenewTimeout) {
        return;
    }
    const qint64 renewAt = entry.lockedUntilMs - marginFor(entry);
    if (now < renewAt) {
        return;
    }
    if (entry.autoRenewUntilMs < 0) {
        setState(entry, LockState::ExpiringSoon);
        return;
    }
    if (now >= entry.autoRenewUntilMs) {
        entry.autoRenewUntilMs = -1;
        setState(entry, LockState::AutoRenewTimeout);
        return;
    }
    if (now >= entry.retryAtMs) {
        renew.append(entry.key);
    }
}

void LockTracker::startRenew(Entry& entry) {
    setState(entry, LockState::Renewing);
    const quint64 generation = ++entry.renewGeneration;
    const LockKey key = entry.key; // `entry` may not survive the callback
    whenFinished(m_renew(key), this, [this, key, generation](const Result<QDateTime>& result) {
        onRenewed(key, generation, result);
    });
}

void LockTracker::onRenewed(const LockKey& key, quint64 generation,
                            const Result<QDateTime>& result) {
    const auto it = m_locks.find(key);
    if (it == m_locks.end() || it->renewGeneration != generation ||
        it->state != LockState::Renewing) {
        return; // released, lost or re-tracked meanwhile
    }
    const qint64 now = m_clock();
    if (result) {
        it->lockedUntilMs = toMs(*result);
        it->grantedAtMs = now;
        it->retryAtMs = 0;
        ++it->renewals;
        it->error.reset();
        it->state = LockState::Held;
        changed(*it);
        schedule(dueAt(*it));
        return;
    }
    const Error& error = result.error();
    if (error.isRetryable() && now < it->lockedUntilMs) {
        // A busy or briefly unreachable broker: try again shortly while the lock lasts.
        it->error = error;
        it->retryAtMs = now + kRetryDelayMs;
        it->state = LockState::Held;
        changed(*it);
        schedule(dueAt(*it));
        return;
    }
    Error lost = error;
    if (lost.code != ErrorCode::LockLost && lost.code != ErrorCode::SessionLockLost) {
        lost.code = ErrorCode::AutoRenewFailed;
    }
    finish(key, LockState::Lost, lost);
}

void LockTracker::setState(Entry& entry, LockState state) {
    if (entry.state != state) {
        entry.state = state;
        changed(entry);
    }
}

void LockTracker::finish(const LockKey& key, LockState state, std::optional<Error> error) {
    const auto it = m_locks.find(key);
    if (it == m_locks.end()) {
        return;
    }
    it->state = state;
    it->error = std::move(error);
    changed(*it);
    m_locks.erase(it);
}

void LockTracker::changed(const Entry& entry) {
    m_pending.insert(entry.key, toSnapshot(entry));
    scheduleFlush();
}

void LockTracker::schedule(qint64 dueMs) {
    if (dueMs == kNever) {
        return;
    }
    if (m_timer.isActive() && m_timerDueMs <= dueMs) {
        return; // an earlier tick re-evaluates everything anyway
    }
    const qint64 delay = std::clamp<qint64>(dueMs - m_clock(), 0, kMaxTimerMs);
    m_timerDueMs = dueMs;
    m_timer.start(static_cast<int>(delay));
}

void LockTracker::rescheduleAll() {
    m_timer.stop();
    m_timerDueMs = kNever;
    qint64 next = kNever;
    for (const Entry& entry : std::as_const(m_locks)) {
        next = std::min(next, dueAt(entry));
    }
    schedule(next);
}

void LockTracker::scheduleFlush() {
    if (m_flushScheduled) {
        return;
    }
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &LockTracker::flush, Qt::QueuedConnection);
}

void LockTracker::flush() {
    m_flushScheduled = false;
    if (m_pending.isEmpty()) {
        return;
    }
    const QList<LockSnapshot> changes = m_pending.values();
    m_pending.clear();
    Q_EMIT locksChanged(changes);
}

LockSnapshot LockTracker::toSnapshot(const Entry& entry) const {
    LockSnapshot snapshot;
    snapshot.key = entry.key;
    snapshot.state = entry.state;
    snapshot.lockedUntil = QDateTime::fromMSecsSinceEpoch(entry.lockedUntilMs, Qt::UTC);
    snapshot.renewals = entry.renewals;
    snapshot.autoRenew = entry.autoRenewUntilMs >= 0;
    snapshot.error = entry.error;
    return snapshot;
}

} // namespace busbar
