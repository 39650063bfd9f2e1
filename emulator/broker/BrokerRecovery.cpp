#include "emulator/broker/BrokerLogging.h"
#include "emulator/broker/BrokerPrivate.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/store/EntityRecordCodec.h"

#include <QLoggingCategory>

namespace busbar::emulator {

// Config.json entities first; the store then adds runtime-created entities and replaces
// descriptions that were updated at runtime. Forwarding targets are not checked while loading,
// as the entity a queue forwards to may come later in the file.
void Broker::Private::loadConfig(const NamespaceConfig& config) {
    for (const QueueDescription& queue : config.queues) {
        if (auto created = q->createQueue(queue); !created) {
            qCWarning(lcBroker) << "Queue" << queue.name
                                << "from the configuration was skipped:" << created.error().message;
        }
    }
    for (const TopicConfig& topic : config.topics) {
        if (auto created = q->createTopic(topic.description); !created) {
            qCWarning(lcBroker) << "Topic" << topic.description.name
                                << "from the configuration was skipped:" << created.error().message;
            continue;
        }
        for (const SubscriptionConfig& subscription : topic.subscriptions) {
            SubscriptionDescription description = subscription.description;
            description.topicName = topic.description.name;
            if (auto created = q->createSubscription(description); !created) {
                qCWarning(lcBroker) << "Subscription" << description.name
                                    << "was skipped:" << created.error().message;
                continue;
            }
            if (subscription.rules.isEmpty()) {
                continue; // keeps $Default
            }
            (void)q->deleteRule(topic.description.name, description.name,
                                QStringLiteral("$Default"));
            for (const RuleDescription& rule : subscription.rules) {
                if (auto added = q->createRule(topic.description.name, description.name, rule);
                    !added) {
                    qCWarning(lcBroker)
                        << "Rule" << rule.name << "was skipped:" << added.error().message;
                }
            }
        }
    }
}

namespace {

template <typename T>
void warnIfFailed(const Result<T>& result, const QString& path) {
    if (!result) {
        qCWarning(lcBroker) << "The stored entity" << path
                            << "could not be restored:" << result.error().message;
    }
}

} // namespace

void Broker::Private::recover(StoreSnapshot snapshot) {
    // Entities: the stored description wins over the configuration's. Queues and topics come
    // before subscriptions, which need their topic. A topic is updated in place so the
    // configuration's subscriptions survive.
    for (int pass = 0; pass < 2; ++pass) {
        for (const StoredEntity& record : std::as_const(snapshot.entities)) {
            if ((record.kind == StoredEntity::Kind::Subscription) != (pass == 1)) {
                continue;
            }
            BrokerEntity* existing = findEntity(record.path);
            switch (record.kind) {
            case StoredEntity::Kind::Queue:
                if (auto description = EntityRecordCodec::decodeQueue(record.document)) {
                    if (existing) {
                        removeEntity(*existing);
                    }
                    warnIfFailed(q->createQueue(*description), record.path);
                }
                break;
            case StoredEntity::Kind::Topic:
                if (auto description = EntityRecordCodec::decodeTopic(record.document)) {
                    warnIfFailed(existing ? q->updateTopic(*description)
                                          : q->createTopic(*description),
                                 record.path);
                }
                break;
            case StoredEntity::Kind::Subscription: {
                QList<RuleDescription> rules;
                auto description = EntityRecordCodec::decodeSubscription(record.document, &rules);
                if (!description) {
                    break;
                }
                if (existing) {
                    removeEntity(*existing);
                }
                warnIfFailed(q->createSubscription(*description), record.path);
                if (BrokerEntity* sub = findEntity(record.path)) {
                    sub->rules.clear();
                    for (const RuleDescription& rule : std::as_const(rules)) {
                        if (auto compiled = SubscriptionRule::compile(rule)) {
                            sub->rules.append(*compiled);
                        }
                    }
                }
                break;
            }
            }
        }
    }

    // Sequence counters continue after the highest reservation.
    for (auto it = snapshot.sequenceCounters.cbegin(); it != snapshot.sequenceCounters.cend();
         ++it) {
        const QString key = it.key();
        const qsizetype bar = key.lastIndexOf(QLatin1Char('|'));
        BrokerEntity* entity = findEntity(key.left(bar));
        MessageQueue* queue =
            entity ? entity->queueFor(static_cast<SubQueue>(key.mid(bar + 1).toInt())) : nullptr;
        if (queue) {
            queue->setNextSequenceNumber(std::max(queue->nextSequenceNumber(), it.value() + 1));
        }
    }

    // Messages: locks are not persisted, so every message is available again.
    int skipped = 0;
    for (RecoveredMessage& recovered : snapshot.messages) {
        BrokerEntity* entity = findEntity(recovered.entityPath);
        MessageQueue* queue = entity ? entity->queueFor(recovered.subQueue) : nullptr;
        auto decoded = AmqpMessage::decode(recovered.encoded);
        if (!queue || !decoded) {
            ++skipped;
            continue;
        }
        StoredMessage stored = std::move(recovered.message);
        stored.message = std::move(*decoded);
        if (stored.sizeInBytes == 0) {
            stored.sizeInBytes = recovered.encoded.size();
        }
        const qint64 sequenceNumber = stored.sequenceNumber;
        const bool scheduled = stored.state == MessageState::Scheduled;
        const qint64 scheduledAt = stored.scheduledEnqueueTimeMs;
        queue->insert(std::move(stored));
        if (scheduled) {
            addDeadline(scheduledAt,
                        Deadline{Deadline::Kind::Scheduled, queue->id(), sequenceNumber, {}});
        }
    }
    if (skipped > 0) {
        qCWarning(lcBroker)
            << skipped << "stored messages belong to no entity or could not be decoded; skipped.";
    }
    for (const auto& [key, entity] : entities) {
        for (MessageQueue* queue :
             {entity->main.get(), entity->deadLetter.get(), entity->transferDeadLetter.get()}) {
            queue->reservedUpTo = queue->nextSequenceNumber() - 1;
        }
    }

    for (const StoredSessionState& state : std::as_const(snapshot.sessionStates)) {
        BrokerEntity* entity = findEntity(state.entityPath);
        if (entity && entity->main->isSessionful() && !state.state.isEmpty()) {
            entity->main->session(state.sessionId).state = state.state;
        }
    }
    const qint64 t = now();
    for (const StoredDuplicateId& id : std::as_const(snapshot.duplicateIds)) {
        BrokerEntity* entity = findEntity(id.entityPath);
        if (entity && id.seenAtMs >= t - entity->duplicateWindowMs()) {
            entity->duplicateIds.insert(id.messageId, id.seenAtMs);
            entity->duplicateOrder.emplace_back(id.seenAtMs, id.messageId);
        }
    }
    for (const auto& [key, entity] : entities) {
        std::sort(entity->duplicateOrder.begin(), entity->duplicateOrder.end());
    }
}

} // namespace busbar::emulator
