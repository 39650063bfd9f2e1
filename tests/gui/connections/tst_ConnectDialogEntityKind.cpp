// The connect dialog's entity kind for an EntityPath string: a bare path defaults to a queue,
// a path naming a subscription is one (and cannot be a queue), "Topic subscription" needs a
// subscription name before Connect is offered, and what is saved names the chosen entity
// without the key. Without EntityPath the row is hidden.
#include "ui/connections/ConnectDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTest>

#include <optional>

using namespace busbar;

namespace {

const QString kKey = QStringLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG/I+oKxM=");

QString listenString(const QString& entityPath) {
    QString text = QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;"
                                  "SharedAccessKeyName=listen;SharedAccessKey=") +
                   kKey;
    if (!entityPath.isEmpty()) {
        text += QStringLiteral(";EntityPath=") + entityPath;
    }
    return text;
}

} // namespace

class tst_ConnectDialogEntityKind : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noEntityPathHidesTheKind() {
        ConnectDialog dialog(true);
        dialog.show();
        stringEdit(dialog)->setText(listenString({}));
        QVERIFY(!kindCombo(dialog)->isVisible());
        QVERIFY(dialog.scopedEntityPath().isEmpty());
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(dialog.savedConnection().entityPath.isEmpty());
    }

    void aBarePathIsAQueueByDefault() {
        ConnectDialog dialog(true);
        dialog.show();
        stringEdit(dialog)->setText(listenString(QStringLiteral("orders")));
        QVERIFY(kindCombo(dialog)->isVisible());
        QCOMPARE(dialog.entityKind(), ConnectDialog::EntityKind::Queue);
        QVERIFY(!subscriptionEdit(dialog)->isVisible());
        QCOMPARE(dialog.scopedEntityPath(), QStringLiteral("orders"));
        QVERIFY(hint(dialog)->text().contains(QStringLiteral("queue")));
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void aTopicSubscriptionNeedsItsName() {
        ConnectDialog dialog(true);
        dialog.show();
        stringEdit(dialog)->setText(listenString(QStringLiteral("events")));
        chooseKind(dialog, ConnectDialog::EntityKind::Subscription);
        QVERIFY(subscriptionEdit(dialog)->isVisible());
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(hint(dialog)->text().contains(QStringLiteral("Name the subscription")));

        QTest::keyClicks(subscriptionEdit(dialog), QStringLiteral("a/b"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(hint(dialog)->text().contains(QStringLiteral("'/'")));

        subscriptionEdit(dialog)->clear();
        QTest::keyClicks(subscriptionEdit(dialog), QStringLiteral("audit"));
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog.scopedEntityPath(), QStringLiteral("events/Subscriptions/audit"));

        // Kept in the settings' SavedConnection; the key only in the connection string.
        const SavedConnection saved = dialog.savedConnection();
        QCOMPARE(saved.entityPath, QStringLiteral("events/Subscriptions/audit"));
        for (const QString& field :
             {saved.id, saved.name, saved.endpointHost, saved.entityPath, saved.keyName}) {
            QVERIFY(!field.contains(kKey));
        }
        QCOMPARE(dialog.connectionString()->entityPath(), QStringLiteral("events"));
        QCOMPARE(scopedEntityPath(saved, *dialog.connectionString()),
                 QStringLiteral("events/Subscriptions/audit"));

        // Back to a queue: the path alone again.
        chooseKind(dialog, ConnectDialog::EntityKind::Queue);
        QCOMPARE(dialog.savedConnection().entityPath, QStringLiteral("events"));
    }

    void theConnectionTestReadsTheChosenSubscription() {
        ConnectDialog dialog(true);
        std::optional<ConnectionString> tested;
        dialog.setTester([&tested](const ConnectionString& connection, QObject*,
                                   const std::function<void(bool, const QString&)>& done) {
            tested = connection;
            done(true, QStringLiteral("fine"));
        });
        dialog.show();
        stringEdit(dialog)->setText(listenString(QStringLiteral("events")));
        chooseKind(dialog, ConnectDialog::EntityKind::Subscription);
        QTest::keyClicks(subscriptionEdit(dialog), QStringLiteral("audit"));
        auto* test = dialog.findChild<QPushButton*>(QStringLiteral("connectTestButton"));
        QVERIFY(test != nullptr);
        test->click();
        QVERIFY(tested.has_value());
        QCOMPARE(tested->entityPath(), QStringLiteral("events/Subscriptions/audit"));
        QCOMPARE(tested->key(), kKey);
        QCOMPARE(tested->host(), QStringLiteral("contoso.servicebus.windows.net"));
        // What is kept as the secret is the string as pasted.
        QCOMPARE(dialog.connectionString()->entityPath(), QStringLiteral("events"));
    }

    void aSubscriptionPathIsASubscription() {
        ConnectDialog dialog(true);
        dialog.show();
        stringEdit(dialog)->setText(listenString(QStringLiteral("events/subscriptions/audit")));
        QCOMPARE(dialog.entityKind(), ConnectDialog::EntityKind::Subscription);
        QCOMPARE(subscriptionEdit(dialog)->text(), QStringLiteral("audit"));
        QVERIFY(subscriptionEdit(dialog)->isReadOnly());
        auto* items = qobject_cast<QStandardItemModel*>(kindCombo(dialog)->model());
        QVERIFY(items != nullptr);
        QVERIFY(!items->item(0)->isEnabled()); // "Queue" cannot be chosen
        QCOMPARE(dialog.scopedEntityPath(), QStringLiteral("events/subscriptions/audit"));
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void theUsersChoiceSurvivesEditsOfTheSamePath() {
        ConnectDialog dialog(true);
        dialog.show();
        stringEdit(dialog)->setText(listenString(QStringLiteral("events")));
        chooseKind(dialog, ConnectDialog::EntityKind::Subscription);
        QTest::keyClicks(nameEdit(dialog), QStringLiteral("x"));
        QCOMPARE(dialog.entityKind(), ConnectDialog::EntityKind::Subscription);
        // A different path is defaulted afresh.
        stringEdit(dialog)->setText(listenString(QStringLiteral("orders")));
        QCOMPARE(dialog.entityKind(), ConnectDialog::EntityKind::Queue);
    }

    void scopedEntityPathOnlyRefinesTheStringsOwnTopic() {
        auto parsed = ConnectionString::parse(listenString(QStringLiteral("events")));
        QVERIFY(parsed.has_value());
        SavedConnection saved;
        saved.entityPath = QStringLiteral("events/Subscriptions/audit");
        QCOMPARE(scopedEntityPath(saved, *parsed), QStringLiteral("events/Subscriptions/audit"));
        saved.entityPath = QStringLiteral("other/Subscriptions/audit");
        QCOMPARE(scopedEntityPath(saved, *parsed), QStringLiteral("events"));
        saved.entityPath = QStringLiteral("other");
        QCOMPARE(scopedEntityPath(saved, *parsed), QStringLiteral("events"));
        auto wide = ConnectionString::parse(listenString({}));
        QVERIFY(wide.has_value());
        saved.entityPath = QStringLiteral("events/Subscriptions/audit");
        QVERIFY(scopedEntityPath(saved, *wide).isEmpty());
        QVERIFY(isSubscriptionPath(QStringLiteral("t/SUBSCRIPTIONS/s")));
        QVERIFY(!isSubscriptionPath(QStringLiteral("t/Subscriptions/")));
        QVERIFY(!isSubscriptionPath(QStringLiteral("t/rules/s")));
    }

private:
    static void chooseKind(ConnectDialog& dialog, ConnectDialog::EntityKind kind) {
        QComboBox* combo = kindCombo(dialog);
        combo->setCurrentIndex(combo->findData(int(kind)));
    }
    static QLineEdit* stringEdit(const ConnectDialog& dialog) {
        return dialog.findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
    }
    static QLineEdit* nameEdit(const ConnectDialog& dialog) {
        return dialog.findChild<QLineEdit*>(QStringLiteral("connectionNameEdit"));
    }
    static QComboBox* kindCombo(const ConnectDialog& dialog) {
        return dialog.findChild<QComboBox*>(QStringLiteral("entityKindCombo"));
    }
    static QLineEdit* subscriptionEdit(const ConnectDialog& dialog) {
        return dialog.findChild<QLineEdit*>(QStringLiteral("subscriptionNameEdit"));
    }
    static QLabel* hint(const ConnectDialog& dialog) {
        return dialog.findChild<QLabel*>(QStringLiteral("entityKindHint"));
    }
    static QPushButton* okButton(const ConnectDialog& dialog) {
        return dialog.findChild<QPushButton*>(QStringLiteral("connectOkButton"));
    }
};

QTEST_MAIN(tst_ConnectDialogEntityKind)
#include "tst_ConnectDialogEntityKind.moc"
