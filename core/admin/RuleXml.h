#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/admin/XmlElement.h"
#include "core/common/Result.h"

#include <QVariantMap>

class QXmlStreamWriter;

namespace busbar {

// Filters, actions and typed parameter values in their XML form (servicebus-management.md
// §3.4, §3.8, §4). Used inside RuleDescription and a subscription's DefaultRuleDescription.
class RuleXml final {
public:
    // Writes Filter, Action, [CreatedAt], Name into the current (SB default-namespace) element.
    static void writeRuleBody(QXmlStreamWriter& writer, const RuleDescription& rule,
                              bool withCreatedAt);
    // Reads Filter/Action/Name/CreatedAt from a RuleDescription or DefaultRuleDescription.
    static Result<RuleDescription> readRule(const XmlElement& element);

    static void writeKeyValues(QXmlStreamWriter& writer, QLatin1StringView elementName,
                               const QVariantMap& values);
    static Result<QVariantMap> readKeyValues(const XmlElement& element);
};

} // namespace busbar
