#include "emulator/broker/Broker.h"

#include "emulator/broker/BrokerLogging.h"
#include "emulator/broker/BrokerPrivate.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/store/EntityRecordCodec.h"
#include "emulator/store/InMemoryMessageStore.h"

#include <QLoggingCategory>

namespace busbar::emulator {

Q_LOGGING_CATEGORY(lcBroker, "busbar.emulator.broker")

// How often expired messages are swept out even when nobody receives or peeks.
constexpr int kSweepIntervalMs = 500;

Broker::Private::Private(Broker* broker)
    : q(broker) {}

Broker::Broker(const NamespaceConfig& config, MessageStore* store, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this)) {
    if (!store) {
        d->ownedStore = std::make_unique<InMemoryMessageStore>();
        store = d->ownedStore.get();
    }
    d->store = store;
    d->deadlineTimer.setSingleShot(true);
    d->deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&d->deadlineTimer, &QTimer::timeout, this, [this] { d->onDeadlineTimer(); });
    d->sweepTimer.setInterval(kSweepIntervalMs);
    connect(&d->sweepTimer, &QTimer::timeout, this, [this] { d->sweepExpired(); });

    d->recovering = true;
    d->loadConfig(config);
    auto snapshot = store->load();
    if (snapshot) {
        d->recover(std::move(*snapshot));
    } else {
        qCCritical(lcBroker) << "Could not load the message store:" << snapshot.error().message;
    }
    d->recovering = false;
    d->sweepTimer.start();
}

Broker::~Broker() = default;

// --- helpers ----------------------------------------------------------------------------

Error Broker::Private::error(ErrorCode code, const QString& message, const QString& condition) {
    Error e = Error::make(code, message);
    e.condition = condition;
    e.description = message;
    return e;
}

Error Broker::Private::notFound(const QString& path) {
    return error(ErrorCode::EntityNotFound,
                 QStringLiteral("The messaging entity '%1' could not be found.").arg(path),
                 QStringLiteral("amqp:not-found"));
}

BrokerEntity* Broker::Private::findEntity(const QString& path) const {
    auto address = EntityAddress::parse(path);
    if (!address) {
        return nullptr;
    }
    const auto it = entities.find(address->entityPath.toLower());
    return it == entities.end() ? nullptr : it->second.get();
}

Result<BrokerEntity*> Broker::Private::entityFor(const EntityAddress& address) const {
    const auto it = entities.find(address.entityPath.toLower());
    if (it == entities.end()) {
        return fail(notFound(address.entityPath));
    }
    return it->second.get();
}

Result<MessageQueue*> Broker::Private::queueFor(const EntityAddress& address,
                                                BrokerEntity** entityOut) const {
    auto entity = entityFor(address);
    if (!entity) {
        return fail(entity.error());
    }
    MessageQueue* queue = (*entity)->queueFor(address.subQueue);
    if (!queue) {
        return fail(notFound(address.toString()));
    }
    if (entityOut) {
        *entityOut = *entity;
    }
    return queue;
}

void Broker::Private::post(std::function<void()> work) {
    QMetaObject::invokeMethod(q, std::move(work), Qt::QueuedConnection);
}

void Broker::Private::finish(const VoidCompletion& done, VoidResult result) {
    if (done) {
        post([done, r = std::move(result)] { done(r); });
    }
}

void Broker::Private::finishWhenDurable(const VoidCompletion& done) {
    store->whenDurable([done](VoidResult durable) {
        if (done) {
            done(durable);
        }
    });
}

QByteArray Broker::Private::encodeForStore(const StoredMessage& message) const {
    return store->isPersistent() ? message.message.encode() : QByteArray();
}

// Sequence numbers are reserved in blocks so the counter is written once per block, not per
// message; a restart continues after the block, leaving a gap (allowed: they only increase).
constexpr qint64 kSequenceReservation = 1000;

void Broker::Private::persistInsert(MessageQueue& queue, const StoredMessage& message,
                                    const QByteArray& encoded) {
    if (recovering) {
        return;
    }
    if (queue.nextSequenceNumber() > queue.reservedUpTo) {
        queue.reservedUpTo = queue.nextSequenceNumber() + kSequenceReservation;
        store->saveSequenceCounter(queue.entityPath(), queue.subQueue(), queue.reservedUpTo);
    }
    store->insertMessage(queue.entityPath(), queue.subQueue(), message, encoded);
}

void Broker::Private::persistUpdate(MessageQueue& queue, const StoredMessage& message) {
    if (!recovering) {
        store->updateMessage(queue.entityPath(), queue.subQueue(), message);
    }
}

void Broker::Private::persistRemove(MessageQueue& queue, qint64 sequenceNumber) {
    if (!recovering) {
        store->removeMessage(queue.entityPath(), queue.subQueue(), sequenceNumber);
    }
}

void Broker::Private::persistEntity(const BrokerEntity& entity) {
    if (recovering) {
        return;
    }
    StoredEntity record;
    record.path = entity.path;
    switch (entity.kind) {
    case BrokerEntity::Kind::Queue:
        record.kind = StoredEntity::Kind::Queue;
        record.document = EntityRecordCodec::encode(entity.queue);
        break;
    case BrokerEntity::Kind::Topic:
        record.kind = StoredEntity::Kind::Topic;
        record.document = EntityRecordCodec::encode(entity.topic);
        break;
    case BrokerEntity::Kind::Subscription: {
        record.kind = StoredEntity::Kind::Subscription;
        QList<RuleDescription> rules;
        for (const auto& rule : entity.rules) {
            rules.append(rule.description());
        }
        record.document = EntityRecordCodec::encode(entity.subscription, rules);
        break;
    }
    }
    store->saveEntity(record);
}

// --- entity queries ---------------------------------------------------------------------

QList<QueueDescription> Broker::queues() const {
    QList<QueueDescription> result;
    for (const auto& [key, entity] : d->entities) {
        if (entity->kind == BrokerEntity::Kind::Queue) {
            result.append(entity->queue);
        }
    }
    return result;
}

QList<TopicDescription> Broker::topics() const {
    QList<TopicDescription> result;
    for (const auto& [key, entity] : d->entities) {
        if (entity->kind == BrokerEntity::Kind::Topic) {
            result.append(entity->topic);
        }
    }
    return result;
}

QList<SubscriptionDescription> Broker::subscriptions(const QString& topic) const {
    QList<SubscriptionDescription> result;
    const BrokerEntity* entity = d->findEntity(topic);
    if (entity && entity->kind == BrokerEntity::Kind::Topic) {
        for (const auto& [name, sub] : entity->subscriptions) {
            result.append(sub->subscription);
        }
    }
    return result;
}

Result<QList<RuleDescription>> Broker::rules(const QString& topic,
                                             const QString& subscription) const {
    const QString path = topic + QStringLiteral("/Subscriptions/") + subscription;
    const BrokerEntity* entity = d->findEntity(path);
    if (!entity || entity->kind != BrokerEntity::Kind::Subscription) {
        return fail(Private::notFound(path));
    }
    QList<RuleDescription> result;
    for (const auto& rule : entity->rules) {
        result.append(rule.description());
    }
    return result;
}

Result<QueueDescription> Broker::queue(const QString& name) const {
    const BrokerEntity* entity = d->findEntity(name);
    if (!entity || entity->kind != BrokerEntity::Kind::Queue) {
        return fail(Private::notFound(name));
    }
    return entity->queue;
}

Result<TopicDescription> Broker::topic(const QString& name) const {
    const BrokerEntity* entity = d->findEntity(name);
    if (!entity || entity->kind != BrokerEntity::Kind::Topic) {
        return fail(Private::notFound(name));
    }
    return entity->topic;
}

Result<SubscriptionDescription> Broker::subscription(const QString& topic,
                                                     const QString& name) const {
    const QString path = topic + QStringLiteral("/Subscriptions/") + name;
    const BrokerEntity* entity = d->findEntity(path);
    if (!entity || entity->kind != BrokerEntity::Kind::Subscription) {
        return fail(Private::notFound(path));
    }
    return entity->subscription;
}

Result<EntityRuntimeInfo> Broker::runtimeInfo(const QString& entityPath) const {
    const BrokerEntity* entity = d->findEntity(entityPath);
    if (!entity) {
        return fail(Private::notFound(entityPath));
    }
    return d->runtimeInfo(*entity);
}

Result<EntityAddress> Broker::resolve(const EntityAddress& address) const {
    auto entity = d->entityFor(address);
    if (!entity) {
        return fail(entity.error());
    }
    EntityAddress resolved = address;
    resolved.entityPath = (*entity)->path;
    return resolved;
}

qint64 Broker::maxMessageSizeBytes(const QString& entityPath) const {
    const BrokerEntity* entity = d->findEntity(entityPath);
    return entity ? entity->maxMessageSizeBytes() : 256 * 1024;
}

bool Broker::requiresSession(const QString& entityPath) const {
    // A dead-letter queue of a session entity is read without sessions.
    const auto address = EntityAddress::parse(entityPath);
    const BrokerEntity* entity = d->findEntity(entityPath);
    return address && address->subQueue == SubQueue::Main && entity && entity->requiresSession();
}

} // namespace busbar::emulator
