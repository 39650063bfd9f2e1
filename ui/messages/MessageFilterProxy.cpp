#include "ui/messages/MessageFilterProxy.h"

#include "core/filter/MessageFilterContext.h"
#include "ui/messages/MessageListModel.h"

#include <QDateTime>

namespace busbar {

namespace {

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
    invalidateRowsFilter();
}

void MessageFilterProxy::setTextFilter(const QString& text) {
    m_text = text.trimmed();
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
    const MessageSummary& row = m_model->summaryAt(sourceRow);
    if (m_state && row.state != *m_state) {
        return false;
    }
    if (m_reason && row.deadLetterReason != *m_reason) {
        return false;
    }
    if (!m_text.isEmpty() && !matchesText(row)) {
        return false;
    }
    return !m_sql || matchesSql(row);
}

bool MessageFilterProxy::matchesText(const MessageSummary& row) const {
    const auto has = [this](const QString& field) {
        return field.contains(m_text, Qt::CaseInsensitive);
    };
    if (has(row.messageId) || has(row.subject) || has(row.contentType) || has(row.sessionId) ||
        has(row.deadLetterReason) || has(row.deadLetterDescription) ||
        QString::number(row.sequenceNumber) == m_text) {
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
    return QString::fromUtf8(body).contains(m_text, Qt::CaseInsensitive);
}

bool MessageFilterProxy::matchesSql(const MessageSummary& row) const {
    const ServiceBusMessage* full = m_model->cache().peek(row.sequenceNumber);
    const FilterContext context =
        full ? filterContextFromMessage(full->amqp) : contextFromSummary(row);
    QString error;
    return m_sql->evaluate(context, &error) == FilterOutcome::Match;
}

} // namespace busbar
