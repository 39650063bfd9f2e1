#pragma once

#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"

#include <optional>

class QXmlStreamWriter;

namespace busbar {

// Which element order to write (servicebus-management.md §3.0): the service drops elements
// that come out of schema order, so a client must write the REQUEST order exactly; the
// emulator answers in the RESPONSE order, with runtime fields interleaved.
enum class DescriptionOrder { Request, Response };

// Writes <QueueDescription>, <TopicDescription>, <SubscriptionDescription> and
// <RuleDescription> elements (with their default SB namespace) into an open writer.
class DescriptionWriter final {
public:
    // Request order; `extras` (read from the service) are re-sent: AuthorizationRules in
    // place, unknown elements at the end.
    static void writeQueue(QXmlStreamWriter& writer, const QueueDescription& queue,
                           const DescriptionExtras& extras = {});
    static void writeQueue(QXmlStreamWriter& writer, const QueueDescription& queue,
                           const EntityRuntimeInfo& runtime);
    static void writeTopic(QXmlStreamWriter& writer, const TopicDescription& topic,
                           const DescriptionExtras& extras = {});
    static void writeTopic(QXmlStreamWriter& writer, const TopicDescription& topic,
                           const EntityRuntimeInfo& runtime);
    // defaultRule: the create-only DefaultRuleDescription replacing $Default.
    static void writeSubscription(QXmlStreamWriter& writer,
                                  const SubscriptionDescription& subscription,
                                  const std::optional<RuleDescription>& defaultRule = std::nullopt,
                                  const DescriptionExtras& extras = {});
    static void writeSubscription(QXmlStreamWriter& writer,
                                  const SubscriptionDescription& subscription,
                                  const EntityRuntimeInfo& runtime);
    static void writeRule(QXmlStreamWriter& writer, const RuleDescription& rule,
                          DescriptionOrder order);
};

} // namespace busbar
