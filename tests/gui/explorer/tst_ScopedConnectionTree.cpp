// Entity-scoped credentials in the explorer: an EntityPath connection string with a
// Listen-only key shows its entity in the tree without the admin list (counts unknown), the
// entity's tab peeks its messages through AMQP, and the admin-only menu entries are disabled;
// a Listen-only key without EntityPath says in words why the entities cannot be listed.
#include "core/servicebus/ServiceBusClient.h"
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageListModel.h"

#include <QAction>
#include <QMenu>
#include <QSortFilterProxyModel>

using namespace busbar;
using namespace busbar::test;

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

} // namespace

class tst_ScopedConnectionTree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"scoped", "other"}) {
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
        // Two messages to peek, sent with the root key.
        m_fixture.startWithListenOnlyKey(
            ns, {{QStringLiteral("scoped"), {QStringLiteral("m1"), QStringLiteral("m2")}}});
    }

    void cleanup() { m_fixture.closeWindow(); }

    void entityPathQueueShowsInTreeAndPeeks() {
        m_fixture.openWindow();
        m_fixture.openListenOnly(QStringLiteral("scoped"), QStringLiteral("scoped"));
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("scoped")).isValid());
        const QModelIndex scoped = m_fixture.entity(QStringLiteral("scoped"));
        QCOMPARE(scoped.data(NamespaceTreeModel::KindRole).toInt(),
                 static_cast<int>(NodeKind::Queue));
        QCOMPARE(scoped.data(NamespaceTreeModel::CountsTextRole).toString(), QStringLiteral("?"));
        QVERIFY(scoped.data(NamespaceTreeModel::AdminDeniedRole).toBool());
        QVERIFY(!m_fixture.entity(QStringLiteral("other")).isValid()); // no admin list read
        QTRY_COMPARE(m_fixture.m_window->explorer()
                         ->model()
                         ->indexOfConnection(kEmulatorId)
                         .data(NamespaceTreeModel::CountsTextRole)
                         .toString(),
                     QStringLiteral("only scoped (EntityPath)"));

        auto* view = qobject_cast<EntityMessagesView*>(
            m_fixture.m_window->explorer()->openEntity(kEmulatorId, QStringLiteral("scoped")));
        QVERIFY(view != nullptr);
        QTRY_COMPARE(view->model(EntityMessagesView::Active)->rowCount(), 2);
        // Working scoped credentials are a connected namespace, not a failed one, although
        // the management API refuses them.
        NamespaceSession* session = m_fixture.m_window->explorer()->session(kEmulatorId);
        QVERIFY(session != nullptr);
        QTRY_COMPARE(session->state(), NamespaceSession::State::Connected);
    }

    void entityPathSubscriptionShowsUnderItsTopic() {
        m_fixture.openWindow();
        m_fixture.openListenOnly(QStringLiteral("events/Subscriptions/audit"),
                                 QStringLiteral("scoped"));
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("events/Subscriptions/audit")).isValid());
        QCOMPARE(m_fixture.entity(QStringLiteral("events/Subscriptions/audit"))
                     .data(NamespaceTreeModel::KindRole)
                     .toInt(),
                 static_cast<int>(NodeKind::Subscription));
        QCOMPARE(
            m_fixture.entity(QStringLiteral("events")).data(NamespaceTreeModel::KindRole).toInt(),
            static_cast<int>(NodeKind::Topic));
    }

    void adminOnlyMenuEntriesAreDisabled() {
        m_fixture.openWindow();
        m_fixture.openListenOnly(QStringLiteral("scoped"), QStringLiteral("scoped"));
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("scoped")).isValid());
        QMenu* menu = menuFor(m_fixture.entity(QStringLiteral("scoped")));
        QVERIFY(menu != nullptr);
        QVERIFY(actionNamed(menu, QStringLiteral("menuOpenEntity"))->isEnabled());
        for (const QString& name : {QStringLiteral("menuEdit"), QStringLiteral("menuDelete")}) {
            QAction* action = actionNamed(menu, name);
            QVERIFY2(action != nullptr, qPrintable(name));
            QVERIFY2(!action->isEnabled(), qPrintable(name));
            QVERIFY(action->toolTip().contains(QStringLiteral("Manage")));
        }
        delete menu;
    }

    void listenOnlyWithoutEntityPathExplainsWhyListingFails() {
        m_fixture.openWindow();
        m_fixture.openListenOnly({}, QStringLiteral("scoped"));
        const QModelIndex root =
            m_fixture.m_window->explorer()->model()->indexOfConnection(kEmulatorId);
        QVERIFY(root.isValid());
        QTRY_VERIFY(root.data(NamespaceTreeModel::AdminDeniedRole).toBool());
        QTRY_VERIFY(root.data(NamespaceTreeModel::CountsTextRole)
                        .toString()
                        .startsWith(QStringLiteral("Listing entities needs the Manage right")));
        QMenu* menu = menuFor(root);
        QVERIFY(menu != nullptr);
        QAction* newQueue = actionNamed(menu, QStringLiteral("menuNewQueue"));
        QVERIFY(newQueue != nullptr);
        QVERIFY(!newQueue->isEnabled());
        QVERIFY(actionNamed(menu, QStringLiteral("menuDisconnect"))->isEnabled());
        delete menu;
    }

private:
    [[nodiscard]] QMenu* menuFor(const QModelIndex& source) const {
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        const QModelIndex proxy =
            m_fixture.m_window->namespaceDock()->filterModel()->mapFromSource(source);
        tree->scrollTo(proxy);
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(proxy).center());
        return tree->findChild<QMenu*>(QStringLiteral("namespaceTreeMenu"));
    }

    static QAction* actionNamed(QMenu* menu, const QString& name) {
        for (QAction* action : menu->actions()) {
            if (action->objectName() == name) {
                return action;
            }
        }
        return nullptr;
    }

    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_ScopedConnectionTree)
#include "tst_ScopedConnectionTree.moc"
