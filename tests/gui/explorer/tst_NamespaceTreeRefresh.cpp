// Refreshing a tree in which a filter read every topic's subscriptions: the lists go through
// the model's one queue, never more than kMaxListsInFlight admin calls at once, and the tree
// comes back complete with fresh counts and the rows the user opened still open.
#include "core/admin/AdminClient.h"
#include "core/servicebus/ServiceBusClient.h"
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

using namespace busbar;
using namespace busbar::test;

namespace {

constexpr int kTopics = 40;
const QStringList kSubscriptions{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};

QString topicName(int i) {
    return QStringLiteral("t%1").arg(i, 2, 10, QLatin1Char('0'));
}

QString subscriptionPath(int topic, const QString& subscription) {
    return topicName(topic) + QStringLiteral("/Subscriptions/") + subscription;
}

emulator::NamespaceConfig entities() {
    emulator::NamespaceConfig ns;
    for (int i = 0; i < kTopics; ++i) {
        emulator::TopicConfig topic;
        topic.description.name = topicName(i);
        for (const QString& name : kSubscriptions) {
            emulator::SubscriptionConfig sub;
            sub.description.topicName = topic.description.name;
            sub.description.name = name;
            topic.subscriptions.append(sub);
        }
        ns.topics.append(topic);
    }
    return ns;
}

} // namespace

class tst_NamespaceTreeRefresh : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_fixture.startEmulator(entities()); }

    void init() {
        m_fixture.openWindow();
        m_fixture.openEmulator();
        QTRY_VERIFY(m_fixture.entity(topicName(kTopics - 1)).isValid());
    }

    void cleanup() { m_fixture.closeWindow(); }

    void refreshAfterAFilterReadsEveryTopicFourAtATime() {
        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        QLineEdit* filter = m_fixture.m_window->namespaceDock()->filterEdit();
        filter->setText(QStringLiteral("nothing-matches-this"));
        QTRY_VERIFY_WITH_TIMEOUT(everySubscriptionLoaded(), 60000);
        QTRY_COMPARE(model->listCallStats().inFlight, 0);
        QVERIFY(model->listCallStats().peak <= NamespaceTreeModel::kMaxListsInFlight);
        filter->clear();

        // The user opens a topic and one of its subscriptions (its rules are read).
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        for (QModelIndex up = viewIndex(topicName(5)); up.isValid(); up = up.parent()) {
            tree->expand(up);
        }
        QTRY_VERIFY(
            tree->visualRect(viewIndex(subscriptionPath(5, QStringLiteral("b")))).isValid());
        tree->expand(viewIndex(subscriptionPath(5, QStringLiteral("b"))));
        QTRY_COMPARE(model->rowCount(m_fixture.entity(subscriptionPath(5, QStringLiteral("b")))),
                     1); // $Default
        QTRY_COMPARE(model->listCallStats().inFlight, 0);

        // Meanwhile the broker changed: messages for t17's subscriptions, a new subscription.
        NamespaceSession* session = model->session(kEmulatorId);
        OutgoingMessage message;
        message.body = QByteArrayLiteral("x");
        auto sent = session->client()->send(topicName(17), {message, message});
        QTRY_VERIFY(sent.isFinished());
        QVERIFY(sent.result().has_value());
        SubscriptionDescription added;
        added.topicName = topicName(kTopics - 1);
        added.name = QStringLiteral("d");
        auto created = session->admin()->createSubscription(added);
        QTRY_VERIFY(created.isFinished());
        QVERIFY(created.result().has_value());

        model->resetListCallStats();
        QSignalSpy finished(model, &NamespaceTreeModel::loadingFinished);
        model->refresh();
        // Everything is queued at once; only the first few are read.
        QCOMPARE(model->listCallStats().inFlight, NamespaceTreeModel::kMaxListsInFlight);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const NamespaceTreeModel::ListCallStats stats = model->listCallStats();
        QCOMPARE(stats.inFlight, 0);
        QCOMPARE(stats.peak, NamespaceTreeModel::kMaxListsInFlight);
        // Queues and topics, every topic's subscriptions, the opened subscription's rules.
        QCOMPARE(stats.started, 2 + kTopics + 1);

        // Complete, updated in place, still open where the user left it.
        QVERIFY(everySubscriptionLoaded());
        QVERIFY(m_fixture.entity(subscriptionPath(kTopics - 1, QStringLiteral("d"))).isValid());
        QCOMPARE(model->rowCount(m_fixture.entity(topicName(0))), kSubscriptions.size());
        for (const QString& name : kSubscriptions) {
            QCOMPARE(m_fixture.entity(subscriptionPath(17, name))
                         .data(NamespaceTreeModel::ActiveCountRole)
                         .toLongLong(),
                     2);
        }
        QVERIFY(tree->isExpanded(viewIndex(topicName(5))));
        QVERIFY(tree->isExpanded(viewIndex(subscriptionPath(5, QStringLiteral("b")))));
        QCOMPARE(model->rowCount(m_fixture.entity(subscriptionPath(5, QStringLiteral("b")))), 1);
    }

    void aRefreshDuringTheBackgroundReadSharesItsLimit() {
        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        QTRY_COMPARE(model->listCallStats().inFlight, 0);
        model->resetListCallStats();
        int mostInFlight = 0;
        // Checked on every row change too, not only at the end.
        connect(model, &QAbstractItemModel::dataChanged, this,
                [&] { mostInFlight = std::max(mostInFlight, model->listCallStats().inFlight); });
        m_fixture.m_window->namespaceDock()->filterEdit()->setText(QStringLiteral("zzz"));
        model->refresh();
        model->refresh(); // twice: a list already waiting is not queued again
        QTRY_VERIFY_WITH_TIMEOUT(everySubscriptionLoaded(), 60000);
        QTRY_COMPARE(model->listCallStats().inFlight, 0);
        QVERIFY(mostInFlight >= 1);
        QVERIFY2(model->listCallStats().peak <= NamespaceTreeModel::kMaxListsInFlight,
                 qPrintable(QString::number(model->listCallStats().peak)));
        // Queues and topics once, each topic once, and again only for those already being
        // read when the refresh came (the second refresh found everything else waiting).
        QVERIFY(model->listCallStats().started >= 2 + kTopics);
        QVERIFY2(model->listCallStats().started <=
                     2 + kTopics + NamespaceTreeModel::kMaxListsInFlight,
                 qPrintable(QString::number(model->listCallStats().started)));
    }

    void anExpandGoesBeforeTheRefreshesWaiting() {
        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        QTRY_COMPARE(model->listCallStats().inFlight, 0);
        // Every topic read (as a filter does), so a refresh queues one list per topic.
        model->loadAllSubscriptions();
        QTRY_VERIFY_WITH_TIMEOUT(everySubscriptionLoaded(), 60000);
        model->stopLoadingAllSubscriptions();
        QTRY_COMPARE(model->listCallStats().inFlight, 0);

        model->resetListCallStats();
        QSignalSpy finished(model, &NamespaceTreeModel::loadingFinished);
        model->refresh();
        const QPersistentModelIndex subscription =
            m_fixture.entity(subscriptionPath(20, QStringLiteral("c")));
        int startedWhenRead = -1;
        connect(model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex& parent) {
            if (parent == subscription) {
                startedWhenRead = model->listCallStats().started;
            }
        });
        // The user opens a subscription while the refresh's lists wait: its rules come next.
        QVERIFY(model->canFetchMore(subscription));
        model->fetchMore(subscription);
        QTRY_VERIFY(startedWhenRead > 0);
        QVERIFY2(startedWhenRead < 2 + kTopics, qPrintable(QString::number(startedWhenRead)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(model->listCallStats().started, 2 + kTopics + 1);
        QCOMPARE(model->listCallStats().peak, NamespaceTreeModel::kMaxListsInFlight);
    }

private:
    [[nodiscard]] bool everySubscriptionLoaded() const {
        for (int i = 0; i < kTopics; ++i) {
            for (const QString& name : kSubscriptions) {
                if (!m_fixture.entity(subscriptionPath(i, name)).isValid()) {
                    return false;
                }
            }
        }
        return true;
    }

    [[nodiscard]] QModelIndex viewIndex(const QString& path) const {
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(
            m_fixture.m_window->namespaceDock()->treeView()->model());
        return proxy != nullptr ? proxy->mapFromSource(m_fixture.entity(path)) : QModelIndex();
    }

    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_NamespaceTreeRefresh)
#include "tst_NamespaceTreeRefresh.moc"
