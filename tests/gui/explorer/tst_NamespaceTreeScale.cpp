// Thousands of entities are listed in pages without freezing the window: 3,000 queues reach
// the tree in batches while a heartbeat timer measures the longest stall of the GUI thread
// (printed, not asserted: timing depends on the machine).
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/explorer/NamespaceDock.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTimer>

using namespace busbar;
using namespace busbar::test;

namespace {

constexpr int kQueues = 3000;

QString queueName(int i) {
    return QStringLiteral("queue-%1").arg(i, 4, 10, QLatin1Char('0'));
}

} // namespace

class tst_NamespaceTreeScale : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (int i = 0; i < kQueues; ++i) {
            QueueDescription queue;
            queue.name = queueName(i);
            ns.queues.append(queue);
        }
        m_fixture.startEmulator(ns);
    }

    void cleanup() { m_fixture.closeWindow(); }

    void threeThousandQueuesAreListedInBatches() {
        m_fixture.openWindow();
        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy finished(model, &NamespaceTreeModel::loadingFinished);

        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longest = 0;
        QTimer heartbeat;
        heartbeat.setInterval(5);
        connect(&heartbeat, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
        });
        clock.start();
        heartbeat.start();

        m_fixture.openEmulator();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120'000);
        heartbeat.stop();
        qInfo("3,000 queues listed in %lld ms; longest GUI-thread stall %lld ms",
              static_cast<long long>(clock.elapsed()), static_cast<long long>(longest));

        const QModelIndex queues = m_fixture.entity(queueName(0)).parent();
        QVERIFY(queues.isValid());
        QCOMPARE(model->rowCount(queues), kQueues);
        // In batches: no single insertion carries more than one batch of rows.
        int queueBatches = 0;
        for (const QList<QVariant>& args : inserted) {
            const auto parent = args.at(0).value<QModelIndex>();
            if (parent == queues) {
                ++queueBatches;
                QVERIFY(args.at(2).toInt() - args.at(1).toInt() + 1 <=
                        NamespaceTreeModel::kBatchSize);
            }
        }
        QVERIFY(queueBatches >= kQueues / NamespaceTreeModel::kBatchSize);

        // The tree shows all of them, and the filter finds the last one.
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        const QModelIndex shownQueues =
            m_fixture.m_window->namespaceDock()->filterModel()->mapFromSource(queues);
        QCOMPARE(tree->model()->rowCount(shownQueues), kQueues);
        tree->expand(shownQueues);
        tree->scrollToBottom();
        m_fixture.m_window->namespaceDock()->filterEdit()->setText(queueName(kQueues - 1));
        QCOMPARE(ExplorerWindowFixture::visibleNames(tree),
                 (QStringList{QStringLiteral("emulator"), QStringLiteral("Queues"),
                              queueName(kQueues - 1)}));
    }

private:
    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_NamespaceTreeScale)
#include "tst_NamespaceTreeScale.moc"
