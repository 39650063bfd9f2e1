// An entity-scoped connection string for a topic, through the real window's Connect dialog:
// the user says the bare EntityPath is a topic and names its subscription, the tree shows that
// subscription (no admin list: the key is Listen-only) and its tab peeks its messages. The
// choice is kept with the saved connection (not in the key), so reconnecting from the saved
// connection shows the subscription again.
#include "core/servicebus/ServiceBusClient.h"
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/connections/ConnectDialog.h"
#include "ui/connections/ConnectionsController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/main/MainActions.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageListModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>

using namespace busbar;
using namespace busbar::test;

namespace {

const QString kSubscriptionPath = QStringLiteral("events/Subscriptions/audit");
using NodeKind = NamespaceTreeModel::NodeKind;

} // namespace

class tst_EntityPathConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        emulator::TopicConfig topic;
        topic.description.name = QStringLiteral("events");
        emulator::SubscriptionConfig sub;
        sub.description.topicName = QStringLiteral("events");
        sub.description.name = QStringLiteral("audit");
        topic.subscriptions.append(sub);
        ns.topics.append(topic);
        // Three messages to the topic (the subscription takes them all), with the root key.
        m_fixture.startWithListenOnlyKey(
            ns, {{QStringLiteral("events"),
                  {QStringLiteral("e1"), QStringLiteral("e2"), QStringLiteral("e3")}}});
    }

    void cleanup() { m_fixture.closeWindow(); }

    void topicSubscriptionChosenInTheDialogIsShownAndPeeked() {
        m_fixture.openWindow();
        ConnectDialog* dialog = openConnectDialog();
        QVERIFY(dialog != nullptr);
        dialog->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"))
            ->setText(m_fixture.listenOnlyString(QStringLiteral("events")));
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("entityKindCombo"));
        QCOMPARE(dialog->entityKind(), ConnectDialog::EntityKind::Queue); // a bare path
        kind->setCurrentIndex(kind->findData(int(ConnectDialog::EntityKind::Subscription)));
        dialog->findChild<QLineEdit*>(QStringLiteral("subscriptionNameEdit"))
            ->setText(QStringLiteral("audit"));
        auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("connectOkButton"));
        QVERIFY(ok->isEnabled());
        const QString id = dialog->savedConnection().id;
        ok->click();

        ExplorerController* explorer = m_fixture.m_window->explorer();
        QTRY_VERIFY(explorer->model()->indexOfEntity(id, kSubscriptionPath).isValid());
        QCOMPARE(explorer->model()
                     ->indexOfEntity(id, kSubscriptionPath)
                     .data(NamespaceTreeModel::KindRole)
                     .toInt(),
                 static_cast<int>(NodeKind::Subscription));
        QCOMPARE(explorer->model()
                     ->indexOfEntity(id, QStringLiteral("events"))
                     .data(NamespaceTreeModel::KindRole)
                     .toInt(),
                 static_cast<int>(NodeKind::Topic));
        expectPeeked(id);

        // Saved with the connection, not in the key; the key went to the SecretStore.
        const auto saved = m_fixture.m_settings->savedConnection(id);
        QVERIFY(saved.has_value());
        QCOMPARE(saved->entityPath, kSubscriptionPath);
        QVERIFY(m_fixture.m_settings->sync().has_value());
        QFile file(m_fixture.m_settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(kListenKey.toUtf8()));

        // Reconnecting from the saved connection (key from the SecretStore) shows it again.
        auto secret = m_fixture.m_secrets->readSecret(id);
        QTRY_VERIFY(secret.isFinished());
        QVERIFY(secret.result().has_value());
        explorer->disconnectNamespace(id);
        QVERIFY(!explorer->model()->indexOfEntity(id, kSubscriptionPath).isValid());
        explorer->openSavedConnection(id);
        QTRY_VERIFY(explorer->model()->indexOfEntity(id, kSubscriptionPath).isValid());
        expectPeeked(id);
    }

    void unsavedConnectionKeepsTheChosenSubscription() {
        m_fixture.openWindow();
        ConnectDialog* dialog = openConnectDialog();
        QVERIFY(dialog != nullptr);
        dialog->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"))
            ->setText(m_fixture.listenOnlyString(QStringLiteral("events")));
        dialog->findChild<QCheckBox*>(QStringLiteral("rememberConnectionCheck"))->setChecked(false);
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("entityKindCombo"));
        kind->setCurrentIndex(kind->findData(int(ConnectDialog::EntityKind::Subscription)));
        dialog->findChild<QLineEdit*>(QStringLiteral("subscriptionNameEdit"))
            ->setText(QStringLiteral("audit"));
        const QString id = dialog->savedConnection().id;
        dialog->findChild<QPushButton*>(QStringLiteral("connectOkButton"))->click();
        ExplorerController* explorer = m_fixture.m_window->explorer();
        QTRY_VERIFY(explorer->model()->indexOfEntity(id, kSubscriptionPath).isValid());
        QVERIFY(!m_fixture.m_settings->savedConnection(id).has_value());
    }

private:
    // The dialog opens at once (non-blocking open()); null if it did not.
    ConnectDialog* openConnectDialog() {
        m_fixture.m_window->actions()->action(MainAction::Connect)->trigger();
        return m_fixture.m_window->findChild<ConnectDialog*>();
    }

    void expectPeeked(const QString& id) {
        auto* view = qobject_cast<EntityMessagesView*>(
            m_fixture.m_window->explorer()->openEntity(id, kSubscriptionPath));
        QVERIFY(view != nullptr);
        QTRY_COMPARE(view->model(EntityMessagesView::Active)->rowCount(), 3);
        QCOMPARE(view->model(EntityMessagesView::Active)->summaryAt(0).messageId,
                 QStringLiteral("e1"));
    }

    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_EntityPathConnection)
#include "tst_EntityPathConnection.moc"
