#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

namespace busbar::emulator {

// Checks descriptions against the cloud service's limits (not the Microsoft emulator's
// narrower quotas: a 5 s lock duration or a 2 s TTL must pass). Forwarding targets are checked
// by the broker, which knows which entities exist.
VoidResult validateQueue(const QueueDescription& queue);
VoidResult validateTopic(const TopicDescription& topic);
VoidResult validateSubscription(const SubscriptionDescription& subscription);
VoidResult validateRule(const RuleDescription& rule);
VoidResult validateEntityName(const QString& name, bool isSubscription);

} // namespace busbar::emulator
