#include "core/auth/ConnectionString.h"
#include "core/settings/Settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;
using namespace std::chrono_literals;

namespace {

SavedConnection sampleConnection() {
    SavedConnection connection;
    connection.id = QStringLiteral("conn-1");
    connection.name = QStringLiteral("prod (Azure)");
    connection.colourTag = QStringLiteral("#d32f2f");
    connection.endpointHost = QStringLiteral("contoso.servicebus.windows.net");
    connection.entityPath = QStringLiteral("orders");
    connection.keyName = QStringLiteral("RootManageSharedAccessKey");
    connection.authKind = AuthKind::SharedAccessSignature;
    return connection;
}

// What a real SAS key looks like: 32 random bytes, base64.
const QString kKey = QStringLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG/I+oKxM=");

} // namespace

class tst_Settings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("busbar-%1.ini").arg(++m_counter));
    }

    void everySettingRoundTripsThroughTheFile() {
        const QByteArray geometry("\x01\xd9\xd0\xcb geometry", 14);
        const QByteArray state("\x00\x00\x00\xff state", 10);
        {
            Settings settings(m_path);
            QVERIFY(settings.saveConnection(sampleConnection()));
            settings.setWindowGeometry(geometry);
            settings.setWindowState(state);
            QVERIFY(settings.addRecentEntity({QStringLiteral("conn-1"), QStringLiteral("a")}));
            QVERIFY(settings.addRecentEntity(
                {QStringLiteral("conn-1"), QStringLiteral("events/subscriptions/audit")}));
            QVERIFY(settings.setViewState(QStringLiteral("messages/header"), state));
            settings.setAutoRefreshInterval(90s);
            settings.setTheme(Theme::Dark);
            QVERIFY(settings.sync());
        }
        QVERIFY(QFile::exists(m_path));
        const Settings reread(m_path);
        QCOMPARE(reread.savedConnections(), QList<SavedConnection>{sampleConnection()});
        QCOMPARE(reread.windowGeometry(), geometry);
        QCOMPARE(reread.windowState(), state);
        const QList<RecentEntity> recent{
            {QStringLiteral("conn-1"), QStringLiteral("events/subscriptions/audit")},
            {QStringLiteral("conn-1"), QStringLiteral("a")}};
        QCOMPARE(reread.recentEntities(), recent);
        QCOMPARE(reread.viewState(QStringLiteral("messages/header")), state);
        QCOMPARE(reread.autoRefreshInterval(), 90s);
        QCOMPARE(reread.theme(), Theme::Dark);
    }

    void defaultsApplyToAnEmptyFile() {
        const Settings settings(m_path);
        QVERIFY(settings.savedConnections().isEmpty());
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.recentEntities().isEmpty());
        QCOMPARE(settings.autoRefreshInterval(), Settings::kDefaultAutoRefresh);
        QCOMPARE(settings.theme(), Theme::System);
    }

    void everyAuthKindRoundTrips_data() {
        QTest::addColumn<AuthKind>("kind");
        QTest::newRow("key") << AuthKind::SharedAccessKey;
        QTest::newRow("signature") << AuthKind::SharedAccessSignature;
        QTest::newRow("cli") << AuthKind::AzureCli;
        QTest::newRow("emulator") << AuthKind::DevelopmentEmulator;
    }
    void everyAuthKindRoundTrips() {
        QFETCH(AuthKind, kind);
        auto connection = sampleConnection();
        connection.authKind = kind;
        {
            Settings settings(m_path);
            QVERIFY(settings.saveConnection(connection));
        }
        QCOMPARE(Settings(m_path).savedConnection(connection.id)->authKind, kind);
    }

    void savingAnExistingIdReplacesItAndKeepsOrder() {
        Settings settings(m_path);
        QSignalSpy changed(&settings, &Settings::connectionsChanged);
        auto first = sampleConnection();
        auto second = sampleConnection();
        second.id = QStringLiteral("conn-2");
        second.name = QStringLiteral("local");
        QVERIFY(settings.saveConnection(first));
        QVERIFY(settings.saveConnection(second));
        first.name = QStringLiteral("renamed");
        QVERIFY(settings.saveConnection(first));
        QCOMPARE(changed.count(), 3);
        const auto all = settings.savedConnections();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).name, QStringLiteral("renamed"));
        QCOMPARE(all.at(1).id, QStringLiteral("conn-2"));
    }

    void removingAConnectionKeepsTheOthers() {
        Settings settings(m_path);
        auto second = sampleConnection();
        second.id = QStringLiteral("conn-2");
        QVERIFY(settings.saveConnection(sampleConnection()));
        QVERIFY(settings.saveConnection(second));
        QVERIFY(settings.removeConnection(QStringLiteral("conn-1")));
        QVERIFY(!settings.removeConnection(QStringLiteral("conn-1")));
        QCOMPARE(settings.savedConnections(), QList<SavedConnection>{second});
        QVERIFY(!settings.savedConnection(QStringLiteral("conn-1")).has_value());
    }

    void secretsNeverReachTheFile_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        const QString connectionString =
            QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName="
                           "RootManageSharedAccessKey;SharedAccessKey=") +
            kKey;
        const QString sasToken =
            QStringLiteral("SharedAccessSignature sr=amqp%3A%2F%2Fcontoso&sig=") + kKey +
            QStringLiteral("&se=1700000000&skn=Root");
        QTest::newRow("name is a key") << QStringLiteral("name") << kKey;
        QTest::newRow("name is a connection string") << QStringLiteral("name") << connectionString;
        QTest::newRow("name is a SAS token") << QStringLiteral("name") << sasToken;
        QTest::newRow("name holds a JWT")
            << QStringLiteral("name")
            << QStringLiteral("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghij");
        QTest::newRow("key name is a key") << QStringLiteral("keyName") << kKey;
        QTest::newRow("entity path is a token") << QStringLiteral("entityPath") << sasToken;
        QTest::newRow("host is a connection string")
            << QStringLiteral("endpointHost") << connectionString;
    }
    void secretsNeverReachTheFile() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        auto connection = sampleConnection();
        if (field == QLatin1String("name")) {
            connection.name = value;
        } else if (field == QLatin1String("keyName")) {
            connection.keyName = value;
        } else if (field == QLatin1String("entityPath")) {
            connection.entityPath = value;
        } else {
            connection.endpointHost = value;
        }
        {
            Settings settings(m_path);
            const auto saved = settings.saveConnection(connection);
            QVERIFY(!saved);
            QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
            QVERIFY(!saved.error().message.contains(kKey));
            QVERIFY(!settings.addRecentEntity({QStringLiteral("conn-1"), value}));
            QVERIFY(settings.savedConnections().isEmpty());
            QVERIFY(settings.sync());
        }
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(!contents.isEmpty()); // the file exists, so the absence below means something
        QVERIFY(!contents.contains(kKey.toLatin1()));
        // QSettings may escape '/' and '+' in INI values; the key's middle must be absent too.
        QVERIFY(!contents.contains(QByteArrayLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG")));
    }

    void aParsedConnectionStringSavesWithoutItsKey() {
        const auto parsed = ConnectionString::parse(
            QStringLiteral("Endpoint=sb://localhost:5673/;SharedAccessKeyName=RootManageShared"
                           "AccessKey;SharedAccessKey=") +
            kKey + QStringLiteral(";EntityPath=orders;UseDevelopmentEmulator=true"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        const SavedConnection saved =
            savedConnectionFor(*parsed, QStringLiteral("local-1"), QStringLiteral("local"));
        QCOMPARE(saved.endpointHost, QStringLiteral("localhost:5673"));
        QCOMPARE(saved.entityPath, QStringLiteral("orders"));
        QCOMPARE(saved.keyName, QStringLiteral("RootManageSharedAccessKey"));
        QCOMPARE(saved.authKind, AuthKind::DevelopmentEmulator);
        {
            Settings settings(m_path);
            QVERIFY(settings.saveConnection(saved));
        }
        QCOMPARE(Settings(m_path).savedConnection(QStringLiteral("local-1")), saved);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.contains("localhost:5673"));
        QVERIFY(!contents.contains(QByteArrayLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG")));
    }

    void aSasConnectionStringKeepsItsAuthKind() {
        const auto parsed = ConnectionString::parse(
            QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessSignature="
                           "SharedAccessSignature sr=contoso&sig=abc&se=1&skn=Root"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        const SavedConnection saved =
            savedConnectionFor(*parsed, QStringLiteral("prod"), QStringLiteral("prod"));
        QCOMPARE(saved.authKind, AuthKind::SharedAccessSignature);
        QCOMPARE(saved.endpointHost, QStringLiteral("contoso.servicebus.windows.net"));
    }

    void layoutBlobsCarryingACredentialAreRefused() {
        const QByteArray smuggled =
            QByteArrayLiteral("\x01\xd9\xd0\xcbSharedAccessKey=") + kKey.toLatin1();
        {
            Settings settings(m_path);
            QVERIFY(settings.setWindowGeometry(QByteArrayLiteral("\x01\xd9\xd0\xcb ok")));
            QVERIFY(!settings.setWindowGeometry(smuggled));
            QVERIFY(!settings.setWindowState(smuggled));
            QCOMPARE(settings.windowGeometry(), QByteArrayLiteral("\x01\xd9\xd0\xcb ok"));
            QVERIFY(settings.windowState().isEmpty());
        }
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(
            !file.readAll().contains(QByteArrayLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG")));
    }

    void viewStatesNeedAPlainName() {
        Settings settings(m_path);
        const QByteArray blob("header");
        QVERIFY(settings.setViewState(QStringLiteral("inspector.splitter"), blob));
        QVERIFY(!settings.setViewState(QString(), blob));
        QVERIFY(!settings.setViewState(QStringLiteral("../window/geometry"), blob));
        QVERIFY(!settings.setViewState(QStringLiteral("a b"), blob));
        QVERIFY(!settings.setViewState(QStringLiteral("x"), "SharedAccessKey=" + kKey.toLatin1()));
        QCOMPARE(settings.viewState(QStringLiteral("inspector.splitter")), blob);
        QVERIFY(settings.viewState(QStringLiteral("x")).isEmpty());
        QVERIFY(settings.viewState(QStringLiteral("never-saved")).isEmpty());
    }

    void ordinaryNamesAreNotMistakenForSecrets_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("policy name") << QStringLiteral("RootManageSharedAccessKey");
        QTest::newRow("long entity path")
            << QStringLiteral("averyverylongtopicnamethatgoesonandon/subscriptions/"
                              "anotherverylongsubscriptionname");
        QTest::newRow("host") << QStringLiteral("contoso.servicebus.windows.net");
        QTest::newRow("emoji name") << QStringLiteral("prod \u2601 orders");
    }
    void ordinaryNamesAreNotMistakenForSecrets() {
        QFETCH(QString, text);
        QVERIFY(!Settings::looksLikeSecret(text));
    }

    void invalidConnectionsAreRefused_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("empty id") << QStringLiteral("id") << QString();
        QTest::newRow("id with slash") << QStringLiteral("id") << QStringLiteral("a/b");
        QTest::newRow("empty name") << QStringLiteral("name") << QStringLiteral("  ");
        QTest::newRow("bad colour") << QStringLiteral("colourTag") << QStringLiteral("red");
        QTest::newRow("host with scheme")
            << QStringLiteral("endpointHost") << QStringLiteral("sb://contoso/");
    }
    void invalidConnectionsAreRefused() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        auto connection = sampleConnection();
        if (field == QLatin1String("id")) {
            connection.id = value;
        } else if (field == QLatin1String("name")) {
            connection.name = value;
        } else if (field == QLatin1String("colourTag")) {
            connection.colourTag = value;
        } else {
            connection.endpointHost = value;
        }
        Settings settings(m_path);
        const auto saved = settings.saveConnection(connection);
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
        QVERIFY(settings.savedConnections().isEmpty());
    }

    void newConnectionIdsAreUniqueAndAccepted() {
        const QString a = Settings::newConnectionId();
        const QString b = Settings::newConnectionId();
        QVERIFY(a != b);
        auto connection = sampleConnection();
        connection.id = a;
        Settings settings(m_path);
        QVERIFY(settings.saveConnection(connection));
        QVERIFY(settings.savedConnection(a).has_value());
    }

    void recentEntitiesAreMostRecentFirstAndCapped() {
        Settings settings(m_path);
        for (int i = 0; i < Settings::kMaxRecentEntities + 3; ++i) {
            QVERIFY(
                settings.addRecentEntity({QStringLiteral("c"), QStringLiteral("queue-%1").arg(i)}));
        }
        QVERIFY(settings.addRecentEntity({QStringLiteral("c"), QStringLiteral("queue-5")}));
        const auto recent = settings.recentEntities();
        QCOMPARE(recent.size(), Settings::kMaxRecentEntities);
        QCOMPARE(recent.first().entityPath, QStringLiteral("queue-5"));
        QCOMPARE(recent.at(1).entityPath,
                 QStringLiteral("queue-%1").arg(Settings::kMaxRecentEntities + 2));
        QCOMPARE(recent.count(RecentEntity{QStringLiteral("c"), QStringLiteral("queue-5")}), 1);
        settings.clearRecentEntities();
        QVERIFY(settings.recentEntities().isEmpty());
    }

    void autoRefreshIsClampedAndZeroMeansOff() {
        Settings settings(m_path);
        QSignalSpy changed(&settings, &Settings::autoRefreshIntervalChanged);
        settings.setAutoRefreshInterval(1s);
        QCOMPARE(settings.autoRefreshInterval(), Settings::kMinAutoRefresh);
        settings.setAutoRefreshInterval(100h);
        QCOMPARE(settings.autoRefreshInterval(), Settings::kMaxAutoRefresh);
        settings.setAutoRefreshInterval(0s);
        QCOMPARE(settings.autoRefreshInterval(), 0s);
        settings.setAutoRefreshInterval(-5s);
        QCOMPARE(settings.autoRefreshInterval(), 0s);
        QCOMPARE(changed.count(), 3); // -5 s stores 0 s again: no change, no signal
    }

    void themeChangeIsSignalledOnce() {
        Settings settings(m_path);
        QSignalSpy changed(&settings, &Settings::themeChanged);
        settings.setTheme(Theme::Light);
        settings.setTheme(Theme::Light);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<Theme>(), Theme::Light);
        QCOMPARE(themeFromString(themeToString(Theme::Dark)), Theme::Dark);
        QCOMPARE(themeFromString(QStringLiteral("neon")), Theme::System);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_Settings.moc"
