// ProxyApplier keeps the application proxy in step with Settings and fetches the proxy
// password from the SecretStore; a password answer overtaken by a newer choice is dropped.
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/ProxyApplier.h"
#include "core/settings/Settings.h"

#include <QCoreApplication>
#include <QNetworkProxyFactory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

namespace {

ProxyChoice socksChoice(const QString& user) {
    ProxyChoice choice;
    choice.mode = ProxyMode::Socks5;
    choice.host = QStringLiteral("socks.contoso.com");
    choice.port = 1080;
    choice.userName = user;
    return choice;
}

} // namespace

class tst_ProxyApplier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<Settings>(
            m_dir.filePath(QStringLiteral("applier-%1.ini").arg(++m_counter)));
        m_secrets = std::make_unique<InMemorySecretStore>();
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }

    void cleanup() {
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }

    void appliesTheStoredChoiceAtStart() {
        QVERIFY(m_settings->setProxyChoice(socksChoice({})));
        ProxyApplier applier(*m_settings, m_secrets.get());
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(QNetworkProxy::applicationProxy().hostName(), QStringLiteral("socks.contoso.com"));
        QCOMPARE(applier.applied(), socksChoice({}));
    }

    void defaultChoiceFollowsTheSystem() {
        ProxyApplier applier(*m_settings, m_secrets.get());
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());
    }

    void reappliesWhenTheChoiceChanges() {
        ProxyApplier applier(*m_settings, m_secrets.get());
        QVERIFY(m_settings->setProxyChoice(socksChoice({})));
        QVERIFY(!QNetworkProxyFactory::usesSystemConfiguration());
        QCOMPARE(QNetworkProxy::applicationProxy().port(), quint16(1080));
        ProxyChoice none;
        none.mode = ProxyMode::None;
        QVERIFY(m_settings->setProxyChoice(none));
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::NoProxy);
    }

    void thePasswordComesFromTheSecretStore() {
        QVERIFY(m_secrets->writeSecret(QString(kProxyPasswordSecretId), QStringLiteral("pw-1"))
                    .result());
        QVERIFY(m_settings->setProxyChoice(socksChoice(QStringLiteral("bob"))));
        ProxyApplier applier(*m_settings, m_secrets.get());
        QTRY_COMPARE(QNetworkProxy::applicationProxy().password(), QStringLiteral("pw-1"));
        QCOMPARE(QNetworkProxy::applicationProxy().user(), QStringLiteral("bob"));

        // A new password, announced, is read again.
        QSignalSpy applied(&applier, &ProxyApplier::proxyApplied);
        QVERIFY(m_secrets->writeSecret(QString(kProxyPasswordSecretId), QStringLiteral("pw-2"))
                    .result());
        m_settings->announceProxyPasswordChange();
        QTRY_COMPARE(QNetworkProxy::applicationProxy().password(), QStringLiteral("pw-2"));
        QTRY_VERIFY(applied.size() >= 2);
        QCOMPARE(applied.last().at(0).toBool(), true);
    }

    void aMissingPasswordLeavesTheProxyWithoutOne() {
        QVERIFY(m_settings->setProxyChoice(socksChoice(QStringLiteral("bob"))));
        ProxyApplier applier(*m_settings, m_secrets.get());
        QSignalSpy applied(&applier, &ProxyApplier::proxyApplied);
        // The store's future is already finished; its watcher reports through a posted event.
        QCoreApplication::processEvents();
        QCOMPARE(QNetworkProxy::applicationProxy().user(), QStringLiteral("bob"));
        QVERIFY(QNetworkProxy::applicationProxy().password().isEmpty());
        QCOMPARE(applied.size(), 0);
    }

    void aStaleAnswerIsDropped() {
        QVERIFY(
            m_secrets->writeSecret(QString(kProxyPasswordSecretId), QStringLiteral("pw")).result());
        QVERIFY(m_settings->setProxyChoice(socksChoice(QStringLiteral("bob"))));
        ProxyApplier applier(*m_settings, m_secrets.get());
        // Before the password answer is delivered, the user switches to no proxy.
        ProxyChoice none;
        none.mode = ProxyMode::None;
        QVERIFY(m_settings->setProxyChoice(none));
        QSignalSpy applied(&applier, &ProxyApplier::proxyApplied);
        QCoreApplication::processEvents();
        QCOMPARE(applied.size(), 0);
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::NoProxy);
        // The same turn of events does deliver an answer that is not stale.
        QVERIFY(m_settings->setProxyChoice(socksChoice(QStringLiteral("bob"))));
        QCoreApplication::processEvents();
        QCOMPARE(applied.size(), 2);
        QCOMPARE(QNetworkProxy::applicationProxy().password(), QStringLiteral("pw"));
    }

    void withoutAStoreTheUserGoesWithoutPassword() {
        QVERIFY(m_settings->setProxyChoice(socksChoice(QStringLiteral("bob"))));
        ProxyApplier applier(*m_settings, nullptr);
        QCOMPARE(QNetworkProxy::applicationProxy().user(), QStringLiteral("bob"));
        QVERIFY(QNetworkProxy::applicationProxy().password().isEmpty());
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
};

QTEST_GUILESS_MAIN(tst_ProxyApplier)
#include "tst_ProxyApplier.moc"
