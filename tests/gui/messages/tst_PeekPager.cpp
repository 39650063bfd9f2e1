#include "ui/messages/MessageListModel.h"
#include "ui/messages/PeekPager.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "MessagesTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {
constexpr int kDeadLetters = 5000;
constexpr int kActive = 700;
constexpr int kWaitMs = 60000;
} // namespace

class tst_PeekPager : public QObject {
    Q_OBJECT

private:
    SeededEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start({QStringLiteral("orders"), QStringLiteral("times")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_client = m_emulator.client();
        QVERIFY(m_client);
        QVERIFY(authorizeEntity(*m_client, QStringLiteral("orders")));
        const auto dead =
            m_emulator.seed(QStringLiteral("orders"), kDeadLetters, jsonOrder, [](int i) {
                return i % 5 == 0 ? QStringLiteral("ValidationFailed")
                                  : QStringLiteral("MaxDeliveryCountExceeded");
            });
        QTRY_VERIFY_WITH_TIMEOUT(dead->done, kWaitMs);
        QVERIFY(!dead->failed);
        // Several batches, so enqueue times differ across the queue.
        for (int batch = 0; batch < 7; ++batch) {
            const auto sent = m_emulator.seed(QStringLiteral("times"), kActive / 7, jsonOrder);
            QTRY_VERIFY_WITH_TIMEOUT(sent->done, kWaitMs);
            QVERIFY(!sent->failed);
        }
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void firstPageThenMoreOnFetchMore() {
        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("orders"), SubQueue::DeadLetter, &model);
        pager.setPageSize(250);
        QSignalSpy pages(&pager, &PeekPager::pageLoaded);
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 250, kWaitMs);
        QVERIFY(model.canFetchMore({}));
        QVERIFY(!pager.atEnd());
        QCOMPARE(model.summaryAt(0).deadLetterReason, QStringLiteral("ValidationFailed"));
        QCOMPARE(model.summaryAt(1).deadLetterReason, QStringLiteral("MaxDeliveryCountExceeded"));

        model.fetchMore({}); // what a view scrolled to its end does
        QVERIFY(pager.isLoading());
        model.fetchMore({}); // a second ask while one page is on its way is ignored
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 500, kWaitMs);
        QCOMPARE(pages.count(), 2);
        // Sequence numbers ascend with no gap or repeat across the page boundary.
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.summaryAt(row).sequenceNumber > model.summaryAt(row - 1).sequenceNumber);
        }
    }

    void pagesThroughFiveThousandDeadLetters() {
        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("orders"), SubQueue::DeadLetter, &model);
        pager.setPageSize(250);
        QSignalSpy atEnd(&pager, &PeekPager::atEndReached);
        pager.start();
        while (atEnd.isEmpty()) {
            QTRY_VERIFY_WITH_TIMEOUT(!pager.isLoading(), kWaitMs);
            model.fetchMore({});
        }
        QTRY_COMPARE(model.rowCount(), kDeadLetters);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.deadLetterReasonCounts().value(QStringLiteral("ValidationFailed")),
                 kDeadLetters / 5);
    }

    void loadsEverythingWithProgress() {
        MessageListModel model;
        // The tester also calls fetchMore after each insert, racing load-all: both must mix.
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        PeekPager pager(m_client.get(), QStringLiteral("orders"), SubQueue::DeadLetter, &model);
        QSignalSpy progress(&pager, &PeekPager::loadAllProgress);
        QSignalSpy finished(&pager, &PeekPager::loadAllFinished);
        pager.start();
        pager.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        QCOMPARE(finished.first().first().toBool(), false);
        QTRY_COMPARE(model.rowCount(), kDeadLetters);
        QVERIFY(progress.count() >= 2);
        QCOMPARE(progress.last().first().toLongLong(), qint64(kDeadLetters));
        QVERIFY(pager.atEnd());
    }

    void cancelStopsLoadingEverything() {
        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("orders"), SubQueue::DeadLetter, &model);
        pager.setLoadAllPageSize(100);
        QSignalSpy progress(&pager, &PeekPager::loadAllProgress);
        QSignalSpy finished(&pager, &PeekPager::loadAllFinished);
        // Cancel as the third page lands, as a user's click between two pages would.
        connect(&pager, &PeekPager::loadAllProgress, this, [&pager](qint64 loaded) {
            if (loaded >= 300) {
                pager.cancel();
            }
        });
        pager.start();
        pager.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!pager.isLoadingAll());
        QVERIFY(!pager.isLoading());
        model.flushPending();
        const int rows = model.rowCount();
        QVERIFY(rows < kDeadLetters);
        QCOMPARE(qint64(rows), progress.last().first().toLongLong());
        // A page answered after cancel is dropped: the count does not move on its own.
        const int progressAfterCancel = int(progress.count());
        QTest::qWait(0); // one event-loop turn, not a delay
        QCOMPARE(progress.count(), progressAfterCancel);
        // Scrolling on still works after a cancel.
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > rows, kWaitMs);
    }

    void restartEndsARunningLoadAll() {
        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("orders"), SubQueue::DeadLetter, &model);
        QSignalSpy finished(&pager, &PeekPager::loadAllFinished);
        pager.start();
        pager.loadAll();
        pager.start(); // Refresh while loading everything
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!pager.isLoadingAll());
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, kWaitMs);
    }

    void peeksFromASequenceNumber() {
        MessageListModel all;
        PeekPager scan(m_client.get(), QStringLiteral("times"), SubQueue::None, &all);
        QSignalSpy finished(&scan, &PeekPager::loadAllFinished);
        scan.start();
        scan.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        all.flushPending();
        QCOMPARE(all.rowCount(), kActive / 7 * 7);
        const qint64 from = all.summaryAt(123).sequenceNumber;

        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("times"), SubQueue::None, &model);
        pager.setPageSize(10);
        pager.start(from);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 10, kWaitMs);
        QCOMPARE(model.summaryAt(0).sequenceNumber, from);
    }

    void jumpsToTheFirstMessageAtOrAfterATime() {
        MessageListModel all;
        PeekPager scan(m_client.get(), QStringLiteral("times"), SubQueue::None, &all);
        QSignalSpy finished(&scan, &PeekPager::loadAllFinished);
        scan.start();
        scan.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        all.flushPending();

        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("times"), SubQueue::None, &model);
        pager.setPageSize(16); // small steps: the search gallops and bisects for real
        QSignalSpy resolved(&pager, &PeekPager::jumpResolved);
        for (const int probeRow : {0, 1, 199, 350, all.rowCount() - 1}) {
            const qint64 target = all.summaryAt(probeRow).enqueuedMs;
            qint64 expected = -1;
            for (int row = 0; row < all.rowCount(); ++row) {
                if (all.summaryAt(row).enqueuedMs >= target) {
                    expected = all.summaryAt(row).sequenceNumber;
                    break;
                }
            }
            resolved.clear();
            pager.jumpToTime(QDateTime::fromMSecsSinceEpoch(target, Qt::UTC));
            QTRY_COMPARE_WITH_TIMEOUT(resolved.count(), 1, kWaitMs);
            QCOMPARE(resolved.first().first().toLongLong(), expected);
            QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, kWaitMs);
            QCOMPARE(model.summaryAt(0).sequenceNumber, expected);
        }
        // Later than everything: nothing to show.
        resolved.clear();
        pager.jumpToTime(QDateTime::fromMSecsSinceEpoch(
            all.summaryAt(all.rowCount() - 1).enqueuedMs + 60'000, Qt::UTC));
        QTRY_COMPARE_WITH_TIMEOUT(resolved.count(), 1, kWaitMs);
        QCOMPARE(resolved.first().first().toLongLong(), -1);
    }

    void fetchesOneMessageBySequenceNumber() {
        MessageListModel model;
        PeekPager pager(m_client.get(), QStringLiteral("orders"), SubQueue::DeadLetter, &model);
        pager.start();
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 10, kWaitMs);
        const qint64 seq = model.summaryAt(10).sequenceNumber;
        std::optional<Result<ServiceBusMessage>> got;
        pager.fetchMessage(seq, this, [&got](Result<ServiceBusMessage> m) { got = std::move(m); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), kWaitMs);
        QVERIFY(got->has_value());
        QCOMPARE((*got)->sequenceNumber, seq);
        QVERIFY((*got)->amqp.dataPayload().startsWith("{\"order\":"));
    }
};

QTEST_MAIN(tst_PeekPager)
#include "tst_PeekPager.moc"
