#include "emulator/broker/SubscriptionRule.h"

#include "core/filter/SqlFilter.h"

#include <QDateTime>

namespace busbar::emulator {

struct SubscriptionRule::Compiled {
    SqlFilter filter;
    std::optional<SqlRuleAction> action;
};

Result<SubscriptionRule> SubscriptionRule::compile(const RuleDescription& description) {
    auto compiled = std::make_shared<Compiled>();
    if (description.filterKind == FilterKind::Sql) {
        auto filter = SqlFilter::parse(description.sqlExpression, description.filterParameters);
        if (!filter) {
            return fail(filter.error());
        }
        compiled->filter = *filter;
    }
    if (!description.actionExpression.trimmed().isEmpty()) {
        auto action =
            SqlRuleAction::parse(description.actionExpression, description.actionParameters);
        if (!action) {
            return fail(action.error());
        }
        compiled->action = *action;
    }
    SubscriptionRule rule;
    rule.m_description = description;
    rule.m_compiled = std::move(compiled);
    return rule;
}

FilterOutcome SubscriptionRule::evaluate(const FilterContext& context) const {
    switch (m_description.filterKind) {
    case FilterKind::True:
        return FilterOutcome::Match;
    case FilterKind::False:
        return FilterOutcome::NoMatch;
    case FilterKind::Correlation:
        return matchesCorrelationFilter(m_description.correlation, context)
                   ? FilterOutcome::Match
                   : FilterOutcome::NoMatch;
    case FilterKind::Sql:
        return m_compiled->filter.evaluate(context, nullptr);
    }
    return FilterOutcome::NoMatch;
}

bool SubscriptionRule::hasAction() const {
    return m_compiled && m_compiled->action.has_value();
}

VoidResult SubscriptionRule::applyAction(FilterContext& context) const {
    if (!hasAction()) {
        return {};
    }
    return m_compiled->action->apply(context);
}

FilterContext filterContextFor(const StoredMessage& stored) {
    FilterContext context;
    const AmqpMessage& m = stored.message;
    QVariantMap& sys = context.systemProperties;
    auto put = [&sys](const QString& key, const QVariant& value) {
        if (value.isValid()) {
            sys.insert(key, value);
        }
    };
    auto putText = [&sys](const QString& key, const QString& value) {
        if (!value.isNull()) {
            sys.insert(key, value);
        }
    };
    putText(QStringLiteral("MessageId"),
            stored.messageIdText.isEmpty() ? QString() : stored.messageIdText);
    putText(QStringLiteral("Label"), m.properties.subject);
    putText(QStringLiteral("To"), m.properties.to);
    putText(QStringLiteral("ReplyTo"), m.properties.replyTo);
    putText(QStringLiteral("SessionId"), m.properties.groupId);
    putText(QStringLiteral("ReplyToSessionId"), m.properties.replyToGroupId);
    if (m.properties.correlationId.isValid()) {
        putText(QStringLiteral("CorrelationId"), amqpIdToText(m.properties.correlationId));
    }
    if (!m.properties.contentType.isNull()) {
        putText(QStringLiteral("ContentType"), QString::fromUtf8(m.properties.contentType));
    }
    if (m.header.ttlMs) {
        put(QStringLiteral("TimeToLive"), QVariant::fromValue<qint64>(*m.header.ttlMs));
    }
    if (stored.scheduledEnqueueTimeMs > 0) {
        put(QStringLiteral("ScheduledEnqueueTimeUtc"),
            QDateTime::fromMSecsSinceEpoch(stored.scheduledEnqueueTimeMs, Qt::UTC));
    }
    put(QStringLiteral("DeliveryCount"), QVariant::fromValue<qint64>(stored.deliveryCount));
    put(QStringLiteral("Size"), QVariant::fromValue<qint64>(stored.sizeInBytes));
    for (const auto& [key, value] : m.applicationProperties.entries) {
        context.userProperties.insert(key.toString(), value);
    }
    return context;
}

void applyFilterContext(const FilterContext& context, StoredMessage& stored) {
    AmqpMessage& m = stored.message;
    const QVariantMap& sys = context.systemProperties;
    // By value: an invalid QVariant (absent or removed by the action) clears the field.
    auto text = [&sys](const char* key, QString& field) {
        const QVariant value = sys.value(QString::fromLatin1(key));
        field = value.isValid() ? value.toString() : QString();
    };
    text("Label", m.properties.subject);
    text("To", m.properties.to);
    text("ReplyTo", m.properties.replyTo);
    text("SessionId", m.properties.groupId);
    text("ReplyToSessionId", m.properties.replyToGroupId);
    stored.sessionId = m.properties.groupId;
    const QVariant correlation = sys.value(QStringLiteral("CorrelationId"));
    const QString oldCorrelation =
        m.properties.correlationId.isValid() ? amqpIdToText(m.properties.correlationId) : QString();
    const QString newCorrelation = correlation.isValid() ? correlation.toString() : QString();
    if (newCorrelation != oldCorrelation) {
        m.properties.correlationId =
            newCorrelation.isNull() ? QVariant() : QVariant(newCorrelation);
    }
    const QVariant contentType = sys.value(QStringLiteral("ContentType"));
    m.properties.contentType =
        contentType.isValid() ? contentType.toString().toUtf8() : QByteArray();

    // Keep the order of surviving properties; new ones go at the end.
    AmqpMap properties;
    QVariantMap remaining = context.userProperties;
    for (const auto& [key, value] : m.applicationProperties.entries) {
        const QString name = key.toString();
        const auto it = remaining.find(name);
        if (it != remaining.end()) {
            properties.entries.append({key, *it});
            remaining.erase(it);
        }
    }
    for (auto it = remaining.cbegin(); it != remaining.cend(); ++it) {
        properties.entries.append({QVariant(it.key()), it.value()});
    }
    m.applicationProperties = std::move(properties);
    m.hasApplicationProperties = !m.applicationProperties.entries.isEmpty();
}

} // namespace busbar::emulator
