#include "ui/messages/MessageFilterProxy.h"

#include "core/filter/MessageFilterContext.h"
#include "ui/messages/MessageListModel.h"

#include <QDateTime>

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

} // namespace

MessageFilterProxy::MessageFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(MessageListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void MessageFilterProxy::setMessageModel(MessageListModel* model) {
    m_model = model;
    setSourceModel(model);
}

void MessageFilterProxy::setStateFilter(std::optional<MessageState> state) {
    m_state = state;
    invalidateRowsFilter();
}

void MessageFilterProxy::setReasonFilter(std::optional<QString> reason) {
    m_reason = std::move(reason);
    m_reasonUtf8 = m_reason ? m_reason->toUtf8() : QByteArray();
    invalidateRowsFilter();
}

void MessageFilterProxy::setTextFilter(const QString& text) {
    m_text = text.trimmed();
    m_textAscii.clear();
    bool ascii = true;
    for (const QChar c : std::as_const(m_text)) {
        ascii = ascii && c.unicode() < 0x80;
    }
    if (ascii) {
        m_textAscii = m_text.toLower().toLatin1();
    }
    invalidateRowsFilter();
}

void MessageFilterProxy::setSqlFilter(std::optional<SqlFilter> filter) {
    m_sql = std::move(filter);
    invalidateRowsFilter();
}

bool MessageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!m_model || sourceParent.isValid()) {
        return false;
    }
    const MessageRowStore& rows = m_model->rows();
    const MessageRow& row = rows.row(sourceRow);
    if (m_state && row.messageState() != *m_state) {
        return false;
    }
    if (m_reason && rows.textView(row, MessageRow::DeadLetterReason) !=
                        QUtf8StringView(m_reasonUtf8.constData(), m_reasonUtf8.size())) {
        return false;
    }
    if (!m_text.isEmpty() && !matchesText(row)) {
        return false;
    }
    return !m_sql || matchesSql(sourceRow);
}

bool MessageFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    if (!m_model || left.model() != m_model || right.model() != m_model) {
        return QSortFilterProxyModel::lessThan(left, right);
    }
    const MessageRowStore& rows = m_model->rows();
    const MessageRow& a = rows.row(left.row());
    const MessageRow& b = rows.row(right.row());
    const auto text = [&](MessageRow::Text field) {
        return QAnyStringView::compare(rows.textView(a, field), rows.textView(b, field),
                                       Qt::CaseInsensitive) < 0;
    };
    switch (left.column()) {
    case MessageListModel::SequenceNumber:
        return a.sequenceNumber < b.sequenceNumber;
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
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

bool MessageFilterProxy::matchesText(const MessageRow& row) const {
    const MessageRowStore& rows = m_model->rows();
    constexpr MessageRow::Text kFields[] = {
        MessageRow::MessageId, MessageRow::Subject,          MessageRow::ContentType,
        MessageRow::SessionId, MessageRow::DeadLetterReason, MessageRow::DeadLetterDescription};
    for (const MessageRow::Text field : kFields) {
        const QUtf8StringView value = rows.textView(row, field);
        if (value.isEmpty()) {
            continue;
        }
        if (m_textAscii.isEmpty() ? value.toString().contains(m_text, Qt::CaseInsensitive)
                                  : containsAscii(value, m_textAscii)) {
            return true;
        }
    }
    if (QString::number(row.sequenceNumber) == m_text) {
        return true;
    }
    const ServiceBusMessage* full = m_model->cache().peek(row.sequenceNumber);
    if (!full) {
        return false;
    }
    const AmqpMessage& amqp = full->amqp;
    if (containsText(amqp.applicationProperties, m_text) ||
        amqpIdToText(amqp.properties.correlationId).contains(m_text, Qt::CaseInsensitive) ||
        amqp.properties.to.contains(m_text, Qt::CaseInsensitive) ||
        amqp.properties.replyTo.contains(m_text, Qt::CaseInsensitive)) {
        return true;
    }
    const QByteArray body = amqp.bodyKind == AmqpMessage::BodyKind::Data
                                ? amqp.dataPayload()
                                : amqp.bodyValue().toString().toUtf8();
    return m_textAscii.isEmpty() ? QString::fromUtf8(body).contains(m_text, Qt::CaseInsensitive)
                                 : containsAscii(QUtf8StringView(body), m_textAscii);
}

bool MessageFilterProxy::matchesSql(int sourceRow) const {
    const qint64 sequenceNumber = m_model->rows().row(sourceRow).sequenceNumber;
    const ServiceBusMessage* full = m_model->cache().peek(sequenceNumber);
    const FilterContext context = full ? filterContextFromMessage(full->amqp)
                                       : contextFromSummary(m_model->summaryAt(sourceRow));
    QString error;
    return m_sql->evaluate(context, &error) == FilterOutcome::Match;
}

} // namespace busbar
