#include "ui/messages/DeadLetterReasonFacet.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageInspector.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessageSearchBar.h"
#include "ui/messages/MessageTableView.h"
#include "ui/messages/PeekPager.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTest>
#include <QToolButton>

#include "MessagesTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {
constexpr int kDeadLetters = 5000;
constexpr int kValidationFailed = kDeadLetters / 4;
constexpr int kActive = 30;
constexpr int kDeferred = 4;
constexpr int kScheduled = 3;
constexpr int kWaitMs = 60000;

QString reasonOf(int i) {
    return i % 4 == 0 ? QStringLiteral("ValidationFailed")
                      : QStringLiteral("MaxDeliveryCountExceeded");
}
} // namespace

class tst_EntityMessagesView : public QObject {
    Q_OBJECT

private:
    SeededEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;

    // A shown view of "orders", its first pages in.
    std::unique_ptr<EntityMessagesView> openView() {
        auto view = std::make_unique<EntityMessagesView>(m_client.get(), QStringLiteral("orders"));
        view->resize(1200, 900);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get())) {
            return nullptr;
        }
        return view;
    }

    void search(EntityMessagesView& view, const QString& text) {
        QLineEdit* edit = view.searchBar()->lineEdit();
        edit->setText(text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    void loadAllDeadLetters(EntityMessagesView& view) {
        view.setSubView(EntityMessagesView::DeadLetter);
        view.findChild<QToolButton*>(QStringLiteral("loadAll"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(view.pager(EntityMessagesView::DeadLetter)->atEnd(), kWaitMs);
        QTRY_COMPARE(view.model(EntityMessagesView::DeadLetter)->rowCount(), kDeadLetters);
    }

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start({QStringLiteral("orders")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto dead =
            m_emulator.seed(QStringLiteral("orders"), kDeadLetters, jsonOrder, reasonOf);
        QTRY_VERIFY_WITH_TIMEOUT(dead->done, kWaitMs);
        QVERIFY(!dead->failed);
        const auto deferred =
            m_emulator.seed(QStringLiteral("orders"), kDeferred, jsonOrder, {}, true);
        QTRY_VERIFY_WITH_TIMEOUT(deferred->done, kWaitMs);
        QVERIFY(!deferred->failed);
        const auto active = m_emulator.seed(QStringLiteral("orders"), kActive, jsonOrder);
        QTRY_VERIFY_WITH_TIMEOUT(active->done, kWaitMs);
        const auto scheduled = m_emulator.schedule(QStringLiteral("orders"), kScheduled);
        QTRY_VERIFY_WITH_TIMEOUT(scheduled->done, kWaitMs);
        QVERIFY(!scheduled->failed);
        m_client = m_emulator.client();
        QVERIFY(m_client);
        QVERIFY(authorizeEntity(*m_client, QStringLiteral("orders")));
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void showsSubViewsWithCounts() {
        auto view = openView();
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->subViewCount(EntityMessagesView::Active), kActive, kWaitMs);
        QTRY_COMPARE(view->subViewCount(EntityMessagesView::Deferred), kDeferred);
        QTRY_COMPARE(view->subViewCount(EntityMessagesView::Scheduled), kScheduled);
        QTRY_VERIFY_WITH_TIMEOUT(view->subViewCount(EntityMessagesView::DeadLetter) >= 250,
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(view->pager(EntityMessagesView::TransferDeadLetter)->atEnd(),
                                 kWaitMs);
        QCOMPARE(view->subViewCount(EntityMessagesView::TransferDeadLetter), 0);
        QTabBar* tabs = view->findChild<QTabBar*>(QStringLiteral("subViewTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 5);
        // The first page holds all of the main queue; the "+" goes once a peek finds the end
        // (the view asks on its own when rows do not fill it; ask here so timing does not
        // matter).
        QTRY_VERIFY_WITH_TIMEOUT(!view->pager(EntityMessagesView::Active)->isLoading(), kWaitMs);
        view->model(EntityMessagesView::Active)->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(view->pager(EntityMessagesView::Active)->atEnd(), kWaitMs);
        QTRY_COMPARE(tabs->tabText(EntityMessagesView::Deferred), QStringLiteral("Deferred 4"));
        QCOMPARE(tabs->tabText(EntityMessagesView::TransferDeadLetter),
                 QStringLiteral("Transfer dead-letter 0"));
        QVERIFY(tabs->tabText(EntityMessagesView::DeadLetter).endsWith(QLatin1Char('+')));

        // The Active table holds active messages only; Scheduled and Deferred theirs.
        QCOMPARE(view->proxy()->rowCount(), kActive);
        tabs->setCurrentIndex(EntityMessagesView::Scheduled);
        QCOMPARE(view->subView(), EntityMessagesView::Scheduled);
        QCOMPARE(view->proxy()->rowCount(), kScheduled);
        QCOMPARE(view->proxy()
                     ->index(0, MessageListModel::State)
                     .data(MessageListModel::StateRole)
                     .toInt(),
                 int(MessageState::Scheduled));
        tabs->setCurrentIndex(EntityMessagesView::Deferred);
        QCOMPARE(view->proxy()->rowCount(), kDeferred);
        QVERIFY(!view->reasonFacet()->isVisible());
        tabs->setCurrentIndex(EntityMessagesView::DeadLetter);
        QVERIFY(view->reasonFacet()->isVisible());
    }

    void scrollingToTheEndLoadsMore() {
        auto view = openView();
        QVERIFY(view);
        view->setSubView(EntityMessagesView::DeadLetter);
        MessageListModel* model = view->model(EntityMessagesView::DeadLetter);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 250, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!view->pager(EntityMessagesView::DeadLetter)->isLoading(),
                                 kWaitMs);
        const int before = model->rowCount();
        QVERIFY(before < kDeadLetters);
        MessageTableView* table = view->table();
        table->scrollToBottom();
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > before, kWaitMs);
        QCOMPARE(view->proxy()->rowCount(), model->rowCount());
    }

    void loadsEverythingAndCancels() {
        auto view = openView();
        QVERIFY(view);
        PeekPager* pager = view->pager(EntityMessagesView::DeadLetter);
        view->setSubView(EntityMessagesView::DeadLetter);
        QTRY_VERIFY_WITH_TIMEOUT(view->model(EntityMessagesView::DeadLetter)->rowCount() > 0,
                                 kWaitMs);
        pager->setLoadAllPageSize(100);
        auto* cancel = view->findChild<QToolButton*>(QStringLiteral("cancelLoad"));
        QVERIFY(!cancel->isEnabled());
        // Cancel with the button between two pages.
        connect(pager, &PeekPager::loadAllProgress, cancel, [cancel](qint64 loaded) {
            if (loaded >= 500 && cancel->isEnabled()) {
                cancel->click();
            }
        });
        QSignalSpy finished(pager, &PeekPager::loadAllFinished);
        view->findChild<QToolButton*>(QStringLiteral("loadAll"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!cancel->isEnabled());
        QVERIFY(view->model(EntityMessagesView::DeadLetter)->rowCount() < kDeadLetters);

        disconnect(pager, &PeekPager::loadAllProgress, cancel, nullptr);
        pager->setLoadAllPageSize(1000);
        loadAllDeadLetters(*view);
        QTRY_COMPARE(view->subViewTabs()->tabText(EntityMessagesView::DeadLetter),
                     QStringLiteral("Dead-letter %1").arg(QLocale().toString(kDeadLetters)));
        auto* loaded = view->findChild<QLabel*>(QStringLiteral("loadedCount"));
        QVERIFY(loaded->text().contains(QLocale().toString(kDeadLetters)));
    }

    void facetFiltersByReason() {
        auto view = openView();
        QVERIFY(view);
        loadAllDeadLetters(*view);
        DeadLetterReasonFacet* facet = view->reasonFacet();
        QTRY_COMPARE(facet->countOf(QStringLiteral("ValidationFailed")), kValidationFailed);
        QCOMPARE(facet->countOf(QStringLiteral("MaxDeliveryCountExceeded")),
                 kDeadLetters - kValidationFailed);
        QList<QListWidgetItem*> items =
            facet->findItems(QStringLiteral("ValidationFailed"), Qt::MatchStartsWith);
        QCOMPARE(items.size(), 1);
        const QRect rect = facet->visualItemRect(items.first());
        QTest::mouseClick(facet->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(view->proxy()->rowCount(), kValidationFailed);
        facet->selectReason(std::nullopt);
        QCOMPARE(view->proxy()->rowCount(), kDeadLetters);
    }

    void filtersWithSqlAndShowsInvalidSqlInline() {
        auto view = openView();
        QVERIFY(view);
        loadAllDeadLetters(*view);
        search(*view, QStringLiteral("sql: region = 'eu'"));
        // jsonOrder puts region 'eu' on every third message.
        QTRY_COMPARE(view->proxy()->rowCount(), (kDeadLetters + 2) / 3);
        QVERIFY(view->searchBar()->errorText().isEmpty());

        search(*view, QStringLiteral("sql: sys.Label = 'even' AND index < 100"));
        QTRY_COMPARE(view->proxy()->rowCount(), 50);

        search(*view, QStringLiteral("sql: region = = 'x'"));
        auto* error = view->findChild<QLabel*>(QStringLiteral("searchError"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(QStringLiteral("Invalid SQL filter: ")),
                 qPrintable(error->text()));
        QVERIFY2(error->text().contains(QStringLiteral("position")), qPrintable(error->text()));
        QCOMPARE(view->proxy()->rowCount(), 50); // the last valid filter still applies

        // The toggle instead of the prefix.
        view->searchBar()->setSqlMode(true);
        search(*view, QStringLiteral("index >= 4990"));
        QTRY_COMPARE(view->proxy()->rowCount(), 10);
        QVERIFY(!error->isVisible());
        view->searchBar()->setSqlMode(false);

        // Plain text: message ids and cached bodies.
        search(*view, QStringLiteral("order-42"));
        QTRY_COMPARE(view->proxy()->rowCount(), 1 + 10 + 100); // 42, 420-429, 4200-4299
        search(*view, QStringLiteral("\"customer\":\"c-6\""));
        QTRY_COMPARE(view->proxy()->rowCount(), (kDeadLetters + 6 - 6) / 7);
        QVERIFY(view->searchBar()->noteText().isEmpty()); // every body is cached here
        search(*view, QString());
        QTRY_COMPARE(view->proxy()->rowCount(), kDeadLetters);

        // With bodies evicted, a search says it only saw summaries.
        view->model(EntityMessagesView::DeadLetter)->cache().clear();
        search(*view, QStringLiteral("order-42"));
        QTRY_COMPARE(view->proxy()->rowCount(), 111);
        QVERIFY2(view->searchBar()->noteText().startsWith(QLocale().toString(kDeadLetters)),
                 qPrintable(view->searchBar()->noteText()));
    }

    void inspectsTheSelectedMessage() {
        auto view = openView();
        QVERIFY(view);
        view->setSubView(EntityMessagesView::DeadLetter);
        MessageListModel* model = view->model(EntityMessagesView::DeadLetter);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 10, kWaitMs);
        view->table()->selectRow(3);
        QCOMPARE(view->selectedSequenceNumbers(),
                 QList<qint64>{model->summaryAt(3).sequenceNumber});
        QCOMPARE(view->currentSubQueue(), SubQueue::DeadLetter);
        MessageInspector* inspector = view->inspector();
        QVERIFY(inspector->message().has_value());
        QCOMPARE(inspector->message()->sequenceNumber, model->summaryAt(3).sequenceNumber);
        QCOMPARE(inspector->bodyKind(), BodyKind::Json);
        QVERIFY(inspector->displayedText().contains(QStringLiteral("\"order\": 3")));
        QCOMPARE(view->currentMessage()->messageId(), QStringLiteral("order-3"));

        // A message the cache no longer holds is peeked again by its sequence number.
        model->cache().clear();
        view->table()->selectRow(5);
        QTRY_VERIFY_WITH_TIMEOUT(inspector->message().has_value() &&
                                     inspector->message()->sequenceNumber ==
                                         model->summaryAt(5).sequenceNumber,
                                 kWaitMs);
        QVERIFY(inspector->displayedText().contains(QStringLiteral("\"order\": 5")));
        QVERIFY(model->cache().peek(model->summaryAt(5).sequenceNumber) != nullptr);
    }

    void sortsByAColumnAndHidesColumns() {
        auto view = openView();
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->proxy()->rowCount(), kActive, kWaitMs);
        view->table()->sortByColumn(MessageListModel::SequenceNumber, Qt::DescendingOrder);
        const qint64 first =
            view->proxy()->index(0, MessageListModel::SequenceNumber).data().toLongLong();
        const qint64 second =
            view->proxy()->index(1, MessageListModel::SequenceNumber).data().toLongLong();
        QVERIFY(first > second);
        QVERIFY(view->table()->isColumnHidden(MessageListModel::DeadLetterDescription));
        QVERIFY(!view->table()->isColumnHidden(MessageListModel::MessageId));
    }
};

QTEST_MAIN(tst_EntityMessagesView)
#include "tst_EntityMessagesView.moc"
