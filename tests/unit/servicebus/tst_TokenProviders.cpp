// Token providers: SAS key signing and caching on an injected clock, ready SAS tokens, and the
// Azure CLI provider against a fake `az` script placed first on PATH.
#include "core/auth/AzureCliTokenProvider.h"
#include "core/auth/SasKeyTokenProvider.h"
#include "core/auth/SasToken.h"
#include "core/auth/SasTokenProvider.h"
#include "tests/common/Await.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace busbar;
using busbar::test::await;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kNowMs = 1'700'000'000'000;
constexpr int kAwaitMs = 20'000;

} // namespace

class tst_TokenProviders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void refreshDelayFollowsTheRecommendation_data();
    void refreshDelayFollowsTheRecommendation();

    void sasKeyTokensAreSignedPerAudience();
    void sasKeyTokensAreCachedUntilTheRefreshTime();
    void sasKeyWithoutKeyIsInvalidInput();

    void readySasTokenExpiryIsParsed();
    void expiredReadySasTokenIsAuthentication();
    void malformedReadySasTokenIsInvalidInput();

    void azureCliSuccess();
    void azureCliOlderOutputFormat();
    void azureCliNotInstalled();
    void azureCliNotLoggedIn();
    void azureCliOtherFailureNamesTheProblem();
    void azureCliThatHangsTimesOut();
    void azureCliServesOtherThreads();

private:
    // Writes an executable `az` into the temp dir and puts the dir first on PATH.
    void installFakeAz(const QByteArray& script);
    [[nodiscard]] int azRuns() const;

    QByteArray m_originalPath;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_TokenProviders::init() {
    m_originalPath = qgetenv("PATH");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_TokenProviders::cleanup() {
    qputenv("PATH", m_originalPath);
    m_dir.reset();
}

void tst_TokenProviders::installFakeAz(const QByteArray& script) {
    QFile file(m_dir->filePath(QStringLiteral("az")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    // Every run leaves its arguments behind, one run per line.
    file.write("#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/runs\"\n" + script);
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    qputenv("PATH", QFile::encodeName(m_dir->path()) + ':' + m_originalPath);
}

int tst_TokenProviders::azRuns() const {
    QFile runs(m_dir->filePath(QStringLiteral("runs")));
    if (!runs.open(QIODevice::ReadOnly)) {
        return 0;
    }
    return static_cast<int>(runs.readAll().count('\n'));
}

void tst_TokenProviders::refreshDelayFollowsTheRecommendation_data() {
    QTest::addColumn<qint64>("lifetimeSeconds");
    QTest::addColumn<qint64>("expectedSeconds");
    QTest::newRow("1 h: 10% left comes first") << qint64(3600) << qint64(3240);
    QTest::newRow("10 h: 10% left") << qint64(36000) << qint64(32400);
    QTest::newRow("20 min: 5 min before expiry") << qint64(1200) << qint64(900);
    QTest::newRow("1 min: never sooner than 30 s") << qint64(60) << qint64(30);
    QTest::newRow("10 s: at expiry") << qint64(10) << qint64(10);
    QTest::newRow("expired") << qint64(0) << qint64(0);
}

void tst_TokenProviders::refreshDelayFollowsTheRecommendation() {
    QFETCH(qint64, lifetimeSeconds);
    QFETCH(qint64, expectedSeconds);
    QCOMPARE(refreshDelay(std::chrono::seconds(lifetimeSeconds)),
             std::chrono::milliseconds(std::chrono::seconds(expectedSeconds)));
}

void tst_TokenProviders::sasKeyTokensAreSignedPerAudience() {
    SasKeyTokenProvider provider(QStringLiteral("send"), QStringLiteral("secret-key"));
    provider.setClock([] { return kNowMs; });
    const QString audience = QStringLiteral("sb://contoso.servicebus.windows.net/orders");
    const Result<AccessToken> token = await(provider.token(audience), kAwaitMs);
    QVERIFY(token);
    QCOMPARE(token->type, QString(kSasTokenType));
    QCOMPARE(token->expiresAtEpochSeconds, kNowMs / 1000 + 3600);
    QCOMPARE(token->authorizationHeader(), token->token);
    QCOMPARE(token->token, SasToken::sign(audience, QStringLiteral("send"),
                                          QStringLiteral("secret-key"), kNowMs / 1000 + 3600));
    const Result<SasToken> parsed = SasToken::parse(token->token);
    QVERIFY(parsed);
    QCOMPARE(parsed->resource(), audience);
    QCOMPARE(parsed->keyName(), QStringLiteral("send"));

    const Result<AccessToken> other = await(
        provider.token(QStringLiteral("sb://contoso.servicebus.windows.net/invoices")), kAwaitMs);
    QVERIFY(other);
    QVERIFY(other->token != token->token);
}

void tst_TokenProviders::sasKeyTokensAreCachedUntilTheRefreshTime() {
    qint64 now = kNowMs;
    SasKeyTokenProvider provider(QStringLiteral("send"), QStringLiteral("secret-key"));
    provider.setClock([&now] { return now; });
    const QString audience = QStringLiteral("sb://contoso.servicebus.windows.net/orders");
    const AccessToken first = *await(provider.token(audience), kAwaitMs);

    now = kNowMs + 3'239'999; // refresh at 90% of the hour
    const AccessToken cached = *await(provider.token(audience), kAwaitMs);
    QCOMPARE(cached.token, first.token);
    QCOMPARE(cached.expiresAtEpochSeconds, first.expiresAtEpochSeconds);

    now = kNowMs + 3'240'000;
    const AccessToken refreshed = *await(provider.token(audience), kAwaitMs);
    QVERIFY(refreshed.token != first.token);
    QCOMPARE(refreshed.expiresAtEpochSeconds, now / 1000 + 3600);
}

void tst_TokenProviders::sasKeyWithoutKeyIsInvalidInput() {
    SasKeyTokenProvider provider(QStringLiteral("send"), QString());
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::InvalidInput);
}

void tst_TokenProviders::readySasTokenExpiryIsParsed() {
    const qint64 expiry = kNowMs / 1000 + 600;
    const QString text = SasToken::sign(QStringLiteral("sb://contoso.servicebus.windows.net/"),
                                        QStringLiteral("listen"), QStringLiteral("k"), expiry);
    QVERIFY(text.startsWith(QStringLiteral("SharedAccessSignature ")));
    // As a connection string's SharedAccessSignature= may hold it: without the prefix.
    SasTokenProvider provider(text.mid(QStringLiteral("SharedAccessSignature ").size()));
    provider.setClock([] { return kNowMs; });
    const Result<AccessToken> token =
        await(provider.token(QStringLiteral("sb://other/q")), kAwaitMs);
    QVERIFY2(token, qPrintable(token ? QString() : token.error().toString()));
    QCOMPARE(token->expiresAtEpochSeconds, expiry);
    QCOMPARE(token->type, QString(kSasTokenType));
    QCOMPARE(token->token, text); // as given, with the prefix a header needs
}

void tst_TokenProviders::expiredReadySasTokenIsAuthentication() {
    const qint64 expiry = kNowMs / 1000 - 1;
    SasTokenProvider provider(SasToken::sign(QStringLiteral("sb://h/"), QStringLiteral("n"),
                                             QStringLiteral("k"), expiry));
    provider.setClock([] { return kNowMs; });
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::Authentication);
    QVERIFY2(token.error().message.contains(QStringLiteral("expired")),
             qPrintable(token.error().message));
}

void tst_TokenProviders::malformedReadySasTokenIsInvalidInput() {
    SasTokenProvider provider(QStringLiteral("SharedAccessSignature sr=sb%3A%2F%2Fh%2F&sig=abc"));
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::InvalidInput);
    QVERIFY(!token.error().message.contains(QStringLiteral("abc")));
}

void tst_TokenProviders::azureCliSuccess() {
    const qint64 expiresOn = QDateTime::currentSecsSinceEpoch() + 3600;
    installFakeAz("printf '{\"accessToken\": \"eyJ0eXAi.fake.jwt\", \"expiresOn\": \"2030-01-01 "
                  "00:00:00.000000\", \"expires_on\": " +
                  QByteArray::number(expiresOn) +
                  ", \"subscription\": \"s\", \"tenant\": \"t\", \"tokenType\": \"Bearer\"}'\n");
    AzureCliTokenProvider provider;
    // Two callers at once share one az run.
    QFuture<Result<AccessToken>> first = provider.token(QStringLiteral("sb://h/q"));
    QFuture<Result<AccessToken>> second = provider.token(QStringLiteral("sb://h/other"));
    const Result<AccessToken> token = await(first, kAwaitMs);
    QVERIFY2(token, qPrintable(token ? QString() : token.error().toString()));
    QCOMPARE(token->token, QStringLiteral("eyJ0eXAi.fake.jwt"));
    QCOMPARE(token->type, QString(kJwtTokenType));
    QVERIFY(token->isJwt());
    QCOMPARE(token->authorizationHeader(), QStringLiteral("Bearer eyJ0eXAi.fake.jwt"));
    QCOMPARE(token->expiresAtEpochSeconds, expiresOn); // expires_on wins over local expiresOn
    QCOMPARE(await(second, kAwaitMs)->token, token->token);
    QCOMPARE(azRuns(), 1);

    // Cached until its refresh time: no second run.
    QCOMPARE(await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs)->token, token->token);
    QCOMPARE(azRuns(), 1);

    QFile runs(m_dir->filePath(QStringLiteral("runs")));
    QVERIFY(runs.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(runs.readAll().trimmed()),
             AzureCliTokenProvider::arguments().join(QLatin1Char(' ')));
    QCOMPARE(AzureCliTokenProvider::arguments().join(QLatin1Char(' ')),
             QStringLiteral(
                 "account get-access-token --resource https://servicebus.azure.net --output json"));
}

void tst_TokenProviders::azureCliOlderOutputFormat() {
    const QDateTime expires = QDateTime::currentDateTime().addSecs(1800);
    installFakeAz("printf '{\"accessToken\": \"old.format.jwt\", \"expiresOn\": \"" +
                  expires.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toUtf8() +
                  ".123456\", \"tokenType\": \"Bearer\"}'\n");
    AzureCliTokenProvider provider;
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY2(token, qPrintable(token ? QString() : token.error().toString()));
    QCOMPARE(token->expiresAtEpochSeconds, expires.toSecsSinceEpoch());
}

void tst_TokenProviders::azureCliNotInstalled() {
    qputenv("PATH", QFile::encodeName(m_dir->path())); // an empty directory: no az anywhere
    AzureCliTokenProvider provider;
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::Authentication);
    QCOMPARE(token.error().message,
             QStringLiteral("The Azure CLI (az) is not installed: install it or use a connection "
                            "string"));
}

void tst_TokenProviders::azureCliNotLoggedIn() {
    installFakeAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    AzureCliTokenProvider provider;
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::Authentication);
    QCOMPARE(token.error().message,
             QStringLiteral("The Azure CLI is not logged in: run `az login`"));
    // A failure is not cached: the next call runs az again.
    QVERIFY(!await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs));
    QCOMPARE(azRuns(), 2);
}

void tst_TokenProviders::azureCliOtherFailureNamesTheProblem() {
    installFakeAz("echo \"ERROR: The subscription was not found.\" >&2\nexit 2\n");
    AzureCliTokenProvider provider;
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::Authentication);
    QVERIFY2(token.error().message.contains(QStringLiteral("The subscription was not found.")),
             qPrintable(token.error().message));
    QVERIFY(token.error().message.contains(QStringLiteral("exit code 2")));
}

void tst_TokenProviders::azureCliThatHangsTimesOut() {
    installFakeAz("exec sleep 30\n"); // exec: the kill reaches the sleeping process itself
    AzureCliTokenProvider provider;
    provider.setTimeout(300ms);
    const Result<AccessToken> token = await(provider.token(QStringLiteral("sb://h/q")), kAwaitMs);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::Timeout);
    QVERIFY(token.error().isRetryable());
}

void tst_TokenProviders::azureCliServesOtherThreads() {
    installFakeAz("printf '{\"accessToken\": \"threaded.jwt\", \"expires_on\": " +
                  QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600) + "}'\n");
    AzureCliTokenProvider provider; // lives here; a connection thread asks for a token
    QFuture<Result<AccessToken>> fromWorker;
    std::unique_ptr<QThread> worker(QThread::create(
        [&provider, &fromWorker] { fromWorker = provider.token(QStringLiteral("sb://h/q")); }));
    worker->start();
    QTRY_VERIFY(worker->isFinished());
    QTRY_VERIFY(fromWorker.isFinished());
    QCOMPARE(fromWorker.resultCount(), 1);
    QVERIFY(fromWorker.result());
    QCOMPARE(fromWorker.result()->token, QStringLiteral("threaded.jwt"));
}

QTEST_GUILESS_MAIN(tst_TokenProviders)
#include "tst_TokenProviders.moc"
