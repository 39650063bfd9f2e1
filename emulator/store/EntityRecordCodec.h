#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QList>

namespace busbar::emulator {

// Entity descriptions as the store keeps them: compact JSON, durations in milliseconds.
// Unknown keys are ignored and missing ones take the description's defaults, so a store written
// by an older emulator still loads.
namespace EntityRecordCodec {

[[nodiscard]] QByteArray encode(const QueueDescription& queue);
[[nodiscard]] QByteArray encode(const TopicDescription& topic);
[[nodiscard]] QByteArray encode(const SubscriptionDescription& subscription,
                                const QList<RuleDescription>& rules);

Result<QueueDescription> decodeQueue(const QByteArray& document);
Result<TopicDescription> decodeTopic(const QByteArray& document);
Result<SubscriptionDescription> decodeSubscription(const QByteArray& document,
                                                   QList<RuleDescription>* rules);

} // namespace EntityRecordCodec

} // namespace busbar::emulator
