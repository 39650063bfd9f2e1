// How management HTTP failures map to the error taxonomy (no network: the mapping alone).
#include "core/admin/AdminClientErrors.h"

#include <QTest>

using namespace busbar;

class tst_AdminClientErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesTheServiceErrorBody() {
        const AdminErrorBody body = AdminErrorBody::parse(
            "<Error><Code>400</Code><Detail>SQL syntax error at line 1. TrackingId:1, "
            "SystemTracker:ns:Queue:q, Timestamp:2024-01-01T00:00:00</Detail></Error>");
        QCOMPARE(body.code, 400);
        QVERIFY(body.detail.startsWith(QStringLiteral("SQL syntax error at line 1.")));
        QCOMPARE(AdminErrorBody::parse("not xml").code, 0);
        QVERIFY(AdminErrorBody::parse("<html><body>502</body></html>").detail.isEmpty());
    }

    void mapsStatusCodes_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("detail");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("400") << 400 << QByteArray("Bad value") << ErrorCode::InvalidInput << false;
        QTest::newRow("401") << 401 << QByteArray() << ErrorCode::Authentication << false;
        QTest::newRow("403 quota")
            << 403 << QByteArray("Quota exceeded") << ErrorCode::QuotaExceeded << false;
        QTest::newRow("403 forbidden")
            << 403 << QByteArray("Forbidden. SubCode=40301.") << ErrorCode::Authorization << false;
        QTest::newRow("404") << 404 << QByteArray() << ErrorCode::EntityNotFound << false;
        QTest::newRow("409 exists")
            << 409 << QByteArray() << ErrorCode::EntityAlreadyExists << false;
        QTest::newRow("409 conflicting operation")
            << 409 << QByteArray("Conflict. SubCode=40901.") << ErrorCode::ServerBusy << true;
        QTest::newRow("408") << 408 << QByteArray() << ErrorCode::Timeout << true;
        QTest::newRow("429") << 429 << QByteArray() << ErrorCode::ServerBusy << true;
        QTest::newRow("500") << 500 << QByteArray() << ErrorCode::Internal << false;
        QTest::newRow("503") << 503 << QByteArray() << ErrorCode::ServerBusy << true;
        QTest::newRow("302") << 302 << QByteArray() << ErrorCode::Protocol << false;
    }

    void mapsStatusCodes() {
        QFETCH(int, status);
        QFETCH(QByteArray, detail);
        QFETCH(ErrorCode, code);
        QFETCH(bool, retryable);
        const QByteArray body = detail.isEmpty()
                                    ? QByteArray()
                                    : "<Error><Code>" + QByteArray::number(status) +
                                          "</Code><Detail>" + detail + "</Detail></Error>";
        const Error error = adminHttpError(status, body, QStringLiteral("the queue 'orders'"));
        QCOMPARE(error.code, code);
        QCOMPARE(error.statusCode, status);
        QCOMPARE(error.isRetryable(), retryable);
        QCOMPARE(error.description, QString::fromUtf8(detail));
        QVERIFY(!error.message.isEmpty());
    }

    void messagesNameTheEntityAndKeepTheDetail() {
        const Error missing = adminHttpError(404, {}, QStringLiteral("the topic 'events'"));
        QCOMPARE(missing.message, QStringLiteral("The topic 'events' could not be found."));
        const Error exists = adminHttpError(409, {}, QStringLiteral("the queue 'q'"));
        QCOMPARE(exists.message, QStringLiteral("The queue 'q' already exists."));
        const Error invalid =
            adminHttpError(400,
                           "<Error><Code>400</Code><Detail>LockDuration 'PT10M' is out of range. "
                           "TrackingId:abc, SystemTracker:x</Detail></Error>",
                           QStringLiteral("the queue 'q'"));
        QCOMPARE(invalid.message,
                 QStringLiteral("The service rejected the request for the queue 'q': "
                                "LockDuration 'PT10M' is out of range."));
        QVERIFY(invalid.description.contains(QStringLiteral("TrackingId:abc")));
    }
};

QTEST_GUILESS_MAIN(tst_AdminClientErrors)
#include "tst_AdminClientErrors.moc"
