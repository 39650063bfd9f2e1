#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "ui/settings/SettingsDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;
using namespace std::chrono_literals;

class tst_SettingsDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_settings =
            std::make_unique<Settings>(m_dir.filePath(QStringLiteral("s%1.ini").arg(++m_counter)));
        m_settings->setAutoRefreshInterval(45s);
        m_settings->setTheme(Theme::Light);
    }

    void showsTheCurrentValues() {
        SettingsDialog dialog(*m_settings);
        QCOMPARE(spin(dialog)->value(), 45);
        QCOMPARE(combo(dialog)->currentData().value<Theme>(), Theme::Light);
        QCOMPARE(spin(dialog)->specialValueText(), QStringLiteral("Off"));
    }

    void okWrites() {
        SettingsDialog dialog(*m_settings);
        dialog.show();
        spin(dialog)->setValue(0);
        combo(dialog)->setCurrentIndex(combo(dialog)->findData(QVariant::fromValue(Theme::Dark)));
        dialog.findChild<QPushButton*>(QStringLiteral("settingsOkButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_settings->autoRefreshInterval(), 0s);
        QCOMPARE(m_settings->theme(), Theme::Dark);
    }

    void cancelLeavesSettingsAlone() {
        SettingsDialog dialog(*m_settings);
        dialog.show();
        spin(dialog)->setValue(300);
        combo(dialog)->setCurrentIndex(combo(dialog)->findData(QVariant::fromValue(Theme::System)));
        dialog.findChild<QPushButton*>(QStringLiteral("settingsCancelButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(m_settings->autoRefreshInterval(), 45s);
        QCOMPARE(m_settings->theme(), Theme::Light);
    }

    // Settings ▸ Network.

    void proxyShowsTheStoredChoiceButNeverThePassword() {
        QVERIFY(m_settings->setProxyChoice(httpChoice()));
        InMemorySecretStore secrets;
        QVERIFY(secrets.writeSecret(QString(kProxyPasswordSecretId), kPassword).result());
        SettingsDialog dialog(*m_settings, &secrets);
        QCOMPARE(proxyMode(dialog)->currentData().toInt(), int(ProxyMode::Http));
        QCOMPARE(edit(dialog, "proxyHostEdit")->text(), QStringLiteral("proxy.contoso.com"));
        QCOMPARE(edit(dialog, "proxyPortEdit")->text(), QStringLiteral("3128"));
        QCOMPARE(edit(dialog, "proxyUserEdit")->text(), QStringLiteral("alice"));
        QVERIFY(edit(dialog, "proxyPasswordEdit")->text().isEmpty());
        QCOMPARE(edit(dialog, "proxyPasswordEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(edit(dialog, "proxyHostEdit")->isEnabled());
    }

    void serverFieldsFollowTheMode() {
        SettingsDialog dialog(*m_settings);
        QCOMPARE(proxyMode(dialog)->currentData().toInt(), int(ProxyMode::System));
        QVERIFY(!edit(dialog, "proxyHostEdit")->isEnabled());
        QVERIFY(!edit(dialog, "proxyPortEdit")->isEnabled());
        QVERIFY(okButton(dialog)->isEnabled());
        setMode(dialog, ProxyMode::Socks5);
        QVERIFY(edit(dialog, "proxyHostEdit")->isEnabled());
        // Empty host and port: both explained, OK waits.
        QVERIFY(!errorLabel(dialog, "proxyHostError")->isHidden());
        QVERIFY(!errorLabel(dialog, "proxyPortError")->isHidden());
        QVERIFY(!okButton(dialog)->isEnabled());
        setMode(dialog, ProxyMode::None);
        QVERIFY(errorLabel(dialog, "proxyHostError")->isHidden());
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void invalidHostAndPortAreExplainedInline_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("explains");
        QTest::newRow("scheme") << QStringLiteral("http://proxy") << QStringLiteral("3128")
                                << QStringLiteral("proxyHostError")
                                << QStringLiteral("without a scheme");
        QTest::newRow("port in host")
            << QStringLiteral("proxy:3128") << QStringLiteral("3128")
            << QStringLiteral("proxyHostError") << QStringLiteral("without a port");
        QTest::newRow("port too big")
            << QStringLiteral("proxy") << QStringLiteral("70000")
            << QStringLiteral("proxyPortError") << QStringLiteral("65535");
        QTest::newRow("port not a number")
            << QStringLiteral("proxy") << QStringLiteral("80a") << QStringLiteral("proxyPortError")
            << QStringLiteral("number");
    }

    void invalidHostAndPortAreExplainedInline() {
        QFETCH(QString, host);
        QFETCH(QString, port);
        QFETCH(QString, field);
        QFETCH(QString, explains);
        SettingsDialog dialog(*m_settings);
        dialog.show();
        setMode(dialog, ProxyMode::Http);
        QTest::keyClicks(edit(dialog, "proxyHostEdit"), host);
        QTest::keyClicks(edit(dialog, "proxyPortEdit"), port);
        QLabel* error = dialog.findChild<QLabel*>(field);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(explains), qPrintable(error->text()));
        QVERIFY(!okButton(dialog)->isEnabled());
        dialog.accept(); // even when forced, nothing invalid is saved
        QVERIFY(dialog.isVisible());
        QCOMPARE(m_settings->proxyChoice(), ProxyChoice{});

        // Corrected, the explanation goes and OK is back.
        edit(dialog, "proxyHostEdit")->setText(QStringLiteral("proxy.contoso.com"));
        edit(dialog, "proxyPortEdit")->setText(QStringLiteral("8080"));
        QVERIFY(!error->isVisible());
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void okStoresThePasswordInTheKeychainNeverTheFile() {
        InMemorySecretStore secrets;
        SettingsDialog dialog(*m_settings, &secrets);
        dialog.show();
        setMode(dialog, ProxyMode::Http);
        QTest::keyClicks(edit(dialog, "proxyHostEdit"), QStringLiteral("proxy.contoso.com"));
        QTest::keyClicks(edit(dialog, "proxyPortEdit"), QStringLiteral("3128"));
        QTest::keyClicks(edit(dialog, "proxyUserEdit"), QStringLiteral("alice"));
        QTest::keyClicks(edit(dialog, "proxyPasswordEdit"), kPassword);
        QSignalSpy changed(m_settings.get(), &Settings::proxyChoiceChanged);
        okButton(dialog)->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_settings->proxyChoice(), httpChoice());
        QCOMPARE(changed.size(), 1);
        const auto stored = secrets.readSecret(QString(kProxyPasswordSecretId)).result();
        QVERIFY(stored);
        QCOMPARE(*stored, kPassword);

        QVERIFY(m_settings->sync());
        QFile file(m_settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("proxy.contoso.com"));
        QVERIFY2(!text.contains(kPassword.toUtf8()), text.constData());
    }

    void aNewPasswordAloneIsAnnounced() {
        QVERIFY(m_settings->setProxyChoice(httpChoice()));
        InMemorySecretStore secrets;
        SettingsDialog dialog(*m_settings, &secrets);
        dialog.show();
        QTest::keyClicks(edit(dialog, "proxyPasswordEdit"), QStringLiteral("new-one"));
        QSignalSpy changed(m_settings.get(), &Settings::proxyChoiceChanged);
        okButton(dialog)->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(changed.size(), 1); // so the ProxyApplier reads the password again
        QCOMPARE(*secrets.readSecret(QString(kProxyPasswordSecretId)).result(),
                 QStringLiteral("new-one"));
    }

    void droppingTheUserForgetsThePassword() {
        QVERIFY(m_settings->setProxyChoice(httpChoice()));
        InMemorySecretStore secrets;
        QVERIFY(secrets.writeSecret(QString(kProxyPasswordSecretId), kPassword).result());
        SettingsDialog dialog(*m_settings, &secrets);
        dialog.show();
        edit(dialog, "proxyUserEdit")->clear();
        okButton(dialog)->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(m_settings->proxyChoice().userName.isEmpty());
        QCOMPARE(secrets.size(), qsizetype(0));
    }

    void aFailedKeychainWriteKeepsTheDialogOpen() {
        InMemorySecretStore secrets;
        SettingsDialog dialog(*m_settings, &secrets);
        dialog.show();
        secrets.setAvailable(false); // the keychain goes away while the dialog is open
        setMode(dialog, ProxyMode::Http);
        QTest::keyClicks(edit(dialog, "proxyHostEdit"), QStringLiteral("proxy.contoso.com"));
        QTest::keyClicks(edit(dialog, "proxyPortEdit"), QStringLiteral("3128"));
        QTest::keyClicks(edit(dialog, "proxyUserEdit"), QStringLiteral("alice"));
        QTest::keyClicks(edit(dialog, "proxyPasswordEdit"), kPassword);
        okButton(dialog)->click();
        QLabel* error = dialog.findChild<QLabel*>(QStringLiteral("settingsError"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("keychain")), qPrintable(error->text()));
        QVERIFY(!error->text().contains(kPassword));
        QVERIFY(dialog.isVisible());
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(m_settings->proxyChoice(), ProxyChoice{});
    }

    void withoutAKeychainThePasswordCannotBeTyped() {
        SettingsDialog dialog(*m_settings);
        setMode(dialog, ProxyMode::Http);
        QVERIFY(!edit(dialog, "proxyPasswordEdit")->isEnabled());
        QVERIFY(edit(dialog, "proxyPasswordEdit")
                    ->placeholderText()
                    .contains(QStringLiteral("keychain")));
    }

    void theDialogSaysOpenNamespacesKeepTheirProxy() {
        SettingsDialog dialog(*m_settings);
        const auto* note = dialog.findChild<QLabel*>(QStringLiteral("proxyNote"));
        QVERIFY(note != nullptr);
        QVERIFY(note->text().contains(QStringLiteral("reopen")));
    }

private:
    static inline const QString kPassword = QStringLiteral("Pr0xy-pa55word!");

    static ProxyChoice httpChoice() {
        ProxyChoice choice;
        choice.mode = ProxyMode::Http;
        choice.host = QStringLiteral("proxy.contoso.com");
        choice.port = 3128;
        choice.userName = QStringLiteral("alice");
        return choice;
    }
    static QComboBox* proxyMode(const SettingsDialog& dialog) {
        return dialog.findChild<QComboBox*>(QStringLiteral("proxyModeCombo"));
    }
    static void setMode(const SettingsDialog& dialog, ProxyMode mode) {
        proxyMode(dialog)->setCurrentIndex(proxyMode(dialog)->findData(int(mode)));
    }
    static QLineEdit* edit(const SettingsDialog& dialog, const char* name) {
        return dialog.findChild<QLineEdit*>(QString::fromLatin1(name));
    }
    static QLabel* errorLabel(const SettingsDialog& dialog, const char* name) {
        return dialog.findChild<QLabel*>(QString::fromLatin1(name));
    }
    static QPushButton* okButton(const SettingsDialog& dialog) {
        return dialog.findChild<QPushButton*>(QStringLiteral("settingsOkButton"));
    }
    static QSpinBox* spin(const SettingsDialog& dialog) {
        return dialog.findChild<QSpinBox*>(QStringLiteral("autoRefreshSpin"));
    }
    static QComboBox* combo(const SettingsDialog& dialog) {
        return dialog.findChild<QComboBox*>(QStringLiteral("themeCombo"));
    }

    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_SettingsDialog.moc"
