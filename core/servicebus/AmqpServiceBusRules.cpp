#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/ManagementCodec.h"

namespace busbar {

namespace {

// Descriptor codes of enumerate-rules (servicebus-amqp.md §8.4); two differ in length by one
// hex digit, as the SDKs expect.
constexpr quint64 kRuleDescription = 0x0000013700000004ULL;
constexpr quint64 kSqlFilter = 0x000001370000006ULL;
constexpr quint64 kTrueFilter = 0x000001370000007ULL;
constexpr quint64 kFalseFilter = 0x000001370000008ULL;
constexpr quint64 kCorrelationFilter = 0x000001370000009ULL;
constexpr quint64 kSqlRuleAction = 0x0000013700000006ULL;

QVariant textOrNull(const QString& text) {
    return text.isEmpty() ? QVariant() : QVariant(text);
}

quint64 codeOf(const QVariant& descriptor) {
    if (descriptor.metaType() == QMetaType::fromType<AmqpSymbol>()) {
        const QByteArray name = descriptor.value<AmqpSymbol>().name;
        if (name == "com.microsoft:rule-description:list")
            return kRuleDescription;
        if (name == "com.microsoft:sql-filter:list")
            return kSqlFilter;
        if (name == "com.microsoft:true-filter:list")
            return kTrueFilter;
        if (name == "com.microsoft:false-filter:list")
            return kFalseFilter;
        if (name == "com.microsoft:correlation-filter:list")
            return kCorrelationFilter;
        if (name == "com.microsoft:sql-rule-action:list")
            return kSqlRuleAction;
        return 0;
    }
    return descriptor.toULongLong();
}

QString at(const QVariantList& list, int i) {
    return i < list.size() ? list.at(i).toString() : QString();
}

} // namespace

AmqpMap encodeRuleDescription(const RuleInfo& rule) {
    AmqpMap description;
    if (rule.correlationFilter) {
        AmqpMap filter = mgmt::map({
            {QStringLiteral("correlation-id"), textOrNull(rule.correlationId)},
            {QStringLiteral("message-id"), textOrNull(rule.messageId)},
            {QStringLiteral("to"), textOrNull(rule.to)},
            {QStringLiteral("reply-to"), textOrNull(rule.replyTo)},
            {QStringLiteral("label"), textOrNull(rule.subject)},
            {QStringLiteral("session-id"), textOrNull(rule.sessionId)},
            {QStringLiteral("reply-to-session-id"), textOrNull(rule.replyToSessionId)},
            {QStringLiteral("content-type"), textOrNull(rule.contentType)},
        });
        if (!rule.correlationProperties.entries.isEmpty()) {
            filter.entries.append(
                {QStringLiteral("properties"), QVariant::fromValue(rule.correlationProperties)});
        }
        description.entries.append(
            {QStringLiteral("correlation-filter"), QVariant::fromValue(filter)});
    } else {
        const QString expression =
            rule.sqlFilter.isEmpty() ? QStringLiteral("1=1") : rule.sqlFilter;
        description.entries.append(
            {QStringLiteral("sql-filter"),
             QVariant::fromValue(mgmt::map({{QStringLiteral("expression"), expression}}))});
    }
    description.entries.append(
        {QStringLiteral("sql-rule-action"),
         rule.sqlAction.isEmpty()
             ? QVariant()
             : QVariant::fromValue(mgmt::map({{QStringLiteral("expression"), rule.sqlAction}}))});
    description.entries.append({QStringLiteral("rule-name"), rule.name});
    return description;
}

Result<RuleInfo> decodeRuleDescription(const QVariant& described) {
    const auto bad = [] {
        return fail(ErrorCode::Protocol,
                    QStringLiteral("The broker sent a rule description this client cannot read."));
    };
    if (described.metaType() != QMetaType::fromType<AmqpDescribed>()) {
        return bad();
    }
    const AmqpDescribed rule = described.value<AmqpDescribed>();
    if (codeOf(rule.descriptor) != kRuleDescription) {
        return bad();
    }
    const QVariantList fields = rule.value.toList();
    RuleInfo info;
    info.name = at(fields, 2);
    if (!fields.isEmpty() && fields.at(0).metaType() == QMetaType::fromType<AmqpDescribed>()) {
        const AmqpDescribed filter = fields.at(0).value<AmqpDescribed>();
        const QVariantList f = filter.value.toList();
        switch (codeOf(filter.descriptor)) {
        case kSqlFilter:
            info.sqlFilter = at(f, 0);
            break;
        case kTrueFilter:
            info.sqlFilter = QStringLiteral("1=1");
            break;
        case kFalseFilter:
            info.sqlFilter = QStringLiteral("1=0");
            break;
        case kCorrelationFilter:
            info.correlationFilter = true;
            info.correlationId = at(f, 0);
            info.messageId = at(f, 1);
            info.to = at(f, 2);
            info.replyTo = at(f, 3);
            info.subject = at(f, 4);
            info.sessionId = at(f, 5);
            info.replyToSessionId = at(f, 6);
            info.contentType = at(f, 7);
            if (f.size() > 8 && f.at(8).metaType() == QMetaType::fromType<AmqpMap>()) {
                info.correlationProperties = f.at(8).value<AmqpMap>();
            }
            break;
        default:
            return bad();
        }
    }
    if (fields.size() > 1 && fields.at(1).metaType() == QMetaType::fromType<AmqpDescribed>()) {
        const AmqpDescribed action = fields.at(1).value<AmqpDescribed>();
        if (codeOf(action.descriptor) == kSqlRuleAction) {
            info.sqlAction = at(action.value.toList(), 0);
        }
    }
    return info;
}

} // namespace busbar
