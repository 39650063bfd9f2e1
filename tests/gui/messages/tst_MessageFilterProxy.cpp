#include "core/servicebus/OutgoingMessage.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

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
};

QTEST_MAIN(tst_MessageFilterProxy)
#include "tst_MessageFilterProxy.moc"
