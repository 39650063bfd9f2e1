#include "core/amqp/DotNetTicks.h"

#include <QTest>

using namespace busbar;

class tst_DotNetTicks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void specExample();
    void unixEpoch();
    void roundsTowardsThePast();
    void roundTrips();
};

// servicebus-amqp.md §9.1: 2024-01-01T00:00:00Z = 638396640000000000 ticks.
void tst_DotNetTicks::specExample() {
    const QDateTime newYear(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    QCOMPARE(DotNetTicks::fromDateTime(newYear), 638396640000000000LL);
    QCOMPARE(DotNetTicks::fromUnixMs(newYear.toMSecsSinceEpoch()), 638396640000000000LL);
    QCOMPARE(DotNetTicks::toDateTime(638396640000000000LL), newYear);
    QCOMPARE(DotNetTicks::toDateTime(638396640000000000LL).timeSpec(), Qt::UTC);
    static_assert(DotNetTicks::fromUnixMs(1704067200000LL) == 638396640000000000LL);
}

void tst_DotNetTicks::unixEpoch() {
    QCOMPARE(DotNetTicks::fromUnixMs(0), 621355968000000000LL);
    QCOMPARE(DotNetTicks::toUnixMs(621355968000000000LL), 0);
    // 0001-01-01, .NET's DateTime.MinValue.
    QCOMPARE(DotNetTicks::toDateTime(0), QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC));
}

void tst_DotNetTicks::roundsTowardsThePast() {
    QCOMPARE(DotNetTicks::toUnixMs(621355968000000000LL + 9999), 0);
    QCOMPARE(DotNetTicks::toUnixMs(621355968000000000LL + 10000), 1);
    QCOMPARE(DotNetTicks::toUnixMs(621355968000000000LL - 1), -1);
}

void tst_DotNetTicks::roundTrips() {
    const qint64 samples[] = {0, 1, -1, 1704067200123LL, 253402300799999LL /* 9999-12-31 */};
    for (qint64 ms : samples)
        QCOMPARE(DotNetTicks::toUnixMs(DotNetTicks::fromUnixMs(ms)), ms);
}

QTEST_GUILESS_MAIN(tst_DotNetTicks)
#include "tst_DotNetTicks.moc"
