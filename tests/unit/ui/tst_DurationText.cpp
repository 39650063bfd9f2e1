// Human durations in the editors: what is accepted, what is refused, and the round trip.
#include "ui/entities/DurationText.h"

#include <QTest>

using namespace busbar;
using namespace std::chrono_literals;

class tst_DurationText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("seconds") << QStringLiteral("30s") << qint64(30'000);
        QTest::newRow("minutes") << QStringLiteral("5m") << qint64(300'000);
        QTest::newRow("compound") << QStringLiteral("1h 30m") << qint64(5'400'000);
        QTest::newRow("days") << QStringLiteral("2d") << qint64(172'800'000);
        QTest::newRow("millis") << QStringLiteral("250ms") << qint64(250);
        QTest::newRow("plain seconds") << QStringLiteral("90") << qint64(90'000);
        QTest::newRow("xsd") << QStringLiteral("PT1M") << qint64(60'000);
        QTest::newRow("xsd lower") << QStringLiteral("pt1h") << qint64(3'600'000);
        QTest::newRow("never") << QStringLiteral("never") << qint64(kDurationNever.count());
    }
    void parses() {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto parsed = DurationText::parse(text);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->count(), ms);
    }

    void refuses_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("unit only") << QStringLiteral("m");
        QTest::newRow("unknown unit") << QStringLiteral("5w");
        QTest::newRow("trailing junk") << QStringLiteral("5m later");
        QTest::newRow("negative") << QStringLiteral("-5");
        QTest::newRow("bad xsd") << QStringLiteral("P1X");
    }
    void refuses() {
        QFETCH(QString, text);
        const auto parsed = DurationText::parse(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void formatsAndRoundTrips() {
        QCOMPARE(DurationText::format(30s), QStringLiteral("30s"));
        QCOMPARE(DurationText::format(90min), QStringLiteral("1h30m"));
        QCOMPARE(DurationText::format(0ms), QStringLiteral("0s"));
        QCOMPARE(DurationText::format(kDurationNever), QStringLiteral("never"));
        for (const Milliseconds value :
             {Milliseconds(1500), Milliseconds(86400000), Milliseconds(61000), kDurationNever}) {
            QCOMPARE(*DurationText::parse(DurationText::format(value)), value);
        }
    }
};

QTEST_GUILESS_MAIN(tst_DurationText)
#include "tst_DurationText.moc"
