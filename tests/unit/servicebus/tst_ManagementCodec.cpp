#include "core/servicebus/ManagementCodec.h"

#include <QTest>

using namespace busbar;

class tst_ManagementCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void getReadsSymbolAndStringKeys() {
        AmqpMap m;
        m.entries.append({QVariant::fromValue(AmqpSymbol{QByteArray("lock-token")}), 1});
        m.entries.append({QVariant(QStringLiteral("message")), 2});
        // Symbols are UTF-8: a non-ASCII key matches its QString form only.
        m.entries.append({QVariant::fromValue(AmqpSymbol{QStringLiteral("clé").toUtf8()}), 3});
        const QVariant value = mgmt::value(m);
        QCOMPARE(mgmt::get(value, QStringLiteral("lock-token")).toInt(), 1);
        QCOMPARE(mgmt::get(value, QStringLiteral("message")).toInt(), 2);
        QCOMPARE(mgmt::get(value, QStringLiteral("clé")).toInt(), 3);
        QVERIFY(!mgmt::get(value, QStringLiteral("cle")).isValid());
        QVERIFY(!mgmt::get(value, QStringLiteral("lock")).isValid());
        QVERIFY(!mgmt::get(value, QStringLiteral("lock-token-")).isValid());
    }

    void getReadsVariantMapsAndNothingElse() {
        QVariantMap vm;
        vm.insert(QStringLiteral("statusCode"), 200);
        QCOMPARE(mgmt::get(QVariant(vm), QStringLiteral("statusCode")).toInt(), 200);
        QVERIFY(!mgmt::get(QVariant(QStringLiteral("statusCode")), QStringLiteral("statusCode"))
                     .isValid());
        QVERIFY(!mgmt::get(QVariant(), QStringLiteral("x")).isValid());
    }

    void mapLeavesOutNullValues() {
        const AmqpMap m = mgmt::map({{QStringLiteral("a"), 1}, {QStringLiteral("b"), QVariant()}});
        QCOMPARE(m.entries.size(), 1);
        QCOMPARE(mgmt::get(mgmt::value(m), QStringLiteral("a")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ManagementCodec)
#include "tst_ManagementCodec.moc"
