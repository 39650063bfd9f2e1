#include "core/filter/SqlRuleAction.h"
#include "tests/unit/filter/FilterTestMessage.h"

#include <QDateTime>
#include <QTest>
#include <QUuid>

using namespace busbar;

namespace {

// Parses and applies `expression` to M; fails the test on a parse error.
Result<FilterContext> applied(const QString& expression, const QVariantMap& parameters = {}) {
    const auto action = SqlRuleAction::parse(expression, parameters);
    if (!action)
        return std::unexpected(action.error());
    FilterContext message = test::conformanceMessage();
    if (auto ok = action->apply(message); !ok)
        return std::unexpected(ok.error());
    return message;
}

} // namespace

class tst_SqlRuleAction final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void setSystemLabel();
    void setAndRemoveUserProperties();
    void setFromArithmeticKeepsTheIntegerType();
    void setFromParameter();
    void statementsRunInOrderWithOrWithoutSeparators_data();
    void statementsRunInOrderWithOrWithoutSeparators();
    void settableSystemProperties_data();
    void settableSystemProperties();
    void brokerOwnedSystemPropertiesAreRejected_data();
    void brokerOwnedSystemPropertiesAreRejected();
    void unknownSystemPropertyTargetIsRejected();
    void readingUnknownSystemPropertyFailsAndChangesNothing();
    void failureLeavesTheMessageUntouched();
    void missingUserPropertySetsNull();
    void targetsMatchExistingNamesIgnoringCase();
    void subjectAliasWritesTheStoredKey();
    void removeSystemPropertyLeavesANull();
    void systemTextPropertiesTakeText();
    void newIdMakesAGuid();
    void valueThatDoesNotFitKeepsItsOwnType();
    void parseErrors_data();
    void parseErrors();
    void defaultActionChangesNothing();
};

void tst_SqlRuleAction::setSystemLabel() {
    const auto message = applied(QStringLiteral("SET sys.Label = 'routed'"));
    QVERIFY(message);
    QCOMPARE(message->systemProperties.value(QStringLiteral("Label")),
             QVariant(QStringLiteral("routed")));
    QCOMPARE(message->userProperties, test::conformanceMessage().userProperties);
}

void tst_SqlRuleAction::setAndRemoveUserProperties() {
    const auto message = applied(QStringLiteral("SET priority = 'high'; REMOVE color"));
    QVERIFY(message);
    QCOMPARE(message->userProperties.value(QStringLiteral("priority")),
             QVariant(QStringLiteral("high")));
    QVERIFY(!message->userProperties.contains(QStringLiteral("color")));
    QCOMPARE(message->userProperties.size(), test::conformanceMessage().userProperties.size());
}

void tst_SqlRuleAction::setFromArithmeticKeepsTheIntegerType() {
    const auto message = applied(QStringLiteral("SET qty = qty * 2"));
    QVERIFY(message);
    const QVariant qty = message->userProperties.value(QStringLiteral("qty"));
    QCOMPARE(qty.metaType(), QMetaType::fromType<qint32>());
    QCOMPARE(qty.toInt(), 10);
}

void tst_SqlRuleAction::setFromParameter() {
    const auto message = applied(QStringLiteral("SET source = @src"),
                                 {{QStringLiteral("@src"), QStringLiteral("eu")}});
    QVERIFY(message);
    QCOMPARE(message->userProperties.value(QStringLiteral("source")),
             QVariant(QStringLiteral("eu")));
}

void tst_SqlRuleAction::statementsRunInOrderWithOrWithoutSeparators_data() {
    QTest::addColumn<QString>("expression");
    QTest::newRow("semicolons") << QStringLiteral("SET a = 1; SET b = a + 1; REMOVE note");
    QTest::newRow("whitespace only") << QStringLiteral("SET a = 1 SET b = a + 1 REMOVE note");
    QTest::newRow("trailing semicolon")
        << QStringLiteral("SET a = 1;\nSET b = a + 1;\nREMOVE note;");
    QTest::newRow("lower case") << QStringLiteral("set a = 1; set b = A + 1; remove NOTE");
}

void tst_SqlRuleAction::statementsRunInOrderWithOrWithoutSeparators() {
    QFETCH(QString, expression);
    const auto message = applied(expression);
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    QCOMPARE(message->userProperties.value(QStringLiteral("a")).toLongLong(), 1);
    QCOMPARE(message->userProperties.value(QStringLiteral("b")).toLongLong(), 2);
    QVERIFY(!message->userProperties.contains(QStringLiteral("note")));
}

void tst_SqlRuleAction::settableSystemProperties_data() {
    QTest::addColumn<QString>("name");
    for (const char* name :
         {"Label", "Subject", "To", "ReplyTo", "ReplyToSessionId", "CorrelationId", "ContentType",
          "MessageId", "SessionId", "PartitionKey"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_SqlRuleAction::settableSystemProperties() {
    QFETCH(QString, name);
    const auto message = applied(QStringLiteral("SET sys.%1 = 'v'").arg(name));
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    const QString key = name == QLatin1String("Subject") ? QStringLiteral("Label") : name;
    QCOMPARE(message->systemProperties.value(key), QVariant(QStringLiteral("v")));
}

void tst_SqlRuleAction::brokerOwnedSystemPropertiesAreRejected_data() {
    QTest::addColumn<QString>("name");
    for (const char* name : {"SequenceNumber", "EnqueuedTimeUtc", "EnqueuedSequenceNumber",
                             "DeliveryCount", "LockToken", "LockedUntilUtc", "ExpiresAtUtc", "Size",
                             "DeadLetterSource", "ViaPartitionKey"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_SqlRuleAction::brokerOwnedSystemPropertiesAreRejected() {
    QFETCH(QString, name);
    for (const QString& text :
         {QStringLiteral("SET sys.%1 = 1").arg(name), QStringLiteral("REMOVE sys.%1").arg(name)}) {
        const auto action = SqlRuleAction::parse(text);
        QVERIFY2(!action, qPrintable(text));
        QCOMPARE(action.error().code, ErrorCode::InvalidInput);
        QVERIFY2(action.error().message.contains(QLatin1String("set by the broker")),
                 qPrintable(action.error().message));
    }
}

void tst_SqlRuleAction::unknownSystemPropertyTargetIsRejected() {
    const auto action = SqlRuleAction::parse(QStringLiteral("SET sys.Colour = 'x'"));
    QVERIFY(!action);
    QCOMPARE(action.error().message,
             QStringLiteral("sys.Colour at position 5 is not a system property"));
}

void tst_SqlRuleAction::readingUnknownSystemPropertyFailsAndChangesNothing() {
    const auto action = SqlRuleAction::parse(QStringLiteral("SET x = sys.NoSuchProp"));
    QVERIFY(action);
    FilterContext message = test::conformanceMessage();
    const auto result = action->apply(message);
    QVERIFY(!result);
    QVERIFY(
        result.error().message.contains(QLatin1String("sys.NoSuchProp is not a system property")));
    QVERIFY(!message.userProperties.contains(QStringLiteral("x")));
}

void tst_SqlRuleAction::failureLeavesTheMessageUntouched() {
    const auto action =
        SqlRuleAction::parse(QStringLiteral("SET a = 1; REMOVE color; SET qty = qty / 0"));
    QVERIFY(action);
    FilterContext message = test::conformanceMessage();
    const auto result = action->apply(message);
    QVERIFY(!result);
    QVERIFY(result.error().message.contains(QLatin1String("Division by zero")));
    QCOMPARE(message.userProperties, test::conformanceMessage().userProperties);
    QCOMPARE(message.systemProperties, test::conformanceMessage().systemProperties);
}

void tst_SqlRuleAction::missingUserPropertySetsNull() {
    const auto message = applied(QStringLiteral("SET x = missing + 1"));
    QVERIFY(message);
    QVERIFY(message->userProperties.contains(QStringLiteral("x")));
    QVERIFY(!message->userProperties.value(QStringLiteral("x")).isValid());
}

void tst_SqlRuleAction::targetsMatchExistingNamesIgnoringCase() {
    const auto message = applied(QStringLiteral("SET COLOR = 'blue'; REMOVE Region"));
    QVERIFY(message);
    QCOMPARE(message->userProperties.value(QStringLiteral("color")),
             QVariant(QStringLiteral("blue")));
    QVERIFY(!message->userProperties.contains(QStringLiteral("COLOR")));
    QVERIFY(!message->userProperties.contains(QStringLiteral("region")));
}

void tst_SqlRuleAction::subjectAliasWritesTheStoredKey() {
    const auto action = SqlRuleAction::parse(QStringLiteral("SET sys.Label = sys.Label + '.v2'"));
    QVERIFY(action);
    FilterContext message = test::conformanceMessage();
    message.systemProperties.remove(QStringLiteral("Label"));
    message.systemProperties.insert(QStringLiteral("Subject"), QStringLiteral("order.created"));
    QVERIFY(action->apply(message));
    QCOMPARE(message.systemProperties.value(QStringLiteral("Subject")),
             QVariant(QStringLiteral("order.created.v2")));
    QVERIFY(!message.systemProperties.contains(QStringLiteral("Label")));
}

void tst_SqlRuleAction::removeSystemPropertyLeavesANull() {
    const auto message = applied(QStringLiteral("REMOVE sys.To"));
    QVERIFY(message);
    QVERIFY(message->systemProperties.contains(QStringLiteral("To")));
    QVERIFY(!message->systemProperties.value(QStringLiteral("To")).isValid());
}

void tst_SqlRuleAction::systemTextPropertiesTakeText() {
    const auto message = applied(QStringLiteral("SET sys.CorrelationId = qty + 1"));
    QVERIFY(message);
    QCOMPARE(message->systemProperties.value(QStringLiteral("CorrelationId")),
             QVariant(QStringLiteral("6")));
}

void tst_SqlRuleAction::newIdMakesAGuid() {
    const auto message =
        applied(QStringLiteral("SET sys.MessageId = newid(); SET trace = newid()"));
    QVERIFY(message);
    const QString id = message->systemProperties.value(QStringLiteral("MessageId")).toString();
    QVERIFY2(!QUuid::fromString(id).isNull(), qPrintable(id));
    const QVariant trace = message->userProperties.value(QStringLiteral("trace"));
    QCOMPARE(trace.metaType(), QMetaType::fromType<QUuid>());
    QVERIFY(trace.value<QUuid>() != QUuid::fromString(id));
}

void tst_SqlRuleAction::valueThatDoesNotFitKeepsItsOwnType() {
    const auto message = applied(QStringLiteral("SET qty = 2.5; SET price = 3; SET vip = 'yes'"));
    QVERIFY(message);
    QCOMPARE(message->userProperties.value(QStringLiteral("qty")), QVariant(2.5));
    const QVariant price = message->userProperties.value(QStringLiteral("price"));
    QCOMPARE(price.metaType(), QMetaType::fromType<double>());
    QCOMPARE(price.toDouble(), 3.0);
    QCOMPARE(message->userProperties.value(QStringLiteral("vip")), QVariant(QStringLiteral("yes")));
}

void tst_SqlRuleAction::parseErrors_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    const auto row = [](const char* expression, const char* message) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(message);
    };
    row("", "Unexpected end of expression at position 1: expected SET or REMOVE");
    row(";", "Unexpected ';' at position 1: expected SET or REMOVE");
    row("SET", "Unexpected end of expression at position 4: expected an expression");
    row("SET x",
        "Unexpected end of expression at position 6: expected '=' after the property to SET");
    row("SET x =", "Unexpected end of expression at position 8: expected an expression");
    row("SET x = 1,",
        "Unexpected ',' at position 10: expected ';', SET, REMOVE or the end of the action");
    row("SET x = a = 1",
        "Unexpected '=' at position 11: expected ';', SET, REMOVE or the end of the action");
    row("SET x = (a = 1)", "Expected a value at position 9, but '(a = 1)' is a condition");
    row("DELETE x", "Unexpected 'DELETE' at position 1: expected SET or REMOVE");
    row("REMOVE 5", "Unexpected '5' at position 8: expected an expression");
    row("SET x = 1;; SET y = 2", "Unexpected ';' at position 11: expected SET or REMOVE");
    row("SET x = @nope", "The parameter @nope at position 9 has no value");
}

void tst_SqlRuleAction::parseErrors() {
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const auto action = SqlRuleAction::parse(expression);
    QVERIFY(!action);
    QCOMPARE(action.error().code, ErrorCode::InvalidInput);
    QVERIFY2(action.error().message.contains(message), qPrintable(action.error().message));
}

void tst_SqlRuleAction::defaultActionChangesNothing() {
    const SqlRuleAction action;
    FilterContext message = test::conformanceMessage();
    QVERIFY(action.apply(message));
    QCOMPARE(message.userProperties, test::conformanceMessage().userProperties);
    QCOMPARE(message.systemProperties, test::conformanceMessage().systemProperties);
}

QTEST_GUILESS_MAIN(tst_SqlRuleAction)
#include "tst_SqlRuleAction.moc"
