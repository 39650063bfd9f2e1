#pragma once

#include "emulator/broker/Broker.h"
#include "emulator/broker/BrokerEntity.h"
#include "emulator/store/MessageStore.h"

#include <QDateTime>
#include <QHash>
#include <QMetaObject>
#include <QSet>
#include <QTimer>

#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

namespace busbar::emulator {

class InMemoryMessageStore;

// Internals shared by the Broker*.cpp files, one concern each: entities (BrokerEntities),
// sending and routing (BrokerSend, BrokerRouting), receiving and settling (BrokerReceive,
// BrokerSettle), sessions (BrokerSessions), timers and browsing (BrokerMaintenance), start-up
// recovery (BrokerRecovery).
class Broker::Private {
public:
    using ConsumerId = Broker::ConsumerId;

    struct Consumer {
        ConsumerId id = 0;
        BrokerEntity* entity = nullptr; // null once the entity was deleted
        MessageQueue* queue = nullptr;
        ReceiveMode mode = ReceiveMode::PeekLock;
        bool sessionful = false;
        QString sessionId;
        bool sessionLost = false;
        QSet<QUuid> locks;
    };

    struct Deadline {
        // LockCheck: the queue's message locks (one pending check per queue, not one per lock).
        enum class Kind { LockCheck, SessionLock, Scheduled };
        Kind kind = Kind::LockCheck;
        quint64 queueId = 0;
        qint64 sequenceNumber = 0;
        QString sessionId;
    };

    // A message on its way in: broker fields filled, plus its encoding for the store.
    struct Incoming {
        StoredMessage stored;
        QByteArray encoded; // empty when the store is not persistent
    };

    explicit Private(Broker* broker);

    // --- helpers (Broker.cpp) ---
    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }
    static Error error(ErrorCode code, const QString& message, const QString& condition = {});
    static Error notFound(const QString& path);
    [[nodiscard]] BrokerEntity* findEntity(const QString& path) const;
    Result<BrokerEntity*> entityFor(const EntityAddress& address) const;
    Result<MessageQueue*> queueFor(const EntityAddress& address,
                                   BrokerEntity** entity = nullptr) const;
    // Completions always run on a later event-loop turn.
    void post(std::function<void()> work);
    template <typename T>
    void finish(const Completion<T>& done, Result<T> result) {
        if (done) {
            post([done, r = std::move(result)]() mutable { done(std::move(r)); });
        }
    }
    void finish(const VoidCompletion& done, VoidResult result);
    // Runs `done` with the result once everything written so far is durable.
    void finishWhenDurable(const VoidCompletion& done);
    template <typename T>
    void finishWhenDurable(const Completion<T>& done, T value) {
        store->whenDurable([done, v = std::move(value)](VoidResult durable) mutable {
            if (done) {
                done(durable ? Result<T>(std::move(v))
                             : Result<T>(std::unexpected(durable.error())));
            }
        });
    }
    QByteArray encodeForStore(const StoredMessage& message) const;
    void persistInsert(MessageQueue& queue, const StoredMessage& message,
                       const QByteArray& encoded);
    void persistUpdate(MessageQueue& queue, const StoredMessage& message);
    void persistRemove(MessageQueue& queue, qint64 sequenceNumber);
    void persistEntity(const BrokerEntity& entity);

    // --- entities (BrokerEntities.cpp) ---
    BrokerEntity& addEntity(BrokerEntity::Kind kind, const QString& path);
    void createQueues(BrokerEntity& entity);
    void removeEntity(BrokerEntity& entity);
    VoidResult validateForwardTargets(const QString& ownPath, const QString& forwardTo,
                                      const QString& forwardDeadLetteredTo) const;
    [[nodiscard]] EntityRuntimeInfo runtimeInfo(const BrokerEntity& entity) const;

    // --- sending and routing (BrokerSend.cpp, BrokerRouting.cpp) ---
    Result<Incoming> prepare(const BrokerEntity& target, AmqpMessage message) const;
    Result<QList<Incoming>> admit(BrokerEntity& entity, const EntityAddress& target,
                                  QList<AmqpMessage> messages);
    bool isDuplicate(BrokerEntity& entity, const QString& messageId);
    // Routes a message into `entity`: scheduled messages wait in its main queue; topics fan
    // out; forwarding entities pass it on. Returns the sequence number when it was held here.
    qint64 route(BrokerEntity& entity, Incoming message, int hops);
    void fanOut(BrokerEntity& topic, const Incoming& message, int hops);
    qint64 insert(BrokerEntity& entity, MessageQueue& queue, Incoming message);
    // Stores a message straight into a dead-letter queue of `entity` with the reason set.
    void insertDeadLettered(BrokerEntity& entity, MessageQueue& queue, Incoming message,
                            const QString& reason, const QString& description);
    void applyTtl(const BrokerEntity& entity, StoredMessage& message, qint64 enqueuedAtMs) const;
    void activateScheduled(MessageQueue& queue, qint64 sequenceNumber);
    static void setDeadLetterProperties(StoredMessage& message, const QString& reason,
                                        const QString& description, const QString& source);

    // --- receiving and settling (BrokerReceive.cpp, BrokerSettle.cpp) ---
    Consumer* consumer(ConsumerId id);
    LockedMessage lockMessage(BrokerEntity& entity, MessageQueue& queue, QueuedMessage& entry,
                              ConsumerId owner, qint64 lockedUntilMs);
    VoidResult applyDisposition(BrokerEntity& entity, MessageQueue& queue, QueuedMessage& entry,
                                const Disposition& disposition);
    // Unlocks: the attempt stays counted unless `rollBack`; max delivery count dead-letters.
    void releaseLock(BrokerEntity& entity, MessageQueue& queue, QueuedMessage& entry,
                     bool rollBack);
    void forgetLock(const QueuedMessage& entry);
    void deadLetter(BrokerEntity& entity, MessageQueue& queue, qint64 sequenceNumber,
                    const QString& reason, const QString& description,
                    const AmqpMap& propertiesToModify);
    void expire(BrokerEntity& entity, MessageQueue& queue, qint64 sequenceNumber);
    static void mergeProperties(StoredMessage& message, const AmqpMap& properties);

    // --- sessions (BrokerSessions.cpp) ---
    Result<QString> lockSession(BrokerEntity& entity, MessageQueue& queue,
                                const std::optional<QString>& sessionId, ConsumerId owner);
    void releaseSession(MessageQueue& queue, const QString& sessionId, ConsumerId owner);
    void sessionLockExpired(MessageQueue& queue, const QString& sessionId);
    Result<SessionSlot*> heldSession(const EntityAddress& entity, const QString& sessionId,
                                     MessageQueue** queueOut = nullptr,
                                     BrokerEntity** entityOut = nullptr) const;

    // --- timers, notifications, browsing (BrokerMaintenance.cpp) ---
    void addDeadline(qint64 atMs, Deadline deadline);
    // Makes sure the queue's locks are looked at no later than `atMs`.
    void armLockCheck(MessageQueue& queue, qint64 atMs);
    void checkLocks(MessageQueue& queue);
    void onDeadlineTimer();
    void sweepExpired();
    void notify(MessageQueue& queue, const QString& sessionId);
    void notifyConsumer(ConsumerId id);
    void flushNotifications();

    // --- start-up (BrokerRecovery.cpp) ---
    void loadConfig(const NamespaceConfig& config);
    void recover(StoreSnapshot snapshot);

    Broker* q;
    MessageStore* store = nullptr;
    std::unique_ptr<InMemoryMessageStore> ownedStore;
    std::map<QString, std::unique_ptr<BrokerEntity>> entities; // lower-case path -> entity
    std::unordered_map<quint64, MessageQueue*> queuesById;
    quint64 nextQueueId = 1;
    std::unordered_map<ConsumerId, Consumer> consumers;
    ConsumerId nextConsumerId = 1;
    std::multimap<qint64, Deadline> deadlines;
    QTimer deadlineTimer;
    qint64 deadlineTimerAt = 0; // when deadlineTimer fires; 0 = idle
    QTimer sweepTimer;
    std::vector<ConsumerId> pendingNotifications;
    QSet<ConsumerId> pendingNotificationSet;
    bool notificationScheduled = false;
    bool recovering = false; // true while loading: no store writes
};

} // namespace busbar::emulator
