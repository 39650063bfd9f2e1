#include "emulator/broker/BrokerPrivate.h"
#include "emulator/broker/EntityValidation.h"

namespace busbar::emulator {

namespace {

QDateTime utcNow() {
    return QDateTime::currentDateTimeUtc();
}

QString subscriptionPath(const QString& topic, const QString& name) {
    return topic + QStringLiteral("/Subscriptions/") + name;
}

Error alreadyExists(const QString& path) {
    Error e = Error::make(ErrorCode::EntityAlreadyExists,
                          QStringLiteral("The messaging entity '%1' already exists.").arg(path));
    e.condition = QStringLiteral("com.microsoft:entity-already-exists");
    e.statusCode = 409;
    return e;
}

Error createOnly(const QString& property) {
    Error e = Error::make(
        ErrorCode::InvalidInput,
        QStringLiteral("%1 cannot be changed after the entity is created.").arg(property));
    e.condition = QStringLiteral("com.microsoft:argument-error");
    e.statusCode = 400;
    return e;
}

} // namespace

BrokerEntity& Broker::Private::addEntity(BrokerEntity::Kind kind, const QString& path) {
    auto entity = std::make_unique<BrokerEntity>();
    entity->kind = kind;
    entity->path = path;
    entity->createdAt = utcNow();
    entity->updatedAt = entity->createdAt;
    BrokerEntity& ref = *entity;
    entities[path.toLower()] = std::move(entity);
    return ref;
}

// Queues are created once the description is final (sessions cannot change after creation).
// Dead-letter queues never expire their messages.
void Broker::Private::createQueues(BrokerEntity& entity) {
    entity.main = std::make_unique<MessageQueue>(nextQueueId++, entity.path, SubQueue::Main,
                                                 entity.requiresSession(), true);
    entity.deadLetter = std::make_unique<MessageQueue>(nextQueueId++, entity.path,
                                                       SubQueue::DeadLetter, false, false);
    entity.transferDeadLetter = std::make_unique<MessageQueue>(
        nextQueueId++, entity.path, SubQueue::TransferDeadLetter, false, false);
    for (MessageQueue* queue :
         {entity.main.get(), entity.deadLetter.get(), entity.transferDeadLetter.get()}) {
        queuesById[queue->id()] = queue;
    }
}

void Broker::Private::removeEntity(BrokerEntity& entity) {
    // Subscriptions go with their topic.
    std::vector<BrokerEntity*> doomed{&entity};
    for (const auto& [name, sub] : entity.subscriptions) {
        doomed.push_back(sub);
    }
    QStringList paths;
    for (BrokerEntity* e : doomed) {
        paths.append(e->path);
        for (auto& [id, c] : consumers) {
            if (c.entity == e) {
                c.entity = nullptr;
                c.queue = nullptr;
                c.locks.clear();
            }
        }
        for (MessageQueue* queue :
             {e->main.get(), e->deadLetter.get(), e->transferDeadLetter.get()}) {
            if (queue) {
                queuesById.erase(queue->id());
            }
        }
    }
    if (entity.parentTopic) {
        entity.parentTopic->subscriptions.erase(entity.subscription.name.toLower());
    }
    if (!recovering) {
        store->removeEntity(entity.path);
    }
    for (BrokerEntity* e : doomed) {
        entities.erase(e->path.toLower());
    }
    for (const QString& path : paths) {
        Q_EMIT q->entityDeleted(path);
    }
}

VoidResult Broker::Private::validateForwardTargets(const QString& ownPath, const QString& forwardTo,
                                                   const QString& forwardDeadLetteredTo) const {
    for (const QString& target : {forwardTo, forwardDeadLetteredTo}) {
        if (target.isEmpty() || recovering) {
            continue;
        }
        const BrokerEntity* entity = findEntity(target);
        if (!entity || entity->kind == BrokerEntity::Kind::Subscription) {
            Error e = error(
                ErrorCode::InvalidInput,
                QStringLiteral("The forwarding destination '%1' is not an existing queue or topic.")
                    .arg(target),
                QStringLiteral("com.microsoft:argument-error"));
            e.statusCode = 400;
            return std::unexpected(e);
        }
        if (entity->path.compare(ownPath, Qt::CaseInsensitive) == 0) {
            Error e = error(ErrorCode::InvalidInput,
                            QStringLiteral("An entity cannot forward to itself."),
                            QStringLiteral("com.microsoft:argument-error"));
            e.statusCode = 400;
            return std::unexpected(e);
        }
    }
    return {};
}

EntityRuntimeInfo Broker::Private::runtimeInfo(const BrokerEntity& entity) const {
    EntityRuntimeInfo info;
    const MessageQueue& main = *entity.main;
    info.counts.activeMessageCount = main.activeCount();
    info.counts.scheduledMessageCount = main.scheduledCount();
    info.counts.deferredMessageCount = main.deferredCount();
    info.counts.deadLetterMessageCount = entity.deadLetter->totalCount();
    info.counts.transferDeadLetterMessageCount = entity.transferDeadLetter->totalCount();
    info.counts.transferMessageCount = 0; // forwarding is synchronous: nothing is ever in transfer
    info.messageCount = info.counts.activeMessageCount + info.counts.scheduledMessageCount +
                        info.counts.deferredMessageCount + info.counts.deadLetterMessageCount +
                        info.counts.transferDeadLetterMessageCount;
    info.sizeInBytes = entity.sizeInBytes();
    info.createdAt = entity.createdAt;
    info.updatedAt = entity.updatedAt;
    info.accessedAt = entity.accessedAt;
    info.subscriptionCount = static_cast<int>(entity.subscriptions.size());
    return info;
}

// --- queues -------------------------------------------------------------------------------

Result<QueueDescription> Broker::createQueue(const QueueDescription& description) {
    if (auto ok = validateQueue(description); !ok) {
        return fail(ok.error());
    }
    if (d->findEntity(description.name)) {
        return fail(alreadyExists(description.name));
    }
    if (auto ok = d->validateForwardTargets(description.name, description.forwardTo,
                                            description.forwardDeadLetteredMessagesTo);
        !ok) {
        return fail(ok.error());
    }
    BrokerEntity& entity = d->addEntity(BrokerEntity::Kind::Queue, description.name);
    entity.queue = description;
    d->createQueues(entity);
    d->persistEntity(entity);
    return entity.queue;
}

Result<QueueDescription> Broker::updateQueue(const QueueDescription& description) {
    BrokerEntity* entity = d->findEntity(description.name);
    if (!entity || entity->kind != BrokerEntity::Kind::Queue) {
        return fail(Private::notFound(description.name));
    }
    if (auto ok = validateQueue(description); !ok) {
        return fail(ok.error());
    }
    if (description.requiresSession != entity->queue.requiresSession) {
        return fail(createOnly(QStringLiteral("RequiresSession")));
    }
    if (description.requiresDuplicateDetection != entity->queue.requiresDuplicateDetection) {
        return fail(createOnly(QStringLiteral("RequiresDuplicateDetection")));
    }
    if (description.enablePartitioning != entity->queue.enablePartitioning) {
        return fail(createOnly(QStringLiteral("EnablePartitioning")));
    }
    if (auto ok = d->validateForwardTargets(entity->path, description.forwardTo,
                                            description.forwardDeadLetteredMessagesTo);
        !ok) {
        return fail(ok.error());
    }
    entity->queue = description;
    entity->queue.name = entity->path;
    entity->updatedAt = utcNow();
    d->persistEntity(*entity);
    // Receiving may have been re-enabled.
    d->notify(*entity->main, {});
    return entity->queue;
}

// --- topics -------------------------------------------------------------------------------

Result<TopicDescription> Broker::createTopic(const TopicDescription& description) {
    if (auto ok = validateTopic(description); !ok) {
        return fail(ok.error());
    }
    if (d->findEntity(description.name)) {
        return fail(alreadyExists(description.name));
    }
    BrokerEntity& entity = d->addEntity(BrokerEntity::Kind::Topic, description.name);
    entity.topic = description;
    d->createQueues(entity);
    d->persistEntity(entity);
    return entity.topic;
}

Result<TopicDescription> Broker::updateTopic(const TopicDescription& description) {
    BrokerEntity* entity = d->findEntity(description.name);
    if (!entity || entity->kind != BrokerEntity::Kind::Topic) {
        return fail(Private::notFound(description.name));
    }
    if (auto ok = validateTopic(description); !ok) {
        return fail(ok.error());
    }
    if (description.requiresDuplicateDetection != entity->topic.requiresDuplicateDetection) {
        return fail(createOnly(QStringLiteral("RequiresDuplicateDetection")));
    }
    if (description.enablePartitioning != entity->topic.enablePartitioning) {
        return fail(createOnly(QStringLiteral("EnablePartitioning")));
    }
    entity->topic = description;
    entity->topic.name = entity->path;
    entity->updatedAt = utcNow();
    d->persistEntity(*entity);
    return entity->topic;
}

// --- subscriptions ---------------------------------------------------------------------------

Result<SubscriptionDescription>
Broker::createSubscription(const SubscriptionDescription& description) {
    if (auto ok = validateSubscription(description); !ok) {
        return fail(ok.error());
    }
    BrokerEntity* topic = d->findEntity(description.topicName);
    if (!topic || topic->kind != BrokerEntity::Kind::Topic) {
        return fail(Private::notFound(description.topicName));
    }
    const QString path = subscriptionPath(topic->path, description.name);
    if (d->findEntity(path)) {
        return fail(alreadyExists(path));
    }
    if (auto ok = d->validateForwardTargets(path, description.forwardTo,
                                            description.forwardDeadLetteredMessagesTo);
        !ok) {
        return fail(ok.error());
    }
    auto defaultRule = SubscriptionRule::compile(RuleDescription{});
    BrokerEntity& entity = d->addEntity(BrokerEntity::Kind::Subscription, path);
    entity.subscription = description;
    entity.subscription.topicName = topic->path;
    entity.parentTopic = topic;
    topic->subscriptions[description.name.toLower()] = &entity;
    if (defaultRule) {
        RuleDescription rule = defaultRule->description();
        rule.createdAt = utcNow();
        if (auto compiled = SubscriptionRule::compile(rule)) {
            entity.rules.append(*compiled);
        }
    }
    d->createQueues(entity);
    d->persistEntity(entity);
    return entity.subscription;
}

Result<SubscriptionDescription>
Broker::updateSubscription(const SubscriptionDescription& description) {
    const QString path = subscriptionPath(description.topicName, description.name);
    BrokerEntity* entity = d->findEntity(path);
    if (!entity || entity->kind != BrokerEntity::Kind::Subscription) {
        return fail(Private::notFound(path));
    }
    if (auto ok = validateSubscription(description); !ok) {
        return fail(ok.error());
    }
    if (description.requiresSession != entity->subscription.requiresSession) {
        return fail(createOnly(QStringLiteral("RequiresSession")));
    }
    if (auto ok = d->validateForwardTargets(path, description.forwardTo,
                                            description.forwardDeadLetteredMessagesTo);
        !ok) {
        return fail(ok.error());
    }
    const QString topicName = entity->subscription.topicName;
    const QString name = entity->subscription.name;
    entity->subscription = description;
    entity->subscription.topicName = topicName;
    entity->subscription.name = name;
    entity->updatedAt = utcNow();
    d->persistEntity(*entity);
    d->notify(*entity->main, {});
    return entity->subscription;
}

// --- rules ----------------------------------------------------------------------------------

Result<RuleDescription> Broker::createRule(const QString& topic, const QString& subscription,
                                           const RuleDescription& rule) {
    const QString path = subscriptionPath(topic, subscription);
    BrokerEntity* entity = d->findEntity(path);
    if (!entity || entity->kind != BrokerEntity::Kind::Subscription) {
        return fail(Private::notFound(path));
    }
    if (auto ok = validateRule(rule); !ok) {
        return fail(ok.error());
    }
    for (const auto& existing : entity->rules) {
        if (existing.name().compare(rule.name, Qt::CaseInsensitive) == 0) {
            return fail(alreadyExists(path + QStringLiteral("/Rules/") + rule.name));
        }
    }
    RuleDescription stamped = rule;
    if (!stamped.createdAt.isValid()) {
        stamped.createdAt = utcNow();
    }
    auto compiled = SubscriptionRule::compile(stamped);
    if (!compiled) {
        return fail(compiled.error());
    }
    entity->rules.append(*compiled);
    d->persistEntity(*entity);
    return stamped;
}

Result<RuleDescription> Broker::updateRule(const QString& topic, const QString& subscription,
                                           const RuleDescription& rule) {
    const QString path = subscriptionPath(topic, subscription);
    BrokerEntity* entity = d->findEntity(path);
    if (!entity || entity->kind != BrokerEntity::Kind::Subscription) {
        return fail(Private::notFound(path));
    }
    if (auto ok = validateRule(rule); !ok) {
        return fail(ok.error());
    }
    for (auto& existing : entity->rules) {
        if (existing.name().compare(rule.name, Qt::CaseInsensitive) == 0) {
            RuleDescription stamped = rule;
            stamped.name = existing.name();
            stamped.createdAt = existing.description().createdAt;
            auto compiled = SubscriptionRule::compile(stamped);
            if (!compiled) {
                return fail(compiled.error());
            }
            existing = *compiled;
            d->persistEntity(*entity);
            return stamped;
        }
    }
    return fail(Private::notFound(path + QStringLiteral("/Rules/") + rule.name));
}

VoidResult Broker::deleteRule(const QString& topic, const QString& subscription,
                              const QString& rule) {
    const QString path = subscriptionPath(topic, subscription);
    BrokerEntity* entity = d->findEntity(path);
    if (!entity || entity->kind != BrokerEntity::Kind::Subscription) {
        return fail(Private::notFound(path));
    }
    for (qsizetype i = 0; i < entity->rules.size(); ++i) {
        if (entity->rules[i].name().compare(rule, Qt::CaseInsensitive) == 0) {
            entity->rules.removeAt(i);
            d->persistEntity(*entity);
            return {};
        }
    }
    return fail(Private::notFound(path + QStringLiteral("/Rules/") + rule));
}

VoidResult Broker::deleteEntity(const QString& entityPath) {
    BrokerEntity* entity = d->findEntity(entityPath);
    if (!entity) {
        return fail(Private::notFound(entityPath));
    }
    d->removeEntity(*entity);
    return {};
}

} // namespace busbar::emulator
