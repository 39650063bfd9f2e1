#include "core/filter/MessageFilterContext.h"
#include "core/filter/SqlFilter.h"

#include <QDateTime>
#include <QTest>
#include <QUuid>

using namespace busbar;

namespace {

const QDateTime kEnqueued(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC);

AmqpMessage receivedMessage() {
    AmqpMessage m;
    m.properties.present = true;
    m.properties.messageId = QVariant::fromValue(quint64(77));
    m.properties.correlationId = QStringLiteral("c-42");
    m.properties.subject = QStringLiteral("order.created");
    m.properties.to = QStringLiteral("store1");
    m.properties.replyTo = QStringLiteral("replies");
    m.properties.groupId = QStringLiteral("s-1");
    m.properties.contentType = QByteArrayLiteral("application/json");
    m.header.ttlMs = 60'000;
    m.header.deliveryCount = 2;
    m.setAnnotation(QByteArrayLiteral("x-opt-sequence-number"), QVariant::fromValue(qint64(12)));
    m.setAnnotation(QByteArrayLiteral("x-opt-enqueued-time"), kEnqueued);
    // pyamqp re-sends this one as long milliseconds.
    m.setAnnotation(QByteArrayLiteral("x-opt-locked-until"),
                    QVariant::fromValue(kEnqueued.addSecs(30).toMSecsSinceEpoch()));
    m.setAnnotation(QByteArrayLiteral("x-opt-partition-key"), QStringLiteral("pk"));
    m.setApplicationProperty(QStringLiteral("color"), QStringLiteral("red"));
    m.setApplicationProperty(QStringLiteral("qty"), QVariant(qint32(5)));
    return m;
}

} // namespace

class tst_MessageFilterContext final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mapsPropertiesAndAnnotations();
    void unsetFieldsAreAbsent();
    void filtersRunOnReceivedMessages_data();
    void filtersRunOnReceivedMessages();
};

void tst_MessageFilterContext::mapsPropertiesAndAnnotations() {
    const FilterContext c = filterContextFromMessage(receivedMessage());
    const QVariantMap& sys = c.systemProperties;
    QCOMPARE(sys.value(QStringLiteral("MessageId")), QVariant(QStringLiteral("77")));
    QCOMPARE(sys.value(QStringLiteral("CorrelationId")), QVariant(QStringLiteral("c-42")));
    QCOMPARE(sys.value(QStringLiteral("Label")), QVariant(QStringLiteral("order.created")));
    QCOMPARE(sys.value(QStringLiteral("To")), QVariant(QStringLiteral("store1")));
    QCOMPARE(sys.value(QStringLiteral("ReplyTo")), QVariant(QStringLiteral("replies")));
    QCOMPARE(sys.value(QStringLiteral("SessionId")), QVariant(QStringLiteral("s-1")));
    QCOMPARE(sys.value(QStringLiteral("ContentType")),
             QVariant(QStringLiteral("application/json")));
    QCOMPARE(sys.value(QStringLiteral("TimeToLive")), QVariant::fromValue(qint64(60'000)));
    QCOMPARE(sys.value(QStringLiteral("DeliveryCount")), QVariant::fromValue(qint64(2)));
    QCOMPARE(sys.value(QStringLiteral("SequenceNumber")), QVariant::fromValue(qint64(12)));
    QCOMPARE(sys.value(QStringLiteral("EnqueuedTimeUtc")).toDateTime(), kEnqueued);
    QCOMPARE(sys.value(QStringLiteral("LockedUntilUtc")).toDateTime(), kEnqueued.addSecs(30));
    QCOMPARE(sys.value(QStringLiteral("ExpiresAtUtc")).toDateTime(), kEnqueued.addSecs(60));
    QCOMPARE(sys.value(QStringLiteral("PartitionKey")), QVariant(QStringLiteral("pk")));
    QCOMPARE(c.userProperties.value(QStringLiteral("color")), QVariant(QStringLiteral("red")));
    QCOMPARE(c.userProperties.value(QStringLiteral("qty")), QVariant(qint32(5)));
}

void tst_MessageFilterContext::unsetFieldsAreAbsent() {
    const FilterContext c = filterContextFromMessage(AmqpMessage{});
    for (const char* name : {"MessageId", "CorrelationId", "Label", "To", "ReplyTo", "SessionId",
                             "ReplyToSessionId", "ContentType", "TimeToLive", "SequenceNumber",
                             "EnqueuedTimeUtc", "ExpiresAtUtc", "PartitionKey"})
        QVERIFY2(!c.systemProperties.contains(QString::fromLatin1(name)), name);
    QVERIFY(c.userProperties.isEmpty());
}

void tst_MessageFilterContext::filtersRunOnReceivedMessages_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("matches");
    QTest::newRow("label and user")
        << QStringLiteral("sys.Label = 'order.created' AND color = 'red'") << true;
    QTest::newRow("sequence number") << QStringLiteral("sys.SequenceNumber > 10") << true;
    QTest::newRow("message id text") << QStringLiteral("sys.MessageId = '77'") << true;
    QTest::newRow("session") << QStringLiteral("sys.SessionId = 's-1'") << true;
    QTest::newRow("unset reply-to session")
        << QStringLiteral("sys.ReplyToSessionId IS NULL") << true;
    QTest::newRow("delivery count") << QStringLiteral("sys.DeliveryCount >= 3") << false;
    QTest::newRow("enqueued before lock")
        << QStringLiteral("sys.EnqueuedTimeUtc < sys.LockedUntilUtc") << true;
}

void tst_MessageFilterContext::filtersRunOnReceivedMessages() {
    QFETCH(QString, expression);
    QFETCH(bool, matches);
    const auto filter = SqlFilter::parse(expression);
    QVERIFY(filter);
    const FilterOutcome expected = matches ? FilterOutcome::Match : FilterOutcome::NoMatch;
    QCOMPARE(filter->evaluate(filterContextFromMessage(receivedMessage())), expected);
}

QTEST_GUILESS_MAIN(tst_MessageFilterContext)
#include "tst_MessageFilterContext.moc"
