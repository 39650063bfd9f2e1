#include "core/common/Error.h"

#include <QTest>

using namespace busbar;

class tst_Error final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mapsAmqpConditions_data();
    void mapsAmqpConditions();
    void mapsStatusCodesWithoutCondition_data();
    void mapsStatusCodesWithoutCondition();
    void unknownConditionKeepsItsText();
    void retryableCodes();
};

void tst_Error::mapsAmqpConditions_data() {
    QTest::addColumn<QString>("condition");
    QTest::addColumn<int>("code");
    QTest::newRow("not-found") << QStringLiteral("amqp:not-found") << int(ErrorCode::EntityNotFound);
    QTest::newRow("unauthorized") << QStringLiteral("amqp:unauthorized-access") << int(ErrorCode::Authorization);
    QTest::newRow("quota") << QStringLiteral("amqp:resource-limit-exceeded") << int(ErrorCode::QuotaExceeded);
    QTest::newRow("too large") << QStringLiteral("amqp:link:message-size-exceeded") << int(ErrorCode::MessageTooLarge);
    QTest::newRow("lock lost") << QStringLiteral("com.microsoft:message-lock-lost") << int(ErrorCode::LockLost);
    QTest::newRow("session lock lost") << QStringLiteral("com.microsoft:session-lock-lost") << int(ErrorCode::SessionLockLost);
    QTest::newRow("cannot be locked") << QStringLiteral("com.microsoft:session-cannot-be-locked") << int(ErrorCode::SessionCannotBeLocked);
    QTest::newRow("timeout") << QStringLiteral("com.microsoft:timeout") << int(ErrorCode::Timeout);
    QTest::newRow("busy") << QStringLiteral("com.microsoft:server-busy") << int(ErrorCode::ServerBusy);
    QTest::newRow("exists") << QStringLiteral("com.microsoft:entity-already-exists") << int(ErrorCode::EntityAlreadyExists);
    QTest::newRow("disabled") << QStringLiteral("com.microsoft:entity-disabled") << int(ErrorCode::EntityDisabled);
    QTest::newRow("message not found") << QStringLiteral("com.microsoft:message-not-found") << int(ErrorCode::MessageNotFound);
}

void tst_Error::mapsAmqpConditions() {
    QFETCH(QString, condition);
    QFETCH(int, code);
    const Error error = errorFromAmqpCondition(condition, QStringLiteral("detail text"));
    QCOMPARE(int(error.code), code);
    QCOMPARE(error.condition, condition);
    QCOMPARE(error.description, QStringLiteral("detail text"));
    QVERIFY(error.message.contains(QStringLiteral("detail text")));
}

void tst_Error::mapsStatusCodesWithoutCondition_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::newRow("400") << 400 << int(ErrorCode::InvalidInput);
    QTest::newRow("401") << 401 << int(ErrorCode::Authentication);
    QTest::newRow("403") << 403 << int(ErrorCode::QuotaExceeded);
    QTest::newRow("404") << 404 << int(ErrorCode::EntityNotFound);
    QTest::newRow("408") << 408 << int(ErrorCode::Timeout);
    QTest::newRow("409") << 409 << int(ErrorCode::EntityAlreadyExists);
    QTest::newRow("410") << 410 << int(ErrorCode::LockLost);
    QTest::newRow("500") << 500 << int(ErrorCode::Internal);
    QTest::newRow("503") << 503 << int(ErrorCode::ServerBusy);
}

void tst_Error::mapsStatusCodesWithoutCondition() {
    QFETCH(int, status);
    QFETCH(int, code);
    const Error error = errorFromStatusCode(status, QString(), QString());
    QCOMPARE(int(error.code), code);
    QCOMPARE(error.statusCode, status);
}

void tst_Error::unknownConditionKeepsItsText() {
    const Error error = errorFromAmqpCondition(QStringLiteral("x:odd"), QStringLiteral("odd thing"));
    QCOMPARE(error.code, ErrorCode::Internal);
    QVERIFY(error.toString().contains(QStringLiteral("x:odd")));
    QVERIFY(error.message.contains(QStringLiteral("odd thing")));
}

void tst_Error::retryableCodes() {
    QVERIFY(Error::make(ErrorCode::ServerBusy, {}).isRetryable());
    QVERIFY(Error::make(ErrorCode::Timeout, {}).isRetryable());
    QVERIFY(!Error::make(ErrorCode::LockLost, {}).isRetryable());
    QVERIFY(!Error::make(ErrorCode::OutcomeUnknown, {}).isRetryable());
}

QTEST_GUILESS_MAIN(tst_Error)
#include "tst_Error.moc"
