#pragma once

#include "emulator/broker/BrokerTypes.h"

#include <QObject>

#include <functional>
#include <memory>

namespace busbar::emulator {

class MessageStore;
struct NamespaceConfig;

// The Service Bus broker model of one namespace: entities, messages, locks, sessions, rules.
// Transport-free: the AMQP layer and the HTTP admin API call it; it never sees a socket.
// Lives on one thread; every method must be called on that thread.
//
// Consumers: a receive link registers as a consumer; the broker emits messagesAvailable when
// one of its entities may have something to deliver, and the link pulls with receive().
class Broker final : public QObject {
    Q_OBJECT
public:
    using ConsumerId = quint64;

    Broker(const NamespaceConfig& config, MessageStore* store, QObject* parent = nullptr);
    ~Broker() override;

    // --- Entities (admin API, Config.json) -------------------------------------------
    [[nodiscard]] QList<QueueDescription> queues() const;
    [[nodiscard]] QList<TopicDescription> topics() const;
    [[nodiscard]] QList<SubscriptionDescription> subscriptions(const QString& topic) const;
    [[nodiscard]] Result<QList<RuleDescription>> rules(const QString& topic,
                                                       const QString& subscription) const;
    [[nodiscard]] Result<QueueDescription> queue(const QString& name) const;
    [[nodiscard]] Result<TopicDescription> topic(const QString& name) const;
    [[nodiscard]] Result<SubscriptionDescription> subscription(const QString& topic,
                                                               const QString& name) const;
    [[nodiscard]] Result<EntityRuntimeInfo> runtimeInfo(const QString& entityPath) const;
    // Create fails with EntityAlreadyExists; update with EntityNotFound; both validate.
    Result<QueueDescription> createQueue(const QueueDescription& description);
    Result<QueueDescription> updateQueue(const QueueDescription& description);
    Result<TopicDescription> createTopic(const TopicDescription& description);
    Result<TopicDescription> updateTopic(const TopicDescription& description);
    Result<SubscriptionDescription> createSubscription(const SubscriptionDescription& description);
    Result<SubscriptionDescription> updateSubscription(const SubscriptionDescription& description);
    Result<RuleDescription> createRule(const QString& topic, const QString& subscription,
                                       const RuleDescription& rule);
    Result<RuleDescription> updateRule(const QString& topic, const QString& subscription,
                                       const RuleDescription& rule);
    VoidResult deleteEntity(const QString& entityPath); // queue, topic (with subs) or subscription
    VoidResult deleteRule(const QString& topic, const QString& subscription, const QString& rule);

    // Resolves a parsed address to the existing entity (case-insensitive), or EntityNotFound
    // with "The messaging entity '<path>' could not be found.".
    [[nodiscard]] Result<EntityAddress> resolve(const EntityAddress& address) const;
    [[nodiscard]] qint64 maxMessageSizeBytes(const QString& entityPath) const;
    [[nodiscard]] bool requiresSession(const QString& entityPath) const;

    // --- Sending ---------------------------------------------------------------------
    // Stores every message (a batch is all or nothing): sequence numbers, TTL, scheduling by
    // x-opt-scheduled-enqueue-time, duplicate detection, topic fan-out, auto-forwarding,
    // size and status checks. `done` runs once the messages are durable.
    void send(const EntityAddress& target, QList<AmqpMessage> messages, VoidCompletion done);
    void scheduleMessages(const EntityAddress& target, QList<AmqpMessage> messages,
                          Completion<QList<qint64>> done);
    void cancelScheduled(const EntityAddress& target, const QList<qint64>& sequenceNumbers,
                         VoidCompletion done);

    // --- Receiving ---------------------------------------------------------------------
    // sessionFilter: nullopt = not a session receiver; a null QString = next available;
    // otherwise that session. Fails with SessionCannotBeLocked / Timeout / InvalidInput.
    struct ConsumerOptions {
        EntityAddress source;
        ReceiveMode mode = ReceiveMode::PeekLock;
        std::optional<QString> sessionFilter;
    };
    struct ConsumerInfo {
        ConsumerId id = 0;
        QString lockedSessionId; // for session consumers
        qint64 sessionLockedUntilMs = 0;
    };
    Result<ConsumerInfo> attachConsumer(const ConsumerOptions& options);
    // Releases the consumer's locks at once (messages become available) and its session lock.
    void detachConsumer(ConsumerId consumer);
    // Takes up to maxCount available messages for the consumer: locked (PeekLock) or removed
    // (ReceiveAndDelete). Delivery count is incremented here.
    QList<LockedMessage> receive(ConsumerId consumer, int maxCount);
    // Settles a message locked through a consumer (the link) or through management.
    void settle(ConsumerId consumer, const QUuid& lockToken, const Disposition& disposition,
                VoidCompletion done);
    void updateDisposition(const EntityAddress& entity, const QList<QUuid>& lockTokens,
                           const Disposition& disposition, const std::optional<QString>& sessionId,
                           VoidCompletion done);
    Result<QList<qint64>> renewLocks(const EntityAddress& entity,
                                     const QList<QUuid>& lockTokens); // locked-until per token
    void receiveBySequenceNumbers(const EntityAddress& entity, const QList<qint64>& sequenceNumbers,
                                  ReceiveMode mode, const std::optional<QString>& sessionId,
                                  Completion<QList<LockedMessage>> done);

    // --- Browsing and deleting --------------------------------------------------------
    Result<QList<StoredMessage>> peek(const EntityAddress& entity, qint64 fromSequenceNumber,
                                      int maxCount, const std::optional<QString>& sessionId) const;
    // The same messages without copying them: `visit` sees each where the broker keeps it,
    // oldest first, and must not call back into the broker. Returns how many it saw.
    using PeekVisitor = std::function<void(const StoredMessage&)>;
    Result<int> peekEach(const EntityAddress& entity, qint64 fromSequenceNumber, int maxCount,
                         const std::optional<QString>& sessionId, const PeekVisitor& visit) const;
    void batchDelete(const EntityAddress& entity, int maxCount, qint64 enqueuedBeforeMs,
                     const std::optional<QString>& sessionId, Completion<int> done);

    // --- Sessions ----------------------------------------------------------------------
    Result<qint64> renewSessionLock(const EntityAddress& entity,
                                    const QString& sessionId); // locked-until
    Result<QByteArray> sessionState(const EntityAddress& entity, const QString& sessionId) const;
    void setSessionState(const EntityAddress& entity, const QString& sessionId,
                         const QByteArray& state, VoidCompletion done);
    Result<QList<QString>> sessions(const EntityAddress& entity, qint64 updatedAfterMs, int skip,
                                    int top) const;

Q_SIGNALS:
    // Something may be receivable for these consumers (new message, lock expired, abandon).
    void messagesAvailable(const QList<busbar::emulator::Broker::ConsumerId>& consumers);
    // A consumer lost its session lock (expiry): the link must detach with session-lock-lost.
    void sessionLockLost(busbar::emulator::Broker::ConsumerId consumer);
    // Entity set changed (admin API): links to deleted entities detach.
    void entityDeleted(const QString& entityPath);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace busbar::emulator
