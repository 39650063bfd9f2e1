#include "core/admin/AtomAdminClient.h"
#include "core/admin/AtomAdminClientCalls.h"

namespace busbar {

using namespace admin_detail;

namespace {

// Queues, topics and rules take their name from the entry's title.
template <typename Description>
void nameFromTitle(AtomItem<Description>& item) {
    item.description.name = item.title;
}

template <typename Description>
QStringList forwardsOf(const Description& d) {
    return forwardTargets(d.forwardTo, d.forwardDeadLetteredMessagesTo);
}

} // namespace

template <typename Description>
QFuture<Result<AtomItem<Description>>>
AtomAdminClient::getItem(const QString& path, const QString& subject, ItemParser<Description> parse,
                         std::function<void(AtomItem<Description>&)> complete) {
    return call<AtomItem<Description>>(
        Request{"GET", path, {}, {}, false, {}, subject},
        [parse, complete = std::move(complete)](const HttpReply& reply) {
            auto item = parse(reply.body);
            if (item) {
                complete(*item);
            }
            return item;
        });
}

template <typename Description>
QFuture<Result<AtomItem<Description>>>
AtomAdminClient::putItem(Request request, const Description& sent, ItemParser<Description> parse,
                         std::function<void(AtomItem<Description>&)> complete) {
    return call<AtomItem<Description>>(
        std::move(request), [sent, parse, complete = std::move(complete)](const HttpReply& reply) {
            auto item = parsedOr(parse(reply.body), sent, sent.name);
            complete(*item);
            return item;
        });
}

// --- Queues ------------------------------------------------------------------------------

QFuture<Result<QList<AtomItem<QueueDescription>>>> AtomAdminClient::listQueues() {
    return listAll<QueueDescription>(
        QStringLiteral("$Resources/Queues"), QStringLiteral("the list of queues"),
        &AtomSerializer::parseQueueFeed, &nameFromTitle<QueueDescription>);
}

QFuture<Result<AtomItem<QueueDescription>>> AtomAdminClient::getQueue(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<AtomItem<QueueDescription>>(*error);
    }
    return getItem<QueueDescription>(name, quoted(QStringLiteral("queue"), name),
                                     &AtomSerializer::parseQueue, &nameFromTitle<QueueDescription>);
}

QFuture<Result<AtomItem<QueueDescription>>>
AtomAdminClient::createQueue(const QueueDescription& queue) {
    if (auto error = badNames(queue.name)) {
        return failed<AtomItem<QueueDescription>>(*error);
    }
    return putItem<QueueDescription>(Request{"PUT",
                                             queue.name,
                                             {},
                                             AtomSerializer::queueRequest(queue),
                                             false,
                                             forwardsOf(queue),
                                             quoted(QStringLiteral("queue"), queue.name)},
                                     queue, &AtomSerializer::parseQueue,
                                     &nameFromTitle<QueueDescription>);
}

QFuture<Result<AtomItem<QueueDescription>>>
AtomAdminClient::updateQueue(const QueueDescription& queue, const DescriptionExtras& extras) {
    if (auto error = badNames(queue.name)) {
        return failed<AtomItem<QueueDescription>>(*error);
    }
    return putItem<QueueDescription>(Request{"PUT",
                                             queue.name,
                                             {},
                                             AtomSerializer::queueRequest(queue, extras),
                                             true,
                                             forwardsOf(queue),
                                             quoted(QStringLiteral("queue"), queue.name)},
                                     queue, &AtomSerializer::parseQueue,
                                     &nameFromTitle<QueueDescription>);
}

QFuture<VoidResult> AtomAdminClient::deleteQueue(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<void>(*error);
    }
    return remove(name, quoted(QStringLiteral("queue"), name));
}

// --- Topics ------------------------------------------------------------------------------

QFuture<Result<QList<AtomItem<TopicDescription>>>> AtomAdminClient::listTopics() {
    return listAll<TopicDescription>(
        QStringLiteral("$Resources/Topics"), QStringLiteral("the list of topics"),
        &AtomSerializer::parseTopicFeed, &nameFromTitle<TopicDescription>);
}

QFuture<Result<AtomItem<TopicDescription>>> AtomAdminClient::getTopic(const QString& name) {
    if (auto error = badNames(name)) {
        return failed<AtomItem<TopicDescription>>(*error);
    }
    return getItem<TopicDescription>(name, quoted(QStringLiteral("topic"), name),
                                     &AtomSerializer::parseTopic, &nameFromTitle<TopicDescription>);
}

QFuture<Result<AtomItem<TopicDescription>>>
AtomAdminClient::createTopic(const TopicDescription& topic) {
    if (auto error = badNames(topic.name)) {
        return failed<AtomItem<TopicDescription>>(*error);
    }
    return putItem<TopicDescription>(Request{"PUT",
                                             topic.name,
                                             {},
                                             AtomSerializer::topicRequest(topic),
                                             false,
                                             {},
                                             quoted(QStringLiteral("topic"), topic.name)},
                                     topic, &AtomSerializer::parseTopic,
                                     &nameFromTitle<TopicDescription>);
}

QFuture<Result<AtomItem<TopicDescription>>>
AtomAdminClient::updateTopic(const TopicDescription& topic, const DescriptionExtras& extras) {
    if (auto error = badNames(topic.name)) {
        return failed<AtomItem<TopicDescription>>(*error);
    }
    return putItem<TopicDescription>(Request{"PUT",
                                             topic.name,
                                             {},
                                             AtomSerializer::topicRequest(topic, extras),
                                             true,
                                             {},
                                             quoted(QStringLiteral("topic"), topic.name)},
                                     topic, &AtomSerializer::parseTopic,
                                     &nameFromTitle<TopicDescription>);
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
    return getItem<SubscriptionDescription>(path, quoted(QStringLiteral("subscription"), path),
                                            &AtomSerializer::parseSubscription,
                                            [topic](AtomItem<SubscriptionDescription>& item) {
                                                item.description.topicName = topic;
                                                item.description.name = item.title;
                                            });
}

namespace {

// The service answers with the subscription's own name, not a title to copy from.
std::function<void(AtomItem<SubscriptionDescription>&)>
namesOf(const SubscriptionDescription& subscription) {
    return [topic = subscription.topicName,
            name = subscription.name](AtomItem<SubscriptionDescription>& item) {
        item.description.topicName = topic;
        item.description.name = name;
    };
}

} // namespace

QFuture<Result<AtomItem<SubscriptionDescription>>>
AtomAdminClient::createSubscription(const SubscriptionDescription& subscription,
                                    const std::optional<RuleDescription>& defaultRule) {
    if (auto error = badNames(subscription.topicName, {subscription.name})) {
        return failed<AtomItem<SubscriptionDescription>>(*error);
    }
    const QString path = subscriptionPath(subscription.topicName, subscription.name);
    return putItem<SubscriptionDescription>(
        Request{"PUT",
                path,
                {},
                AtomSerializer::subscriptionRequest(subscription, defaultRule),
                false,
                forwardsOf(subscription),
                quoted(QStringLiteral("subscription"), path)},
        subscription, &AtomSerializer::parseSubscription, namesOf(subscription));
}

QFuture<Result<AtomItem<SubscriptionDescription>>>
AtomAdminClient::updateSubscription(const SubscriptionDescription& subscription,
                                    const DescriptionExtras& extras) {
    if (auto error = badNames(subscription.topicName, {subscription.name})) {
        return failed<AtomItem<SubscriptionDescription>>(*error);
    }
    const QString path = subscriptionPath(subscription.topicName, subscription.name);
    return putItem<SubscriptionDescription>(
        Request{"PUT",
                path,
                {},
                AtomSerializer::subscriptionRequest(subscription, std::nullopt, extras),
                true,
                forwardsOf(subscription),
                quoted(QStringLiteral("subscription"), path)},
        subscription, &AtomSerializer::parseSubscription, namesOf(subscription));
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
    return listAll<RuleDescription>(
        path + QStringLiteral("/Rules"), QStringLiteral("the rules of '%1'").arg(path),
        &AtomSerializer::parseRuleFeed, &nameFromTitle<RuleDescription>);
}

QFuture<Result<AtomItem<RuleDescription>>>
AtomAdminClient::getRule(const QString& topic, const QString& subscription, const QString& name) {
    if (auto error = badNames(topic, {subscription, name})) {
        return failed<AtomItem<RuleDescription>>(*error);
    }
    const QString path = rulePath(topic, subscription, name);
    return getItem<RuleDescription>(path, quoted(QStringLiteral("rule"), path),
                                    &AtomSerializer::parseRule, &nameFromTitle<RuleDescription>);
}

QFuture<Result<AtomItem<RuleDescription>>>
AtomAdminClient::createRule(const QString& topic, const QString& subscription,
                            const RuleDescription& rule) {
    if (auto error = badNames(topic, {subscription, rule.name})) {
        return failed<AtomItem<RuleDescription>>(*error);
    }
    const QString path = rulePath(topic, subscription, rule.name);
    return putItem<RuleDescription>(Request{"PUT",
                                            path,
                                            {},
                                            AtomSerializer::ruleRequest(rule),
                                            false,
                                            {},
                                            quoted(QStringLiteral("rule"), path)},
                                    rule, &AtomSerializer::parseRule,
                                    &nameFromTitle<RuleDescription>);
}

QFuture<Result<AtomItem<RuleDescription>>>
AtomAdminClient::updateRule(const QString& topic, const QString& subscription,
                            const RuleDescription& rule) {
    if (auto error = badNames(topic, {subscription, rule.name})) {
        return failed<AtomItem<RuleDescription>>(*error);
    }
    const QString path = rulePath(topic, subscription, rule.name);
    return putItem<RuleDescription>(Request{"PUT",
                                            path,
                                            {},
                                            AtomSerializer::ruleRequest(rule),
                                            true,
                                            {},
                                            quoted(QStringLiteral("rule"), path)},
                                    rule, &AtomSerializer::parseRule,
                                    &nameFromTitle<RuleDescription>);
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
