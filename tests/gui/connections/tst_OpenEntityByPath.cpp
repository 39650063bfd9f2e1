// "Open Entity by Path…" in the real window against the emulator in-process, with a
// Listen-only key that cannot list entities: a second queue opened by path joins the tree and
// its tab peeks its messages; a topic's subscription goes under its topic; a path that does not
// exist is explained in the dialog, which stays open, and nothing is added.
#include "core/servicebus/ServiceBusClient.h"
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/connections/OpenEntityDialog.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageListModel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>

using namespace busbar;
using namespace busbar::test;

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

} // namespace

class tst_OpenEntityByPath : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"scoped", "second"}) {
            QueueDescription queue;
            queue.name = QString::fromLatin1(name);
            ns.queues.append(queue);
        }
        emulator::TopicConfig topic;
        topic.description.name = QStringLiteral("events");
        emulator::SubscriptionConfig sub;
        sub.description.topicName = QStringLiteral("events");
        sub.description.name = QStringLiteral("audit");
        topic.subscriptions.append(sub);
        ns.topics.append(topic);
        m_fixture.startWithListenOnlyKey(
            ns,
            {{QStringLiteral("second"), {QStringLiteral("second-1"), QStringLiteral("second-2")}},
             {QStringLiteral("events"), {QStringLiteral("events-1"), QStringLiteral("events-2")}}});
    }

    void cleanup() { m_fixture.closeWindow(); }

    void aSecondQueueJoinsTheTreeAndPeeks() {
        m_fixture.openWindow();
        m_fixture.openListenOnly(QStringLiteral("scoped"), QStringLiteral("listen"));
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("scoped")).isValid());
        QVERIFY(!m_fixture.entity(QStringLiteral("second")).isValid());

        OpenEntityDialog* dialog = openDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(!okButton(dialog)->isEnabled()); // nothing named yet
        dialog->findChild<QLineEdit*>(QStringLiteral("openEntityNameEdit"))
            ->setText(QStringLiteral("second"));
        QCOMPARE(dialog->entityPath(), QStringLiteral("second"));
        okButton(dialog)->click();

        QTRY_VERIFY(m_fixture.entity(QStringLiteral("second")).isValid());
        const QModelIndex second = m_fixture.entity(QStringLiteral("second"));
        QCOMPARE(second.data(NamespaceTreeModel::KindRole).toInt(),
                 static_cast<int>(NodeKind::Queue));
        QCOMPARE(second.data(NamespaceTreeModel::CountsTextRole).toString(), QStringLiteral("?"));
        QVERIFY(m_fixture.entity(QStringLiteral("scoped")).isValid()); // still there
        QTRY_VERIFY(m_fixture.m_window->findChild<OpenEntityDialog*>() == nullptr);
        // Its tab was opened and peeks through AMQP with the Listen key.
        auto* view = qobject_cast<EntityMessagesView*>(
            m_fixture.m_window->explorer()->openEntity(kEmulatorId, QStringLiteral("second")));
        QVERIFY(view != nullptr);
        QTRY_COMPARE(view->model(EntityMessagesView::Active)->rowCount(), 2);
        // The tree's current row is the entity just opened.
        const QModelIndex current = m_fixture.m_window->namespaceDock()->treeView()->currentIndex();
        QCOMPARE(current.data(NamespaceTreeModel::EntityPathRole).toString(),
                 QStringLiteral("second"));
    }

    void aSubscriptionGoesUnderItsTopic() {
        m_fixture.openWindow();
        m_fixture.openListenOnly({}, QStringLiteral("listen")); // cannot list anything
        const QModelIndex root =
            m_fixture.m_window->explorer()->model()->indexOfConnection(kEmulatorId);
        QTRY_VERIFY(root.data(NamespaceTreeModel::AdminDeniedRole).toBool());

        OpenEntityDialog* dialog = openDialog();
        QVERIFY(dialog != nullptr);
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("openEntityKindCombo"));
        kind->setCurrentIndex(kind->findData(int(OpenEntityDialog::Kind::Subscription)));
        dialog->findChild<QLineEdit*>(QStringLiteral("openEntityNameEdit"))
            ->setText(QStringLiteral("events"));
        QVERIFY(!okButton(dialog)->isEnabled()); // the subscription is missing
        dialog->findChild<QLineEdit*>(QStringLiteral("openEntitySubscriptionEdit"))
            ->setText(QStringLiteral("audit"));
        okButton(dialog)->click();

        const QString path = QStringLiteral("events/Subscriptions/audit");
        QTRY_VERIFY(m_fixture.entity(path).isValid());
        QCOMPARE(m_fixture.entity(path).data(NamespaceTreeModel::KindRole).toInt(),
                 static_cast<int>(NodeKind::Subscription));
        QCOMPARE(
            m_fixture.entity(QStringLiteral("events")).data(NamespaceTreeModel::KindRole).toInt(),
            static_cast<int>(NodeKind::Topic));
        auto* view = qobject_cast<EntityMessagesView*>(
            m_fixture.m_window->explorer()->openEntity(kEmulatorId, path));
        QVERIFY(view != nullptr);
        QTRY_COMPARE(view->model(EntityMessagesView::Active)->rowCount(), 2);
    }

    void aWrongPathIsExplainedAndNothingIsAdded() {
        m_fixture.openWindow();
        m_fixture.openListenOnly(QStringLiteral("scoped"), QStringLiteral("listen"));
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("scoped")).isValid());
        OpenEntityDialog* dialog = openDialog();
        QVERIFY(dialog != nullptr);
        dialog->findChild<QLineEdit*>(QStringLiteral("openEntityNameEdit"))
            ->setText(QStringLiteral("nosuch"));
        okButton(dialog)->click();
        auto* message = dialog->findChild<QLabel*>(QStringLiteral("openEntityMessage"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("nosuch")) &&
                                     !message->text().startsWith(QStringLiteral("Checking")),
                                 20000);
        QVERIFY2(message->text().contains(QStringLiteral("not found")),
                 qPrintable(message->text()));
        QVERIFY(dialog->isVisible()); // stays open to correct the path
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(!m_fixture.entity(QStringLiteral("nosuch")).isValid());
        dialog->reject();
    }

private:
    // Through the namespace's context menu, as a user would.
    OpenEntityDialog* openDialog() {
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        const QModelIndex source =
            m_fixture.m_window->explorer()->model()->indexOfConnection(kEmulatorId);
        const QModelIndex proxy =
            m_fixture.m_window->namespaceDock()->filterModel()->mapFromSource(source);
        tree->scrollTo(proxy);
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(proxy).center());
        auto* menu = tree->findChild<QMenu*>(QStringLiteral("namespaceTreeMenu"));
        if (menu == nullptr) {
            return nullptr;
        }
        QAction* open = nullptr;
        for (QAction* action : menu->actions()) {
            if (action->objectName() == QStringLiteral("menuOpenEntityByPath")) {
                open = action;
            }
        }
        if (open == nullptr || !open->isEnabled()) {
            delete menu;
            return nullptr;
        }
        open->trigger();
        delete menu;
        return m_fixture.m_window->findChild<OpenEntityDialog*>();
    }

    static QPushButton* okButton(const OpenEntityDialog* dialog) {
        return dialog->findChild<QPushButton*>(QStringLiteral("openEntityOkButton"));
    }

    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_OpenEntityByPath)
#include "tst_OpenEntityByPath.moc"
