#include "ui/connections/ConnectDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace busbar;

namespace {

const QString kKey = QStringLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG/I+oKxM=");

QString azureString() {
    return QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName="
                          "RootManageSharedAccessKey;SharedAccessKey=") +
           kKey + QStringLiteral(";EntityPath=orders");
}

} // namespace

class tst_ConnectDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsEmptyMaskedAndNotAcceptable() {
        ConnectDialog dialog(true);
        QCOMPARE(stringEdit(dialog)->echoMode(), QLineEdit::Password);
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!dialog.connectionString().has_value());
        QVERIFY(dialog.rememberConnection());
    }

    void aValidStringIsSummarisedAndNamed() {
        ConnectDialog dialog(true);
        QTest::keyClicks(stringEdit(dialog), azureString());
        QVERIFY(dialog.connectionString().has_value());
        const QString summary = summaryLabel(dialog)->text();
        QVERIFY(summary.contains(QStringLiteral("contoso.servicebus.windows.net")));
        QVERIFY(summary.contains(QStringLiteral("RootManageSharedAccessKey")));
        QVERIFY(summary.contains(QStringLiteral("orders")));
        QVERIFY(!summary.contains(kKey));
        QCOMPARE(nameEdit(dialog)->text(), QStringLiteral("contoso"));
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void theSavedConnectionHoldsNoKey() {
        ConnectDialog dialog(true);
        stringEdit(dialog)->setText(azureString());
        nameEdit(dialog)->clear();
        QTest::keyClicks(nameEdit(dialog), QStringLiteral("prod orders"));
        auto* colour = dialog.findChild<QComboBox*>(QStringLiteral("colourTagCombo"));
        colour->setCurrentIndex(1);
        const SavedConnection saved = dialog.savedConnection();
        QCOMPARE(saved.name, QStringLiteral("prod orders"));
        QCOMPARE(saved.colourTag, ConnectDialog::colourTags().at(1).first);
        QCOMPARE(saved.endpointHost, QStringLiteral("contoso.servicebus.windows.net"));
        QCOMPARE(saved.entityPath, QStringLiteral("orders"));
        QCOMPARE(saved.authKind, AuthKind::SharedAccessKey);
        QVERIFY(!saved.id.isEmpty());
        for (const QString& field : {saved.id, saved.name, saved.colourTag, saved.endpointHost,
                                     saved.entityPath, saved.keyName}) {
            QVERIFY(!field.contains(kKey));
        }
        QCOMPARE(dialog.connectionString()->key(), kKey);
    }

    void aTypedNameIsNotOverwritten() {
        ConnectDialog dialog(true);
        QTest::keyClicks(nameEdit(dialog), QStringLiteral("mine"));
        stringEdit(dialog)->setText(azureString());
        QCOMPARE(nameEdit(dialog)->text(), QStringLiteral("mine"));
    }

    void theEmulatorIsNamedLocal() {
        ConnectDialog dialog(true);
        stringEdit(dialog)->setText(
            QStringLiteral("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;"
                           "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;"));
        QVERIFY(dialog.connectionString().has_value());
        QCOMPARE(nameEdit(dialog)->text(), QStringLiteral("local"));
        QCOMPARE(dialog.savedConnection().authKind, AuthKind::DevelopmentEmulator);
    }

    void anInvalidStringExplainsWithoutEchoingTheKey() {
        ConnectDialog dialog(true);
        stringEdit(dialog)->setText(QStringLiteral("SharedAccessKey=") + kKey);
        QVERIFY(!dialog.connectionString().has_value());
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!summaryLabel(dialog)->text().isEmpty());
        QVERIFY(!summaryLabel(dialog)->text().contains(kKey));
    }

    void aNameThatIsASecretCannotBeAccepted() {
        ConnectDialog dialog(true);
        stringEdit(dialog)->setText(azureString());
        nameEdit(dialog)->clear();
        QTest::keyClicks(nameEdit(dialog), kKey);
        QVERIFY(!okButton(dialog)->isEnabled());
    }

    void revealTogglesTheMask() {
        ConnectDialog dialog(true);
        auto* reveal = dialog.findChild<QAction*>(QStringLiteral("actionRevealConnectionString"));
        QVERIFY(reveal != nullptr);
        reveal->trigger();
        QCOMPARE(stringEdit(dialog)->echoMode(), QLineEdit::Normal);
        reveal->trigger();
        QCOMPARE(stringEdit(dialog)->echoMode(), QLineEdit::Password);
    }

    void rememberSaysWhenThereIsNoKeychain() {
        ConnectDialog withKeychain(true);
        ConnectDialog without(false);
        auto text = [](const ConnectDialog& dialog) {
            return dialog.findChild<QCheckBox*>(QStringLiteral("rememberConnectionCheck"))->text();
        };
        QVERIFY(text(withKeychain).contains(QStringLiteral("keychain")));
        QVERIFY(text(without).contains(QStringLiteral("no keychain")));
    }

private:
    static QLineEdit* stringEdit(const ConnectDialog& dialog) {
        return dialog.findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
    }
    static QLineEdit* nameEdit(const ConnectDialog& dialog) {
        return dialog.findChild<QLineEdit*>(QStringLiteral("connectionNameEdit"));
    }
    static QLabel* summaryLabel(const ConnectDialog& dialog) {
        return dialog.findChild<QLabel*>(QStringLiteral("connectionSummaryLabel"));
    }
    static QPushButton* okButton(const ConnectDialog& dialog) {
        return dialog.findChild<QPushButton*>(QStringLiteral("connectOkButton"));
    }
};

QTEST_MAIN(tst_ConnectDialog)
#include "tst_ConnectDialog.moc"
