#include "core/filter/CorrelationFilter.h"

#include "core/filter/PropertyLookup.h"
#include "core/filter/SqlValue.h"

#include <QUuid>

namespace busbar {

namespace {

using namespace Qt::StringLiterals;

// Ids may arrive typed (ulong, uuid, binary); the filter holds their text.
QString systemText(const QVariant& value) {
    if (value.metaType() == QMetaType::fromType<QUuid>())
        return value.value<QUuid>().toString(QUuid::WithoutBraces);
    const sql::Value v = sql::Value::fromVariant(value);
    if (v.kind == sql::Value::Kind::String)
        return v.string;
    return value.toString();
}

bool fieldMatches(const QString& expected, const QVariantMap& system, const QString& name,
                  QLatin1String alias = {}) {
    if (expected.isEmpty())
        return true;
    const auto it = sql::findProperty(system, name, alias);
    if (it == system.cend() || !it->isValid())
        return false;
    return systemText(*it) == expected;
}

} // namespace

bool matchesCorrelationFilter(const CorrelationFilterDescription& filter,
                              const FilterContext& message) {
    const QVariantMap& sys = message.systemProperties;
    if (!fieldMatches(filter.correlationId, sys, u"CorrelationId"_s) ||
        !fieldMatches(filter.messageId, sys, u"MessageId"_s) ||
        !fieldMatches(filter.to, sys, u"To"_s) ||
        !fieldMatches(filter.replyTo, sys, u"ReplyTo"_s) ||
        !fieldMatches(filter.label, sys, u"Label"_s, "Subject"_L1) ||
        !fieldMatches(filter.sessionId, sys, u"SessionId"_s) ||
        !fieldMatches(filter.replyToSessionId, sys, u"ReplyToSessionId"_s) ||
        !fieldMatches(filter.contentType, sys, u"ContentType"_s))
        return false;
    for (auto it = filter.properties.cbegin(); it != filter.properties.cend(); ++it) {
        // Application property names are an ordinal dictionary key in the SDKs.
        const auto actual = message.userProperties.constFind(it.key());
        if (actual == message.userProperties.cend())
            return false;
        const sql::Value expected = sql::Value::fromVariant(*it);
        const sql::Value value = sql::Value::fromVariant(*actual);
        if (expected.isNull() || value.isNull()) {
            if (expected.isNull() != value.isNull())
                return false;
            continue;
        }
        if (!sql::valuesEqual(expected, value))
            return false;
    }
    return true;
}

} // namespace busbar
