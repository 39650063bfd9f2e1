// The namespace filter finds subscriptions of topics nobody expanded: setting it lists them
// in the background, a few lists at a time, and shows the matches expanded down to them.
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/explorer/NamespaceDock.h"

#include <QLineEdit>
#include <QSortFilterProxyModel>

using namespace busbar;
using namespace busbar::test;

namespace {

constexpr int kTopics = 20;

QString topicName(int i) {
    return QStringLiteral("t%1").arg(i, 2, 10, QLatin1Char('0'));
}

emulator::NamespaceConfig entities() {
    emulator::NamespaceConfig ns;
    QueueDescription orders;
    orders.name = QStringLiteral("orders");
    ns.queues.append(orders);
    for (int i = 0; i < kTopics; ++i) {
        emulator::TopicConfig topic;
        topic.description.name = topicName(i);
        emulator::SubscriptionConfig sub;
        sub.description.name = QStringLiteral("s-%1").arg(i, 2, 10, QLatin1Char('0'));
        topic.subscriptions.append(sub);
        if (i == 7) {
            emulator::SubscriptionConfig refunds;
            refunds.description.name = QStringLiteral("zeta-refunds");
            topic.subscriptions.append(refunds);
        }
        ns.topics.append(topic);
    }
    return ns;
}

} // namespace

class tst_NamespaceFilterLoading : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_fixture.startEmulator(entities()); }

    void init() {
        m_fixture.openWindow();
        m_fixture.openEmulator();
    }

    void cleanup() { m_fixture.closeWindow(); }

    void aFilterFindsSubscriptionsOfTopicsNeverExpanded() {
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        QTRY_VERIFY(ExplorerWindowFixture::visibleNames(tree).contains(topicName(kTopics - 1)));
        // Collapsed topics: their subscriptions were never read.
        QVERIFY(!m_fixture.entity(QStringLiteral("t07/Subscriptions/zeta-refunds")).isValid());

        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        int mostLoading = 0;
        connect(model, &QAbstractItemModel::dataChanged, this, [&] {
            int loading = 0;
            for (int i = 0; i < kTopics; ++i) {
                loading +=
                    m_fixture.entity(topicName(i)).data(NamespaceTreeModel::LoadingRole).toBool()
                        ? 1
                        : 0;
            }
            mostLoading = std::max(mostLoading, loading);
        });

        m_fixture.m_window->namespaceDock()->filterEdit()->setText(QStringLiteral("ZETA"));
        QVERIFY(model->isLoadingAllSubscriptions());
        QTRY_COMPARE(ExplorerWindowFixture::visibleNames(tree),
                     (QStringList{QStringLiteral("emulator"), QStringLiteral("Topics"),
                                  QStringLiteral("t07"), QStringLiteral("zeta-refunds")}));
        // Every topic is read, never more than a few lists at once.
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("t19/Subscriptions/s-19")).isValid());
        QVERIFY(mostLoading >= 1);
        QVERIFY2(mostLoading <= NamespaceTreeModel::kPrefetchLists,
                 qPrintable(QString::number(mostLoading)));
        // A read topic counts as expanded once: expanding it does not read it again.
        QVERIFY(!model->canFetchMore(m_fixture.entity(QStringLiteral("t03"))));
    }

    void aRegexFilterMatchesTheLoadedSubscriptionsToo() {
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        QTRY_VERIFY(ExplorerWindowFixture::visibleNames(tree).contains(topicName(kTopics - 1)));
        QLineEdit* filter = m_fixture.m_window->namespaceDock()->filterEdit();
        filter->setText(QStringLiteral("/^s-1[0-2]$/"));
        QTRY_COMPARE(
            ExplorerWindowFixture::visibleNames(tree),
            (QStringList{QStringLiteral("emulator"), QStringLiteral("Topics"),
                         QStringLiteral("t10"), QStringLiteral("s-10"), QStringLiteral("t11"),
                         QStringLiteral("s-11"), QStringLiteral("t12"), QStringLiteral("s-12")}));
        // Clearing the filter stops the background reading and shows every row again.
        filter->clear();
        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        QVERIFY(!model->isLoadingAllSubscriptions());
        const QModelIndex root = tree->model()->index(0, 0);
        QCOMPARE(tree->model()->rowCount(root), 2); // Queues and Topics
        QCOMPARE(tree->model()->rowCount(tree->model()->index(1, 0, root)), kTopics);
    }

    void disconnectingWhileListsAreReadLeavesNoSlotTaken() {
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        QTRY_VERIFY(ExplorerWindowFixture::visibleNames(tree).contains(topicName(kTopics - 1)));
        m_fixture.m_window->namespaceDock()->filterEdit()->setText(QStringLiteral("zeta"));
        m_fixture.m_window->explorer()->disconnectNamespace(kEmulatorId);
        QCOMPARE(tree->model()->rowCount(), 0);
        // Open again: the filter still applies, so the new session's topics are read too.
        m_fixture.openEmulator();
        QTRY_COMPARE(ExplorerWindowFixture::visibleNames(tree),
                     (QStringList{QStringLiteral("emulator"), QStringLiteral("Topics"),
                                  QStringLiteral("t07"), QStringLiteral("zeta-refunds")}));
    }

private:
    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_NamespaceFilterLoading)
#include "tst_NamespaceFilterLoading.moc"
