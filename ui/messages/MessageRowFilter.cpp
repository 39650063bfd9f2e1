#include "ui/messages/MessageRowFilter.h"

#include "core/filter/MessageFilterContext.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessageRowStore.h"

#include <QDateTime>

#include <algorithm>

namespace busbar {

namespace {

char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

// Case-insensitive search of an ASCII needle (already lower case) in UTF-8 bytes: bytes of a
// multi-byte character are all >= 0x80 and never match an ASCII byte.
bool containsAscii(QUtf8StringView haystack, const QByteArray& needle) {
    const qsizetype n = needle.size();
    const qsizetype h = haystack.size();
    const char* data = haystack.data();
    for (qsizetype i = 0; i + n <= h; ++i) {
        qsizetype j = 0;
        while (j < n && asciiLower(data[i + j]) == needle.at(j)) {
            ++j;
        }
        if (j == n) {
            return true;
        }
    }
    return false;
}

bool containsText(const AmqpMap& map, const QString& needle) {
    for (const auto& [key, value] : map.entries) {
        if (key.toString().contains(needle, Qt::CaseInsensitive) ||
            value.toString().contains(needle, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

// What a filter can know of a row whose full message is not cached.
FilterContext contextFromSummary(const MessageSummary& row) {
    FilterContext context;
    QVariantMap& sys = context.systemProperties;
    sys.insert(QStringLiteral("SequenceNumber"), row.sequenceNumber);
    sys.insert(QStringLiteral("DeliveryCount"), qint64(row.deliveryCount));
    sys.insert(QStringLiteral("Size"), row.size);
    if (!row.messageId.isEmpty()) {
        sys.insert(QStringLiteral("MessageId"), row.messageId);
    }
    if (!row.subject.isEmpty()) {
        sys.insert(QStringLiteral("Label"), row.subject);
    }
    if (!row.contentType.isEmpty()) {
        sys.insert(QStringLiteral("ContentType"), row.contentType);
    }
    if (!row.sessionId.isEmpty()) {
        sys.insert(QStringLiteral("SessionId"), row.sessionId);
    }
    if (row.enqueuedMs != 0) {
        sys.insert(QStringLiteral("EnqueuedTimeUtc"),
                   QDateTime::fromMSecsSinceEpoch(row.enqueuedMs, Qt::UTC));
    }
    if (row.scheduledMs != 0) {
        sys.insert(QStringLiteral("ScheduledEnqueueTimeUtc"),
                   QDateTime::fromMSecsSinceEpoch(row.scheduledMs, Qt::UTC));
    }
    // The broker keeps these two as application properties of a dead-lettered message.
    if (!row.deadLetterReason.isEmpty()) {
        context.userProperties.insert(QStringLiteral("DeadLetterReason"), row.deadLetterReason);
    }
    if (!row.deadLetterDescription.isEmpty()) {
        context.userProperties.insert(QStringLiteral("DeadLetterErrorDescription"),
                                      row.deadLetterDescription);
    }
    return context;
}

bool matchesText(const MessageRowView& rows, const MessageRow& row, const MessageRowFilter& spec,
                 const ServiceBusMessage* full) {
    constexpr MessageRow::Text kFields[] = {
        MessageRow::MessageId, MessageRow::Subject,          MessageRow::ContentType,
        MessageRow::SessionId, MessageRow::DeadLetterReason, MessageRow::DeadLetterDescription};
    for (const MessageRow::Text field : kFields) {
        const QUtf8StringView value = rows.textView(row, field);
        if (value.isEmpty()) {
            continue;
        }
        if (spec.textAscii.isEmpty() ? value.toString().contains(spec.text, Qt::CaseInsensitive)
                                     : containsAscii(value, spec.textAscii)) {
            return true;
        }
    }
    bool isNumber = false;
    const qint64 number = spec.text.toLongLong(&isNumber);
    if (isNumber && number == row.sequenceNumber) {
        return true;
    }
    if (!full) {
        return false;
    }
    const AmqpMessage& amqp = full->amqp;
    if (containsText(amqp.applicationProperties, spec.text) ||
        amqpIdToText(amqp.properties.correlationId).contains(spec.text, Qt::CaseInsensitive) ||
        amqp.properties.to.contains(spec.text, Qt::CaseInsensitive) ||
        amqp.properties.replyTo.contains(spec.text, Qt::CaseInsensitive)) {
        return true;
    }
    const QByteArray body = amqp.bodyKind == AmqpMessage::BodyKind::Data
                                ? amqp.dataPayload()
                                : amqp.bodyValue().toString().toUtf8();
    return spec.textAscii.isEmpty()
               ? QString::fromUtf8(body).contains(spec.text, Qt::CaseInsensitive)
               : containsAscii(QUtf8StringView(body), spec.textAscii);
}

// Strict weak order of two rows on a column (ascending).
bool rowLess(const MessageRowView& rows, int column, int left, int right) {
    const MessageRow& a = rows.row(left);
    const MessageRow& b = rows.row(right);
    const auto text = [&](MessageRow::Text field) {
        return QAnyStringView::compare(rows.textView(a, field), rows.textView(b, field),
                                       Qt::CaseInsensitive) < 0;
    };
    switch (column) {
    case MessageListModel::MessageId:
        return text(MessageRow::MessageId);
    case MessageListModel::EnqueuedTime:
        return a.enqueuedMs < b.enqueuedMs;
    case MessageListModel::Subject:
        return text(MessageRow::Subject);
    case MessageListModel::ContentType:
        return text(MessageRow::ContentType);
    case MessageListModel::Size:
        return a.size < b.size;
    case MessageListModel::DeliveryCount:
        return a.deliveryCount < b.deliveryCount;
    case MessageListModel::SessionId:
        return text(MessageRow::SessionId);
    case MessageListModel::DeadLetterReason:
        return text(MessageRow::DeadLetterReason);
    case MessageListModel::DeadLetterDescription:
        return text(MessageRow::DeadLetterDescription);
    case MessageListModel::State:
        return a.state < b.state;
    case MessageListModel::SequenceNumber:
    default:
        return a.sequenceNumber < b.sequenceNumber;
    }
}

} // namespace

void MessageRowFilter::setText(const QString& needle) {
    text = needle.trimmed();
    textAscii.clear();
    bool ascii = true;
    for (const QChar c : std::as_const(text)) {
        ascii = ascii && c.unicode() < 0x80;
    }
    if (ascii) {
        textAscii = text.toLower().toLatin1();
    }
}

std::vector<int> MessageRowFilter::acceptedRows(const MessageRowView& rows, int first, int last,
                                                const FullMessage& full,
                                                const std::atomic_bool* cancelled) const {
    const MessageRowFilter& spec = *this;
    std::vector<int> out;
    const bool everything = acceptsEverything();
    out.reserve(size_t(everything ? last - first : (last - first) / 4 + 16));
    for (int i = first; i < last; ++i) {
        if (cancelled && (i & 0xFFF) == 0 && cancelled->load(std::memory_order_relaxed)) {
            return {};
        }
        if (everything) {
            out.push_back(i);
            continue;
        }
        const MessageRow& row = rows.row(i);
        if (spec.state && row.messageState() != *spec.state) {
            continue;
        }
        if (spec.reasonUtf8 &&
            rows.textView(row, MessageRow::DeadLetterReason) !=
                QUtf8StringView(spec.reasonUtf8->constData(), spec.reasonUtf8->size())) {
            continue;
        }
        const ServiceBusMessage* message =
            spec.needsFullMessages() ? full(row.sequenceNumber) : nullptr;
        if (!spec.text.isEmpty() && !matchesText(rows, row, spec, message)) {
            continue;
        }
        if (spec.sql) {
            const FilterContext context = message ? filterContextFromMessage(message->amqp)
                                                  : contextFromSummary(rows.summary(i));
            QString error;
            if (spec.sql->evaluate(context, &error) != FilterOutcome::Match) {
                continue;
            }
        }
        out.push_back(i);
    }
    return out;
}

void MessageRowFilter::sortRows(const MessageRowView& rows, std::vector<int>& map, int column,
                                Qt::SortOrder order, const std::atomic_bool* cancelled) {
    if (column < 0 || (cancelled && cancelled->load())) {
        return; // source order: ascending sequence numbers
    }
    if (column == MessageListModel::SequenceNumber) {
        if (order == Qt::DescendingOrder) {
            std::reverse(map.begin(), map.end());
        }
        return;
    }
    // Stable, so rows with equal keys keep ascending sequence numbers.
    if (order == Qt::AscendingOrder) {
        std::stable_sort(map.begin(), map.end(),
                         [&](int a, int b) { return rowLess(rows, column, a, b); });
    } else {
        std::stable_sort(map.begin(), map.end(),
                         [&](int a, int b) { return rowLess(rows, column, b, a); });
    }
}

} // namespace busbar
