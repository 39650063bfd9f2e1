#include "core/auth/ConnectionString.h"
#include "core/auth/SasToken.h"

#include <QTest>
#include <QtConcurrent/QtConcurrentMap>

using namespace busbar;

namespace {

// Every key in these cases contains this marker, so any error or redacted text that leaks
// a key is caught by one search.
const QString kKey = QStringLiteral("s3cr3tKEY+/abc==");
const QString kToken = SasToken::sign(QStringLiteral("sb://h/q"), QStringLiteral("n"),
                                      QStringLiteral("s3cr3t"), 1700000000);

QString withKey(const QString& text) {
    return QString(text).replace(QStringLiteral("<KEY>"), kKey);
}

} // namespace

class tst_ConnectionString final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesValidStrings_data();
    void parsesValidStrings();
    void rejectsInvalidStrings_data();
    void rejectsInvalidStrings();
    void parsesSharedAccessSignature();
    void writesCanonicalSpellings();
    void endpointAndAdminUrls();
    void adminUrlCanBeOverridden();
    void redactedHidesKeyAndSignature();
    void redactSecretsHidesValuesInLogLines_data();
    void redactSecretsHidesValuesInLogLines();
    void redactSecretsFromManyThreads();
};

void tst_ConnectionString::parsesValidStrings_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("entityPath");
    QTest::addColumn<bool>("emulator");
    QTest::addColumn<int>("transport");

    const int tls = int(TransportType::AmqpTls);
    const int plain = int(TransportType::AmqpPlain);
    const int ws = int(TransportType::AmqpWebSockets);
    const QString azure = QStringLiteral("contoso.servicebus.windows.net");
    const QString root = QStringLiteral("RootManageSharedAccessKey");

    QTest::newRow("azure portal form")
        << withKey(QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;"
                                  "SharedAccessKeyName=RootManageSharedAccessKey;"
                                  "SharedAccessKey=<KEY>"))
        << azure << 5671 << root << QString() << false << tls;
    QTest::newRow("trailing semicolon")
        << withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>;"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("leading and empty segments")
        << withKey(QStringLiteral(";;Endpoint=sb://h/;; ;SharedAccessKeyName=n;;SharedAccessKey="
                                  "<KEY>;;"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("keys in any case")
        << withKey(QStringLiteral("endpoint=sb://h/;sharedaccesskeyname=n;SHAREDACCESSKEY=<KEY>;"
                                  "entitypath=q"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QStringLiteral("q") << false
        << tls;
    QTest::newRow("spaces around keys and values")
        << withKey(QStringLiteral(" Endpoint = sb://h/ ; SharedAccessKeyName = n ; "
                                  "SharedAccessKey = <KEY> "))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("unknown keys ignored")
        << withKey(QStringLiteral("Endpoint=sb://h/;Foo=bar;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;Hostname=other"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("OperationTimeout ignored")
        << withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>;"
                                  "OperationTimeout=00:01:00"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("entity path")
        << withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>;"
                                  "EntityPath=orders/subscriptions/audit"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n")
        << QStringLiteral("orders/subscriptions/audit") << false << tls;
    QTest::newRow("microsoft emulator form")
        << QStringLiteral("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;"
                          "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;")
        << QStringLiteral("localhost") << 5672 << root << QString() << true << plain;
    QTest::newRow("emulator with port")
        << withKey(QStringLiteral("Endpoint=sb://localhost:5673;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;UseDevelopmentEmulator=true"))
        << QStringLiteral("localhost") << 5673 << QStringLiteral("n") << QString() << true << plain;
    QTest::newRow("emulator on 127.0.0.1 with slash")
        << withKey(QStringLiteral("Endpoint=sb://127.0.0.1/;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;UseDevelopmentEmulator=true"))
        << QStringLiteral("127.0.0.1") << 5672 << QStringLiteral("n") << QString() << true << plain;
    QTest::newRow("emulator flag in upper case")
        << withKey(QStringLiteral("Endpoint=sb://localhost;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;UseDevelopmentEmulator=TRUE"))
        << QStringLiteral("localhost") << 5672 << QStringLiteral("n") << QString() << true << plain;
    QTest::newRow("emulator flag false")
        << withKey(QStringLiteral("Endpoint=sb://h;SharedAccessKeyName=n;SharedAccessKey=<KEY>;"
                                  "UseDevelopmentEmulator=False"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("explicit port kept")
        << withKey(QStringLiteral("Endpoint=sb://h:1234/;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>"))
        << QStringLiteral("h") << 1234 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("websockets")
        << withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>;"
                                  "TransportType=AmqpWebSockets"))
        << QStringLiteral("h") << 443 << QStringLiteral("n") << QString() << false << ws;
    QTest::newRow("transport Amqp")
        << withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>;"
                                  "TransportType=amqp"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("websockets with port")
        << withKey(QStringLiteral("Endpoint=sb://h:8443;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;TransportType=AmqpWebSockets"))
        << QStringLiteral("h") << 8443 << QStringLiteral("n") << QString() << false << ws;
    QTest::newRow("emulator wins over websockets")
        << withKey(QStringLiteral("Endpoint=sb://localhost;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;TransportType=AmqpWebSockets;"
                                  "UseDevelopmentEmulator=true"))
        << QStringLiteral("localhost") << 5672 << QStringLiteral("n") << QString() << true << plain;
    QTest::newRow("host lower-cased")
        << withKey(QStringLiteral("Endpoint=sb://Contoso.ServiceBus.Windows.NET/;"
                                  "SharedAccessKeyName=n;SharedAccessKey=<KEY>"))
        << azure << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("path in endpoint ignored")
        << withKey(QStringLiteral("Endpoint=sb://h/ignored/path;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("scheme in upper case")
        << withKey(QStringLiteral("Endpoint=SB://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QString() << false << tls;
    QTest::newRow("key order free")
        << withKey(QStringLiteral("SharedAccessKey=<KEY>;EntityPath=q;SharedAccessKeyName=n;"
                                  "Endpoint=sb://h/"))
        << QStringLiteral("h") << 5671 << QStringLiteral("n") << QStringLiteral("q") << false
        << tls;
    QTest::newRow("ipv6 loopback")
        << withKey(QStringLiteral("Endpoint=sb://[::1]:5672;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;UseDevelopmentEmulator=true"))
        << QStringLiteral("::1") << 5672 << QStringLiteral("n") << QString() << true << plain;
}

void tst_ConnectionString::parsesValidStrings() {
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, keyName);
    QFETCH(QString, entityPath);
    QFETCH(bool, emulator);
    QFETCH(int, transport);

    const Result<ConnectionString> parsed = ConnectionString::parse(text);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->host(), host);
    QCOMPARE(parsed->fullyQualifiedNamespace(), host);
    QCOMPARE(parsed->port(), port);
    QCOMPARE(parsed->keyName(), keyName);
    QVERIFY(!parsed->key().isEmpty());
    QVERIFY(text.contains(parsed->key()));
    QVERIFY(!parsed->usesSharedAccessSignature());
    QCOMPARE(parsed->entityPath(), entityPath);
    QCOMPARE(parsed->isDevelopmentEmulator(), emulator);
    QCOMPARE(int(parsed->transport()), transport);

    // What we write reads back to the same value.
    const Result<ConnectionString> again = ConnectionString::parse(parsed->toString());
    QVERIFY(again.has_value());
    QVERIFY(*again == *parsed);
}

void tst_ConnectionString::rejectsInvalidStrings_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");

    const QString creds = QStringLiteral(";SharedAccessKeyName=n;SharedAccessKey=<KEY>");
    QTest::newRow("empty") << QString() << QStringLiteral("The connection string is empty");
    QTest::newRow("only separators")
        << QStringLiteral(" ;; ; ") << QStringLiteral("The connection string is empty");
    QTest::newRow("segment without =")
        << withKey(QStringLiteral("Endpoint=sb://h/;garbage") + creds)
        << QStringLiteral("Part 2 'garbage' has no '='");
    const QString pasted = QStringLiteral("s3cr3t") + QString(34, QLatin1Char('A'));
    QTest::newRow("long segment without = is not quoted")
        << withKey(QStringLiteral("Endpoint=sb://h/;") + pasted + creds)
        << QStringLiteral("Part 2 (40 characters, not shown) has no '='");
    QTest::newRow("pasted key without a name is not quoted")
        << withKey(QStringLiteral("Endpoint=sb://h/;") + pasted + QStringLiteral("=") + creds)
        << QStringLiteral("(40 characters, not shown) has an empty value");
    QTest::newRow("empty value") << QStringLiteral(
                                        "Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=")
                                 << QStringLiteral("'SharedAccessKey' has an empty value");
    QTest::newRow("blank value") << withKey(QStringLiteral("Endpoint=  ") + creds)
                                 << QStringLiteral("'Endpoint' has an empty value");
    QTest::newRow("no key before =") << withKey(QStringLiteral("Endpoint=sb://h/;=x") + creds)
                                     << QStringLiteral("Part 2 has nothing before '='");
    QTest::newRow("missing endpoint")
        << withKey(creds.mid(1)) << QStringLiteral("Endpoint is missing: add Endpoint=sb://");
    QTest::newRow("hostname alias not accepted")
        << withKey(QStringLiteral("Hostname=h") + creds) << QStringLiteral("Endpoint is missing");
    QTest::newRow("https scheme") << withKey(QStringLiteral("Endpoint=https://h/") + creds)
                                  << QStringLiteral("Endpoint must start with sb://");
    QTest::newRow("amqps scheme") << withKey(QStringLiteral("Endpoint=amqps://h/") + creds)
                                  << QStringLiteral("Endpoint must start with sb://");
    QTest::newRow("bare host") << withKey(QStringLiteral("Endpoint=h.servicebus.windows.net") +
                                          creds)
                               << QStringLiteral("Endpoint must start with sb://");
    QTest::newRow("no host") << withKey(QStringLiteral("Endpoint=sb://") + creds)
                             << QStringLiteral("Endpoint 'sb://' has no valid host name");
    QTest::newRow("path but no host") << withKey(QStringLiteral("Endpoint=sb:///q") + creds)
                                      << QStringLiteral("has no valid host name");
    QTest::newRow("port not a number")
        << withKey(QStringLiteral("Endpoint=sb://h:abc/") + creds)
        << QStringLiteral("Endpoint 'sb://h:abc/' has no valid host name");
    QTest::newRow("port out of range") << withKey(QStringLiteral("Endpoint=sb://h:70000/") + creds)
                                       << QStringLiteral("has no valid host name");
    QTest::newRow("port zero") << withKey(QStringLiteral("Endpoint=sb://h:0/") + creds)
                               << QStringLiteral("has port 0");
    QTest::newRow("key name without key")
        << QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n")
        << QStringLiteral("SharedAccessKey is missing: add SharedAccessKey=<key> or use a "
                          "SharedAccessSignature");
    QTest::newRow("key without key name")
        << withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKey=<KEY>"))
        << QStringLiteral("SharedAccessKeyName is missing: add SharedAccessKeyName=");
    QTest::newRow("no credentials")
        << QStringLiteral("Endpoint=sb://h/;EntityPath=q") << QStringLiteral("No credentials");
    QTest::newRow("signature and key")
        << withKey(QStringLiteral("Endpoint=sb://h/") + creds +
                   QStringLiteral(";SharedAccessSignature=") + kToken)
        << QStringLiteral("SharedAccessSignature cannot be combined with");
    QTest::newRow("signature and key name")
        << QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessSignature=") + kToken
        << QStringLiteral("SharedAccessSignature cannot be combined with");
    QTest::newRow("signature not a token")
        << QStringLiteral("Endpoint=sb://h/;SharedAccessSignature=s3cr3tgarbage")
        << QStringLiteral("SharedAccessSignature is not a valid token");
    QTest::newRow("signature without se")
        << QStringLiteral("Endpoint=sb://h/;SharedAccessSignature=SharedAccessSignature "
                          "sr=sb%3A%2F%2Fh&sig=s3cr3t")
        << QStringLiteral("se (the expiry, in seconds since 1970) is missing");
    QTest::newRow("emulator flag not a boolean")
        << withKey(QStringLiteral("Endpoint=sb://h/;UseDevelopmentEmulator=yes") + creds)
        << QStringLiteral("UseDevelopmentEmulator must be true or false, not 'yes'");
    QTest::newRow("emulator flag as number")
        << withKey(QStringLiteral("Endpoint=sb://h/;UseDevelopmentEmulator=1") + creds)
        << QStringLiteral("UseDevelopmentEmulator must be true or false, not '1'");
    QTest::newRow("unknown transport")
        << withKey(QStringLiteral("Endpoint=sb://h/;TransportType=Tcp") + creds)
        << QStringLiteral("TransportType must be Amqp or AmqpWebSockets, not 'Tcp'");
}

void tst_ConnectionString::rejectsInvalidStrings() {
    QFETCH(QString, text);
    QFETCH(QString, fragment);

    const Result<ConnectionString> parsed = ConnectionString::parse(text);
    QVERIFY(!parsed.has_value());
    QCOMPARE(int(parsed.error().code), int(ErrorCode::InvalidInput));
    QVERIFY2(parsed.error().message.contains(fragment), qPrintable(parsed.error().message));
    QVERIFY2(!parsed.error().message.contains(QStringLiteral("s3cr3t")),
             "an error message quotes a secret");
}

void tst_ConnectionString::parsesSharedAccessSignature() {
    const QString text =
        QStringLiteral("Endpoint=sb://h/;SharedAccessSignature=") + kToken + QStringLiteral(";");
    const Result<ConnectionString> parsed = ConnectionString::parse(text);
    QVERIFY(parsed.has_value());
    QVERIFY(parsed->usesSharedAccessSignature());
    QCOMPARE(parsed->sharedAccessSignature(), kToken);
    QVERIFY(parsed->keyName().isEmpty());
    QVERIFY(parsed->key().isEmpty());
    QCOMPARE(parsed->toString(),
             QStringLiteral("Endpoint=sb://h/;SharedAccessSignature=") + kToken);
}

void tst_ConnectionString::writesCanonicalSpellings() {
    const Result<ConnectionString> parsed = ConnectionString::parse(
        QStringLiteral("usedevelopmentemulator=TRUE;entitypath=q;sharedaccesskey=k=;"
                       "sharedaccesskeyname=n;endpoint=SB://LocalHost:5672;"));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->toString(),
             QStringLiteral("Endpoint=sb://localhost:5672/;SharedAccessKeyName=n;"
                            "SharedAccessKey=k=;EntityPath=q;UseDevelopmentEmulator=true"));

    const Result<ConnectionString> ws = ConnectionString::parse(
        QStringLiteral("Endpoint=sb://h;SharedAccessKeyName=n;SharedAccessKey=k;"
                       "TransportType=amqpwebsockets"));
    QVERIFY(ws.has_value());
    QCOMPARE(ws->toString(), QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;"
                                            "SharedAccessKey=k;TransportType=AmqpWebSockets"));
}

void tst_ConnectionString::endpointAndAdminUrls() {
    const Result<ConnectionString> azure = ConnectionString::parse(
        QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=n;"
                       "SharedAccessKey=k"));
    QVERIFY(azure.has_value());
    QVERIFY(!azure->hasExplicitPort());
    QCOMPARE(azure->endpointUrl(), QUrl(QStringLiteral("sb://contoso.servicebus.windows.net/")));
    QCOMPARE(azure->adminBaseUrl(),
             QUrl(QStringLiteral("https://contoso.servicebus.windows.net/")));

    const Result<ConnectionString> emulator = ConnectionString::parse(
        QStringLiteral("Endpoint=sb://localhost:5672;SharedAccessKeyName=n;SharedAccessKey=k;"
                       "UseDevelopmentEmulator=true"));
    QVERIFY(emulator.has_value());
    QVERIFY(emulator->hasExplicitPort());
    QCOMPARE(emulator->endpointUrl(), QUrl(QStringLiteral("sb://localhost:5672/")));
    QCOMPARE(emulator->adminBaseUrl(), QUrl(QStringLiteral("http://localhost:5300/")));
}

void tst_ConnectionString::adminUrlCanBeOverridden() {
    Result<ConnectionString> parsed = ConnectionString::parse(
        QStringLiteral("Endpoint=sb://localhost;SharedAccessKeyName=n;SharedAccessKey=k;"
                       "UseDevelopmentEmulator=true"));
    QVERIFY(parsed.has_value());
    parsed->setAdminBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:15300/")));
    QCOMPARE(parsed->adminBaseUrl(), QUrl(QStringLiteral("http://127.0.0.1:15300/")));
    // The override is an application setting, not part of the connection string.
    QVERIFY(!parsed->toString().contains(QStringLiteral("15300")));
}

void tst_ConnectionString::redactedHidesKeyAndSignature() {
    const Result<ConnectionString> withKeyParsed = ConnectionString::parse(
        withKey(QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=<KEY>")));
    QVERIFY(withKeyParsed.has_value());
    const QString shown = withKeyParsed->redacted().toString();
    QVERIFY(!shown.contains(kKey));
    QVERIFY(!shown.contains(QStringLiteral("s3cr3t")));
    QCOMPARE(shown, QStringLiteral("Endpoint=sb://h/;SharedAccessKeyName=n;SharedAccessKey=***"));
    QCOMPARE(withKeyParsed->key(), kKey); // the original keeps its key

    const Result<ConnectionString> withSas =
        ConnectionString::parse(QStringLiteral("Endpoint=sb://h/;SharedAccessSignature=") + kToken);
    QVERIFY(withSas.has_value());
    const QString sasShown = withSas->redacted().toString();
    QVERIFY(!sasShown.contains(SasToken::parse(kToken)->signature()));
    QCOMPARE(sasShown, QStringLiteral("Endpoint=sb://h/;SharedAccessSignature=***"));
}

void tst_ConnectionString::redactSecretsHidesValuesInLogLines_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("connection string in a log line")
        << withKey(QStringLiteral("connecting with Endpoint=sb://h/;SharedAccessKeyName=n;"
                                  "SharedAccessKey=<KEY>;EntityPath=q (attempt 2)"))
        << QStringLiteral("connecting with Endpoint=sb://h/;SharedAccessKeyName=n;"
                          "SharedAccessKey=***;EntityPath=q (attempt 2)");
    QTest::newRow("signature in a connection string")
        << QStringLiteral("cs=Endpoint=sb://h/;SharedAccessSignature=") + kToken +
               QStringLiteral(";EntityPath=q")
        << QStringLiteral("cs=Endpoint=sb://h/;SharedAccessSignature=***;EntityPath=q");
    QTest::newRow("bare token") << QStringLiteral("put-token ") + kToken +
                                       QStringLiteral(" for sb://h/q")
                                << QStringLiteral(
                                       "put-token SharedAccessSignature sr=sb%3A%2F%2Fh%2Fq&sig=***"
                                       "&se=1700000000&skn=n for sb://h/q");
    QTest::newRow("sig in a url") << QStringLiteral("GET https://h/q?sig=abc%2Bdef&se=1 failed")
                                  << QStringLiteral("GET https://h/q?sig=***&se=1 failed");
    QTest::newRow("key in json") << QStringLiteral(R"({"sharedAccessKey": "s3cr3t", "name": "n"})")
                                 << QStringLiteral(R"({"sharedAccessKey": "***", "name": "n"})");
    QTest::newRow("key name untouched")
        << QStringLiteral("SharedAccessKeyName=RootManageSharedAccessKey")
        << QStringLiteral("SharedAccessKeyName=RootManageSharedAccessKey");
    QTest::newRow("key with & and ,") << QStringLiteral("SharedAccessKey=s3&cr,3t;EntityPath=q")
                                      << QStringLiteral("SharedAccessKey=***;EntityPath=q");
    // PCRE refuses invalid UTF-16 outright; the secret must still go.
    QTest::newRow("lone surrogate elsewhere in the line")
        << QStringLiteral("SharedAccessKey=s3cr3t ") + QChar(0xD800)
        << QStringLiteral("SharedAccessKey=*** ") + QChar(QChar::ReplacementCharacter);
    QTest::newRow("words that end in sig untouched")
        << QStringLiteral("design=good") << QStringLiteral("design=good");
}

void tst_ConnectionString::redactSecretsHidesValuesInLogLines() {
    QFETCH(QString, line);
    QFETCH(QString, expected);
    QCOMPARE(redactSecrets(line), expected);
}

void tst_ConnectionString::redactSecretsFromManyThreads() {
    // Log lines are redacted on whichever thread writes them: the shared patterns must give
    // the same answer everywhere.
    QStringList lines;
    for (int i = 0; i < 2000; ++i)
        lines << QStringLiteral("line %1 SharedAccessKey=s3cr3t%1;EntityPath=q").arg(i);
    const QStringList redacted = QtConcurrent::blockingMapped(lines, &redactSecrets);
    QCOMPARE(redacted.size(), lines.size());
    for (int i = 0; i < redacted.size(); ++i)
        QCOMPARE(redacted.at(i), QStringLiteral("line %1 SharedAccessKey=***;EntityPath=q").arg(i));
}

QTEST_GUILESS_MAIN(tst_ConnectionString)
#include "tst_ConnectionString.moc"
