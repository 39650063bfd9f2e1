#pragma once

#include "ui/messages/MessageBodyCache.h"
#include "ui/messages/MessageRowStore.h"
#include "ui/messages/MessageSummary.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>
#include <QList>

namespace busbar {

// The rows of one message view: compact rows in sequence-number order (as peeked, see
// MessageRowStore), plus a byte-budgeted cache of full messages for the inspector and search.
// Appends are batched: however many pages arrive in one event-loop turn, the view sees one
// beginInsertRows. Large batches are converted to rows on a worker thread (one batch at a
// time, in order), so a page of a thousand messages costs the GUI thread a copy, not a parse.
// More rows come through fetchMore(), which only asks (fetchMoreRequested); a PeekPager
// answers by appending and by setting whether more may exist.
class MessageListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SequenceNumber,
        MessageId,
        EnqueuedTime,
        Subject,
        ContentType,
        Size,
        DeliveryCount,
        SessionId,
        DeadLetterReason,
        DeadLetterDescription,
        State,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value of the cell for sorting
        SequenceNumberRole,
        StateRole,            // int(MessageState)
        DeadLetterReasonRole, // the reason, for the facet filter
    };

    explicit MessageListModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Queues the messages; they become rows on a later event-loop turn (or flushPending()).
    // Full messages go to the cache as they pass, so freshly loaded pages need no re-peek.
    void appendMessages(const QList<ServiceBusMessage>& messages);
    // Inserts whatever is queued now (waiting for a conversion under way).
    void flushPending();
    // Messages queued or being converted, not rows yet.
    [[nodiscard]] int pendingCount() const { return m_pendingMessages + m_convertingMessages; }
    void clear();

    // Rows of a dead-letter queue show the dead-letter mark in the State column.
    void setDeadLettered(bool deadLettered) { m_deadLettered = deadLettered; }
    [[nodiscard]] bool isDeadLettered() const { return m_deadLettered; }

    void setMoreAvailable(bool more);
    [[nodiscard]] bool moreAvailable() const { return m_moreAvailable; }

    // A row's summary as QStrings (built on each call: for one row, not for scans).
    [[nodiscard]] MessageSummary summaryAt(int row) const { return m_store.summary(row); }
    // The compact rows, for scans (filter, sort) that must not build a QString per row.
    [[nodiscard]] const MessageRowStore& rows() const { return m_store; }
    // Row of a sequence number, or -1 (rows are in ascending sequence order).
    [[nodiscard]] int rowOfSequenceNumber(qint64 sequenceNumber) const;
    [[nodiscard]] MessageBodyCache& cache() { return m_cache; }
    [[nodiscard]] const MessageBodyCache& cache() const { return m_cache; }

    [[nodiscard]] int countInState(MessageState state) const;
    // Dead-letter reasons of the loaded rows with how many rows carry each ("" = none).
    [[nodiscard]] QHash<QString, int> deadLetterReasonCounts() const { return m_reasonCounts; }
    [[nodiscard]] static QString stateName(MessageState state);

Q_SIGNALS:
    void fetchMoreRequested();
    // Rows were added or removed: per-state counts and reason counts changed.
    void countsChanged();

private:
    [[nodiscard]] QVariant displayData(const MessageRow& row, int column) const;
    [[nodiscard]] QVariant sortData(const MessageRow& row, int column) const;
    [[nodiscard]] QVariant stateDecoration(MessageState state) const;
    [[nodiscard]] QVariant stateForeground(MessageState state) const;
    void scheduleFlush();
    void convertPending();
    void takeConversion();
    void insertBlock(MessageRowBlock&& block);

    MessageRowStore m_store;
    QList<QList<ServiceBusMessage>> m_pending; // pages not handed to a conversion yet
    int m_pendingMessages = 0;
    QFuture<MessageRowBlock> m_conversion; // at most one at a time, so rows stay in order
    int m_convertingMessages = 0;
    quint64 m_job = 0; // numbers conversions; bumped by clear() to drop the one under way
    bool m_converting = false;
    QHash<QString, int> m_reasonCounts;
    int m_stateCounts[3] = {0, 0, 0};
    MessageBodyCache m_cache;
    bool m_flushScheduled = false;
    bool m_moreAvailable = false;
    bool m_deadLettered = false;
};

} // namespace busbar
