// LockTracker with a fake clock: every step is driven by evaluate() at a chosen time, so the
// renew timing is exact. One test runs on the real clock with short locks.
#include "core/servicebus/LockTracker.h"

#include <QPromise>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace busbar;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kStart = 1'700'000'000'000; // ms since the epoch

QDateTime at(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// Renew requests the test answers by hand (or at once, when `answer` is set).
struct FakeBroker {
    QList<LockKey> requests;
    QList<std::shared_ptr<QPromise<Result<QDateTime>>>> pending;
    std::function<Result<QDateTime>(const LockKey&)> answer;

    LockTracker::RenewFunction renewFunction() {
        return [this](const LockKey& key) {
            requests.append(key);
            if (answer) {
                return QtFuture::makeReadyFuture(answer(key));
            }
            auto promise = std::make_shared<QPromise<Result<QDateTime>>>();
            promise->start();
            pending.append(promise);
            return promise->future();
        };
    }
    void reply(const Result<QDateTime>& result) {
        auto promise = pending.takeFirst();
        promise->addResult(result);
        promise->finish();
    }
};

LockKey messageKey(int n = 1) {
    return LockKey::message(
        QUuid(QStringLiteral("{00000000-0000-0000-0000-%1}").arg(n, 12, 10, QLatin1Char('0'))),
        QStringLiteral("orders"));
}

// The last published snapshot of `key` among the spy's signals.
std::optional<LockSnapshot> lastPublished(const QSignalSpy& spy, const LockKey& key) {
    std::optional<LockSnapshot> found;
    for (const auto& arguments : spy) {
        for (const auto& snapshot : arguments.at(0).value<QList<LockSnapshot>>()) {
            if (snapshot.key == key) {
                found = snapshot;
            }
        }
    }
    return found;
}

} // namespace

class tst_LockTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_now = kStart;
        m_broker = std::make_unique<FakeBroker>();
        m_tracker = std::make_unique<LockTracker>(m_broker->renewFunction());
        m_tracker->setClock([this] { return m_now; });
    }
    void cleanup() {
        m_tracker.reset();
        m_broker.reset();
    }

    void renewsAtTheMarginBeforeExpiry() {
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        const LockKey key = messageKey();
        m_tracker->track(key, at(kStart + 60'000), 5min);
        QCOMPARE(m_tracker->heldCount(), 1);

        m_now = kStart + 49'999; // 10 s margin: not yet
        m_tracker->evaluate();
        QVERIFY(m_broker->requests.isEmpty());
        QCOMPARE(m_tracker->snapshot(key)->state, LockState::Held);

        m_now = kStart + 50'000;
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests, QList<LockKey>{key});
        QCOMPARE(m_tracker->snapshot(key)->state, LockState::Renewing);
        QCOMPARE(lastPublished(spy, key)->state, LockState::Renewing);

        m_tracker->evaluate(); // a renew in flight is not repeated
        QCOMPARE(m_broker->requests.size(), 1);

        m_broker->reply(at(kStart + 110'000));
        QTRY_COMPARE(m_tracker->snapshot(key)->state, LockState::Held);
        QCOMPARE(m_tracker->snapshot(key)->lockedUntil, at(kStart + 110'000));
        QCOMPARE(m_tracker->snapshot(key)->renewals, 1);
        QTRY_COMPARE(lastPublished(spy, key)->renewals, 1);

        m_now = kStart + 99'999; // the next renew is 10 s before the new expiry
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 1);
        m_now = kStart + 100'000;
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 2);
    }

    void shortLocksRenewAtAFifthOfTheirDuration() {
        const LockKey key = messageKey();
        m_tracker->track(key, at(kStart + 5'000), 1min); // 5 s lock: margin 1 s
        m_now = kStart + 3'999;
        m_tracker->evaluate();
        QVERIFY(m_broker->requests.isEmpty());
        m_now = kStart + 4'000;
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 1);
    }

    void autoRenewStopsAtTheMaximumDuration() {
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        m_broker->answer = [this](const LockKey&) {
            return at(m_now + 60'000);
        };
        const LockKey key = messageKey();
        m_tracker->track(key, at(kStart + 60'000), 90s);

        m_now = kStart + 50'000;
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 1);
        QTRY_COMPARE(m_tracker->snapshot(key)->lockedUntil, at(kStart + 110'000));

        m_now = kStart + 100'000; // renew due, but 90 s of auto-renew are over
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 1);
        QCOMPARE(m_tracker->snapshot(key)->state, LockState::AutoRenewTimeout);
        QVERIFY(!m_tracker->snapshot(key)->autoRenew);

        m_now = kStart + 110'000;
        m_tracker->evaluate();
        QCOMPARE(m_tracker->heldCount(), 0);
        const auto lost = lastPublished(spy, key);
        QVERIFY(lost);
        QCOMPARE(lost->state, LockState::Lost);
        QVERIFY(lost->error);
        QCOMPARE(lost->error->code, ErrorCode::AutoRenewTimeout);
    }

    void renewFailureLosesTheLock() {
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        const LockKey key = messageKey();
        m_tracker->track(key, at(kStart + 60'000), 5min);
        m_now = kStart + 50'000;
        m_tracker->evaluate();
        Error lockLost = Error::make(ErrorCode::LockLost, QStringLiteral("lock lost"));
        m_broker->reply(fail(lockLost));
        QTRY_COMPARE(m_tracker->heldCount(), 0);
        QVERIFY(!m_tracker->snapshot(key));
        QTRY_VERIFY(lastPublished(spy, key) && lastPublished(spy, key)->state == LockState::Lost);
        QCOMPARE(lastPublished(spy, key)->error->code, ErrorCode::LockLost);
    }

    void retryableRenewFailureIsRetried() {
        const LockKey key = messageKey();
        m_tracker->track(key, at(kStart + 60'000), 5min);
        m_now = kStart + 50'000;
        m_tracker->evaluate();
        m_broker->reply(fail(ErrorCode::ServerBusy, QStringLiteral("busy")));
        QTRY_COMPARE(m_tracker->snapshot(key)->state, LockState::Held);
        QCOMPARE(m_tracker->snapshot(key)->error->code, ErrorCode::ServerBusy);

        m_now = kStart + 50'500; // back-off of 1 s
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 1);
        m_now = kStart + 51'000;
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests.size(), 2);
        m_broker->reply(at(kStart + 111'000));
        QTRY_COMPARE(m_tracker->snapshot(key)->renewals, 1);
        QVERIFY(!m_tracker->snapshot(key)->error);
    }

    void expiryWithoutRenewIsLost() {
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        const LockKey key = LockKey::session(QStringLiteral("s-1"), QStringLiteral("orders"));
        m_tracker->track(key, at(kStart + 60'000)); // watched only
        m_now = kStart + 50'000;
        m_tracker->evaluate();
        QCOMPARE(m_tracker->snapshot(key)->state, LockState::ExpiringSoon);
        m_now = kStart + 60'000;
        m_tracker->evaluate();
        QVERIFY(m_broker->requests.isEmpty());
        QCOMPARE(m_tracker->heldCount(), 0);
        const auto lost = lastPublished(spy, key);
        QCOMPARE(lost->state, LockState::Lost);
        QCOMPARE(lost->error->code, ErrorCode::SessionLockLost);
    }

    void changesArePublishedInBatches() {
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        for (int i = 0; i < 1000; ++i) {
            m_tracker->track(messageKey(i), at(kStart + 60'000));
        }
        QCOMPARE(spy.count(), 0); // nothing until the event loop turns
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QList<LockSnapshot>>().size(), 1000);
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 1);

        m_now = kStart + 50'000; // all of them enter the margin in the same tick
        m_tracker->evaluate();
        QCOMPARE(spy.count(), 2);
        const auto expiring = spy.at(1).at(0).value<QList<LockSnapshot>>();
        QCOMPARE(expiring.size(), 1000);
        for (const auto& snapshot : expiring) {
            QCOMPARE(snapshot.state, LockState::ExpiringSoon);
        }
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 2); // the queued flush finds nothing left to say

        m_now = kStart + 50'001; // nothing changed: no signal
        m_tracker->evaluate();
        QCOMPARE(spy.count(), 2);

        // One timer serves them all.
        QCOMPARE(m_tracker->findChildren<QTimer*>().size(), 1);
    }

    void releaseAndMarkLost() {
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        const LockKey first = messageKey(1);
        const LockKey second = messageKey(2);
        const LockKey session = LockKey::session(QStringLiteral("s"), QStringLiteral("orders"));
        m_tracker->track(first, at(kStart + 60'000), 5min);
        m_tracker->track(second, at(kStart + 60'000), 5min);
        m_tracker->track(session, at(kStart + 60'000), 5min);
        QCOMPARE(m_tracker->heldCount(), 3);
        m_tracker->release(first);
        m_tracker->markLost(second, Error::make(ErrorCode::LockLost, QStringLiteral("gone")));
        QCOMPARE(m_tracker->heldCount(), 1);
        QCOMPARE(m_tracker->snapshots().size(), 1);
        QCOMPARE(m_tracker->snapshots().first().key, session);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(lastPublished(spy, first)->state, LockState::Released);
        QCOMPARE(lastPublished(spy, second)->state, LockState::Lost);
        QCOMPARE(lastPublished(spy, session)->state, LockState::Held);

        m_now = kStart + 50'000; // released locks are not renewed
        m_tracker->evaluate();
        QCOMPARE(m_broker->requests, QList<LockKey>{session});
    }

    void lateRenewAnswerAfterReleaseIsIgnored() {
        const LockKey key = messageKey();
        m_tracker->track(key, at(kStart + 60'000), 5min);
        m_now = kStart + 50'000;
        m_tracker->evaluate();
        m_tracker->release(key);
        QSignalSpy spy(m_tracker.get(), &LockTracker::locksChanged);
        QTRY_COMPARE(spy.count(), 1); // the Released snapshot
        m_broker->reply(at(kStart + 110'000));
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(m_tracker->heldCount(), 0);
        QCOMPARE(spy.count(), 1);
    }

    void renewsOnTheRealClock() {
        // Short real locks: 1 s, renewed half-way (a wide margin, so a loaded machine still
        // renews in time), each renewal granting another second, for up to 10 s.
        LockTracker tracker([](const LockKey&) {
            return QtFuture::makeReadyFuture<Result<QDateTime>>(
                QDateTime::currentDateTimeUtc().addMSecs(1'000));
        });
        tracker.setRenewMargin(10s, 0.5);
        const LockKey key = messageKey();
        tracker.track(key, QDateTime::currentDateTimeUtc().addMSecs(1'000), 10s);
        QTRY_VERIFY_WITH_TIMEOUT(tracker.snapshot(key) && tracker.snapshot(key)->renewals >= 2,
                                 5'000);
        QCOMPARE(tracker.heldCount(), 1);

        tracker.setAutoRenew(key, std::nullopt); // stop: the lock runs out and is lost
        QSignalSpy spy(&tracker, &LockTracker::locksChanged);
        QTRY_COMPARE_WITH_TIMEOUT(tracker.heldCount(), 0, 5'000);
        QTRY_VERIFY(lastPublished(spy, key) && lastPublished(spy, key)->state == LockState::Lost);
    }

private:
    qint64 m_now = kStart;
    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<LockTracker> m_tracker;
};

QTEST_GUILESS_MAIN(tst_LockTracker)
#include "tst_LockTracker.moc"
