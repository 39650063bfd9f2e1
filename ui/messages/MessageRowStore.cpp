#include "ui/messages/MessageRowStore.h"

#include "core/servicebus/ServiceBusMessage.h"

#include <algorithm>

namespace busbar {

namespace {

// Appends texts to one batch's arena; texts that repeat within the batch (reasons, content
// types, subjects) are stored once.
class ArenaWriter {
public:
    explicit ArenaWriter(QByteArray& arena)
        : m_arena(arena) {}

    void put(MessageRow& row, MessageRow::Text text, QByteArray utf8, bool intern) {
        if (utf8.isEmpty()) {
            return;
        }
        if (utf8.size() > MessageRow::kMaxTextBytes) {
            qsizetype cut = MessageRow::kMaxTextBytes;
            // Back off UTF-8 continuation bytes so the cut text stays valid.
            while (cut > 0 && (quint8(utf8.at(cut)) & 0xC0) == 0x80) {
                --cut;
            }
            utf8.truncate(cut);
        }
        row.textLength[text] = quint16(utf8.size());
        if (intern) {
            if (const auto found = m_interned.constFind(utf8); found != m_interned.constEnd()) {
                row.textOffset[text] = *found;
                return;
            }
        }
        const auto offset = quint32(m_arena.size());
        m_arena.append(utf8);
        row.textOffset[text] = offset;
        if (intern) {
            m_interned.insert(utf8, offset);
        }
    }

private:
    QByteArray& m_arena;
    QHash<QByteArray, quint32> m_interned;
};

qint64 msSinceEpoch(const std::optional<QDateTime>& time) {
    return time && time->isValid() ? time->toMSecsSinceEpoch() : 0;
}

} // namespace

MessageRowBlock MessageRowBlock::fromPages(const QList<QList<ServiceBusMessage>>& pages) {
    MessageRowBlock block;
    size_t total = 0;
    for (const QList<ServiceBusMessage>& page : pages) {
        total += size_t(page.size());
    }
    block.rows.reserve(total);
    ArenaWriter writer(block.arena);
    for (const QList<ServiceBusMessage>& page : pages) {
        for (const ServiceBusMessage& message : page) {
            MessageRow row;
            row.sequenceNumber = message.sequenceNumber;
            row.enqueuedMs = msSinceEpoch(message.enqueuedTime);
            row.scheduledMs = msSinceEpoch(message.scheduledEnqueueTime);
            row.size = quint32(std::clamp<qint64>(message.size, 0, 0xFFFFFFFFLL));
            row.deliveryCount = message.deliveryCount;
            const int state = std::clamp(int(message.state), 0, 2);
            row.state = quint8(state);
            writer.put(row, MessageRow::MessageId, message.messageId().toUtf8(), false);
            writer.put(row, MessageRow::Subject, message.amqp.properties.subject.toUtf8(), true);
            writer.put(row, MessageRow::ContentType, message.amqp.properties.contentType, true);
            writer.put(row, MessageRow::SessionId, message.sessionId.toUtf8(), true);
            writer.put(row, MessageRow::DeadLetterReason, message.deadLetterReason.toUtf8(), true);
            writer.put(row, MessageRow::DeadLetterDescription,
                       message.deadLetterDescription.toUtf8(), true);
            ++block.stateCounts[size_t(state)];
            if (!message.deadLetterReason.isEmpty()) {
                ++block.reasonCounts[message.deadLetterReason];
            }
            block.rows.push_back(row);
        }
    }
    block.arena.squeeze();
    return block;
}

QUtf8StringView MessageRowView::textView(const MessageRow& row, MessageRow::Text text) const {
    const quint16 length = row.textLength[text];
    if (length == 0) {
        return {};
    }
    return QUtf8StringView(m_chunks[row.chunk].constData() + row.textOffset[text], length);
}

MessageSummary MessageRowView::summary(int index) const {
    const MessageRow& r = row(index);
    MessageSummary s;
    s.sequenceNumber = r.sequenceNumber;
    s.enqueuedMs = r.enqueuedMs;
    s.scheduledMs = r.scheduledMs;
    s.size = r.size;
    s.messageId = text(r, MessageRow::MessageId);
    s.subject = text(r, MessageRow::Subject);
    s.contentType = text(r, MessageRow::ContentType);
    s.sessionId = text(r, MessageRow::SessionId);
    s.deadLetterReason = text(r, MessageRow::DeadLetterReason);
    s.deadLetterDescription = text(r, MessageRow::DeadLetterDescription);
    s.deliveryCount = r.deliveryCount;
    s.state = r.messageState();
    return s;
}

void MessageRowStore::append(MessageRowBlock&& block) {
    if (block.rows.empty()) {
        return;
    }
    const auto chunk = quint32(m_chunks.size());
    m_arenaBytes += block.arena.size();
    m_chunks.push_back(std::move(block.arena));
    for (MessageRow& row : block.rows) {
        const size_t slab = size_t(m_size) >> kSlabBits;
        if (slab == m_slabs.size()) {
            m_slabs.push_back(std::make_shared<MessageRow[]>(kSlabRows));
        }
        row.chunk = chunk;
        m_slabs[slab][size_t(m_size) & kSlabMask] = row;
        ++m_size;
    }
}

void MessageRowStore::clear() {
    m_slabs.clear();
    m_slabs.shrink_to_fit();
    m_chunks.clear();
    m_chunks.shrink_to_fit();
    m_arenaBytes = 0;
    m_size = 0;
}

int MessageRowStore::lowerBound(qint64 sequenceNumber) const {
    int low = 0;
    int high = m_size;
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (row(mid).sequenceNumber < sequenceNumber) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

qint64 MessageRowStore::bytesHeld() const {
    return qint64(m_slabs.size() * kSlabRows * sizeof(MessageRow)) + m_arenaBytes +
           qint64(m_chunks.capacity() * sizeof(QByteArray));
}

} // namespace busbar
