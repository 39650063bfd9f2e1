#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/ManagementCodec.h"

#include <QTest>

using namespace busbar;

namespace {

QVariant described(quint64 code, const QVariantList& fields) {
    return QVariant::fromValue(AmqpDescribed{QVariant::fromValue(code), fields});
}

} // namespace

// The rule bodies of add-rule and the described types of enumerate-rules (§8.4).
class tst_AmqpServiceBusRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void encodesSqlAndCorrelationRules() {
        RuleInfo sql;
        sql.name = QStringLiteral("r");
        sql.sqlFilter = QStringLiteral("a = 1");
        sql.sqlAction = QStringLiteral("SET b = 2");
        const QVariant body = QVariant::fromValue(encodeRuleDescription(sql));
        QCOMPARE(
            mgmt::get(mgmt::get(body, QStringLiteral("sql-filter")), QStringLiteral("expression"))
                .toString(),
            QStringLiteral("a = 1"));
        QCOMPARE(mgmt::get(mgmt::get(body, QStringLiteral("sql-rule-action")),
                           QStringLiteral("expression"))
                     .toString(),
                 QStringLiteral("SET b = 2"));
        QCOMPARE(mgmt::get(body, QStringLiteral("rule-name")).toString(), QStringLiteral("r"));

        RuleInfo correlation;
        correlation.name = QStringLiteral("c");
        correlation.correlationFilter = true;
        correlation.subject = QStringLiteral("label");
        const QVariant cbody = QVariant::fromValue(encodeRuleDescription(correlation));
        const QVariant filter = mgmt::get(cbody, QStringLiteral("correlation-filter"));
        QCOMPARE(mgmt::get(filter, QStringLiteral("label")).toString(), QStringLiteral("label"));
        QVERIFY(!mgmt::get(filter, QStringLiteral("message-id")).isValid());
        QVERIFY(!mgmt::get(cbody, QStringLiteral("sql-filter")).isValid());
    }

    void decodesEveryFilterKind() {
        const quint64 rule = 0x0000013700000004ULL;
        auto sql = decodeRuleDescription(
            described(rule, {described(0x000001370000006ULL, {QStringLiteral("x > 1"), 20}),
                             described(0x0000013700000006ULL, {QStringLiteral("SET y = 1"), 20}),
                             QStringLiteral("sql")}));
        QVERIFY(sql);
        QCOMPARE(sql->name, QStringLiteral("sql"));
        QCOMPARE(sql->sqlFilter, QStringLiteral("x > 1"));
        QCOMPARE(sql->sqlAction, QStringLiteral("SET y = 1"));

        auto yes = decodeRuleDescription(
            described(rule, {described(0x000001370000007ULL, {}),
                             described(0x0000013700000005ULL, {}), QStringLiteral("$Default")}));
        QVERIFY(yes);
        QCOMPARE(yes->sqlFilter, QStringLiteral("1=1"));
        QVERIFY(yes->sqlAction.isEmpty());
        auto no = decodeRuleDescription(described(
            rule, {described(0x000001370000008ULL, {}), QVariant(), QStringLiteral("n")}));
        QVERIFY(no);
        QCOMPARE(no->sqlFilter, QStringLiteral("1=0"));

        auto correlation = decodeRuleDescription(described(
            rule, {described(0x000001370000009ULL, {QStringLiteral("corr"), QVariant(), QVariant(),
                                                    QVariant(), QStringLiteral("label"), QVariant(),
                                                    QVariant(), QStringLiteral("ct")}),
                   QVariant(), QStringLiteral("c")}));
        QVERIFY(correlation);
        QVERIFY(correlation->correlationFilter);
        QCOMPARE(correlation->correlationId, QStringLiteral("corr"));
        QCOMPARE(correlation->subject, QStringLiteral("label"));
        QCOMPARE(correlation->contentType, QStringLiteral("ct"));
    }

    void refusesWhatItCannotRead() {
        QVERIFY(!decodeRuleDescription(QStringLiteral("not described")));
        QVERIFY(!decodeRuleDescription(described(0x99, {})));
        QVERIFY(!decodeRuleDescription(described(
            0x0000013700000004ULL, {described(0x1234, {}), QVariant(), QStringLiteral("x")})));
    }
};

QTEST_GUILESS_MAIN(tst_AmqpServiceBusRules)
#include "tst_AmqpServiceBusRules.moc"
