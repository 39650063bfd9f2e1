#include "core/servicebus/OutgoingMessage.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace busbar;

namespace {

ServiceBusMessage message(qint64 seq, const QString& id, qint64 size, const QString& reason,
                          const QByteArray& body = "{}") {
    OutgoingMessage out;
    out.messageId = id;
    out.subject = QStringLiteral("subject-%1").arg(seq % 3);
    out.body = body;
    ServiceBusMessage m = ServiceBusMessage::fromAmqp(out.toAmqp(), size);
    m.sequenceNumber = seq;
    m.size = size;
    m.deadLetterReason = reason;
    // Enqueue times run against sequence numbers, so sorting by time reverses the rows.
    m.enqueuedTime = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 - seq, Qt::UTC);
    return m;
}

QList<ServiceBusMessage> numbered(qint64 first, int count) {
    QList<ServiceBusMessage> out;
    for (int i = 0; i < count; ++i) {
        const qint64 seq = first + i;
        // Ids sort in another order than sequence numbers: "id-<seq mod 7>-<seq>".
        out.append(
            message(seq, QStringLiteral("id-%1-%2").arg(seq % 7).arg(seq, 6, 10, QLatin1Char('0')),
                    100 + seq % 13, seq % 4 == 0 ? QStringLiteral("Expired") : QString()));
    }
    return out;
}

bool sortedById(const QAbstractItemModel& model) {
    for (int row = 1; row < model.rowCount(); ++row) {
        if (model.index(row - 1, MessageListModel::MessageId).data().toString() >
            model.index(row, MessageListModel::MessageId).data().toString()) {
            return false;
        }
    }
    return true;
}

QStringList column(const QAbstractItemModel& model, int column) {
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        out.append(model.index(row, column).data().toString());
    }
    return out;
}

} // namespace

class tst_MessageFilterProxy : public QObject {
    Q_OBJECT

private:
    MessageListModel m_model;
    MessageFilterProxy m_proxy;

private Q_SLOTS:
    void initTestCase() {
        QList<ServiceBusMessage> page;
        page.append(message(1, QStringLiteral("beta"), 300, QStringLiteral("Expired")));
        page.append(message(2, QStringLiteral("Alpha"), 20, QStringLiteral("Expired")));
        page.append(message(3, QStringLiteral("Äpfel-7"), 1000, QStringLiteral("Validation")));
        page.append(message(4, QStringLiteral("gamma"), 5, {}, "{\"customer\":\"ACME\"}"));
        ServiceBusMessage deferred = message(5, QStringLiteral("delta"), 40, {});
        deferred.state = MessageState::Deferred;
        page.append(deferred);
        m_model.appendMessages(page);
        m_model.flushPending();
        m_proxy.setMessageModel(&m_model);
    }

    void init() {
        m_proxy.setStateFilter(std::nullopt);
        m_proxy.setReasonFilter(std::nullopt);
        m_proxy.setTextFilter({});
        m_proxy.setSqlFilter(std::nullopt);
        m_proxy.sort(-1);
    }

    void passesTheModelTester() {
        QAbstractItemModelTester tester(&m_proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_proxy.sort(MessageListModel::MessageId);
        m_proxy.setTextFilter(QStringLiteral("a"));
        QVERIFY(m_proxy.rowCount() > 0);
    }

    void filtersByStateAndReason() {
        m_proxy.setStateFilter(MessageState::Deferred);
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 QStringList{QStringLiteral("delta")});
        m_proxy.setStateFilter(std::nullopt);
        m_proxy.setReasonFilter(QStringLiteral("Expired"));
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 (QStringList{QStringLiteral("beta"), QStringLiteral("Alpha")}));
        m_proxy.setReasonFilter(QString()); // the facet's "no reason"
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 (QStringList{QStringLiteral("gamma"), QStringLiteral("delta")}));
    }

    void filtersTextCaseInsensitivelyInUtf8() {
        m_proxy.setTextFilter(QStringLiteral("ALP"));
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 QStringList{QStringLiteral("Alpha")});
        m_proxy.setTextFilter(QStringLiteral("äPFEL"));
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 QStringList{QStringLiteral("Äpfel-7")});
        m_proxy.setTextFilter(QStringLiteral("validation"));
        QCOMPARE(m_proxy.rowCount(), 1);
        // Bodies are searched where the cache holds the message.
        m_proxy.setTextFilter(QStringLiteral("acme"));
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 QStringList{QStringLiteral("gamma")});
        m_proxy.setTextFilter(QStringLiteral("3"));
        QCOMPARE(column(m_proxy, MessageListModel::MessageId),
                 QStringList{QStringLiteral("Äpfel-7")}); // its sequence number
        m_proxy.setTextFilter(QStringLiteral("nowhere"));
        QCOMPARE(m_proxy.rowCount(), 0);
    }

    void sortsTextsNumbersAndTimes() {
        m_proxy.sort(MessageListModel::MessageId, Qt::AscendingOrder);
        QCOMPARE(
            column(m_proxy, MessageListModel::MessageId),
            (QStringList{QStringLiteral("Alpha"), QStringLiteral("beta"), QStringLiteral("delta"),
                         QStringLiteral("gamma"), QStringLiteral("Äpfel-7")}));
        m_proxy.sort(MessageListModel::Size, Qt::DescendingOrder);
        QCOMPARE(column(m_proxy, MessageListModel::SequenceNumber),
                 (QStringList{QStringLiteral("3"), QStringLiteral("1"), QStringLiteral("5"),
                              QStringLiteral("2"), QStringLiteral("4")}));
        m_proxy.sort(MessageListModel::EnqueuedTime, Qt::AscendingOrder);
        QCOMPARE(column(m_proxy, MessageListModel::SequenceNumber),
                 (QStringList{QStringLiteral("5"), QStringLiteral("4"), QStringLiteral("3"),
                              QStringLiteral("2"), QStringLiteral("1")}));
        m_proxy.sort(MessageListModel::State, Qt::DescendingOrder);
        QCOMPARE(m_proxy.index(0, MessageListModel::MessageId).data().toString(),
                 QStringLiteral("delta"));
    }

    // Above the threshold the mapping is computed on a worker and applied when it lands.
    void filtersAndSortsOnAWorkerAboveTheThreshold() {
        MessageListModel model;
        model.appendMessages(numbered(1, 4000));
        model.flushPending();
        MessageFilterProxy proxy;
        proxy.setAsyncThreshold(100);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy busy(&proxy, &MessageFilterProxy::busyChanged);
        proxy.setMessageModel(&model);
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(proxy.rowCount(), 4000);

        proxy.setReasonFilter(QStringLiteral("Expired"));
        QVERIFY(proxy.isBusy());
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(proxy.rowCount(), 1000);
        QVERIFY(busy.count() >= 2);

        proxy.sort(MessageListModel::MessageId, Qt::AscendingOrder);
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(proxy.rowCount(), 1000);
        QVERIFY(sortedById(proxy));
        QCOMPARE(proxy.index(0, MessageListModel::MessageId).data().toString(),
                 QStringLiteral("id-0-000028"));

        proxy.setTextFilter(QStringLiteral("ID-3-0001"));
        QTRY_VERIFY(!proxy.isBusy());
        // Sequence numbers 100-199 with seq % 7 == 3 and seq % 4 == 0.
        int expected = 0;
        for (int seq = 100; seq < 200; ++seq) {
            expected += seq % 7 == 3 && seq % 4 == 0 ? 1 : 0;
        }
        QCOMPARE(proxy.rowCount(), expected);
        QVERIFY(sortedById(proxy));
    }

    void selectionFollowsItsMessageAcrossAWorkerSort() {
        MessageListModel model;
        model.appendMessages(numbered(1, 3000));
        model.flushPending();
        MessageFilterProxy proxy;
        proxy.setAsyncThreshold(100);
        proxy.setMessageModel(&model);
        QTRY_VERIFY(!proxy.isBusy());
        const QPersistentModelIndex picked(proxy.index(41, MessageListModel::MessageId));
        const QString id = picked.data().toString();
        proxy.sort(MessageListModel::MessageId, Qt::DescendingOrder);
        QTRY_VERIFY(!proxy.isBusy());
        QVERIFY(picked.isValid());
        QVERIFY(picked.row() != 41);
        QCOMPARE(picked.data().toString(), id);
        proxy.setStateFilter(MessageState::Deferred); // none: the row goes away
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(!picked.isValid());
    }

    void rowsAppendedDuringAWorkerSortJoinInOrder() {
        MessageListModel model;
        model.appendMessages(numbered(1, 3000));
        model.flushPending();
        MessageFilterProxy proxy;
        proxy.setAsyncThreshold(100);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setMessageModel(&model);
        proxy.sort(MessageListModel::MessageId, Qt::AscendingOrder);
        model.appendMessages(numbered(3001, 500));
        model.flushPending();
        model.appendMessages(numbered(3501, 500));
        QTRY_COMPARE(model.rowCount(), 4000);
        QTRY_VERIFY(!proxy.isBusy() && proxy.rowCount() == 4000);
        QVERIFY(sortedById(proxy));
        // Sequence-number order places appended rows at once, even above the threshold.
        proxy.sort(MessageListModel::SequenceNumber, Qt::DescendingOrder);
        QTRY_VERIFY(!proxy.isBusy());
        model.appendMessages(numbered(4001, 10));
        model.flushPending();
        QCOMPARE(proxy.rowCount(), 4010);
        QVERIFY(!proxy.isBusy());
        QCOMPARE(proxy.index(0, MessageListModel::SequenceNumber).data().toLongLong(), 4010);
        QCOMPARE(proxy.index(4009, MessageListModel::SequenceNumber).data().toLongLong(), 1);
    }

    void aSourceResetDropsAWorkerUnderWay() {
        MessageListModel model;
        model.appendMessages(numbered(1, 3000));
        model.flushPending();
        MessageFilterProxy proxy;
        proxy.setAsyncThreshold(100);
        proxy.setMessageModel(&model);
        proxy.sort(MessageListModel::Subject, Qt::AscendingOrder);
        QVERIFY(proxy.isBusy());
        model.clear();
        QVERIFY(!proxy.isBusy());
        QCOMPARE(proxy.rowCount(), 0);
        model.appendMessages(numbered(1, 5));
        model.flushPending();
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(proxy.rowCount(), 5);
    }

    void aSourceDestroyedFirstLeavesAnEmptyProxy() {
        // A view's models are its children created before the proxy, so they die first.
        auto* model = new MessageListModel;
        model->appendMessages(numbered(1, 50));
        model->flushPending();
        MessageFilterProxy proxy;
        proxy.setMessageModel(model);
        QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
        QCOMPARE(proxy.rowCount(), 50);
        delete model;
        QCOMPARE(reset.count(), 1);
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(!proxy.index(0, 0).isValid());
        QVERIFY(proxy.messageModel() == nullptr);
    }
};

QTEST_MAIN(tst_MessageFilterProxy)
#include "tst_MessageFilterProxy.moc"
