// OperationDeadlines on the real clock with short timeouts: order, cancellation, re-entrancy,
// and that one timer serves them all.
#include "core/servicebus/OperationDeadlines.h"

#include <QObject>
#include <QTest>

using namespace busbar;
using namespace std::chrono_literals;

class tst_OperationDeadlines : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Armed long, short, middle: they run shortest first, each once.
    void expiresInDeadlineOrderNotArmingOrder() {
        QObject context;
        OperationDeadlines deadlines(&context);
        QStringList fired;
        deadlines.arm(300ms, [&] { fired << QStringLiteral("long"); });
        deadlines.arm(30ms, [&] { fired << QStringLiteral("short"); });
        deadlines.arm(120ms, [&] { fired << QStringLiteral("middle"); });
        QCOMPARE(deadlines.size(), std::size_t(3));
        QTRY_COMPARE(fired.size(), 3);
        QCOMPARE(fired, (QStringList{QStringLiteral("short"), QStringLiteral("middle"),
                                     QStringLiteral("long")}));
        QCOMPARE(deadlines.size(), std::size_t(0));
        QCOMPARE(deadlines.nextFiringInMs(), -1);
    }

    // A cancelled deadline never runs, though a later one does.
    void cancelledDeadlineNeverRuns() {
        QObject context;
        OperationDeadlines deadlines(&context);
        bool cancelledRan = false;
        bool laterRan = false;
        const OperationDeadlines::Key key = deadlines.arm(20ms, [&] { cancelledRan = true; });
        deadlines.arm(80ms, [&] { laterRan = true; });
        deadlines.cancel(key);
        QCOMPARE(deadlines.size(), std::size_t(1));
        QTRY_VERIFY(laterRan);
        QVERIFY(!cancelledRan);
        // Cancelling again, after everything ran, or a null key: nothing happens.
        deadlines.cancel(key);
        deadlines.cancel({});
        QCOMPARE(deadlines.size(), std::size_t(0));
    }

    // The timer is armed for the earliest deadline only: a later one leaves it alone, an
    // earlier one moves it forward.
    void timerFollowsTheEarliestDeadline() {
        QObject context;
        OperationDeadlines deadlines(&context);
        QCOMPARE(deadlines.nextFiringInMs(), -1);
        deadlines.arm(2s, [] {});
        const qint64 first = deadlines.nextFiringInMs();
        QVERIFY2(first > 1000 && first <= 2000, QByteArray::number(first).constData());
        deadlines.arm(60s, [] {});
        QVERIFY(deadlines.nextFiringInMs() <= 2000);
        bool soonRan = false;
        deadlines.arm(10ms, [&] { soonRan = true; });
        QVERIFY(deadlines.nextFiringInMs() <= 10);
        QTRY_VERIFY(soonRan);
        // Re-armed for the 2 s one, not the 60 s one.
        const qint64 next = deadlines.nextFiringInMs();
        QVERIFY2(next > 0 && next <= 2000, QByteArray::number(next).constData());
        QCOMPARE(deadlines.size(), std::size_t(2));
        deadlines.clear();
        QCOMPARE(deadlines.size(), std::size_t(0));
        QCOMPARE(deadlines.nextFiringInMs(), -1);
    }

    // An expiring operation may arm and cancel others (a timed-out accept closes its link,
    // which answers that link's other operations).
    void expiryMayArmAndCancel() {
        QObject context;
        OperationDeadlines deadlines(&context);
        QStringList fired;
        OperationDeadlines::Key victim;
        deadlines.arm(20ms, [&] {
            fired << QStringLiteral("first");
            deadlines.cancel(victim);
            deadlines.arm(0ms, [&] { fired << QStringLiteral("armed by first"); });
        });
        victim = deadlines.arm(40ms, [&] { fired << QStringLiteral("victim"); });
        deadlines.arm(100ms, [&] { fired << QStringLiteral("last"); });
        QTRY_COMPARE(fired.size(), 3);
        QCOMPARE(fired, (QStringList{QStringLiteral("first"), QStringLiteral("armed by first"),
                                     QStringLiteral("last")}));
    }

    // Thousands in flight with the same timeout (the usual case) all expire, in arming order.
    void manyWithTheSameTimeoutExpireInArmingOrder() {
        QObject context;
        OperationDeadlines deadlines(&context);
        constexpr int kCount = 5000;
        QList<int> fired;
        fired.reserve(kCount);
        for (int i = 0; i < kCount; ++i) {
            const auto key = deadlines.arm(50ms, [&fired, i] { fired.append(i); });
            if (i % 2 == 1) {
                deadlines.cancel(key); // answered in time
            }
        }
        QCOMPARE(deadlines.size(), std::size_t(kCount / 2));
        QTRY_COMPARE(fired.size(), kCount / 2);
        for (int i = 0; i < fired.size(); ++i) {
            QCOMPARE(fired.at(i), 2 * i);
        }
        QCOMPARE(deadlines.nextFiringInMs(), -1);
    }
};

QTEST_GUILESS_MAIN(tst_OperationDeadlines)
#include "tst_OperationDeadlines.moc"
