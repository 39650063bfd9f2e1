// The proxy choice: its checks, its QNetworkProxy, its round trip through Settings (host,
// port and user name in the file, never a password), and applying it application-wide.
#include "core/settings/ProxySettings.h"
#include "core/settings/Settings.h"

#include <QFile>
#include <QNetworkProxyFactory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

namespace {

ProxyChoice httpChoice() {
    ProxyChoice choice;
    choice.mode = ProxyMode::Http;
    choice.host = QStringLiteral("proxy.contoso.com");
    choice.port = 3128;
    choice.userName = QStringLiteral("alice");
    return choice;
}

} // namespace

class tst_ProxySettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("proxy-%1.ini").arg(++m_counter));
    }

    void cleanup() {
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }

    void hostChecks_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("explains");
        QTest::newRow("name") << QStringLiteral("proxy.contoso.com") << true << QString();
        QTest::newRow("single label") << QStringLiteral("squid") << true << QString();
        QTest::newRow("IPv4") << QStringLiteral("10.0.0.1") << true << QString();
        QTest::newRow("IPv6") << QStringLiteral("::1") << true << QString();
        QTest::newRow("empty") << QString() << false << QStringLiteral("Enter the proxy's host");
        QTest::newRow("scheme") << QStringLiteral("http://proxy") << false
                                << QStringLiteral("without a scheme");
        QTest::newRow("with port")
            << QStringLiteral("proxy:3128") << false << QStringLiteral("without a port");
        QTest::newRow("space") << QStringLiteral("my proxy") << false
                               << QStringLiteral("host name");
        QTest::newRow("underscore")
            << QStringLiteral("a_b.example") << false << QStringLiteral("host name");
    }

    void hostChecks() {
        QFETCH(QString, host);
        QFETCH(bool, valid);
        QFETCH(QString, explains);
        const VoidResult checked = validateProxyHost(host);
        QCOMPARE(bool(checked), valid);
        if (!valid) {
            QCOMPARE(checked.error().code, ErrorCode::InvalidInput);
            QVERIFY2(checked.error().message.contains(explains),
                     qPrintable(checked.error().message));
        }
    }

    void portChecks() {
        QVERIFY(validateProxyPort(1));
        QVERIFY(validateProxyPort(65535));
        QVERIFY(!validateProxyPort(0));
        QVERIFY(!validateProxyPort(65536));
        QVERIFY(!validateProxyPort(-1));
        QVERIFY(validateProxyPort(0).error().message.contains(QStringLiteral("65535")));
    }

    void aUserNameThatIsASecretIsRefusedWithoutEchoingIt() {
        const QString key = QStringLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG/I+oKxM=");
        const VoidResult checked = validateProxyUserName(key);
        QVERIFY(!checked);
        QVERIFY(!checked.error().message.contains(key));
        QVERIFY(validateProxyUserName(QStringLiteral("CONTOSO\\alice")));
        QVERIFY(validateProxyUserName(QString()));
    }

    void systemAndNoneNeedNoServer() {
        ProxyChoice choice;
        QVERIFY(validateProxyChoice(choice));
        choice.mode = ProxyMode::None;
        choice.host = QStringLiteral("not a host");
        QVERIFY(validateProxyChoice(choice));
        choice.mode = ProxyMode::Socks5;
        QVERIFY(!validateProxyChoice(choice));
    }

    void networkProxyForEachMode() {
        QCOMPARE(toNetworkProxy(ProxyChoice{}).type(), QNetworkProxy::DefaultProxy);
        ProxyChoice none;
        none.mode = ProxyMode::None;
        QCOMPARE(toNetworkProxy(none).type(), QNetworkProxy::NoProxy);

        const QNetworkProxy http = toNetworkProxy(httpChoice(), QStringLiteral("s3cret"));
        QCOMPARE(http.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(http.hostName(), QStringLiteral("proxy.contoso.com"));
        QCOMPARE(http.port(), quint16(3128));
        QCOMPARE(http.user(), QStringLiteral("alice"));
        QCOMPARE(http.password(), QStringLiteral("s3cret"));

        ProxyChoice socks = httpChoice();
        socks.mode = ProxyMode::Socks5;
        socks.userName.clear();
        const QNetworkProxy socksProxy = toNetworkProxy(socks, QStringLiteral("ignored"));
        QCOMPARE(socksProxy.type(), QNetworkProxy::Socks5Proxy);
        QVERIFY(socksProxy.user().isEmpty());
        QVERIFY(socksProxy.password().isEmpty());
    }

    void modeNamesRoundTrip() {
        for (const ProxyMode mode :
             {ProxyMode::System, ProxyMode::None, ProxyMode::Http, ProxyMode::Socks5}) {
            QCOMPARE(proxyModeFromString(proxyModeToString(mode)), mode);
        }
        QCOMPARE(proxyModeFromString(QStringLiteral("ftp")), ProxyMode::System);
    }

    void defaultIsSystem() {
        Settings settings(m_path);
        QCOMPARE(settings.proxyChoice(), ProxyChoice{});
    }

    void choiceRoundTripsThroughTheFileWithoutAPassword() {
        {
            Settings settings(m_path);
            QSignalSpy changed(&settings, &Settings::proxyChoiceChanged);
            QVERIFY(settings.setProxyChoice(httpChoice()));
            QCOMPARE(changed.size(), 1);
            // The same choice again is no change.
            QVERIFY(settings.setProxyChoice(httpChoice()));
            QCOMPARE(changed.size(), 1);
            QVERIFY(settings.sync());
        }
        Settings reread(m_path);
        QCOMPARE(reread.proxyChoice(), httpChoice());

        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("proxy.contoso.com"));
        QVERIFY(text.contains("alice"));
        QVERIFY(!text.contains("assword"));
    }

    void leavingAServerModeForgetsItsFields() {
        Settings settings(m_path);
        QVERIFY(settings.setProxyChoice(httpChoice()));
        ProxyChoice none = httpChoice();
        none.mode = ProxyMode::None;
        QVERIFY(settings.setProxyChoice(none));
        ProxyChoice expected;
        expected.mode = ProxyMode::None;
        QCOMPARE(settings.proxyChoice(), expected);
        QVERIFY(settings.sync());
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("proxy.contoso.com"));
    }

    void invalidChoicesAreRefused() {
        Settings settings(m_path);
        QSignalSpy changed(&settings, &Settings::proxyChoiceChanged);
        ProxyChoice bad = httpChoice();
        bad.port = 0;
        QVERIFY(!settings.setProxyChoice(bad));
        bad = httpChoice();
        bad.userName = QStringLiteral("Endpoint=sb://x/;SharedAccessKey=abc");
        const VoidResult refused = settings.setProxyChoice(bad);
        QVERIFY(!refused);
        QVERIFY(!refused.error().message.contains(QStringLiteral("SharedAccessKey=abc")));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(settings.proxyChoice(), ProxyChoice{});
    }

    void aHandEditedInvalidChoiceReadsAsSystem() {
        {
            QFile file(m_path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[network]\nproxyMode=socks5\nproxyHost=\"bad host\"\nproxyPort=99999\n");
        }
        Settings settings(m_path);
        QCOMPARE(settings.proxyChoice(), ProxyChoice{});
    }

    void announcingAPasswordChangeRepeatsTheChoice() {
        Settings settings(m_path);
        QVERIFY(settings.setProxyChoice(httpChoice()));
        QSignalSpy changed(&settings, &Settings::proxyChoiceChanged);
        settings.announceProxyPasswordChange();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<ProxyChoice>(), httpChoice());
    }

    void applyingSetsTheApplicationProxy() {
        applyApplicationProxy(httpChoice(), QStringLiteral("s3cret"));
        QVERIFY(!QNetworkProxyFactory::usesSystemConfiguration());
        const QNetworkProxy applied = QNetworkProxy::applicationProxy();
        QCOMPARE(applied.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(applied.hostName(), QStringLiteral("proxy.contoso.com"));
        QCOMPARE(applied.password(), QStringLiteral("s3cret"));
        // Loopback (the Local namespace) still goes direct.
        const auto local = QNetworkProxyFactory::proxyForQuery(
            QNetworkProxyQuery(QStringLiteral("127.0.0.1"), 5672));
        QCOMPARE(local.value(0).type(), QNetworkProxy::NoProxy);

        applyApplicationProxy(ProxyChoice{});
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());

        ProxyChoice none;
        none.mode = ProxyMode::None;
        applyApplicationProxy(none);
        QVERIFY(!QNetworkProxyFactory::usesSystemConfiguration());
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::NoProxy);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(tst_ProxySettings)
#include "tst_ProxySettings.moc"
