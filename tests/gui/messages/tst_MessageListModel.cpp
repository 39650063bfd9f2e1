#include "core/servicebus/OutgoingMessage.h"
#include "ui/messages/MessageBodyCache.h"
#include "ui/messages/MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace busbar;

namespace {

ServiceBusMessage message(qint64 seq, MessageState state = MessageState::Active,
                          const QString& reason = {}, qsizetype bodySize = 10) {
    OutgoingMessage out;
    out.messageId = QStringLiteral("m-%1").arg(seq);
    out.subject = QStringLiteral("subject");
    out.body = QByteArray(bodySize, 'x');
    ServiceBusMessage m = ServiceBusMessage::fromAmqp(out.toAmqp(), bodySize + 40);
    m.sequenceNumber = seq;
    m.state = state;
    m.deadLetterReason = reason;
    m.enqueuedTime = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + seq, Qt::UTC);
    return m;
}

QList<ServiceBusMessage> page(qint64 first, int count) {
    QList<ServiceBusMessage> out;
    for (int i = 0; i < count; ++i) {
        out.append(message(first + i));
    }
    return out;
}

} // namespace

class tst_MessageListModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTesterWithBatchedAppends() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendMessages(page(1, 100));
        model.appendMessages(page(101, 100));
        model.appendMessages(page(201, 50));
        QCOMPARE(model.rowCount(), 0); // nothing before the event loop turns
        QCOMPARE(model.pendingCount(), 250);
        QTRY_COMPARE(model.rowCount(), 250);
        QCOMPARE(inserted.count(), 1); // three pages, one turn, one insert
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 249);

        model.appendMessages(page(251, 10));
        QTRY_COMPARE(model.rowCount(), 260);
        QCOMPARE(inserted.count(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        model.appendMessages(page(1, 5));
        model.flushPending();
        QCOMPARE(model.rowCount(), 5);
    }

    void showsSummaryColumnsAndSortValues() {
        MessageListModel model;
        ServiceBusMessage m = message(42, MessageState::Deferred);
        m.deliveryCount = 3;
        m.sessionId = QStringLiteral("s-1");
        model.appendMessages({m});
        model.flushPending();
        QCOMPARE(model.columnCount(), int(MessageListModel::ColumnCount));
        QCOMPARE(model.index(0, MessageListModel::SequenceNumber).data().toLongLong(), 42);
        QCOMPARE(model.index(0, MessageListModel::MessageId).data().toString(),
                 QStringLiteral("m-42"));
        QCOMPARE(model.index(0, MessageListModel::Subject).data().toString(),
                 QStringLiteral("subject"));
        QCOMPARE(model.index(0, MessageListModel::DeliveryCount).data().toUInt(), 3u);
        QCOMPARE(model.index(0, MessageListModel::SessionId).data().toString(),
                 QStringLiteral("s-1"));
        QCOMPARE(model.index(0, MessageListModel::State).data().toString(),
                 QStringLiteral("Deferred"));
        QCOMPARE(model.index(0, MessageListModel::EnqueuedTime)
                     .data(MessageListModel::SortRole)
                     .toLongLong(),
                 1'700'000'000'042);
        QVERIFY(model.index(0, MessageListModel::EnqueuedTime)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("UTC")));
        QVERIFY(model.index(0, MessageListModel::State).data(Qt::ForegroundRole).isValid());
        QVERIFY(
            !model.headerData(MessageListModel::MessageId, Qt::Horizontal).toString().isEmpty());
    }

    void countsStatesAndDeadLetterReasons() {
        MessageListModel model;
        QSignalSpy counts(&model, &MessageListModel::countsChanged);
        model.appendMessages({message(1), message(2, MessageState::Scheduled),
                              message(3, MessageState::Deferred),
                              message(4, MessageState::Active, QStringLiteral("A")),
                              message(5, MessageState::Active, QStringLiteral("A")),
                              message(6, MessageState::Active, QStringLiteral("B"))});
        QTRY_COMPARE(counts.count(), 1);
        QCOMPARE(model.countInState(MessageState::Active), 4);
        QCOMPARE(model.countInState(MessageState::Scheduled), 1);
        QCOMPARE(model.countInState(MessageState::Deferred), 1);
        QCOMPARE(model.deadLetterReasonCounts().value(QStringLiteral("A")), 2);
        QCOMPARE(model.deadLetterReasonCounts().value(QStringLiteral("B")), 1);
        QCOMPARE(model.rowOfSequenceNumber(5), 4);
        QCOMPARE(model.rowOfSequenceNumber(99), -1);
    }

    void fetchMoreOnlyAsks() {
        MessageListModel model;
        QSignalSpy asked(&model, &MessageListModel::fetchMoreRequested);
        QVERIFY(!model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(asked.count(), 0);
        model.setMoreAvailable(true);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(asked.count(), 1);
    }

    void cachesFullMessagesWithinABudget() {
        MessageBodyCache cache(10 * 1024);
        for (qint64 seq = 1; seq <= 10; ++seq) {
            cache.insert(message(seq, MessageState::Active, {}, 2000));
        }
        QVERIFY(cache.bytesUsed() <= cache.budget());
        QVERIFY(cache.count() < 10);
        QVERIFY(cache.peek(10) != nullptr); // the newest stays
        QVERIFY(cache.peek(1) == nullptr);  // the oldest went first
        // Touching an entry keeps it over newer ones.
        const qint64 oldest = 10 - cache.count() + 1;
        QVERIFY(cache.take(oldest).has_value());
        cache.insert(message(11, MessageState::Active, {}, 2000));
        QVERIFY(cache.peek(oldest) != nullptr);
        QVERIFY(cache.peek(oldest + 1) == nullptr);
        // A body larger than the whole budget is not cached.
        cache.insert(message(12, MessageState::Active, {}, 20 * 1024));
        QVERIFY(cache.peek(12) == nullptr);
        // contents() shares what is cached (for a worker's scan), newest first.
        const auto contents = cache.contents();
        QCOMPARE(int(contents.size()), cache.count());
        QCOMPARE(contents.front()->sequenceNumber, 11);
        QCOMPARE(contents.front().get(), cache.peek(11));
    }

    void keepsRowsCompact() {
        // The per-row struct is the memory budget's main term (1M rows must stay well under
        // 300 MB with the view); texts of low cardinality are stored once per batch.
        QVERIFY(sizeof(MessageRow) <= 80);
        MessageListModel model;
        QList<ServiceBusMessage> messages;
        for (int i = 0; i < 3; ++i) {
            ServiceBusMessage m =
                message(i + 1, MessageState::Active, QStringLiteral("MaxDeliveryCountExceeded"));
            messages.append(m);
        }
        model.appendMessages(messages);
        model.flushPending();
        const MessageRowStore& rows = model.rows();
        QCOMPARE(rows.textView(rows.row(0), MessageRow::DeadLetterReason).data(),
                 rows.textView(rows.row(2), MessageRow::DeadLetterReason).data());
        QCOMPARE(model.summaryAt(2).deadLetterReason, QStringLiteral("MaxDeliveryCountExceeded"));
        QCOMPARE(model.summaryAt(2).messageId, QStringLiteral("m-3"));
    }

    void convertsLargeBatchesOffTheGuiThreadInOrder() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy counts(&model, &MessageListModel::countsChanged);
        model.appendMessages(page(1, 1000)); // above the inline limit: a worker converts it
        QCOMPARE(model.pendingCount(), 1000);
        QTRY_COMPARE(model.rowCount(), 1000);
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(counts.count(), 1);
        // Pages that queue while a conversion runs follow it, in order.
        model.appendMessages(page(1001, 1000));
        QTest::qWait(0); // its conversion starts
        model.appendMessages(page(2001, 500));
        model.appendMessages(page(2501, 500));
        QTRY_COMPARE(model.rowCount(), 3000);
        QCOMPARE(model.pendingCount(), 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.rows().row(row).sequenceNumber, qint64(row + 1));
        }
        QCOMPARE(model.index(2999, MessageListModel::MessageId).data().toString(),
                 QStringLiteral("m-3000"));
        QCOMPARE(model.countInState(MessageState::Active), 3000);
        QCOMPARE(model.rowOfSequenceNumber(2048), 2047);
    }

    void flushPendingWaitsForAConversionUnderWay() {
        MessageListModel model;
        model.appendMessages(page(1, 2000));
        QTest::qWait(0); // the deferred flush hands the batch to a worker
        model.appendMessages(page(2001, 10));
        model.flushPending();
        QCOMPARE(model.rowCount(), 2010);
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(model.rows().row(2009).sequenceNumber, 2010);
        // The worker's late finished() must not insert anything twice.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.rowCount(), 2010);
    }

    void clearDropsAConversionUnderWay() {
        MessageListModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendMessages(page(1, 5000));
        QTest::qWait(0); // conversion started
        model.clear();
        QCOMPARE(model.pendingCount(), 0);
        model.appendMessages(page(10'001, 5));
        QTRY_COMPARE(model.rowCount(), 5);
        // Let the dropped conversion finish and report: it adds nothing.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rows().row(0).sequenceNumber, 10'001);
        QCOMPARE(inserted.count(), 1);
    }
};

QTEST_MAIN(tst_MessageListModel)
#include "tst_MessageListModel.moc"
