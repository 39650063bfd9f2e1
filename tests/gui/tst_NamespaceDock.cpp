#include "ui/explorer/NamespaceDock.h"

#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace busbar;

namespace {

// local ▸ Queues ▸ orders, payments; Topics ▸ events ▸ audit, billing
void fill(QStandardItemModel& model) {
    auto* local = new QStandardItem(QStringLiteral("local"));
    auto* queues = new QStandardItem(QStringLiteral("Queues"));
    queues->appendRow(new QStandardItem(QStringLiteral("orders")));
    queues->appendRow(new QStandardItem(QStringLiteral("payments")));
    auto* topics = new QStandardItem(QStringLiteral("Topics"));
    auto* events = new QStandardItem(QStringLiteral("events"));
    events->appendRow(new QStandardItem(QStringLiteral("audit")));
    events->appendRow(new QStandardItem(QStringLiteral("billing")));
    topics->appendRow(events);
    local->appendRow(queues);
    local->appendRow(topics);
    model.appendRow(local);
}

} // namespace

class tst_NamespaceDock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty() {
        NamespaceDock dock;
        QCOMPARE(dock.treeView()->model()->rowCount(), 0);
        QVERIFY(dock.filterEdit()->isClearButtonEnabled());
    }

    void filterKeepsMatchesAndTheirParents() {
        QStandardItemModel model;
        fill(model);
        NamespaceDock dock;
        dock.setSourceModel(&model);
        QCOMPARE(dock.sourceModel(), &model);
        QTest::keyClicks(dock.filterEdit(), QStringLiteral("AUD"));

        const QAbstractItemModel* shown = dock.treeView()->model();
        const QModelIndex local = shown->index(0, 0);
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->rowCount(local), 1); // Queues filtered out, Topics kept
        const QModelIndex topics = shown->index(0, 0, local);
        QCOMPARE(topics.data().toString(), QStringLiteral("Topics"));
        const QModelIndex events = shown->index(0, 0, topics);
        QCOMPARE(shown->rowCount(events), 1);
        QCOMPARE(shown->index(0, 0, events).data().toString(), QStringLiteral("audit"));
        QVERIFY(dock.treeView()->isExpanded(events));
    }

    void clearingTheFilterShowsEverything() {
        QStandardItemModel model;
        fill(model);
        NamespaceDock dock;
        dock.setSourceModel(&model);
        dock.filterEdit()->setText(QStringLiteral("nothing-matches"));
        QCOMPARE(dock.treeView()->model()->rowCount(), 0);
        dock.filterEdit()->clear();
        const QModelIndex local = dock.treeView()->model()->index(0, 0);
        QCOMPARE(dock.treeView()->model()->rowCount(local), 2);
    }

    void resettingTheModelFallsBackToEmpty() {
        QStandardItemModel model;
        fill(model);
        NamespaceDock dock;
        dock.setSourceModel(&model);
        dock.setSourceModel(nullptr);
        QVERIFY(dock.sourceModel() != nullptr);
        QCOMPARE(dock.treeView()->model()->rowCount(), 0);
    }

    void focusFilterShowsTheDockAndFocusesTheBox() {
        QWidget window;
        auto* dock = new NamespaceDock(&window);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        dock->hide();
        dock->filterEdit()->setText(QStringLiteral("old"));
        dock->focusFilter();
        QVERIFY(dock->isVisible());
        QTRY_VERIFY(dock->filterEdit()->hasFocus());
        QCOMPARE(dock->filterEdit()->selectedText(), QStringLiteral("old"));
    }
};

QTEST_MAIN(tst_NamespaceDock)
#include "tst_NamespaceDock.moc"
