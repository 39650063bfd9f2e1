#include "core/admin/XsdDateTime.h"
#include "core/admin/XsdDuration.h"

#include <QTest>

using namespace busbar;
using namespace std::chrono_literals;

class tst_XsdDuration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesServiceValues_data();
    void parsesServiceValues();
    void formatsCanonically_data();
    void formatsCanonically();
    void maximumRoundTripsExactly();
    void roundTripsTicks();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void rejectsNegativeWithReason();
    void rejectsOverflow();
    void truncatesExtraFractionDigits();
    void dateTimeParsesSevenDigitFractions();
    void dateTimeYearOneIsNever();
    void dateTimeFormats();
};

void tst_XsdDuration::parsesServiceValues_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milliseconds");
    QTest::newRow("PT1M") << QStringLiteral("PT1M") << qint64(60'000);
    QTest::newRow("PT30S") << QStringLiteral("PT30S") << qint64(30'000);
    QTest::newRow("PT0.5S") << QStringLiteral("PT0.5S") << qint64(500);
    QTest::newRow("P1D") << QStringLiteral("P1D") << qint64(86'400'000);
    QTest::newRow("P14D") << QStringLiteral("P14D") << qint64(14 * 86'400'000LL);
    QTest::newRow("PT1H") << QStringLiteral("PT1H") << qint64(3'600'000);
    QTest::newRow("large seconds") << QStringLiteral("PT1209600S") << qint64(1'209'600'000);
    QTest::newRow("mixed") << QStringLiteral("P1DT2H3M4.005S") << qint64(93'784'005);
    QTest::newRow("year is 365 days") << QStringLiteral("P1Y") << qint64(365 * 86'400'000LL);
    QTest::newRow("month is 30 days") << QStringLiteral("P1M") << qint64(30 * 86'400'000LL);
    QTest::newRow("zero") << QStringLiteral("PT0S") << qint64(0);
    QTest::newRow("whitespace") << QStringLiteral("  PT5S \n") << qint64(5'000);
    QTest::newRow("max") << QStringLiteral("P10675199DT2H48M5.4775807S")
                         << qint64(kDurationNever.count());
}

void tst_XsdDuration::parsesServiceValues() {
    QFETCH(QString, text);
    QFETCH(qint64, milliseconds);
    const auto parsed = XsdDuration::parse(text);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->count(), milliseconds);
}

void tst_XsdDuration::formatsCanonically_data() {
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("PT0S");
    QTest::newRow("minute") << qint64(60'000) << QStringLiteral("PT1M");
    QTest::newRow("half second") << qint64(500) << QStringLiteral("PT0.5S");
    QTest::newRow("day") << qint64(86'400'000) << QStringLiteral("P1D");
    QTest::newRow("14 days") << qint64(14 * 86'400'000LL) << QStringLiteral("P14D");
    QTest::newRow("mixed") << qint64(93'784'005) << QStringLiteral("P1DT2H3M4.005S");
    QTest::newRow("never") << qint64(kDurationNever.count())
                           << QStringLiteral("P10675199DT2H48M5.4775807S");
}

void tst_XsdDuration::formatsCanonically() {
    QFETCH(qint64, milliseconds);
    QFETCH(QString, text);
    QCOMPARE(XsdDuration::format(Milliseconds{milliseconds}), text);
}

void tst_XsdDuration::maximumRoundTripsExactly() {
    const auto ticks = XsdDuration::parseTicks(XsdDuration::maxText());
    QVERIFY(ticks.has_value());
    QCOMPARE(*ticks, std::numeric_limits<qint64>::max());
    QCOMPARE(XsdDuration::formatTicks(*ticks), QStringLiteral("P10675199DT2H48M5.4775807S"));
    // Never a rounded form: a value past "never" still writes the exact maximum.
    QCOMPARE(XsdDuration::format(kDurationNever + 1ms), XsdDuration::maxText());
}

void tst_XsdDuration::roundTripsTicks() {
    for (const qint64 ticks :
         {qint64(1), qint64(10'000'001), qint64(864'000'000'001), qint64(123'456'789'012)}) {
        const QString text = XsdDuration::formatTicks(ticks);
        const auto back = XsdDuration::parseTicks(text);
        QVERIFY2(back.has_value(), qPrintable(text));
        QCOMPARE(*back, ticks);
    }
}

void tst_XsdDuration::rejectsMalformed_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("no P") << QStringLiteral("T1M");
    QTest::newRow("P only") << QStringLiteral("P");
    QTest::newRow("T without time") << QStringLiteral("P1DT");
    QTest::newRow("time unit without T") << QStringLiteral("P5S");
    QTest::newRow("out of order") << QStringLiteral("PT1S1M");
    QTest::newRow("fraction on minutes") << QStringLiteral("PT1.5M");
    QTest::newRow("no unit") << QStringLiteral("PT5");
    QTest::newRow("words") << QStringLiteral("five minutes");
    QTest::newRow("timespan text") << QStringLiteral("00:01:00");
}

void tst_XsdDuration::rejectsMalformed() {
    QFETCH(QString, text);
    const auto parsed = XsdDuration::parse(text);
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    QVERIFY2(parsed.error().message.contains(QStringLiteral("xs:duration")),
             qPrintable(parsed.error().message));
}

void tst_XsdDuration::rejectsNegativeWithReason() {
    const auto parsed = XsdDuration::parse(u"-PT1M");
    QVERIFY(!parsed.has_value());
    QVERIFY(parsed.error().message.contains(QStringLiteral("negative")));
}

void tst_XsdDuration::rejectsOverflow() {
    QVERIFY(!XsdDuration::parseTicks(u"P10675199DT2H48M5.4775808S").has_value());
    QVERIFY(!XsdDuration::parseTicks(u"P99999999999999999999D").has_value());
    QVERIFY(XsdDuration::parseTicks(u"P10675199D").has_value());
}

void tst_XsdDuration::truncatesExtraFractionDigits() {
    const auto ticks = XsdDuration::parseTicks(u"PT0.123456789S");
    QVERIFY(ticks.has_value());
    QCOMPARE(*ticks, qint64(1'234'567));
}

void tst_XsdDuration::dateTimeParsesSevenDigitFractions() {
    const auto time = XsdDateTime::parse(u"2022-02-03T19:34:05.4983039Z");
    QVERIFY(time.has_value());
    QCOMPARE(*time, QDateTime(QDate(2022, 2, 3), QTime(19, 34, 5, 498), Qt::UTC));
    const auto short3 = XsdDateTime::parse(u"2018-10-09T19:56:34.903Z");
    QVERIFY(short3.has_value());
    QCOMPARE(short3->time().msec(), 903);
    QVERIFY(!XsdDateTime::parse(u"yesterday").has_value());
}

void tst_XsdDuration::dateTimeYearOneIsNever() {
    const auto time = XsdDateTime::parse(u"0001-01-01T00:00:00Z");
    QVERIFY(time.has_value());
    QVERIFY(!time->isValid());
    QCOMPARE(XsdDateTime::format(QDateTime()), QStringLiteral("0001-01-01T00:00:00Z"));
}

void tst_XsdDuration::dateTimeFormats() {
    const QDateTime time(QDate(2022, 4, 12), QTime(1, 28, 26, 250), Qt::UTC);
    QCOMPARE(XsdDateTime::format(time), QStringLiteral("2022-04-12T01:28:26.250Z"));
    QCOMPARE(XsdDateTime::formatSeconds(time), QStringLiteral("2022-04-12T01:28:26Z"));
    const auto back = XsdDateTime::parse(XsdDateTime::format(time));
    QVERIFY(back.has_value());
    QCOMPARE(*back, time);
}

QTEST_GUILESS_MAIN(tst_XsdDuration)
#include "tst_XsdDuration.moc"
