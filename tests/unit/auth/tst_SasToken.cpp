#include "core/auth/SasToken.h"

#include <QTest>

#include <algorithm>
#include <array>

using namespace busbar;

class tst_SasToken final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signsTestVectors_data();
    void signsTestVectors();
    void fullTokenTextOfVector2();
    void urlEncodesLikeQuotePlus_data();
    void urlEncodesLikeQuotePlus();
    void urlDecodesLeniently_data();
    void urlDecodesLeniently();
    void parseRoundTrip();
    void parseIgnoresFieldOrder();
    void parseToleratesPrefixSpacingAndExtraFields();
    void parseWithoutKeyName();
    void parseRejectsMalformedTokens_data();
    void parseRejectsMalformedTokens();
    void covers_data();
    void covers();
};

void tst_SasToken::signsTestVectors_data() {
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("key");
    QTest::addColumn<qint64>("expiry");
    QTest::addColumn<QString>("signature");

    // servicebus-amqp.md §3.3, computed with Python hmac and checked with openssl.
    QTest::newRow("#1 azure queue")
        << QStringLiteral("sb://mynamespace.servicebus.windows.net/myqueue")
        << QStringLiteral("RootManageSharedAccessKey") << QStringLiteral("SAS_KEY_VALUE")
        << qint64(1700000000) << QStringLiteral("1y1jzy+dy8npvXFY0lQDHV41+cT+TFrd/YeQDzOe640=");
    QTest::newRow("#2 emulator queue")
        << QStringLiteral("sb://localhost/queue.1") << QStringLiteral("RootManageSharedAccessKey")
        << QStringLiteral("SAS_KEY_VALUE") << qint64(1700000000)
        << QStringLiteral("kVTHdaUjTWZZunyrEZsHF8WL7nEpir93aXQ1XkVu79k=");
    QTest::newRow("#3 base64-looking key used as text")
        << QStringLiteral("https://contoso.servicebus.windows.net/orders/subscriptions/audit")
        << QStringLiteral("send") << QStringLiteral("MTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWY=")
        << qint64(4102444800) << QStringLiteral("1bTDl2QuNbvKtjerCul1LXGw+WHgeBO8+MKkS9KU5bE=");
}

void tst_SasToken::signsTestVectors() {
    QFETCH(QString, resource);
    QFETCH(QString, keyName);
    QFETCH(QString, key);
    QFETCH(qint64, expiry);
    QFETCH(QString, signature);

    QCOMPARE(SasToken::computeSignature(SasToken::urlEncode(resource), expiry, key), signature);

    const Result<SasToken> token = SasToken::parse(SasToken::sign(resource, keyName, key, expiry));
    QVERIFY(token.has_value());
    QCOMPARE(token->signature(), signature);
    QCOMPARE(token->resource(), resource);
    QCOMPARE(token->keyName(), keyName);
    QCOMPARE(token->expiry(), expiry);
}

void tst_SasToken::fullTokenTextOfVector2() {
    QCOMPARE(SasToken::urlEncode(QStringLiteral("sb://localhost/queue.1")),
             QStringLiteral("sb%3A%2F%2Flocalhost%2Fqueue.1"));
    QCOMPARE(SasToken::sign(QStringLiteral("sb://localhost/queue.1"),
                            QStringLiteral("RootManageSharedAccessKey"),
                            QStringLiteral("SAS_KEY_VALUE"), 1700000000),
             QStringLiteral("SharedAccessSignature sr=sb%3A%2F%2Flocalhost%2Fqueue.1"
                            "&sig=kVTHdaUjTWZZunyrEZsHF8WL7nEpir93aXQ1XkVu79k%3D"
                            "&se=1700000000&skn=RootManageSharedAccessKey"));
}

void tst_SasToken::urlEncodesLikeQuotePlus_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoded");
    QTest::newRow("unreserved") << QStringLiteral("aZ09-_.~") << QStringLiteral("aZ09-_.~");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("a+b");
    QTest::newRow("plus and equals") << QStringLiteral("a+b=") << QStringLiteral("a%2Bb%3D");
    QTest::newRow("slash and colon")
        << QStringLiteral("sb://h/") << QStringLiteral("sb%3A%2F%2Fh%2F");
    QTest::newRow("dollar") << QStringLiteral("q/$management")
                            << QStringLiteral("q%2F%24management");
    QTest::newRow("utf-8") << QStringLiteral("caf\u00e9") << QStringLiteral("caf%C3%A9");
    QTest::newRow("percent") << QStringLiteral("100%") << QStringLiteral("100%25");
}

void tst_SasToken::urlEncodesLikeQuotePlus() {
    QFETCH(QString, text);
    QFETCH(QString, encoded);
    QCOMPARE(SasToken::urlEncode(text), encoded);
    QCOMPARE(SasToken::urlDecode(encoded), text);
}

void tst_SasToken::urlDecodesLeniently_data() {
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QString>("text");
    QTest::newRow("lower-case escapes")
        << QStringLiteral("sb%3a%2f%2fh") << QStringLiteral("sb://h");
    QTest::newRow("plus is space") << QStringLiteral("a+b") << QStringLiteral("a b");
    QTest::newRow("stray percent") << QStringLiteral("100%") << QStringLiteral("100%");
    QTest::newRow("bad escape kept") << QStringLiteral("%zz%4") << QStringLiteral("%zz%4");
    QTest::newRow("not encoded at all") << QStringLiteral("sb://h/q") << QStringLiteral("sb://h/q");
}

void tst_SasToken::urlDecodesLeniently() {
    QFETCH(QString, encoded);
    QFETCH(QString, text);
    QCOMPARE(SasToken::urlDecode(encoded), text);
}

void tst_SasToken::parseRoundTrip() {
    const QString text = SasToken::sign(QStringLiteral("sb://h.example/orders/$management"),
                                        QStringLiteral("my rule"), QStringLiteral("k"), 4102444800);
    const Result<SasToken> token = SasToken::parse(text);
    QVERIFY(token.has_value());
    QCOMPARE(token->resource(), QStringLiteral("sb://h.example/orders/$management"));
    QCOMPARE(token->rawResource(), QStringLiteral("sb%3A%2F%2Fh.example%2Forders%2F%24management"));
    QCOMPARE(token->keyName(), QStringLiteral("my rule"));
    QCOMPARE(token->expiry(), qint64(4102444800));
    QCOMPARE(token->toString(), text);
    QVERIFY(text.contains(QStringLiteral("&skn=my+rule")));
}

void tst_SasToken::parseIgnoresFieldOrder() {
    const QString canonical = SasToken::sign(QStringLiteral("sb://localhost/queue.1"),
                                             QStringLiteral("RootManageSharedAccessKey"),
                                             QStringLiteral("SAS_KEY_VALUE"), 1700000000);
    const Result<SasToken> expected = SasToken::parse(canonical);
    QVERIFY(expected.has_value());

    QStringList fields =
        canonical.mid(QStringLiteral("SharedAccessSignature ").size()).split(QLatin1Char('&'));
    QCOMPARE(fields.size(), 4);
    std::sort(fields.begin(), fields.end());
    int permutations = 0;
    do {
        const Result<SasToken> token = SasToken::parse(QStringLiteral("SharedAccessSignature ") +
                                                       fields.join(QLatin1Char('&')));
        QVERIFY2(token.has_value(), qPrintable(fields.join(QLatin1Char('&'))));
        QVERIFY(*token == *expected);
        ++permutations;
    } while (std::next_permutation(fields.begin(), fields.end()));
    QCOMPARE(permutations, 24);
}

void tst_SasToken::parseToleratesPrefixSpacingAndExtraFields() {
    const Result<SasToken> token = SasToken::parse(
        QStringLiteral("  sharedaccesssignature   SE=1700000000&&Sr=sb%3a%2f%2fh%2fq&x=1&"
                       "sig=abc%3D&skn=n  "));
    QVERIFY2(token.has_value(), qPrintable(token ? QString() : token.error().message));
    QCOMPARE(token->resource(), QStringLiteral("sb://h/q"));
    QCOMPARE(token->rawResource(), QStringLiteral("sb%3a%2f%2fh%2fq"));
    QCOMPARE(token->signature(), QStringLiteral("abc="));
    QCOMPARE(token->expiry(), qint64(1700000000));
    QCOMPARE(token->keyName(), QStringLiteral("n"));

    const Result<SasToken> noPrefix = SasToken::parse(QStringLiteral("sr=a&sig=b&se=1"));
    QVERIFY(noPrefix.has_value());
    QCOMPARE(noPrefix->resource(), QStringLiteral("a"));
}

void tst_SasToken::parseWithoutKeyName() {
    const Result<SasToken> token =
        SasToken::parse(QStringLiteral("SharedAccessSignature sr=sb%3A%2F%2Fh&sig=b&se=5"));
    QVERIFY(token.has_value());
    QVERIFY(token->keyName().isEmpty());
    QCOMPARE(token->toString(), QStringLiteral("SharedAccessSignature sr=sb%3A%2F%2Fh&sig=b&se=5"));
}

void tst_SasToken::parseRejectsMalformedTokens_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("empty") << QString() << QStringLiteral("sr (the resource URI");
    QTest::newRow("jwt") << QStringLiteral("eyJhbGciOiJSUzI1NiJ9.e30.s3cr3t")
                         << QStringLiteral("a field has no '='");
    QTest::newRow("no sr") << QStringLiteral("SharedAccessSignature sig=s3cr3t&se=1")
                           << QStringLiteral("sr (the resource URI the token is for) is missing");
    QTest::newRow("empty sr") << QStringLiteral("SharedAccessSignature sr=&sig=s3cr3t&se=1")
                              << QStringLiteral("sr (the resource URI");
    QTest::newRow("no sig") << QStringLiteral("SharedAccessSignature sr=a&se=1")
                            << QStringLiteral("sig (the signature) is missing");
    QTest::newRow("no se") << QStringLiteral("SharedAccessSignature sr=a&sig=s3cr3t")
                           << QStringLiteral("se (the expiry, in seconds since 1970) is missing");
    QTest::newRow("se not a number")
        << QStringLiteral("SharedAccessSignature sr=a&sig=s3cr3t&se=tomorrow")
        << QStringLiteral("se must be whole seconds since 1970, not 'tomorrow'");
    QTest::newRow("se negative") << QStringLiteral("SharedAccessSignature sr=a&sig=s3cr3t&se=-5")
                                 << QStringLiteral("not '-5'");
    QTest::newRow("duplicate sig")
        << QStringLiteral("SharedAccessSignature sr=a&sig=s3cr3t&sig=s3cr3t2&se=1")
        << QStringLiteral("the field 'sig' appears twice");
    QTest::newRow("duplicate sr") << QStringLiteral("sr=a&sr=b&sig=s3cr3t&se=1")
                                  << QStringLiteral("the field 'sr' appears twice");
}

void tst_SasToken::parseRejectsMalformedTokens() {
    QFETCH(QString, text);
    QFETCH(QString, fragment);
    const Result<SasToken> token = SasToken::parse(text);
    QVERIFY(!token.has_value());
    QCOMPARE(int(token.error().code), int(ErrorCode::InvalidInput));
    QVERIFY2(token.error().message.contains(fragment), qPrintable(token.error().message));
    QVERIFY(!token.error().message.contains(QStringLiteral("s3cr3t")));
}

void tst_SasToken::covers_data() {
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<bool>("covered");

    const QString q = QStringLiteral("sb://h/q");
    QTest::newRow("same") << q << QStringLiteral("sb://h/q") << true;
    QTest::newRow("management below") << q << QStringLiteral("sb://h/q/$management") << true;
    QTest::newRow("other scheme, case, slash") << q << QStringLiteral("amqps://H/Q/") << true;
    QTest::newRow("longer name") << q << QStringLiteral("sb://h/qq") << false;
    QTest::newRow("other entity") << q << QStringLiteral("sb://h/other") << false;
    QTest::newRow("parent") << q << QStringLiteral("sb://h/") << false;
    QTest::newRow("other host") << q << QStringLiteral("sb://h2/q") << false;
    QTest::newRow("host prefix is not a host") << q << QStringLiteral("sb://hx/q") << false;
    QTest::newRow("without scheme") << q << QStringLiteral("h/q") << true;
    QTest::newRow("port ignored") << q << QStringLiteral("sb://h:5672/q") << true;
    QTest::newRow("namespace root covers all")
        << QStringLiteral("sb://h/") << QStringLiteral("sb://h/t/subscriptions/s") << true;
    QTest::newRow("namespace root without slash")
        << QStringLiteral("sb://H") << QStringLiteral("sb://h/q") << true;
    QTest::newRow("topic covers subscription")
        << QStringLiteral("https://h/t") << QStringLiteral("sb://h/T/Subscriptions/S") << true;
    QTest::newRow("subscription does not cover topic")
        << QStringLiteral("sb://h/t/subscriptions/s") << QStringLiteral("sb://h/t") << false;
    QTest::newRow("empty audience") << q << QString() << false;
    QTest::newRow("empty host") << QStringLiteral("sb:///q") << QStringLiteral("sb:///q") << false;
}

void tst_SasToken::covers() {
    QFETCH(QString, resource);
    QFETCH(QString, audience);
    QFETCH(bool, covered);
    const Result<SasToken> token =
        SasToken::parse(SasToken::sign(resource, QStringLiteral("n"), QStringLiteral("k"), 1));
    QVERIFY(token.has_value());
    QCOMPARE(token->covers(audience), covered);
}

QTEST_GUILESS_MAIN(tst_SasToken)
#include "tst_SasToken.moc"
