// Rule operations of {topic}/Subscriptions/{sub}/$management (servicebus-amqp.md §8.4) and
// the described types the SDKs decode rules from.
#include "emulator/amqp/ManagementOperations.h"
#include "emulator/broker/Broker.h"

#include <QDateTime>

namespace busbar::emulator {

namespace {

// Copied exactly: two of these differ from the others by one hex digit in length (§8.4).
constexpr quint64 kRuleDescription = 0x0000013700000004ULL;
constexpr quint64 kEmptyRuleAction = 0x0000013700000005ULL;
constexpr quint64 kSqlRuleAction = 0x0000013700000006ULL;
constexpr quint64 kSqlFilter = 0x000001370000006ULL;
constexpr quint64 kTrueFilter = 0x000001370000007ULL;
constexpr quint64 kFalseFilter = 0x000001370000008ULL;
constexpr quint64 kCorrelationFilter = 0x000001370000009ULL;

QVariant described(quint64 code, QVariantList fields) {
    return QVariant::fromValue(AmqpDescribed{QVariant::fromValue<quint64>(code), fields});
}

QVariant stringOrNull(const QString& text) {
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// "topic/Subscriptions/sub" -> {topic, sub}
std::pair<QString, QString> topicAndSubscription(const QString& path) {
    const QStringList parts = path.split(QLatin1Char('/'));
    if (parts.size() >= 3) {
        return {parts.first(), parts.last()};
    }
    return {path, QString()};
}

} // namespace

Result<RuleDescription> ruleFromManagementMap(const QString& name, const AmqpMap& description) {
    RuleDescription rule;
    rule.name = name;
    const QVariant* sql = mgmt::value(description, "sql-filter");
    const QVariant* correlation = mgmt::value(description, "correlation-filter");
    if (sql && sql->isValid()) {
        const QString expression =
            mgmt::optionalString(mgmt::map(*sql), "expression").value_or(QString());
        const QString trimmed = expression.simplified().remove(QLatin1Char(' '));
        if (trimmed == QLatin1String("1=1")) {
            rule.filterKind = FilterKind::True;
        } else if (trimmed == QLatin1String("1=0")) {
            rule.filterKind = FilterKind::False;
        } else {
            rule.filterKind = FilterKind::Sql;
        }
        rule.sqlExpression = expression;
    } else if (correlation && correlation->isValid()) {
        const AmqpMap fields = mgmt::map(*correlation);
        CorrelationFilterDescription& filter = rule.correlation;
        filter.correlationId = mgmt::optionalString(fields, "correlation-id").value_or(QString());
        filter.messageId = mgmt::optionalString(fields, "message-id").value_or(QString());
        filter.to = mgmt::optionalString(fields, "to").value_or(QString());
        filter.replyTo = mgmt::optionalString(fields, "reply-to").value_or(QString());
        filter.label = mgmt::optionalString(fields, "label").value_or(QString());
        filter.sessionId = mgmt::optionalString(fields, "session-id").value_or(QString());
        filter.replyToSessionId =
            mgmt::optionalString(fields, "reply-to-session-id").value_or(QString());
        filter.contentType = mgmt::optionalString(fields, "content-type").value_or(QString());
        if (const QVariant* properties = mgmt::value(fields, "properties")) {
            for (const auto& [key, value] : mgmt::map(*properties).entries) {
                filter.properties.insert(key.toString(), value);
            }
        }
        rule.filterKind = FilterKind::Correlation;
    } else {
        return fail(Error::invalidInput(
            QStringLiteral("The rule description has neither a sql-filter nor a "
                           "correlation-filter.")));
    }
    if (const QVariant* action = mgmt::value(description, "sql-rule-action");
        action && action->isValid()) {
        rule.actionExpression =
            mgmt::optionalString(mgmt::map(*action), "expression").value_or(QString());
    }
    return rule;
}

QVariant ruleToDescribedValue(const RuleDescription& rule) {
    QVariant filter;
    switch (rule.filterKind) {
    case FilterKind::True:
        filter = described(kTrueFilter, {});
        break;
    case FilterKind::False:
        filter = described(kFalseFilter, {});
        break;
    case FilterKind::Sql:
        filter = described(kSqlFilter, {rule.sqlExpression, QVariant::fromValue<qint32>(20)});
        break;
    case FilterKind::Correlation: {
        const CorrelationFilterDescription& c = rule.correlation;
        AmqpMap properties;
        for (auto it = c.properties.cbegin(); it != c.properties.cend(); ++it) {
            properties.entries.append({it.key(), it.value()});
        }
        filter = described(kCorrelationFilter,
                           {stringOrNull(c.correlationId), stringOrNull(c.messageId),
                            stringOrNull(c.to), stringOrNull(c.replyTo), stringOrNull(c.label),
                            stringOrNull(c.sessionId), stringOrNull(c.replyToSessionId),
                            stringOrNull(c.contentType), QVariant::fromValue(properties)});
        break;
    }
    }
    const QVariant action =
        rule.actionExpression.isEmpty()
            ? described(kEmptyRuleAction, {})
            : described(kSqlRuleAction, {rule.actionExpression, QVariant::fromValue<qint32>(20)});
    QVariantList fields{filter, action, rule.name};
    if (rule.createdAt.isValid()) {
        fields.append(rule.createdAt.toUTC());
    }
    return described(kRuleDescription, fields);
}

void ManagementOperations::addRule(const Call& call) {
    const std::optional<QString> name = mgmt::optionalString(call.body, "rule-name");
    const QVariant* description = mgmt::value(call.body, "rule-description");
    if (!name || !description) {
        return failed(call,
                      Error::invalidInput(QStringLiteral("The request body lacks 'rule-name' or "
                                                         "'rule-description'.")));
    }
    Result<RuleDescription> rule = ruleFromManagementMap(*name, mgmt::map(*description));
    if (!rule) {
        return failed(call, rule.error());
    }
    rule->createdAt = QDateTime::currentDateTimeUtc();
    const auto [topic, subscription] = topicAndSubscription(m_entity.entityPath);
    Result<RuleDescription> created = m_broker.createRule(topic, subscription, *rule);
    created ? ok(call) : failed(call, created.error());
}

void ManagementOperations::removeRule(const Call& call) {
    const std::optional<QString> name = mgmt::optionalString(call.body, "rule-name");
    if (!name) {
        return failed(call,
                      Error::invalidInput(QStringLiteral("The request body lacks 'rule-name'.")));
    }
    const auto [topic, subscription] = topicAndSubscription(m_entity.entityPath);
    VoidResult removed = m_broker.deleteRule(topic, subscription, *name);
    removed ? ok(call) : failed(call, removed.error());
}

void ManagementOperations::enumerateRules(const Call& call) {
    const auto [topic, subscription] = topicAndSubscription(m_entity.entityPath);
    Result<QList<RuleDescription>> rules = m_broker.rules(topic, subscription);
    if (!rules) {
        return failed(call, rules.error());
    }
    const QVariant* skipValue = mgmt::value(call.body, "skip");
    const QVariant* topValue = mgmt::value(call.body, "top");
    const qsizetype skip = skipValue ? std::max(0, skipValue->toInt()) : 0;
    const qsizetype top = topValue && topValue->toInt() > 0 ? topValue->toInt() : rules->size();
    QVariantList entries;
    for (qsizetype i = skip; i < rules->size() && entries.size() < top; ++i) {
        entries.append(
            QVariantMap{{QStringLiteral("rule-description"), ruleToDescribedValue(rules->at(i))}});
    }
    if (entries.isEmpty()) {
        return ok(call, {}, 204);
    }
    ok(call, QVariantMap{{QStringLiteral("rules"), entries}});
}

} // namespace busbar::emulator
