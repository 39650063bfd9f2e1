#include "core/servicebus/OutgoingMessage.h"
#include "ui/messages/MessageRowStore.h"

#include <QTest>

using namespace busbar;

namespace {

ServiceBusMessage message(qint64 seq, const QString& id, const QString& reason = {}) {
    OutgoingMessage out;
    out.messageId = id;
    out.subject = QStringLiteral("subject");
    out.contentType = QStringLiteral("application/json");
    out.body = QByteArray(16, 'x');
    ServiceBusMessage m = ServiceBusMessage::fromAmqp(out.toAmqp(), 56);
    m.sequenceNumber = seq;
    m.deadLetterReason = reason;
    m.enqueuedTime = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + seq, Qt::UTC);
    return m;
}

} // namespace

class tst_MessageRowStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void convertsABatchWithItsCounts() {
        QList<ServiceBusMessage> page;
        page.append(message(7, QStringLiteral("a"), QStringLiteral("Expired")));
        ServiceBusMessage deferred = message(8, QStringLiteral("b"), QStringLiteral("Expired"));
        deferred.state = MessageState::Deferred;
        deferred.deliveryCount = 4;
        deferred.size = 5'000'000'000; // saturates, never wraps
        deferred.sessionId = QStringLiteral("s-1");
        deferred.deadLetterDescription = QStringLiteral("too old");
        page.append(deferred);
        page.append(message(9, QStringLiteral("c")));
        const MessageRowBlock block = MessageRowBlock::fromPages({page});
        QCOMPARE(block.rows.size(), size_t(3));
        QCOMPARE(block.stateCounts[size_t(MessageState::Active)], 2);
        QCOMPARE(block.stateCounts[size_t(MessageState::Deferred)], 1);
        QCOMPARE(block.reasonCounts.value(QStringLiteral("Expired")), 2);
        QCOMPARE(block.reasonCounts.size(), 1);
        // Repeated texts are stored once per batch; the unique ids each have their bytes.
        const MessageRow& first = block.rows[0];
        const MessageRow& second = block.rows[1];
        QCOMPARE(first.textOffset[MessageRow::DeadLetterReason],
                 second.textOffset[MessageRow::DeadLetterReason]);
        QCOMPARE(first.textOffset[MessageRow::ContentType],
                 second.textOffset[MessageRow::ContentType]);
        QVERIFY(first.textOffset[MessageRow::MessageId] !=
                second.textOffset[MessageRow::MessageId]);

        MessageRowStore store;
        store.append(MessageRowBlock::fromPages({page}));
        QCOMPARE(store.size(), 3);
        const MessageSummary s = store.summary(1);
        QCOMPARE(s.sequenceNumber, 8);
        QCOMPARE(s.messageId, QStringLiteral("b"));
        QCOMPARE(s.subject, QStringLiteral("subject"));
        QCOMPARE(s.contentType, QStringLiteral("application/json"));
        QCOMPARE(s.sessionId, QStringLiteral("s-1"));
        QCOMPARE(s.deadLetterReason, QStringLiteral("Expired"));
        QCOMPARE(s.deadLetterDescription, QStringLiteral("too old"));
        QCOMPARE(s.deliveryCount, 4u);
        QCOMPARE(s.size, qint64(0xFFFFFFFFLL));
        QCOMPARE(s.state, MessageState::Deferred);
        QCOMPARE(s.enqueuedMs, 1'700'000'000'008);
        QVERIFY(store.summary(2).deadLetterReason.isEmpty());
    }

    void keepsNonAsciiTextsAndCutsOversizedOnesOnACharacterBoundary() {
        QList<ServiceBusMessage> page;
        page.append(message(1, QStringLiteral("Grüße-🚌")));
        ServiceBusMessage huge = message(2, QStringLiteral("h"));
        // 4-byte characters: the 65,535-byte limit falls inside one, so the cut backs off.
        const QString bus = QStringLiteral("🚌");
        huge.deadLetterDescription = bus.repeated(20000);
        page.append(huge);
        MessageRowStore store;
        store.append(MessageRowBlock::fromPages({page}));
        QCOMPARE(store.summary(0).messageId, QStringLiteral("Grüße-🚌"));
        const QString cut = store.summary(1).deadLetterDescription;
        QCOMPARE(cut.toUtf8().size(), qsizetype(16383 * 4));
        QCOMPARE(cut, bus.repeated(16383)); // no broken character at the end
    }

    void growsAcrossSlabsAndFindsSequenceNumbers() {
        MessageRowStore store;
        // Batches of 3000 rows, sequence numbers 10, 20, 30…: several slabs of 8192 rows.
        constexpr int kBatches = 7;
        constexpr int kPerBatch = 3000;
        for (int b = 0; b < kBatches; ++b) {
            QList<ServiceBusMessage> page;
            for (int i = 0; i < kPerBatch; ++i) {
                const int n = b * kPerBatch + i;
                page.append(message(qint64(n + 1) * 10, QStringLiteral("id-%1").arg(n)));
            }
            store.append(MessageRowBlock::fromPages({page}));
        }
        QCOMPARE(store.size(), kBatches * kPerBatch);
        for (const int n : {0, 2999, 3000, 8191, 8192, 16384, 20999}) {
            QCOMPARE(store.row(n).sequenceNumber, qint64(n + 1) * 10);
            QCOMPARE(store.text(store.row(n), MessageRow::MessageId),
                     QStringLiteral("id-%1").arg(n));
        }
        QCOMPARE(store.lowerBound(0), 0);
        QCOMPARE(store.lowerBound(10), 0);
        QCOMPARE(store.lowerBound(11), 1);
        QCOMPARE(store.lowerBound(81'930), 8192);
        QCOMPARE(store.lowerBound(1'000'000), store.size());
        // Rows plus texts, nowhere near a QString per text per row.
        QVERIFY(store.bytesHeld() < qint64(store.size()) * 120);
        store.clear();
        QCOMPARE(store.size(), 0);
        QVERIFY(store.bytesHeld() < 1024);
    }
};

QTEST_GUILESS_MAIN(tst_MessageRowStore)
#include "tst_MessageRowStore.moc"
