#include "core/admin/AtomAdminClient.h"
#include "core/admin/AtomAdminClientCalls.h"

namespace busbar {

using namespace admin_detail;

// --- Queues ------------------------------------------------------------------------------

namespace {

void completeQueue(AtomItem<QueueDescription>& item) {
    item.description.name = item.title;
}
void completeTopic(AtomItem<TopicDescription>& item) {
    item.description.name = item.title;
}
void completeRule(AtomItem<RuleDescription>& item) {
    item.description.name = item.title;
}

} // namespace

QFuture<Result<QList<AtomItem<QueueDescription>>>> AtomAdminClient::listQueues() {
    return listAll<QueueDescription>(QStringLiteral("$Resources/Queues"),
                                     QStringLiteral("the list of queues"),
                                     &AtomSerializer::parseQueueFeed, &completeQueue);
}

QFuture<Result<AtomItem<QueueDescription>>> AtomAdminClient::getQueue(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<AtomItem<QueueDescription>>(*error);
    }
    return call<AtomItem<QueueDescription>>(
        Request{"GET", name, {}, {}, false, {}, quoted(QStringLiteral("queue"), name)},
        [](const HttpReply& reply) {
            auto item = AtomSerializer::parseQueue(reply.body);
            if (item) {
                completeQueue(*item);
            }
            return item;
        });
}

QFuture<Result<AtomItem<QueueDescription>>>
AtomAdminClient::createQueue(const QueueDescription& queue) {
    if (auto error = badNames(queue.name)) {
        return failed<AtomItem<QueueDescription>>(*error);
    }
    return call<AtomItem<QueueDescription>>(
        Request{"PUT",
                queue.name,
                {},
                AtomSerializer::queueRequest(queue),
                false,
                forwardTargets(queue.forwardTo, queue.forwardDeadLetteredMessagesTo),
                quoted(QStringLiteral("queue"), queue.name)},
        [queue](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseQueue(reply.body), queue, queue.name);
            completeQueue(*item);
            return item;
        });
}

QFuture<Result<AtomItem<QueueDescription>>>
AtomAdminClient::updateQueue(const QueueDescription& queue, const DescriptionExtras& extras) {
    if (auto error = badNames(queue.name)) {
        return failed<AtomItem<QueueDescription>>(*error);
    }
    return call<AtomItem<QueueDescription>>(
        Request{"PUT",
                queue.name,
                {},
                AtomSerializer::queueRequest(queue, extras),
                true,
                forwardTargets(queue.forwardTo, queue.forwardDeadLetteredMessagesTo),
                quoted(QStringLiteral("queue"), queue.name)},
        [queue](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseQueue(reply.body), queue, queue.name);
            completeQueue(*item);
            return item;
        });
}

QFuture<VoidResult> AtomAdminClient::deleteQueue(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<void>(*error);
    }
    return remove(name, quoted(QStringLiteral("queue"), name));
}

// --- Topics ------------------------------------------------------------------------------

QFuture<Result<QList<AtomItem<TopicDescription>>>> AtomAdminClient::listTopics() {
    return listAll<TopicDescription>(QStringLiteral("$Resources/Topics"),
                                     QStringLiteral("the list of topics"),
                                     &AtomSerializer::parseTopicFeed, &completeTopic);
}

QFuture<Result<AtomItem<TopicDescription>>> AtomAdminClient::getTopic(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<AtomItem<TopicDescription>>(*error);
    }
    return call<AtomItem<TopicDescription>>(
        Request{"GET", name, {}, {}, false, {}, quoted(QStringLiteral("topic"), name)},
        [](const HttpReply& reply) {
            auto item = AtomSerializer::parseTopic(reply.body);
            if (item) {
                completeTopic(*item);
            }
            return item;
        });
}

QFuture<Result<AtomItem<TopicDescription>>>
AtomAdminClient::createTopic(const TopicDescription& topic) {
    if (auto error = badNames(topic.name)) {
        return failed<AtomItem<TopicDescription>>(*error);
    }
    return call<AtomItem<TopicDescription>>(
        Request{"PUT",
                topic.name,
                {},
                AtomSerializer::topicRequest(topic),
                false,
                {},
                quoted(QStringLiteral("topic"), topic.name)},
        [topic](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseTopic(reply.body), topic, topic.name);
            completeTopic(*item);
            return item;
        });
}

QFuture<Result<AtomItem<TopicDescription>>>
AtomAdminClient::updateTopic(const TopicDescription& topic, const DescriptionExtras& extras) {
    if (auto error = badNames(topic.name)) {
        return failed<AtomItem<TopicDescription>>(*error);
    }
    return call<AtomItem<TopicDescription>>(
        Request{"PUT",
                topic.name,
                {},
                AtomSerializer::topicRequest(topic, extras),
                true,
                {},
                quoted(QStringLiteral("topic"), topic.name)},
        [topic](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseTopic(reply.body), topic, topic.name);
            completeTopic(*item);
            return item;
        });
}

QFuture<VoidResult> AtomAdminClient::deleteTopic(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<void>(*error);
    }
    return remove(name, quoted(QStringLiteral("topic"), name));
}

// --- Subscriptions -----------------------------------------------------------------------

QFuture<Result<QList<AtomItem<SubscriptionDescription>>>>
AtomAdminClient::listSubscriptions(const QString& topic) {
    if (auto error = badNames(topic)) {
        return failed<QList<AtomItem<SubscriptionDescription>>>(*error);
    }
    return listAll<SubscriptionDescription>(topic + QStringLiteral("/Subscriptions"),
                                            QStringLiteral("the subscriptions of '%1'").arg(topic),
                                            &AtomSerializer::parseSubscriptionFeed,
                                            [topic](AtomItem<SubscriptionDescription>& item) {
                                                item.description.topicName = topic;
                                                item.description.name = item.title;
                                            });
}

QFuture<Result<AtomItem<SubscriptionDescription>>>
AtomAdminClient::getSubscription(const QString& topic, const QString& name) {
    if (auto error = badNames(topic, {name})) {
        return failed<AtomItem<SubscriptionDescription>>(*error);
    }
    const QString path = subscriptionPath(topic, name);
    return call<AtomItem<SubscriptionDescription>>(
        Request{"GET", path, {}, {}, false, {}, quoted(QStringLiteral("subscription"), path)},
        [topic](const HttpReply& reply) {
            auto item = AtomSerializer::parseSubscription(reply.body);
            if (item) {
                item->description.topicName = topic;
                item->description.name = item->title;
            }
            return item;
        });
}

QFuture<Result<AtomItem<SubscriptionDescription>>>
AtomAdminClient::createSubscription(const SubscriptionDescription& subscription,
                                    const std::optional<RuleDescription>& defaultRule) {
    if (auto error = badNames(subscription.topicName, {subscription.name})) {
        return failed<AtomItem<SubscriptionDescription>>(*error);
    }
    const QString path = subscriptionPath(subscription.topicName, subscription.name);
    return call<AtomItem<SubscriptionDescription>>(
        Request{"PUT",
                path,
                {},
                AtomSerializer::subscriptionRequest(subscription, defaultRule),
                false,
                forwardTargets(subscription.forwardTo, subscription.forwardDeadLetteredMessagesTo),
                quoted(QStringLiteral("subscription"), path)},
        [subscription](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseSubscription(reply.body), subscription,
                                 subscription.name);
            item->description.topicName = subscription.topicName;
            item->description.name = subscription.name;
            return item;
        });
}

QFuture<Result<AtomItem<SubscriptionDescription>>>
AtomAdminClient::updateSubscription(const SubscriptionDescription& subscription,
                                    const DescriptionExtras& extras) {
    if (auto error = badNames(subscription.topicName, {subscription.name})) {
        return failed<AtomItem<SubscriptionDescription>>(*error);
    }
    const QString path = subscriptionPath(subscription.topicName, subscription.name);
    return call<AtomItem<SubscriptionDescription>>(
        Request{"PUT",
                path,
                {},
                AtomSerializer::subscriptionRequest(subscription, std::nullopt, extras),
                true,
                forwardTargets(subscription.forwardTo, subscription.forwardDeadLetteredMessagesTo),
                quoted(QStringLiteral("subscription"), path)},
        [subscription](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseSubscription(reply.body), subscription,
                                 subscription.name);
            item->description.topicName = subscription.topicName;
            item->description.name = subscription.name;
            return item;
        });
}

QFuture<VoidResult> AtomAdminClient::deleteSubscription(const QString& topic, const QString& name) {
    if (auto error = badNames(topic, {name})) {
        return failed<void>(*error);
    }
    const QString path = subscriptionPath(topic, name);
    return remove(path, quoted(QStringLiteral("subscription"), path));
}

// --- Rules -------------------------------------------------------------------------------

QFuture<Result<QList<AtomItem<RuleDescription>>>>
AtomAdminClient::listRules(const QString& topic, const QString& subscription) {
    if (auto error = badNames(topic, {subscription})) {
        return failed<QList<AtomItem<RuleDescription>>>(*error);
    }
    const QString path = subscriptionPath(topic, subscription);
    return listAll<RuleDescription>(path + QStringLiteral("/Rules"),
                                    QStringLiteral("the rules of '%1'").arg(path),
                                    &AtomSerializer::parseRuleFeed, &completeRule);
}

QFuture<Result<AtomItem<RuleDescription>>>
AtomAdminClient::getRule(const QString& topic, const QString& subscription, const QString& name) {
    if (auto error = badNames(topic, {subscription, name})) {
        return failed<AtomItem<RuleDescription>>(*error);
    }
    const QString path = rulePath(topic, subscription, name);
    return call<AtomItem<RuleDescription>>(
        Request{"GET", path, {}, {}, false, {}, quoted(QStringLiteral("rule"), path)},
        [](const HttpReply& reply) {
            auto item = AtomSerializer::parseRule(reply.body);
            if (item) {
                completeRule(*item);
            }
            return item;
        });
}

QFuture<Result<AtomItem<RuleDescription>>>
AtomAdminClient::createRule(const QString& topic, const QString& subscription,
                            const RuleDescription& rule) {
    if (auto error = badNames(topic, {subscription, rule.name})) {
        return failed<AtomItem<RuleDescription>>(*error);
    }
    const QString path = rulePath(topic, subscription, rule.name);
    return call<AtomItem<RuleDescription>>(
        Request{"PUT",
                path,
                {},
                AtomSerializer::ruleRequest(rule),
                false,
                {},
                quoted(QStringLiteral("rule"), path)},
        [rule](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseRule(reply.body), rule, rule.name);
            completeRule(*item);
            return item;
        });
}

QFuture<Result<AtomItem<RuleDescription>>>
AtomAdminClient::updateRule(const QString& topic, const QString& subscription,
                            const RuleDescription& rule) {
    if (auto error = badNames(topic, {subscription, rule.name})) {
        return failed<AtomItem<RuleDescription>>(*error);
    }
    const QString path = rulePath(topic, subscription, rule.name);
    return call<AtomItem<RuleDescription>>(
        Request{"PUT",
                path,
                {},
                AtomSerializer::ruleRequest(rule),
                true,
                {},
                quoted(QStringLiteral("rule"), path)},
        [rule](const HttpReply& reply) {
            auto item = parsedOr(AtomSerializer::parseRule(reply.body), rule, rule.name);
            completeRule(*item);
            return item;
        });
}

QFuture<VoidResult> AtomAdminClient::deleteRule(const QString& topic, const QString& subscription,
                                                const QString& name) {
    if (auto error = badNames(topic, {subscription, name})) {
        return failed<void>(*error);
    }
    const QString path = rulePath(topic, subscription, name);
    return remove(path, quoted(QStringLiteral("rule"), path));
}

} // namespace busbar
