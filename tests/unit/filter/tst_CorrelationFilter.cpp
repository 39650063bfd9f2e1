#include "core/filter/CorrelationFilter.h"
#include "tests/unit/filter/FilterTestMessage.h"

#include <QTest>
#include <QUuid>

using namespace busbar;

Q_DECLARE_METATYPE(busbar::CorrelationFilterDescription)

namespace {

using Field = QString CorrelationFilterDescription::*;

CorrelationFilterDescription withProperty(const QString& key, const QVariant& value) {
    CorrelationFilterDescription filter;
    filter.properties.insert(key, value);
    return filter;
}

} // namespace

class tst_CorrelationFilter final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void conformanceTable_data();
    void conformanceTable();
    void everyFieldComparesOrdinally_data();
    void everyFieldComparesOrdinally();
    void properties_data();
    void properties();
    void allSetFieldsMustMatch();
    void emptyFilterMatchesEverything();
    void labelMatchesASubjectKey();
    void typedIdsCompareByText();
    void systemPropertyKeysIgnoreCase();
};

void tst_CorrelationFilter::conformanceTable_data() {
    QTest::addColumn<CorrelationFilterDescription>("filter");
    QTest::addColumn<bool>("matches");
    CorrelationFilterDescription f;
    f.correlationId = QStringLiteral("c-42");
    QTest::newRow("CorrelationId=c-42") << f << true;
    f.correlationId = QStringLiteral("C-42");
    QTest::newRow("CorrelationId=C-42") << f << false;
    f = {};
    f.label = QStringLiteral("order.created");
    f.to = QStringLiteral("store1");
    QTest::newRow("Label=order.created, To=store1") << f << true;
    f.to = QStringLiteral("store2");
    QTest::newRow("Label=order.created, To=store2") << f << false;
    QTest::newRow("Properties{color=red}")
        << withProperty(QStringLiteral("color"), QStringLiteral("red")) << true;
    QTest::newRow("Properties{qty=5 (int)}")
        << withProperty(QStringLiteral("qty"), QVariant(qint32(5))) << true;
    QTest::newRow("Properties{color=blue}")
        << withProperty(QStringLiteral("color"), QStringLiteral("blue")) << false;
    f = {};
    f.sessionId = QStringLiteral("s1");
    QTest::newRow("SessionId=s1") << f << false;
}

void tst_CorrelationFilter::conformanceTable() {
    QFETCH(CorrelationFilterDescription, filter);
    QFETCH(bool, matches);
    QCOMPARE(matchesCorrelationFilter(filter, test::conformanceMessage()), matches);
}

void tst_CorrelationFilter::everyFieldComparesOrdinally_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("field");
    const QList<QPair<QString, QString>> fields{
        {QStringLiteral("CorrelationId"), QStringLiteral("correlationId")},
        {QStringLiteral("MessageId"), QStringLiteral("messageId")},
        {QStringLiteral("To"), QStringLiteral("to")},
        {QStringLiteral("ReplyTo"), QStringLiteral("replyTo")},
        {QStringLiteral("Label"), QStringLiteral("label")},
        {QStringLiteral("SessionId"), QStringLiteral("sessionId")},
        {QStringLiteral("ReplyToSessionId"), QStringLiteral("replyToSessionId")},
        {QStringLiteral("ContentType"), QStringLiteral("contentType")},
    };
    for (const auto& [key, field] : fields)
        QTest::newRow(qPrintable(key)) << key << field;
}

void tst_CorrelationFilter::everyFieldComparesOrdinally() {
    QFETCH(QString, key);
    QFETCH(QString, field);
    const QHash<QString, Field> members{
        {QStringLiteral("correlationId"), &CorrelationFilterDescription::correlationId},
        {QStringLiteral("messageId"), &CorrelationFilterDescription::messageId},
        {QStringLiteral("to"), &CorrelationFilterDescription::to},
        {QStringLiteral("replyTo"), &CorrelationFilterDescription::replyTo},
        {QStringLiteral("label"), &CorrelationFilterDescription::label},
        {QStringLiteral("sessionId"), &CorrelationFilterDescription::sessionId},
        {QStringLiteral("replyToSessionId"), &CorrelationFilterDescription::replyToSessionId},
        {QStringLiteral("contentType"), &CorrelationFilterDescription::contentType},
    };
    const Field member = members.value(field);
    QVERIFY(member);

    FilterContext message;
    message.systemProperties.insert(key, QStringLiteral("Value-1"));
    CorrelationFilterDescription filter;
    filter.*member = QStringLiteral("Value-1");
    QVERIFY(matchesCorrelationFilter(filter, message));
    filter.*member = QStringLiteral("value-1");
    QVERIFY(!matchesCorrelationFilter(filter, message));
    filter.*member = QStringLiteral("Value-");
    QVERIFY(!matchesCorrelationFilter(filter, message));

    // Unset on the message: absent key, or present without a value.
    filter.*member = QStringLiteral("Value-1");
    QVERIFY(!matchesCorrelationFilter(filter, FilterContext{}));
    message.systemProperties.insert(key, QVariant());
    QVERIFY(!matchesCorrelationFilter(filter, message));
}

void tst_CorrelationFilter::properties_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<bool>("matches");
    QTest::newRow("string") << QStringLiteral("color") << QVariant(QStringLiteral("red")) << true;
    QTest::newRow("string other case")
        << QStringLiteral("color") << QVariant(QStringLiteral("Red")) << false;
    QTest::newRow("int") << QStringLiteral("qty") << QVariant(qint32(5)) << true;
    QTest::newRow("long for int") << QStringLiteral("qty") << QVariant(qint64(5)) << true;
    QTest::newRow("double for int") << QStringLiteral("qty") << QVariant(5.0) << true;
    QTest::newRow("other int") << QStringLiteral("qty") << QVariant(qint32(6)) << false;
    QTest::newRow("string for int")
        << QStringLiteral("qty") << QVariant(QStringLiteral("5")) << false;
    QTest::newRow("double") << QStringLiteral("price") << QVariant(9.99) << true;
    QTest::newRow("bool") << QStringLiteral("vip") << QVariant(true) << true;
    QTest::newRow("bool false") << QStringLiteral("vip") << QVariant(false) << false;
    QTest::newRow("int for bool") << QStringLiteral("vip") << QVariant(1) << false;
    QTest::newRow("key case differs")
        << QStringLiteral("COLOR") << QVariant(QStringLiteral("red")) << false;
    QTest::newRow("missing property")
        << QStringLiteral("missing") << QVariant(QStringLiteral("x")) << false;
    QTest::newRow("null for missing") << QStringLiteral("missing") << QVariant() << false;
    QTest::newRow("null for null") << QStringLiteral("nothing") << QVariant() << true;
    QTest::newRow("value for null")
        << QStringLiteral("nothing") << QVariant(QStringLiteral("x")) << false;
    QTest::newRow("null for value") << QStringLiteral("color") << QVariant() << false;
}

void tst_CorrelationFilter::properties() {
    QFETCH(QString, key);
    QFETCH(QVariant, expected);
    QFETCH(bool, matches);
    FilterContext message = test::conformanceMessage();
    message.userProperties.insert(QStringLiteral("nothing"), QVariant());
    QCOMPARE(matchesCorrelationFilter(withProperty(key, expected), message), matches);
}

void tst_CorrelationFilter::allSetFieldsMustMatch() {
    CorrelationFilterDescription filter =
        withProperty(QStringLiteral("color"), QStringLiteral("red"));
    filter.correlationId = QStringLiteral("c-42");
    filter.contentType = QStringLiteral("application/json");
    filter.properties.insert(QStringLiteral("qty"), 5);
    QVERIFY(matchesCorrelationFilter(filter, test::conformanceMessage()));
    filter.properties.insert(QStringLiteral("region"), QStringLiteral("US"));
    QVERIFY(!matchesCorrelationFilter(filter, test::conformanceMessage()));
    filter.properties.remove(QStringLiteral("region"));
    filter.replyTo = QStringLiteral("elsewhere");
    QVERIFY(!matchesCorrelationFilter(filter, test::conformanceMessage()));
}

void tst_CorrelationFilter::emptyFilterMatchesEverything() {
    QVERIFY(matchesCorrelationFilter({}, test::conformanceMessage()));
    QVERIFY(matchesCorrelationFilter({}, FilterContext{}));
}

void tst_CorrelationFilter::labelMatchesASubjectKey() {
    FilterContext message;
    message.systemProperties.insert(QStringLiteral("Subject"), QStringLiteral("order.created"));
    CorrelationFilterDescription filter;
    filter.label = QStringLiteral("order.created");
    QVERIFY(matchesCorrelationFilter(filter, message));
}

void tst_CorrelationFilter::typedIdsCompareByText() {
    const QUuid id = QUuid::createUuid();
    FilterContext message;
    message.systemProperties.insert(QStringLiteral("MessageId"), QVariant::fromValue(id));
    message.systemProperties.insert(QStringLiteral("CorrelationId"),
                                    QVariant::fromValue(quint64(42)));
    CorrelationFilterDescription filter;
    filter.messageId = id.toString(QUuid::WithoutBraces);
    filter.correlationId = QStringLiteral("42");
    QVERIFY(matchesCorrelationFilter(filter, message));
    filter.correlationId = QStringLiteral("43");
    QVERIFY(!matchesCorrelationFilter(filter, message));
}

void tst_CorrelationFilter::systemPropertyKeysIgnoreCase() {
    FilterContext message;
    message.systemProperties.insert(QStringLiteral("correlationid"), QStringLiteral("c-42"));
    CorrelationFilterDescription filter;
    filter.correlationId = QStringLiteral("c-42");
    QVERIFY(matchesCorrelationFilter(filter, message));
}

QTEST_GUILESS_MAIN(tst_CorrelationFilter)
#include "tst_CorrelationFilter.moc"
