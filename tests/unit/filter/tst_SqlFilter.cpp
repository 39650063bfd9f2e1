#include "core/amqp/AmqpTypes.h"
#include "core/filter/SqlFilter.h"
#include "tests/unit/filter/FilterTestMessage.h"

#include <QDateTime>
#include <QTest>

using namespace busbar;

namespace {

// What a filter did with a message, as the tables in the spec write it.
QString outcomeOf(const QString& expression, const QVariantMap& parameters,
                  const FilterContext& message, QString* error = nullptr) {
    const auto filter = SqlFilter::parse(expression, parameters);
    if (!filter) {
        if (error)
            *error = filter.error().message;
        return QStringLiteral("parse error");
    }
    switch (filter->evaluate(message)) {
    case FilterOutcome::Match:
        return QStringLiteral("match");
    case FilterOutcome::NoMatch:
        return QStringLiteral("no match");
    case FilterOutcome::Error:
        if (error)
            *error = filter->errorOfLastEvaluation();
        return QStringLiteral("error");
    }
    return {};
}

// M plus properties of the types the table does not cover.
FilterContext extendedMessage() {
    FilterContext m = test::conformanceMessage();
    m.userProperties.insert(QStringLiteral("small"), QVariant::fromValue(qint16(5)));
    m.userProperties.insert(QStringLiteral("byte"), QVariant::fromValue(quint8(200)));
    m.userProperties.insert(QStringLiteral("big"), QVariant::fromValue(quint64(5)));
    m.userProperties.insert(QStringLiteral("huge"),
                            QVariant::fromValue(std::numeric_limits<quint64>::max()));
    m.userProperties.insert(QStringLiteral("ratio"), QVariant::fromValue(1.5f));
    m.userProperties.insert(QStringLiteral("city"), QStringLiteral("Zürich"));
    m.userProperties.insert(QStringLiteral("a]b"), QVariant(qint32(1)));
    m.userProperties.insert(QStringLiteral("Property With Space"), QVariant(qint32(2)));
    m.userProperties.insert(QStringLiteral("nothing"), QVariant());
    m.userProperties.insert(QStringLiteral("empty"), QString());
    m.userProperties.insert(QStringLiteral("sent"),
                            QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
    m.userProperties.insert(QStringLiteral("sym"),
                            QVariant::fromValue(AmqpSymbol{QByteArrayLiteral("sym-1")}));
    return m;
}

} // namespace

class tst_SqlFilter final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void conformanceTable_data();
    void conformanceTable();
    void semantics_data();
    void semantics();
    void parseErrors_data();
    void parseErrors();
    void evaluationErrorIsReportedAndCleared();
    void threadSafeOverloadReportsTheError();
    void copiesShareOneTreeAcrossManyEvaluations();
    void defaultFilterMatchesNothing();
    void parametersBindByNameWithOrWithoutAt();
    void subjectKeyAnswersForLabel();
    void contentTypeBytesReadAsText();
    void hostileNestingIsRejectedNotCrashing();
    void longChainsWithinTheLimitWork();
};

void tst_SqlFilter::conformanceTable_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QVariantMap>("parameters");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* expression, const char* expected, QVariantMap params = {}) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << params
                                  << QString::fromUtf8(expected);
    };
    row("color = 'red'", "match");                                             // 1
    row("user.color = 'red'", "match");                                        // 2
    row("COLOR = 'red'", "match");                                             // 3
    row("color = 'RED'", "no match");                                          // 4
    row("color <> 'blue'", "match");                                           // 5
    row("color != 'red'", "no match");                                         // 6
    row("qty > 3", "match");                                                   // 7
    row("qty > 3.5", "match");                                                 // 8
    row("qty = 5.0", "match");                                                 // 9
    row("price < 10", "match");                                                // 10
    row("qty + 1 = 6", "match");                                               // 11
    row("qty % 2 = 1", "match");                                               // 12
    row("qty / 2 = 2", "match");                                               // 13
    row("-qty = -5", "match");                                                 // 14
    row("missing = 'x'", "no match");                                          // 15
    row("NOT (missing = 'x')", "no match");                                    // 16
    row("missing IS NULL", "match");                                           // 17
    row("color IS NOT NULL", "match");                                         // 18
    row("EXISTS(color)", "match");                                             // 19
    row("EXISTS(missing)", "no match");                                        // 20
    row("missing = 'x' OR color = 'red'", "match");                            // 21
    row("missing = 'x' AND color = 'red'", "no match");                        // 22
    row("NOT (missing = 'x' AND color = 'blue')", "match");                    // 23
    row("sys.Label = 'order.created'", "match");                               // 24
    row("sys.label = 'order.created'", "match");                               // 25
    row("sys.Label LIKE 'order.%'", "match");                                  // 26
    row("sys.Label LIKE 'order_created'", "match");                            // 27
    row("sys.Label LIKE 'Order%'", "no match");                                // 28
    row("note LIKE '50\\%%' ESCAPE '\\'", "match");                            // 29
    row("note LIKE '50\\%' ESCAPE '\\'", "no match");                          // 30
    row("region NOT LIKE 'US%'", "match");                                     // 31
    row("missing LIKE 'a%'", "no match");                                      // 32
    row("color IN ('red', 'green')", "match");                                 // 33
    row("color NOT IN ('red')", "no match");                                   // 34
    row("missing NOT IN ('a')", "no match");                                   // 35
    row("sys.To IN ('store1','store2') OR region = 'US'", "match");            // 36
    row("vip = TRUE", "match");                                                // 37
    row("vip", "parse error");                                                 // 38
    row("sys.CorrelationId = 'c-42' AND sys.ContentType = 'application/json'", // 39
        "match");
    row("[color] = 'red'", "match");                                         // 40
    row("\"color\" = 'red'", "match");                                       // 41
    row("sys.SessionId IS NULL", "match");                                   // 42
    row("1=1", "match");                                                     // 43
    row("1=0", "no match");                                                  // 44
    row("color = 'it''s'", "no match");                                      // 45
    row("qty = @p", "match", {{QStringLiteral("@p"), QVariant(qint32(5))}}); // 46
    row("property('col' + 'or') = 'red'", "match");                          // 47
    row("sys.NoSuchProp = 1", "error");                                      // 48
    row("qty = '5'", "no match");                                            // 49
    row("color = 'red' AND (qty < 3 OR vip = TRUE)", "match");               // 50
}

void tst_SqlFilter::conformanceTable() {
    QFETCH(QString, expression);
    QFETCH(QVariantMap, parameters);
    QFETCH(QString, expected);
    QString error;
    QCOMPARE(outcomeOf(expression, parameters, test::conformanceMessage(), &error), expected);
    if (expected == QLatin1String("error"))
        QVERIFY2(error.contains(QLatin1String("NoSuchProp")), qPrintable(error));
}

void tst_SqlFilter::semantics_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* expression, const char* expected) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(expected);
    };
    // Three-valued logic (§5.3), each cell of the AND / OR tables.
    row("1=1 AND 1=1", "match");
    row("1=1 AND 1=0", "no match");
    row("1=0 AND missing = 1", "no match");
    row("NOT (1=0 AND missing = 1)", "match");
    row("NOT (missing = 1 AND 1=0)", "match");
    row("NOT (1=1 AND missing = 1)", "no match");
    row("NOT (missing = 1 AND missing = 2)", "no match");
    row("1=1 OR missing = 1", "match");
    row("missing = 1 OR 1=1", "match");
    row("NOT (1=0 OR 1=0)", "match");
    row("NOT (1=0 OR missing = 1)", "no match");
    row("NOT (missing = 1 OR missing = 2)", "no match");
    row("NOT NOT 1=1", "match");
    row("missing + 1 IS NULL", "match");
    row("-missing IS NULL", "match");
    row("missing IS NOT NULL", "no match");
    row("NOT (missing IS NULL)", "no match");
    row("missing IN ('a')", "no match");
    row("NOT (missing IN ('a'))", "no match");
    row("missing NOT LIKE 'a%'", "no match");
    row("missing <> 'x'", "no match");
    row("nothing IS NULL", "match");
    row("EXISTS(nothing)", "match");
    row("EXISTS(sys.MessageId)", "match");
    row("EXISTS(sys.SessionId)", "no match");
    row("EXISTS(sys.NoSuchProp)", "no match");
    row("NOT EXISTS(missing)", "match");
    row("sys.SessionId = 's1'", "no match");
    row("NOT (sys.SessionId = 's1')", "no match");
    // Precedence and associativity.
    row("1 + 2 * 3 = 7", "match");
    row("(1 + 2) * 3 = 9", "match");
    row("10 - 2 - 3 = 5", "match");
    row("8 / 2 / 2 = 2", "match");
    row("-2 * 3 = -6", "match");
    row("- -2 = 2", "match");
    row("+qty = 5", "match");
    row("1=1 OR 1=0 AND 1=0", "match");
    row("(1=1 OR 1=0) AND 1=0", "no match");
    row("NOT 1=0 AND 1=1", "match");
    row("NOT 1=1 OR 1=1", "match");
    row("qty + 1 > 5 AND price * 2 < 20", "match");
    // Numbers (§5.4, §5.6).
    row("qty / 2.0 = 2.5", "match");
    row("price % 1 < 1", "match");
    row("-7 / 2 = -3", "match");
    row("-7 % 3 = -1", "match");
    row("7 % -3 = 1", "match");
    row("9223372036854775807 + 1 = -9223372036854775808", "match");
    row("-9223372036854775808 - 1 = 9223372036854775807", "match");
    row("101.5E5 = 10150000", "match");
    row("0.5E-2 = 0.005", "match");
    row(".5 = 0.5", "match");
    row("qty / 0 = 1", "error");
    row("qty % 0 = 1", "error");
    row("price / 0 = 1", "error");
    row("small = 5", "match");
    row("byte = 200", "match");
    row("big = qty", "match");
    row("huge > 9223372036854775807", "match");
    row("ratio = 1.5", "match");
    row("qty IN (1, 5.0)", "match");
    row("qty IN ('5')", "no match");
    row("qty NOT IN ('5', 6)", "match");
    // Type mismatches compare FALSE; arithmetic on them is an evaluation error.
    row("qty <> '5'", "no match");
    row("vip = 1", "no match");
    row("vip > FALSE", "no match");
    row("vip <> FALSE", "match");
    row("color > 5", "no match");
    row("qty LIKE '5'", "no match");
    row("color + 1 = 'red1'", "error");
    row("-color = 'x'", "error");
    row("vip + 1 = 2", "error");
    // Strings: ordinal, case-sensitive.
    row("color < 's'", "match");
    row("color >= 'red'", "match");
    row("color > 'Red'", "match");
    row("empty = ''", "match");
    row("color + '-' + region = 'red-EU-West'", "match");
    row("city = 'Zürich'", "match");
    row("sym = 'sym-1'", "match");
    // LIKE.
    row("color LIKE '%'", "match");
    row("color LIKE 'r_d'", "match");
    row("color LIKE '__'", "no match");
    row("color LIKE ''", "no match");
    row("empty LIKE ''", "match");
    row("color LIKE 'r%d%'", "match");
    row("color LIKE '%e%e%'", "no match");
    row("note LIKE '%off'", "match");
    row("note LIKE '%!%%' ESCAPE '!'", "match");
    row("note LIKE '50!% off' ESCAPE '!'", "match");
    row("note LIKE '50!_ off' ESCAPE '!'", "no match");
    row("region LIKE 'EU%West'", "match");
    row("region LIKE 'EU%%%West%'", "match");
    row("city LIKE '_ürich'", "match");
    row("color LIKE 'r' + '%'", "match");
    row("color LIKE p('region')", "no match");
    row("region LIKE p('region')", "match");
    row("color LIKE 5 + qty", "error");
    // Names: scopes, case, quoting, functions.
    row("user.COLOR = 'red'", "match");
    row("SYS.TO = 'store1'", "match");
    row("sys.Subject = 'order.created'", "match");
    row("[a]]b] = 1", "match");
    row("[Property With Space] = 2", "match");
    row("\"Property With Space\" = 2", "match");
    row("sys.[To] = 'store1'", "match");
    row("p('qty') = 5", "match");
    row("property('sys.Label') = 'order.created'", "match");
    row("property('user.color') = 'red'", "match");
    row("property('sys.NoSuchProp') = 1", "error");
    row("property(qty) = 1", "error");
    row("newid() IS NOT NULL", "match");
    row("newid() = newid()", "no match");
    row("sys.NoSuchProp IS NULL", "error");
    row("color = 'red' and not (qty is null) or FALSE = TRUE", "match");
    row("color\n=\t'red'", "match");
    row("NULL IS NULL", "match");
    row("NULL = NULL", "no match");
}

void tst_SqlFilter::semantics() {
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QString error;
    const QString actual = outcomeOf(expression, {}, extendedMessage(), &error);
    QVERIFY2(actual == expected, qPrintable(actual + QLatin1String(": ") + error));
}

void tst_SqlFilter::parseErrors_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    const auto row = [](const char* expression, const char* message) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(message);
    };
    row("color = (qty + )", "Unexpected ')' at position 16: expected an expression");
    row("", "Unexpected end of expression at position 1: expected an expression");
    row("   ", "Unexpected end of expression at position 4: expected an expression");
    row("color = 'red' AND", "Unexpected end of expression at position 18: expected an expression");
    row("vip", "Expected a condition at position 1, but 'vip' is a value");
    row("NOT vip", "Expected a condition at position 5, but 'vip' is a value");
    row("vip AND color = 'red'", "Expected a condition at position 1, but 'vip' is a value");
    row("qty + 1", "Expected a condition at position 1, but 'qty + 1' is a value");
    row("qty + (color = 'red') = 1",
        "Expected a value at position 7, but '(color = 'red')' is a condition");
    row("color = 'red';",
        "Unexpected ';' at position 14: expected AND, OR or the end of the filter");
    row("color = 'red' blue",
        "Unexpected 'blue' at position 15: expected AND, OR or the end of the filter");
    row("color == 'red'", "Unexpected '=' at position 8: expected an expression");
    row("color = 'red", "Unterminated string at position 9");
    row("[color = 'red'", "Unterminated [identifier] at position 1");
    row("color # 1", "Unexpected character '#' at position 7");
    row("qty = 99999999999999999999",
        "The integer 99999999999999999999 at position 7 is out of the Int64 range");
    row("qty = 1e", "Malformed number at position 7");
    row("qty = 12abc", "Malformed number at position 7");
    row("qty = @missing", "The parameter @missing at position 7 has no value");
    row("qty = @", "Expected a parameter name after '@' at position 7");
    row("color LIKE 5", "The LIKE pattern at position 12 must be a string");
    row("color LIKE 'a' ESCAPE 'ab'",
        "The ESCAPE value at position 23 must be a string of exactly one character");
    row("color LIKE 'a!' ESCAPE '!'", "ends with its escape character");
    row("foo(1) = 1", "Unknown function 'foo' at position 1: expected newid(), property() or p()");
    row("newid(1) IS NULL",
        "Unexpected '1' at position 7: expected ')': newid() takes no argument");
    row("color IS 5", "Unexpected '5' at position 10: expected NULL or NOT NULL");
    row("color IS NOT 5", "Unexpected '5' at position 14: expected NULL");
    row("color NOT 'x'", "Unexpected ''x'' at position 11: expected LIKE or IN after NOT");
    row("(color = 'red'", "Unexpected end of expression at position 15: expected ')'");
    row("color IN 'red'", "Unexpected ''red'' at position 10: expected '(' after IN");
    row("color IN ('red' 'blue')",
        "Unexpected ''blue'' at position 17: expected ',' or ')' in the IN list");
    row("color IN ()", "Unexpected ')' at position 11: expected an expression");
    row("EXISTS color", "Unexpected 'color' at position 8: expected '(' after EXISTS");
    row("EXISTS(color = 1)",
        "Unexpected '=' at position 14: expected ')' after the property in EXISTS");
    row("EXISTS('color')", "Unexpected ''color'' at position 8: expected an expression");
    row("and = 1", "Unexpected 'and' at position 1: expected an expression");
    row("sys. = 1", "Unexpected '=' at position 6: expected a property name");
    row("qty = 1 = 1", "Unexpected '=' at position 9: expected AND, OR or the end of the filter");
}

void tst_SqlFilter::parseErrors() {
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const auto filter = SqlFilter::parse(expression);
    QVERIFY(!filter);
    QCOMPARE(filter.error().code, ErrorCode::InvalidInput);
    QVERIFY2(filter.error().message.contains(message), qPrintable(filter.error().message));
}

void tst_SqlFilter::evaluationErrorIsReportedAndCleared() {
    const auto filter = SqlFilter::parse(QStringLiteral("qty / divisor = 1"));
    QVERIFY(filter);
    FilterContext message = test::conformanceMessage();
    message.userProperties.insert(QStringLiteral("divisor"), 0);
    QCOMPARE(filter->evaluate(message), FilterOutcome::Error);
    QVERIFY(filter->errorOfLastEvaluation().contains(QLatin1String("Division by zero")));
    message.userProperties.insert(QStringLiteral("divisor"), 5);
    QCOMPARE(filter->evaluate(message), FilterOutcome::Match);
    QVERIFY(filter->errorOfLastEvaluation().isEmpty());
}

void tst_SqlFilter::threadSafeOverloadReportsTheError() {
    const auto filter = SqlFilter::parse(QStringLiteral("sys.Bogus = 1"));
    QVERIFY(filter);
    QString error;
    QCOMPARE(filter->evaluate(test::conformanceMessage(), &error), FilterOutcome::Error);
    QCOMPARE(error, QStringLiteral("sys.Bogus is not a system property"));
    QVERIFY(filter->errorOfLastEvaluation().isEmpty());
}

void tst_SqlFilter::copiesShareOneTreeAcrossManyEvaluations() {
    const QString text =
        QStringLiteral("sys.Label LIKE 'order.%' AND qty IN (1, 5) AND NOT vip = FALSE");
    const auto parsed = SqlFilter::parse(text);
    QVERIFY(parsed);
    const SqlFilter copy = *parsed; // NOLINT(performance-unnecessary-copy-initialization)
    QVERIFY(copy.sharesTreeWith(*parsed));
    QCOMPARE(copy.expression(), text);
    QVERIFY(!SqlFilter::parse(text)->sharesTreeWith(*parsed));

    FilterContext matching = test::conformanceMessage();
    FilterContext other = matching;
    other.systemProperties.insert(QStringLiteral("Label"), QStringLiteral("invoice.paid"));
    int matches = 0;
    for (int i = 0; i < 100'000; ++i) {
        if (copy.evaluate(i % 2 == 0 ? matching : other) == FilterOutcome::Match)
            ++matches;
    }
    QCOMPARE(matches, 50'000);
    QVERIFY(copy.sharesTreeWith(*parsed));
}

void tst_SqlFilter::defaultFilterMatchesNothing() {
    const SqlFilter filter;
    QVERIFY(!filter.isValid());
    QVERIFY(filter.expression().isEmpty());
    QCOMPARE(filter.evaluate(test::conformanceMessage()), FilterOutcome::NoMatch);
}

void tst_SqlFilter::parametersBindByNameWithOrWithoutAt() {
    const FilterContext m = test::conformanceMessage();
    QCOMPARE(
        outcomeOf(QStringLiteral("color = @c"), {{QStringLiteral("c"), QStringLiteral("red")}}, m),
        QStringLiteral("match"));
    QCOMPARE(
        outcomeOf(QStringLiteral("color = @C"), {{QStringLiteral("@c"), QStringLiteral("red")}}, m),
        QStringLiteral("match"));
    QCOMPARE(outcomeOf(QStringLiteral("color LIKE @pattern"),
                       {{QStringLiteral("@pattern"), QStringLiteral("r%")}}, m),
             QStringLiteral("match"));
    const QDateTime sent(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    FilterContext dated = m;
    dated.userProperties.insert(QStringLiteral("sent"), sent);
    QCOMPARE(outcomeOf(QStringLiteral("sent = @t"), {{QStringLiteral("@t"), sent}}, dated),
             QStringLiteral("match"));
    QCOMPARE(
        outcomeOf(QStringLiteral("sent < @t"), {{QStringLiteral("@t"), sent.addSecs(1)}}, dated),
        QStringLiteral("match"));
    QCOMPARE(outcomeOf(QStringLiteral("sent = @t"),
                       {{QStringLiteral("@t"), QStringLiteral("2026")}}, dated),
             QStringLiteral("no match"));
}

void tst_SqlFilter::subjectKeyAnswersForLabel() {
    FilterContext m = test::conformanceMessage();
    m.systemProperties.remove(QStringLiteral("Label"));
    m.systemProperties.insert(QStringLiteral("Subject"), QStringLiteral("order.created"));
    QCOMPARE(outcomeOf(QStringLiteral("sys.Label = 'order.created'"), {}, m),
             QStringLiteral("match"));
    m.systemProperties.insert(QStringLiteral("sessionid"), QStringLiteral("s1"));
    QCOMPARE(outcomeOf(QStringLiteral("sys.SessionId = 's1'"), {}, m), QStringLiteral("match"));
}

void tst_SqlFilter::contentTypeBytesReadAsText() {
    FilterContext m = test::conformanceMessage();
    m.systemProperties.insert(QStringLiteral("ContentType"), QByteArrayLiteral("application/json"));
    QCOMPARE(outcomeOf(QStringLiteral("sys.ContentType = 'application/json'"), {}, m),
             QStringLiteral("match"));
    // A user property holding bytes stays binary: it is not a string.
    m.userProperties.insert(QStringLiteral("blob"), QByteArrayLiteral("abc"));
    QCOMPARE(outcomeOf(QStringLiteral("blob = 'abc'"), {}, m), QStringLiteral("no match"));
}

void tst_SqlFilter::hostileNestingIsRejectedNotCrashing() {
    const int levels = 100'000;
    const QStringList hostile{
        QString(levels, QLatin1Char('(')) + QStringLiteral("1=1") +
            QString(levels, QLatin1Char(')')),
        QStringLiteral("NOT ").repeated(levels) + QStringLiteral("1=1"),
        QStringLiteral("-").repeated(levels) + QStringLiteral("1 = 1"),
        QStringLiteral("1=1") + QStringLiteral(" OR 1=1").repeated(levels),
        QStringLiteral("qty") + QStringLiteral(" + 1").repeated(levels) + QStringLiteral(" = 1"),
    };
    for (const QString& text : hostile) {
        const auto filter = SqlFilter::parse(text);
        QVERIFY(!filter);
        QVERIFY2(filter.error().message.contains(QLatin1String("nests too deeply")),
                 qPrintable(filter.error().message));
    }
}

void tst_SqlFilter::longChainsWithinTheLimitWork() {
    const QString chain = QStringLiteral("qty = 0") + QStringLiteral(" OR qty = 0").repeated(500) +
                          QStringLiteral(" OR qty = 5");
    QCOMPARE(outcomeOf(chain, {}, test::conformanceMessage()), QStringLiteral("match"));
    const QString nested =
        QString(100, QLatin1Char('(')) + QStringLiteral("qty = 5") + QString(100, QLatin1Char(')'));
    QCOMPARE(outcomeOf(nested, {}, test::conformanceMessage()), QStringLiteral("match"));
}

QTEST_GUILESS_MAIN(tst_SqlFilter)
#include "tst_SqlFilter.moc"
