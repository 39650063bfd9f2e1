#pragma once

#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"
#include "core/admin/XmlElement.h"
#include "core/common/Result.h"

#include <optional>

namespace busbar {

// Reads descriptions from their XML element by element name, in any order (§3.0): values
// that are malformed fail with a message naming the element; read-only runtime elements
// fill the runtime info; AuthorizationRules and unknown elements go to `extras` when given
// (a client re-sends them on update), else they are ignored. Ranges are not checked here
// (see EntityValidator): a client must show whatever the service reports.
class DescriptionReader final {
public:
    static Result<QueueDescription> readQueue(const XmlElement& element,
                                              EntityRuntimeInfo* runtime = nullptr,
                                              DescriptionExtras* extras = nullptr);
    static Result<TopicDescription> readTopic(const XmlElement& element,
                                              EntityRuntimeInfo* runtime = nullptr,
                                              DescriptionExtras* extras = nullptr);
    // defaultRule receives a DefaultRuleDescription when the request carries one.
    static Result<SubscriptionDescription>
    readSubscription(const XmlElement& element, EntityRuntimeInfo* runtime = nullptr,
                     std::optional<RuleDescription>* defaultRule = nullptr,
                     DescriptionExtras* extras = nullptr);
};

} // namespace busbar
