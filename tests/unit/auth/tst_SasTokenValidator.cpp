#include "core/auth/SasTokenValidator.h"

#include <QHash>
#include <QTest>

using namespace busbar;

namespace {

const QString kRoot = QStringLiteral("RootManageSharedAccessKey");
const QString kRootKey = QStringLiteral("SAS_KEY_VALUE");
const QString kSend = QStringLiteral("send");
const QString kSendKey = QStringLiteral("s3cr3t-send-key");
const QString kQueue = QStringLiteral("sb://localhost/queue.1");
constexpr qint64 kExpiry = 1700000000;
constexpr qint64 kBefore = kExpiry - 60;

SasTokenValidator makeValidator() {
    const QHash<QString, QString> keys{{kRoot, kRootKey}, {kSend, kSendKey}};
    return SasTokenValidator(
        [keys](const QString& name) -> std::optional<QString> {
            const auto it = keys.constFind(name);
            if (it == keys.constEnd())
                return std::nullopt;
            return *it;
        },
        QStringList{kRoot, kSend});
}

// The parts of a token, for tests that write tokens by hand.
QString tokenText(const QString& sr, const QString& sig, qint64 se, const QString& skn) {
    QString text = QStringLiteral("SharedAccessSignature sr=") + sr + QStringLiteral("&sig=") +
                   SasToken::urlEncode(sig) + QStringLiteral("&se=") + QString::number(se);
    if (!skn.isEmpty())
        text += QStringLiteral("&skn=") + skn;
    return text;
}

void verifyNoSecrets(const Error& error) {
    QVERIFY(!error.message.contains(kRootKey));
    QVERIFY(!error.message.contains(kSendKey));
    QVERIFY(!error.message.contains(QStringLiteral("s3cr3t")));
}

} // namespace

class tst_SasTokenValidator final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptsValidToken();
    void rejectsExpiredToken();
    void rejectsWrongKey();
    void rejectsUnknownKeyName();
    void longUnknownKeyNameIsShortenedInMessage();
    void validTokenForAnotherAudienceDoesNotCover();
    void rejectsTamperedSignature();
    void rejectsTamperedExpiry();
    void acceptsLowerCaseEscapes();
    void acceptsUnencodedResource();
    void tokenWithoutKeyNameTriesEveryKey();
    void tokenWithoutKeyNameMatchingNoKeyIsRejected();
    void rejectsTextThatIsNotAToken();
    void constantTimeEqualsComparesWholeInput();
};

void tst_SasTokenValidator::acceptsValidToken() {
    const Result<SasToken> token =
        makeValidator().validate(SasToken::sign(kQueue, kRoot, kRootKey, kExpiry), kBefore);
    QVERIFY2(token.has_value(), qPrintable(token ? QString() : token.error().message));
    QCOMPARE(token->keyName(), kRoot);
    QCOMPARE(token->resource(), kQueue);
    QCOMPARE(token->expiry(), kExpiry);
    QVERIFY(token->covers(QStringLiteral("sb://localhost/queue.1/$management")));
}

void tst_SasTokenValidator::rejectsExpiredToken() {
    const QString text = SasToken::sign(kQueue, kRoot, kRootKey, kExpiry);
    // se must be in the future: at exactly se the token is already expired.
    const Result<SasToken> atExpiry = makeValidator().validate(text, kExpiry);
    QVERIFY(!atExpiry.has_value());
    QCOMPARE(int(atExpiry.error().code), int(ErrorCode::Authentication));
    QVERIFY2(
        atExpiry.error().message.contains(QStringLiteral("token expired at 2023-11-14T22:13:20Z")),
        qPrintable(atExpiry.error().message));
    QVERIFY(!makeValidator().validate(text, kExpiry + 3600).has_value());
    QVERIFY(makeValidator().validate(text, kExpiry - 1).has_value());
}

void tst_SasTokenValidator::rejectsWrongKey() {
    const Result<SasToken> token = makeValidator().validate(
        SasToken::sign(kQueue, kRoot, QStringLiteral("s3cr3t-wrong"), kExpiry), kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::Authentication));
    QVERIFY(token.error().message.contains(
        QStringLiteral("signature does not match the key of 'RootManageSharedAccessKey'")));
    verifyNoSecrets(token.error());
}

void tst_SasTokenValidator::rejectsUnknownKeyName() {
    const Result<SasToken> token = makeValidator().validate(
        SasToken::sign(kQueue, QStringLiteral("nobody"), kRootKey, kExpiry), kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::Authentication));
    QVERIFY(token.error().message.contains(QStringLiteral("unknown key name 'nobody'")));
    verifyNoSecrets(token.error());
}

void tst_SasTokenValidator::longUnknownKeyNameIsShortenedInMessage() {
    const QString hostile(5000, QLatin1Char('x'));
    const Result<SasToken> token =
        makeValidator().validate(SasToken::sign(kQueue, hostile, kRootKey, kExpiry), kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::Authentication));
    QVERIFY(token.error().message.contains(QStringLiteral("unknown key name 'xxxx")));
    QVERIFY(token.error().message.size() < 200);
}

void tst_SasTokenValidator::validTokenForAnotherAudienceDoesNotCover() {
    const Result<SasToken> token =
        makeValidator().validate(SasToken::sign(kQueue, kSend, kSendKey, kExpiry), kBefore);
    QVERIFY(token.has_value());
    QVERIFY(!token->covers(QStringLiteral("sb://localhost/queue.2")));
    QVERIFY(!token->covers(QStringLiteral("sb://localhost/queue.10")));
    QVERIFY(!token->covers(QStringLiteral("sb://otherhost/queue.1")));
    QVERIFY(token->covers(QStringLiteral("amqps://LOCALHOST:5671/Queue.1")));
}

void tst_SasTokenValidator::rejectsTamperedSignature() {
    const Result<SasToken> genuine =
        SasToken::parse(SasToken::sign(kQueue, kRoot, kRootKey, kExpiry));
    QVERIFY(genuine.has_value());
    QString sig = genuine->signature();
    sig[0] = sig.at(0) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    const Result<SasToken> token =
        makeValidator().validate(tokenText(genuine->rawResource(), sig, kExpiry, kRoot), kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::Authentication));
    QVERIFY(!token.error().message.contains(sig));

    // A truncated signature differs in length; it must fail too, not match a prefix.
    const Result<SasToken> truncated = makeValidator().validate(
        tokenText(genuine->rawResource(), genuine->signature().left(10), kExpiry, kRoot), kBefore);
    QVERIFY(!truncated.has_value());
    QCOMPARE(int(truncated.error().code), int(ErrorCode::Authentication));
}

void tst_SasTokenValidator::rejectsTamperedExpiry() {
    const QString genuine = SasToken::sign(kQueue, kRoot, kRootKey, kExpiry);
    QString extended = genuine;
    extended.replace(QStringLiteral("se=1700000000"), QStringLiteral("se=1800000000"));
    QVERIFY(extended != genuine);
    const Result<SasToken> token = makeValidator().validate(extended, kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::Authentication));
    QVERIFY(token.error().message.contains(QStringLiteral("signature does not match")));
}

void tst_SasTokenValidator::acceptsLowerCaseEscapes() {
    const QString lowerSr = QStringLiteral("sb%3a%2f%2flocalhost%2fqueue.1");
    // A client that signed the lower-case text it sent...
    const QString overRaw = SasToken::computeSignature(lowerSr, kExpiry, kRootKey);
    const Result<SasToken> raw =
        makeValidator().validate(tokenText(lowerSr, overRaw, kExpiry, kRoot), kBefore);
    QVERIFY2(raw.has_value(), qPrintable(raw ? QString() : raw.error().message));
    QCOMPARE(raw->resource(), kQueue);

    // ...and one that signed the canonical upper-case form but wrote lower-case escapes.
    const QString overCanonical =
        SasToken::computeSignature(SasToken::urlEncode(kQueue), kExpiry, kRootKey);
    QVERIFY(overCanonical != overRaw);
    QVERIFY(makeValidator()
                .validate(tokenText(lowerSr, overCanonical, kExpiry, kRoot), kBefore)
                .has_value());
}

void tst_SasTokenValidator::acceptsUnencodedResource() {
    const QString sig = SasToken::computeSignature(kQueue, kExpiry, kSendKey);
    const Result<SasToken> token =
        makeValidator().validate(tokenText(kQueue, sig, kExpiry, kSend), kBefore);
    QVERIFY(token.has_value());
    QCOMPARE(token->keyName(), kSend);
}

void tst_SasTokenValidator::tokenWithoutKeyNameTriesEveryKey() {
    // Signed with the second configured key: the first one is tried and fails first.
    const QString sig = SasToken::computeSignature(SasToken::urlEncode(kQueue), kExpiry, kSendKey);
    const QString text = tokenText(SasToken::urlEncode(kQueue), sig, kExpiry, QString());
    QVERIFY(!text.contains(QStringLiteral("skn")));
    const Result<SasToken> token = makeValidator().validate(text, kBefore);
    QVERIFY2(token.has_value(), qPrintable(token ? QString() : token.error().message));
    QCOMPARE(token->keyName(), kSend); // the rule that signed it, for its claims
}

void tst_SasTokenValidator::tokenWithoutKeyNameMatchingNoKeyIsRejected() {
    const QString sig = SasToken::computeSignature(SasToken::urlEncode(kQueue), kExpiry,
                                                   QStringLiteral("s3cr3t-nobody"));
    const Result<SasToken> token = makeValidator().validate(
        tokenText(SasToken::urlEncode(kQueue), sig, kExpiry, QString()), kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::Authentication));
    QVERIFY(token.error().message.contains(QStringLiteral("matches none of the configured keys")));
    verifyNoSecrets(token.error());
}

void tst_SasTokenValidator::rejectsTextThatIsNotAToken() {
    const Result<SasToken> token =
        makeValidator().validate(QStringLiteral("Bearer eyJhbGciOiJSUzI1NiJ9.e30.s3cr3t"), kBefore);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::InvalidInput));
    QVERIFY(token.error().message.startsWith(
        QStringLiteral("The token is not a SharedAccessSignature: ")));
    verifyNoSecrets(token.error());
}

void tst_SasTokenValidator::constantTimeEqualsComparesWholeInput() {
    QVERIFY(constantTimeEquals(QByteArrayLiteral("abc="), QByteArrayLiteral("abc=")));
    QVERIFY(constantTimeEquals(QByteArray(), QByteArray()));
    QVERIFY(!constantTimeEquals(QByteArrayLiteral("abc="), QByteArrayLiteral("abd=")));
    QVERIFY(!constantTimeEquals(QByteArrayLiteral("abc="), QByteArrayLiteral("abc")));
    QVERIFY(!constantTimeEquals(QByteArrayLiteral("abc"), QByteArray("abc\0", 4)));
    QVERIFY(!constantTimeEquals(QByteArray(), QByteArrayLiteral("a")));
}

QTEST_GUILESS_MAIN(tst_SasTokenValidator)
#include "tst_SasTokenValidator.moc"
