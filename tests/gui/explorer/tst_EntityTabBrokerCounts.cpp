// An entity tab's sub-views show the broker's counts (from the tree's row) beside what has
// been loaded, and follow the row when the tree is refreshed.
#include "core/servicebus/ServiceBusClient.h"
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"

#include <QSortFilterProxyModel>
#include <QTabBar>
#include <QTabWidget>

using namespace busbar;
using namespace busbar::test;

namespace {

QList<OutgoingMessage> messages(int count) {
    QList<OutgoingMessage> batch;
    for (int i = 0; i < count; ++i) {
        OutgoingMessage message;
        message.body = QByteArray::number(i);
        batch.append(message);
    }
    return batch;
}

} // namespace

class tst_EntityTabBrokerCounts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        QueueDescription orders;
        orders.name = QStringLiteral("orders");
        ns.queues.append(orders);
        QueueDescription invoices; // its own queue: tests must not see each other's messages
        invoices.name = QStringLiteral("invoices");
        ns.queues.append(invoices);
        m_fixture.startEmulator(ns);
    }

    void cleanup() { m_fixture.closeWindow(); }

    void subViewLabelsShowBrokerCountsBesideLoaded() {
        m_fixture.openWindow();
        m_fixture.openEmulator();
        ExplorerController* explorer = m_fixture.m_window->explorer();
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("orders")).isValid());
        NamespaceSession* session = explorer->session(kEmulatorId);
        auto sent = session->client()->send(QStringLiteral("orders"), messages(3));
        QTRY_VERIFY(sent.isFinished());
        QVERIFY(sent.result().has_value());
        explorer->model()->refresh();
        QTRY_COMPARE(m_fixture.entity(QStringLiteral("orders"))
                         .data(NamespaceTreeModel::ActiveCountRole)
                         .toLongLong(),
                     3);

        auto* view = qobject_cast<EntityMessagesView*>(
            explorer->openEntity(kEmulatorId, QStringLiteral("orders")));
        QVERIFY(view != nullptr);
        QCOMPARE(view->brokerCount(EntityMessagesView::Active), std::optional<qint64>(3));
        QTabBar* tabs = view->subViewTabs();
        QTRY_COMPARE(tabs->tabText(EntityMessagesView::Active),
                     QStringLiteral("Active (3 · 3 loaded)"));
        QTRY_COMPARE(tabs->tabText(EntityMessagesView::DeadLetter),
                     QStringLiteral("Dead-letter (0 · 0 loaded)"));
        // The service does not report deferred messages: no broker figure, just what is loaded.
        QCOMPARE(view->brokerCount(EntityMessagesView::Deferred), std::nullopt);
        QTRY_COMPARE(tabs->tabText(EntityMessagesView::Deferred), QStringLiteral("Deferred 0"));

        // More arrive; a refresh of the tree updates the open tab's broker figure.
        auto more = session->client()->send(QStringLiteral("orders"), messages(2));
        QTRY_VERIFY(more.isFinished());
        QVERIFY(more.result().has_value());
        explorer->model()->refresh();
        QTRY_COMPARE(view->brokerCount(EntityMessagesView::Active), std::optional<qint64>(5));
        QVERIFY2(
            tabs->tabText(EntityMessagesView::Active).startsWith(QStringLiteral("Active (5 · ")),
            qPrintable(tabs->tabText(EntityMessagesView::Active)));

        // One is dead-lettered: the Dead-letter tab's broker figure follows the next refresh.
        auto received =
            session->client()->receive(QStringLiteral("orders"), SubQueue::None,
                                       ReceiveMode::PeekLock, 1, std::chrono::seconds(5));
        QTRY_VERIFY(received.isFinished());
        QVERIFY(received.result().has_value());
        QCOMPARE(received.result()->size(), 1);
        auto settled = session->client()->deadLetter(QStringLiteral("orders"), SubQueue::None,
                                                     received.result()->constFirst(),
                                                     QStringLiteral("Test"), QString());
        QTRY_VERIFY(settled.isFinished());
        QVERIFY(settled.result().has_value());
        explorer->model()->refresh();
        QTRY_COMPARE(view->brokerCount(EntityMessagesView::DeadLetter), std::optional<qint64>(1));
        QCOMPARE(view->brokerCount(EntityMessagesView::Active), std::optional<qint64>(4));
        QVERIFY(tabs->tabText(EntityMessagesView::DeadLetter)
                    .startsWith(QStringLiteral("Dead-letter (1 · ")));
    }

    void largeBrokerCountsAreGroupedByLocale() {
        m_fixture.openWindow();
        m_fixture.openEmulator();
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("invoices")).isValid());
        auto* view = qobject_cast<EntityMessagesView*>(
            m_fixture.m_window->explorer()->openEntity(kEmulatorId, QStringLiteral("invoices")));
        QVERIFY(view != nullptr);
        MessageCountDetails counts;
        counts.deadLetterMessageCount = 1'000'000;
        view->setBrokerCounts(counts);
        QTRY_COMPARE(view->subViewTabs()->tabText(EntityMessagesView::DeadLetter),
                     QStringLiteral("Dead-letter (%1 · 0 loaded)")
                         .arg(QLocale().toString(qint64{1'000'000})));
    }

private:
    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_EntityTabBrokerCounts)
#include "tst_EntityTabBrokerCounts.moc"
