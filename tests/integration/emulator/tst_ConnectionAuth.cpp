// CBS claims of one connection: status codes, scope by audience prefix, rights from the SAS
// rule, replacement per audience, and expiry.
#include "emulator/amqp/ConnectionAuth.h"

#include <QTest>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;

namespace {
constexpr qint64 kNow = 1'800'000'000;

QString signedToken(const QString& audience, const QString& keyName, const QString& key,
                    qint64 expiry) {
    return SasToken::sign(audience, keyName, key, expiry);
}
} // namespace

class tst_ConnectionAuth : public QObject {
    Q_OBJECT

private:
    static ConnectionAuth makeAuth() {
        return ConnectionAuth(
            {SasRule{QStringLiteral("root"), QStringLiteral("ROOT"), true, true, true},
             SasRule{QStringLiteral("sender"), QStringLiteral("SEND"), false, true, false}});
    }

private Q_SLOTS:
    void namespaceTokenCoversEveryEntity() {
        ConnectionAuth auth = makeAuth();
        const QString audience = QStringLiteral("sb://localhost:5672/");
        const auto reply = auth.putToken(
            signedToken(audience, QStringLiteral("root"), QStringLiteral("ROOT"), kNow + 60),
            QStringLiteral("servicebus.windows.net:sastoken"), audience, kNow);
        QCOMPARE(reply.statusCode, 202);
        QVERIFY(auth.isAuthorized(QStringLiteral("q1"), Right::Listen, kNow));
        QVERIFY(auth.isAuthorized(QStringLiteral("t/Subscriptions/s"), Right::Manage, kNow));
        QVERIFY(auth.hasAnyRight(QStringLiteral("q1/$management"), kNow));
    }

    void entityTokenCoversOnlyThatEntity() {
        ConnectionAuth auth = makeAuth();
        const QString audience = QStringLiteral("amqps://LocalHost/Orders");
        QCOMPARE(auth.putToken(signedToken(audience, QStringLiteral("root"), QStringLiteral("ROOT"),
                                           kNow + 60),
                               {}, audience, kNow)
                     .statusCode,
                 202);
        QVERIFY(auth.isAuthorized(QStringLiteral("orders"), Right::Send, kNow));
        QVERIFY(auth.isAuthorized(QStringLiteral("orders/$management"), Right::Send, kNow));
        QVERIFY(!auth.isAuthorized(QStringLiteral("orders2"), Right::Send, kNow));
        QVERIFY(!auth.isAuthorized(QStringLiteral("invoices"), Right::Send, kNow));
    }

    void rightsComeFromTheRule() {
        ConnectionAuth auth = makeAuth();
        const QString audience = QStringLiteral("sb://localhost/q1");
        QCOMPARE(auth.putToken(signedToken(audience, QStringLiteral("sender"),
                                           QStringLiteral("SEND"), kNow + 60),
                               {}, audience, kNow)
                     .statusCode,
                 202);
        QVERIFY(auth.isAuthorized(QStringLiteral("q1"), Right::Send, kNow));
        QVERIFY(!auth.isAuthorized(QStringLiteral("q1"), Right::Listen, kNow));
        QVERIFY(!auth.isAuthorized(QStringLiteral("q1"), Right::Manage, kNow));
    }

    void badTokensAreRefusedWithoutEchoingSecrets() {
        ConnectionAuth auth = makeAuth();
        const QString audience = QStringLiteral("sb://localhost/q1");
        const QString wrongKey =
            signedToken(audience, QStringLiteral("root"), QStringLiteral("WRONG"), kNow + 60);
        const auto wrong = auth.putToken(wrongKey, {}, audience, kNow);
        QCOMPARE(wrong.statusCode, 401);
        QVERIFY(!wrong.description.contains(QStringLiteral("ROOT")));
        QVERIFY(!wrong.description.contains(SasToken::parse(wrongKey)->signature()));
        QCOMPARE(auth.putToken(QStringLiteral("not a token"), {}, audience, kNow).statusCode, 400);
        QCOMPARE(auth.putToken(signedToken(audience, QStringLiteral("root"), QStringLiteral("ROOT"),
                                           kNow - 1),
                               {}, audience, kNow)
                     .statusCode,
                 401);
        QCOMPARE(auth.putToken(signedToken(audience, QStringLiteral("root"), QStringLiteral("ROOT"),
                                           kNow + 60),
                               QStringLiteral("jwt"), audience, kNow)
                     .statusCode,
                 400);
        // A token for one entity, put for another audience, does not cover it.
        QCOMPARE(auth.putToken(signedToken(audience, QStringLiteral("root"), QStringLiteral("ROOT"),
                                           kNow + 60),
                               {}, QStringLiteral("sb://localhost/other"), kNow)
                     .statusCode,
                 401);
        QVERIFY(!auth.isAuthorized(QStringLiteral("q1"), Right::Listen, kNow));
    }

    void expiryEndsTheClaimAndANewTokenReplacesIt() {
        ConnectionAuth auth = makeAuth();
        const QString audience = QStringLiteral("sb://localhost/q1");
        auth.putToken(
            signedToken(audience, QStringLiteral("root"), QStringLiteral("ROOT"), kNow + 10), {},
            audience, kNow);
        QCOMPARE(auth.nextExpiry(kNow), kNow + 10);
        QVERIFY(auth.isAuthorized(QStringLiteral("q1"), Right::Listen, kNow + 9));
        QVERIFY(!auth.isAuthorized(QStringLiteral("q1"), Right::Listen, kNow + 10));
        QCOMPARE(auth.nextExpiry(kNow + 10), 0);

        auth.putToken(
            signedToken(audience, QStringLiteral("sender"), QStringLiteral("SEND"), kNow + 100), {},
            audience, kNow + 5);
        QCOMPARE(auth.nextExpiry(kNow + 5), kNow + 100); // replaced, not added
        QVERIFY(!auth.isAuthorized(QStringLiteral("q1"), Right::Listen, kNow + 50));
        QVERIFY(auth.isAuthorized(QStringLiteral("q1"), Right::Send, kNow + 50));
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionAuth)
#include "tst_ConnectionAuth.moc"
