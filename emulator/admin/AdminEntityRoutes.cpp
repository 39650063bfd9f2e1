// The entity operations of AdminRequestHandler: lists, get, create/update (§1.4).
#include "core/admin/EntityValidator.h"
#include "core/admin/XmlElement.h"
#include "emulator/admin/AdminRequestContext.h"
#include "emulator/admin/AdminRequestHandler.h"
#include "emulator/broker/Broker.h"

#include <algorithm>

namespace busbar::emulator {

using namespace admin_detail;

namespace {

template <typename T, typename NameOf>
void sortByName(QList<T>& items, NameOf nameOf) {
    std::sort(items.begin(), items.end(), [&](const T& a, const T& b) {
        return nameOf(a).compare(nameOf(b), Qt::CaseInsensitive) < 0;
    });
}

// The description element's name inside an <entry> (or the root, for a bare description).
QString contentKind(const QByteArray& body) {
    const auto root = XmlElement::parse(body);
    if (!root) {
        return {};
    }
    if (root->name != u"entry") {
        return root->name;
    }
    const XmlElement* content = root->child(QLatin1StringView("content"));
    return content && !content->children.isEmpty() ? content->children.first().name : QString();
}

} // namespace

AtomEntry AdminRequestHandler::queueEntry(const Context& context,
                                          const QueueDescription& queue) const {
    const EntityRuntimeInfo runtime =
        m_broker->runtimeInfo(queue.name).value_or(EntityRuntimeInfo{});
    QueueDescription shown = queue;
    shown.forwardTo = context.absolute(queue.forwardTo);
    shown.forwardDeadLetteredMessagesTo = context.absolute(queue.forwardDeadLetteredMessagesTo);
    return {meta(context, queue.name, queue.name, runtime),
            AtomSerializer::queueContent(shown, runtime)};
}

AtomEntry AdminRequestHandler::topicEntry(const Context& context,
                                          const TopicDescription& topic) const {
    const EntityRuntimeInfo runtime =
        m_broker->runtimeInfo(topic.name).value_or(EntityRuntimeInfo{});
    return {meta(context, topic.name, topic.name, runtime),
            AtomSerializer::topicContent(topic, runtime)};
}

AtomEntry AdminRequestHandler::subscriptionEntry(const Context& context,
                                                 const SubscriptionDescription& s) const {
    const QString path = s.topicName + QStringLiteral("/Subscriptions/") + s.name;
    const EntityRuntimeInfo runtime = m_broker->runtimeInfo(path).value_or(EntityRuntimeInfo{});
    SubscriptionDescription shown = s;
    shown.forwardTo = context.absolute(s.forwardTo);
    shown.forwardDeadLetteredMessagesTo = context.absolute(s.forwardDeadLetteredMessagesTo);
    return {meta(context, path, s.name, runtime),
            AtomSerializer::subscriptionContent(shown, runtime)};
}

AtomEntry AdminRequestHandler::ruleEntry(const Context& context, const QString& subscriptionPath,
                                         const RuleDescription& rule) const {
    EntityRuntimeInfo times;
    times.createdAt = rule.createdAt;
    times.updatedAt = rule.createdAt;
    return {
        meta(context, subscriptionPath + QStringLiteral("/Rules/") + rule.name, rule.name, times),
        AtomSerializer::ruleContent(rule)};
}

AdminResponse AdminRequestHandler::namespaceInfo(const Context& context) const {
    NamespaceInfo info;
    info.name = m_namespaceName;
    info.createdTime = m_startedAt; // stable across calls, like a real namespace's
    info.modifiedTime = info.createdTime;
    AtomEntryMeta m;
    m.id = context.base + QStringLiteral("$namespaceinfo?api-version=") + context.apiVersion;
    m.selfHref = m.id;
    m.title = m_namespaceName;
    m.updated = info.createdTime;
    m.author = m_namespaceName;
    return {200, kEntryType,
            AtomSerializer::entry({m, AtomSerializer::namespaceInfoContent(info)})};
}

AdminResponse AdminRequestHandler::listQueues(const Context& context) const {
    QList<QueueDescription> queues = m_broker->queues();
    sortByName(queues, [](const QueueDescription& q) { return q.name; });
    QList<AtomEntry> entries;
    for (const auto& queue : queues) {
        entries.append(queueEntry(context, queue));
    }
    return feed(context, QStringLiteral("Queues"), entries);
}

AdminResponse AdminRequestHandler::listTopics(const Context& context) const {
    QList<TopicDescription> topics = m_broker->topics();
    sortByName(topics, [](const TopicDescription& t) { return t.name; });
    QList<AtomEntry> entries;
    for (const auto& topic : topics) {
        entries.append(topicEntry(context, topic));
    }
    return feed(context, QStringLiteral("Topics"), entries);
}

AdminResponse AdminRequestHandler::listSubscriptions(const Context& context,
                                                     const QString& topic) const {
    const auto found = m_broker->topic(topic);
    if (!found) {
        return fromError(found.error(), context.path);
    }
    QList<SubscriptionDescription> subscriptions = m_broker->subscriptions(found->name);
    sortByName(subscriptions, [](const SubscriptionDescription& s) { return s.name; });
    QList<AtomEntry> entries;
    for (const auto& subscription : subscriptions) {
        entries.append(subscriptionEntry(context, subscription));
    }
    return feed(context, QStringLiteral("Subscriptions"), entries);
}

AdminResponse AdminRequestHandler::listRules(const Context& context, const QString& topic,
                                             const QString& subscription) const {
    const auto found = m_broker->subscription(topic, subscription);
    if (!found) {
        return fromError(found.error(), context.path);
    }
    auto rules = m_broker->rules(found->topicName, found->name);
    if (!rules) {
        return fromError(rules.error(), context.path);
    }
    sortByName(*rules, [](const RuleDescription& r) { return r.name; });
    const QString path = found->topicName + QStringLiteral("/Subscriptions/") + found->name;
    QList<AtomEntry> entries;
    for (const auto& rule : *rules) {
        entries.append(ruleEntry(context, path, rule));
    }
    return feed(context, QStringLiteral("Rules"), entries);
}

AdminResponse AdminRequestHandler::getEntity(const Context& context, const QString& path) const {
    if (const auto queue = m_broker->queue(path)) {
        return {200, kEntryType, AtomSerializer::entry(queueEntry(context, *queue))};
    }
    const auto topic = m_broker->topic(path);
    if (!topic) {
        return fromError(topic.error(), path);
    }
    return {200, kEntryType, AtomSerializer::entry(topicEntry(context, *topic))};
}

AdminResponse AdminRequestHandler::putEntity(const Context& context, const QString& path) const {
    if (const QString problem = EntityValidator::checkEntityPath(path); !problem.isEmpty()) {
        return errorResponse(
            400, QStringLiteral("The entity path '%1' is not valid: %2.").arg(path, problem), path);
    }
    const QString kind = contentKind(context.request.body);
    if (kind == u"TopicDescription") {
        return putTopic(context, path);
    }
    if (kind == u"QueueDescription" || kind.isEmpty()) {
        return putQueue(context, path); // an empty or broken body gets the queue parser's message
    }
    return errorResponse(
        400,
        QStringLiteral("The entry holds a %1; expected a QueueDescription or TopicDescription.")
            .arg(kind),
        path);
}

AdminResponse AdminRequestHandler::putQueue(const Context& context, const QString& path) const {
    auto parsed = AtomSerializer::parseQueueRequest(context.request.body);
    if (!parsed) {
        return fromError(parsed.error(), path);
    }
    QueueDescription queue = *parsed;
    queue.name = path;
    queue.forwardTo = entityPathOf(queue.forwardTo);
    queue.forwardDeadLetteredMessagesTo = entityPathOf(queue.forwardDeadLetteredMessagesTo);
    for (const auto& [header, target] :
         {std::pair{QByteArrayLiteral("ServiceBusSupplementaryAuthorization"), queue.forwardTo},
          std::pair{QByteArrayLiteral("ServiceBusDlqSupplementaryAuthorization"),
                    queue.forwardDeadLetteredMessagesTo}}) {
        if (AdminResponse denied = checkSupplementary(context, header, target);
            denied.status != 0) {
            return denied;
        }
    }
    const bool update = context.isUpdate();
    const auto stored = update ? m_broker->updateQueue(queue) : m_broker->createQueue(queue);
    if (!stored) {
        return fromError(stored.error(), path);
    }
    return {update ? 200 : 201, kEntryType, AtomSerializer::entry(queueEntry(context, *stored))};
}

AdminResponse AdminRequestHandler::putTopic(const Context& context, const QString& path) const {
    auto parsed = AtomSerializer::parseTopicRequest(context.request.body);
    if (!parsed) {
        return fromError(parsed.error(), path);
    }
    TopicDescription topic = *parsed;
    topic.name = path;
    const bool update = context.isUpdate();
    const auto stored = update ? m_broker->updateTopic(topic) : m_broker->createTopic(topic);
    if (!stored) {
        return fromError(stored.error(), path);
    }
    return {update ? 200 : 201, kEntryType, AtomSerializer::entry(topicEntry(context, *stored))};
}

AdminResponse AdminRequestHandler::getSubscription(const Context& context, const QString& topic,
                                                   const QString& name) const {
    const auto found = m_broker->subscription(topic, name);
    if (!found) {
        return fromError(found.error(), context.path);
    }
    return {200, kEntryType, AtomSerializer::entry(subscriptionEntry(context, *found))};
}

AdminResponse AdminRequestHandler::putSubscription(const Context& context, const QString& topic,
                                                   const QString& name) const {
    if (const QString problem =
            EntityValidator::checkChildName(name, QStringLiteral("subscription"));
        !problem.isEmpty()) {
        return errorResponse(400, QStringLiteral("'%1' is not valid: %2.").arg(name, problem),
                             context.path);
    }
    std::optional<RuleDescription> defaultRule;
    auto parsed = AtomSerializer::parseSubscriptionRequest(context.request.body, &defaultRule);
    if (!parsed) {
        return fromError(parsed.error(), context.path);
    }
    SubscriptionDescription subscription = *parsed;
    subscription.topicName = topic;
    subscription.name = name;
    subscription.forwardTo = entityPathOf(subscription.forwardTo);
    subscription.forwardDeadLetteredMessagesTo =
        entityPathOf(subscription.forwardDeadLetteredMessagesTo);
    for (const auto& [header, target] :
         {std::pair{QByteArrayLiteral("ServiceBusSupplementaryAuthorization"),
                    subscription.forwardTo},
          std::pair{QByteArrayLiteral("ServiceBusDlqSupplementaryAuthorization"),
                    subscription.forwardDeadLetteredMessagesTo}}) {
        if (AdminResponse denied = checkSupplementary(context, header, target);
            denied.status != 0) {
            return denied;
        }
    }
    const bool update = context.isUpdate();
    const auto stored = update ? m_broker->updateSubscription(subscription)
                               : m_broker->createSubscription(subscription);
    if (!stored) {
        return fromError(stored.error(), context.path);
    }
    if (!update && defaultRule) {
        // DefaultRuleDescription replaces the automatic $Default rule (§4.5); a rule the
        // broker rejects undoes the subscription, so a failed create leaves nothing behind.
        const QString defaultName = QStringLiteral("$Default");
        const bool replacesDefault =
            defaultRule->name.compare(defaultName, Qt::CaseInsensitive) == 0;
        const auto rule = replacesDefault
                              ? m_broker->updateRule(stored->topicName, stored->name, *defaultRule)
                              : m_broker->createRule(stored->topicName, stored->name, *defaultRule);
        if (!rule) {
            (void)m_broker->deleteEntity(stored->topicName + QStringLiteral("/Subscriptions/") +
                                         stored->name);
            return fromError(rule.error(), context.path);
        }
        if (!replacesDefault) {
            (void)m_broker->deleteRule(stored->topicName, stored->name, defaultName);
        }
    }
    return {update ? 200 : 201, kEntryType,
            AtomSerializer::entry(subscriptionEntry(context, *stored))};
}

AdminResponse AdminRequestHandler::getRule(const Context& context, const QString& topic,
                                           const QString& subscription, const QString& name) const {
    const auto rules = m_broker->rules(topic, subscription);
    if (!rules) {
        return fromError(rules.error(), context.path);
    }
    for (const auto& rule : *rules) {
        if (rule.name.compare(name, Qt::CaseInsensitive) == 0) {
            const auto owner = m_broker->subscription(topic, subscription);
            const QString path =
                owner ? owner->topicName + QStringLiteral("/Subscriptions/") + owner->name
                      : topic + QStringLiteral("/Subscriptions/") + subscription;
            return {200, kEntryType, AtomSerializer::entry(ruleEntry(context, path, rule))};
        }
    }
    return errorResponse(
        404, QStringLiteral("The messaging entity '%1' could not be found.").arg(context.path),
        context.path);
}

AdminResponse AdminRequestHandler::putRule(const Context& context, const QString& topic,
                                           const QString& subscription, const QString& name) const {
    if (const QString problem = EntityValidator::checkChildName(name, QStringLiteral("rule"));
        !problem.isEmpty()) {
        return errorResponse(400, QStringLiteral("'%1' is not valid: %2.").arg(name, problem),
                             context.path);
    }
    auto parsed = AtomSerializer::parseRuleRequest(context.request.body);
    if (!parsed) {
        return fromError(parsed.error(), context.path);
    }
    RuleDescription rule = *parsed;
    rule.name = name;
    const bool update = context.isUpdate();
    const auto stored = update ? m_broker->updateRule(topic, subscription, rule)
                               : m_broker->createRule(topic, subscription, rule);
    if (!stored) {
        return fromError(stored.error(), context.path);
    }
    const auto owner = m_broker->subscription(topic, subscription);
    const QString path = owner ? owner->topicName + QStringLiteral("/Subscriptions/") + owner->name
                               : topic + QStringLiteral("/Subscriptions/") + subscription;
    return {update ? 200 : 201, kEntryType,
            AtomSerializer::entry(ruleEntry(context, path, *stored))};
}

} // namespace busbar::emulator
