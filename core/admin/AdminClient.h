#pragma once

#include "core/admin/AtomSerializer.h"
#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <optional>

namespace busbar {

// Entity management (servicebus-management.md): list/get/create/update/delete of queues,
// topics, subscriptions and rules, with runtime counts, and the namespace's info. Every call
// is asynchronous and never blocks; results come back on the thread that owns the client.
// Names come back in AtomItem::title and in the description's name fields.
class AdminClient {
public:
    virtual ~AdminClient() = default;

    virtual QFuture<Result<NamespaceInfo>> namespaceInfo() = 0;

    // Lists read every page, however many entities there are.
    virtual QFuture<Result<QList<AtomItem<QueueDescription>>>> listQueues() = 0;
    virtual QFuture<Result<AtomItem<QueueDescription>>> getQueue(const QString& name) = 0;
    virtual QFuture<Result<AtomItem<QueueDescription>>>
    createQueue(const QueueDescription& queue) = 0;
    // A full replacement: pass the extras read with the item so nothing is reset.
    virtual QFuture<Result<AtomItem<QueueDescription>>>
    updateQueue(const QueueDescription& queue, const DescriptionExtras& extras = {}) = 0;
    virtual QFuture<VoidResult> deleteQueue(const QString& name) = 0;

    virtual QFuture<Result<QList<AtomItem<TopicDescription>>>> listTopics() = 0;
    virtual QFuture<Result<AtomItem<TopicDescription>>> getTopic(const QString& name) = 0;
    virtual QFuture<Result<AtomItem<TopicDescription>>>
    createTopic(const TopicDescription& topic) = 0;
    virtual QFuture<Result<AtomItem<TopicDescription>>>
    updateTopic(const TopicDescription& topic, const DescriptionExtras& extras = {}) = 0;
    virtual QFuture<VoidResult> deleteTopic(const QString& name) = 0;

    virtual QFuture<Result<QList<AtomItem<SubscriptionDescription>>>>
    listSubscriptions(const QString& topic) = 0;
    virtual QFuture<Result<AtomItem<SubscriptionDescription>>>
    getSubscription(const QString& topic, const QString& name) = 0;
    // defaultRule replaces the $Default (1=1) rule the service would otherwise create.
    virtual QFuture<Result<AtomItem<SubscriptionDescription>>>
    createSubscription(const SubscriptionDescription& subscription,
                       const std::optional<RuleDescription>& defaultRule = std::nullopt) = 0;
    virtual QFuture<Result<AtomItem<SubscriptionDescription>>>
    updateSubscription(const SubscriptionDescription& subscription,
                       const DescriptionExtras& extras = {}) = 0;
    virtual QFuture<VoidResult> deleteSubscription(const QString& topic, const QString& name) = 0;

    virtual QFuture<Result<QList<AtomItem<RuleDescription>>>>
    listRules(const QString& topic, const QString& subscription) = 0;
    virtual QFuture<Result<AtomItem<RuleDescription>>>
    getRule(const QString& topic, const QString& subscription, const QString& name) = 0;
    virtual QFuture<Result<AtomItem<RuleDescription>>>
    createRule(const QString& topic, const QString& subscription, const RuleDescription& rule) = 0;
    virtual QFuture<Result<AtomItem<RuleDescription>>>
    updateRule(const QString& topic, const QString& subscription, const RuleDescription& rule) = 0;
    virtual QFuture<VoidResult> deleteRule(const QString& topic, const QString& subscription,
                                           const QString& name) = 0;
};

} // namespace busbar
