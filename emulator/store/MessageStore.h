#pragma once

#include "emulator/broker/BrokerTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace busbar::emulator {

// What the broker persists about one entity: its kind and description, serialised by
// EntityRecordCodec so the store stays ignorant of description fields.
struct StoredEntity {
    enum class Kind { Queue = 0, Topic = 1, Subscription = 2 };
    Kind kind = Kind::Queue;
    QString path;        // canonical: "q", "t", "t/Subscriptions/s"
    QByteArray document; // JSON (EntityRecordCodec)
};

struct StoredSessionState {
    QString entityPath;
    QString sessionId;
    QByteArray state;
};

struct StoredDuplicateId {
    QString entityPath;
    QString messageId;
    qint64 seenAtMs = 0;
};

// A message as recovered: broker-stamped fields plus the encoded AMQP message.
struct RecoveredMessage {
    QString entityPath;
    SubQueue subQueue = SubQueue::Main;
    StoredMessage message; // `message.message` is empty; decode `encoded`
    QByteArray encoded;
};

// Everything a store holds, read once at start-up. Locks are not persisted.
struct StoreSnapshot {
    QList<StoredEntity> entities;
    QList<RecoveredMessage> messages;
    QList<StoredSessionState> sessionStates;
    QList<StoredDuplicateId> duplicateIds;
    // "path|subqueue" (sequenceCounterKey) -> the highest sequence number reserved so far.
    QHash<QString, qint64> sequenceCounters;
};

[[nodiscard]] QString sequenceCounterKey(const QString& entityPath, SubQueue subQueue);

// The broker's write-behind journal. The broker keeps all state in memory and records every
// change here; a persistent store applies the changes in batches (group commit) and reports
// durability through whenDurable(). Writes are fire-and-forget so the broker thread never waits
// for the disk. Every method is called on the broker's thread.
class MessageStore {
public:
    virtual ~MessageStore() = default;

    // Reads everything back (start-up). Called once, before any write.
    virtual Result<StoreSnapshot> load() = 0;
    // Whether writes survive the process: the broker skips encoding messages when not.
    [[nodiscard]] virtual bool isPersistent() const = 0;

    virtual void saveEntity(const StoredEntity& entity) = 0;
    // Removes the entity, its sub-entities ("path/..."), messages, states, counters, ids.
    virtual void removeEntity(const QString& path) = 0;

    virtual void insertMessage(const QString& entityPath, SubQueue subQueue,
                               const StoredMessage& message, const QByteArray& encoded) = 0;
    // State changes that keep the encoded message (defer, activation, delivery count).
    virtual void updateMessage(const QString& entityPath, SubQueue subQueue,
                               const StoredMessage& message) = 0;
    virtual void removeMessage(const QString& entityPath, SubQueue subQueue,
                               qint64 sequenceNumber) = 0;

    // An empty state removes the row.
    virtual void saveSessionState(const QString& entityPath, const QString& sessionId,
                                  const QByteArray& state) = 0;
    virtual void saveSequenceCounter(const QString& entityPath, SubQueue subQueue,
                                     qint64 reservedUpTo) = 0;
    virtual void saveDuplicateId(const QString& entityPath, const QString& messageId,
                                 qint64 seenAtMs) = 0;
    virtual void pruneDuplicateIds(const QString& entityPath, qint64 olderThanMs) = 0;

    // Runs `done` later on the broker's thread (never re-entrantly) once every write recorded
    // before this call is durable, or with the error that prevented it.
    virtual void whenDurable(std::function<void(VoidResult)> done) = 0;
};

} // namespace busbar::emulator
