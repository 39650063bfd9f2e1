#pragma once

#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"
#include "ui/messages/MessageSummary.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUtf8StringView>

#include <array>
#include <memory>
#include <vector>

namespace busbar {

// One message table row, fixed size and trivially copyable: numbers inline, texts as
// (offset, length) into the UTF-8 arena chunk of the batch the row arrived in. A million rows
// cost 80 MB plus their message ids, not a QString (and its heap block) per text per row.
struct MessageRow {
    enum Text : quint8 {
        MessageId,
        Subject,
        ContentType,
        SessionId,
        DeadLetterReason,
        DeadLetterDescription,
        TextCount
    };
    // Texts longer than this are cut (on a character boundary): rows are summaries.
    static constexpr qsizetype kMaxTextBytes = 0xFFFF;

    qint64 sequenceNumber = -1;
    qint64 enqueuedMs = 0;  // ms since the epoch, UTC; 0 when unknown
    qint64 scheduledMs = 0; // 0 when not scheduled
    quint32 size = 0;       // encoded bytes, saturated at 4 GB
    quint32 deliveryCount = 0;
    quint32 chunk = 0; // which arena chunk holds this row's texts
    std::array<quint32, TextCount> textOffset{};
    std::array<quint16, TextCount> textLength{};
    quint8 state = 0; // MessageState
    quint8 flags = 0; // reserved

    [[nodiscard]] MessageState messageState() const { return static_cast<MessageState>(state); }
};
static_assert(sizeof(MessageRow) <= 80, "a row is the per-message memory cost: keep it small");

// A batch of rows converted from peeked messages, self-contained (texts in its own arena,
// repeated texts stored once per batch) so it can be built on a worker thread and appended
// by the model in one step. Also carries the batch's per-state and per-reason counts.
struct MessageRowBlock {
    std::vector<MessageRow> rows;
    QByteArray arena;
    std::array<int, 3> stateCounts{};
    QHash<QString, int> reasonCounts;

    // Pure function of its input: safe on any thread.
    static MessageRowBlock fromPages(const QList<QList<ServiceBusMessage>>& pages);
};

// Read access to rows: what the store exposes, and a snapshot of it (snapshot()) that a
// worker thread may read while the store keeps growing: slabs and arena chunks are shared and
// never move or change once written; rows appended later lie beyond the snapshot's size.
class MessageRowView {
public:
    [[nodiscard]] int size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] const MessageRow& row(int index) const {
        return m_slabs[size_t(index) >> kSlabBits][size_t(index) & kSlabMask];
    }
    [[nodiscard]] QUtf8StringView textView(const MessageRow& row, MessageRow::Text text) const;
    [[nodiscard]] QString text(const MessageRow& row, MessageRow::Text text) const {
        return textView(row, text).toString();
    }
    [[nodiscard]] MessageSummary summary(int index) const;

protected:
    static constexpr int kSlabBits = 13; // 8192 rows, 640 KB a slab
    static constexpr size_t kSlabRows = size_t(1) << kSlabBits;
    static constexpr size_t kSlabMask = kSlabRows - 1;

    std::vector<std::shared_ptr<MessageRow[]>> m_slabs;
    std::vector<QByteArray> m_chunks;
    int m_size = 0;
};

// The rows of one model: appended in blocks, cleared all at once, never edited. Rows live in
// fixed-size slabs so growing to a million never copies (or doubles) what is already there.
class MessageRowStore final : public MessageRowView {
public:
    MessageRowStore() = default;
    MessageRowStore(const MessageRowStore&) = delete;
    MessageRowStore& operator=(const MessageRowStore&) = delete;

    void append(MessageRowBlock&& block);
    void clear();
    // A read-only copy for a worker thread (shares the data; cheap: one pointer per slab and
    // one per batch).
    [[nodiscard]] MessageRowView snapshot() const { return *this; }
    // Index of the first row with a sequence number >= `sequenceNumber` (rows ascend).
    [[nodiscard]] int lowerBound(qint64 sequenceNumber) const;
    // Bytes held (slabs and arena chunks), for diagnostics and the benchmark.
    [[nodiscard]] qint64 bytesHeld() const;

private:
    qint64 m_arenaBytes = 0;
};

} // namespace busbar
