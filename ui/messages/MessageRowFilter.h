#pragma once

#include "core/filter/SqlFilter.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace busbar {

class MessageRowView;
struct ServiceBusMessage;

// What rows of a message view must match (state, dead-letter reason, text, SQL) and the
// scans that apply it to compact rows: pure functions of their inputs, so a copy of a filter
// may run on a worker thread over a snapshot of the rows. Texts are compared in UTF-8 in place;
// an all-ASCII needle is matched case-insensitively without decoding anything.
struct MessageRowFilter {
    std::optional<MessageState> state;
    std::optional<QByteArray> reasonUtf8; // "" matches rows without a reason
    QString text;
    QByteArray textAscii; // lower-case needle when it is all ASCII, else empty
    std::optional<SqlFilter> sql;

    void setText(const QString& needle);
    [[nodiscard]] bool needsFullMessages() const { return !text.isEmpty() || sql.has_value(); }
    [[nodiscard]] bool acceptsEverything() const {
        return !state && !reasonUtf8 && text.isEmpty() && !sql;
    }

    // The cached full message of a sequence number, or null (only the summary is known).
    using FullMessage = std::function<const ServiceBusMessage*(qint64 sequenceNumber)>;
    // Source rows [first, last) that pass, in source order; empty when cancelled.
    [[nodiscard]] std::vector<int> acceptedRows(const MessageRowView& rows, int first, int last,
                                                const FullMessage& full,
                                                const std::atomic_bool* cancelled) const;
    // Orders `map` (source rows) by a MessageListModel column; stable, so equal keys keep
    // ascending sequence numbers. Column -1 leaves source order.
    static void sortRows(const MessageRowView& rows, std::vector<int>& map, int column,
                         Qt::SortOrder order, const std::atomic_bool* cancelled);
};

} // namespace busbar
