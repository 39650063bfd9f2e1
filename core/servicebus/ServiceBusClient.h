#pragma once

#include "core/common/Result.h"
#include "core/servicebus/OutgoingMessage.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <chrono>
#include <optional>

namespace busbar {

// Every Service Bus operation on one namespace (design.md §2, servicebus-amqp.md §5–§9).
// Thread-safe; every call returns at once. A future resolves on the connection's thread:
// continue it with a context object (or whenFinished) to get back to yours. Each operation
// gives up after the client's operation timeout; cancelling a future discards its result.
// Entity paths: "queue", "topic/Subscriptions/sub"; sub-queues via SubQueue.
class ServiceBusClient {
public:
    using Messages = QList<ServiceBusMessage>;

    virtual ~ServiceBusClient() = default;

    // Opens the connection now instead of on first use.
    virtual QFuture<VoidResult> connect() = 0;

    // Browses without locking: active, deferred, scheduled (and locked) messages from
    // `fromSequenceNumber` on; an empty list past the end.
    virtual QFuture<Result<Messages>> peek(const QString& entityPath, SubQueue subQueue,
                                           qint64 fromSequenceNumber, int maxCount,
                                           const std::optional<QString>& sessionId = {}) = 0;
    // Sends one transfer per message; resolves when the broker accepted all of them.
    // OutcomeUnknown when a message went out and no answer came: do not re-send blindly.
    virtual QFuture<VoidResult> send(const QString& entityPath,
                                     const QList<OutgoingMessage>& messages) = 0;
    // Up to maxCount messages, waiting at most maxWait for the first; empty when none came.
    virtual QFuture<Result<Messages>> receive(const QString& entityPath, SubQueue subQueue,
                                              ReceiveMode mode, int maxCount,
                                              std::chrono::milliseconds maxWait) = 0;
    // Settles a peek-locked message on its receive link, or through update-disposition when
    // it was locked by receiveDeferred().
    virtual QFuture<VoidResult> settle(const QString& entityPath, SubQueue subQueue,
                                       const ServiceBusMessage& message,
                                       const SettleRequest& request) = 0;
    QFuture<VoidResult> complete(const QString& entityPath, SubQueue subQueue,
                                 const ServiceBusMessage& message) {
        return settle(entityPath, subQueue, message,
                      SettleRequest{SettleKind::Complete, {}, {}, {}});
    }
    QFuture<VoidResult> abandon(const QString& entityPath, SubQueue subQueue,
                                const ServiceBusMessage& message,
                                const AmqpMap& propertiesToModify = {}) {
        return settle(entityPath, subQueue, message,
                      SettleRequest{SettleKind::Abandon, {}, {}, propertiesToModify});
    }
    QFuture<VoidResult> defer(const QString& entityPath, SubQueue subQueue,
                              const ServiceBusMessage& message,
                              const AmqpMap& propertiesToModify = {}) {
        return settle(entityPath, subQueue, message,
                      SettleRequest{SettleKind::Defer, {}, {}, propertiesToModify});
    }
    QFuture<VoidResult> deadLetter(const QString& entityPath, SubQueue subQueue,
                                   const ServiceBusMessage& message, const QString& reason,
                                   const QString& description,
                                   const AmqpMap& propertiesToModify = {}) {
        return settle(
            entityPath, subQueue, message,
            SettleRequest{SettleKind::DeadLetter, reason, description, propertiesToModify});
    }
    // New locked-until times, in the order of `lockTokens`.
    virtual QFuture<Result<QList<QDateTime>>>
    renewLock(const QString& entityPath, SubQueue subQueue, const QList<QUuid>& lockTokens) = 0;
    // Deferred messages by sequence number (receive-by-sequence-number).
    virtual QFuture<Result<Messages>>
    receiveDeferred(const QString& entityPath, SubQueue subQueue,
                    const QList<qint64>& sequenceNumbers, ReceiveMode mode,
                    const std::optional<QString>& sessionId = {}) = 0;
    // Sequence numbers of the scheduled messages, in order.
    virtual QFuture<Result<QList<qint64>>> schedule(const QString& entityPath,
                                                    const QList<OutgoingMessage>& messages,
                                                    const QDateTime& enqueueTime) = 0;
    virtual QFuture<VoidResult> cancelScheduled(const QString& entityPath,
                                                const QList<qint64>& sequenceNumbers) = 0;

    // Sessions (§9): a named session, or the next available one when sessionId is empty.
    virtual QFuture<Result<AcceptedSession>> acceptSession(const QString& entityPath,
                                                           const std::optional<QString>& sessionId,
                                                           ReceiveMode mode) = 0;
    virtual QFuture<Result<Messages>> receiveFromSession(const QString& entityPath,
                                                         const QString& sessionId, int maxCount,
                                                         std::chrono::milliseconds maxWait) = 0;
    // Releases the session lock; resolves once the broker confirmed the detach.
    virtual QFuture<VoidResult> closeSession(const QString& entityPath,
                                             const QString& sessionId) = 0;
    virtual QFuture<Result<QDateTime>> renewSessionLock(const QString& entityPath,
                                                        const QString& sessionId) = 0;
    virtual QFuture<Result<std::optional<QByteArray>>> sessionState(const QString& entityPath,
                                                                    const QString& sessionId) = 0;
    virtual QFuture<VoidResult> setSessionState(const QString& entityPath, const QString& sessionId,
                                                const std::optional<QByteArray>& state) = 0;
    virtual QFuture<Result<QStringList>>
    listSessions(const QString& entityPath, const QDateTime& updatedSince, int skip, int top) = 0;

    // Rules of a subscription (§8.4).
    virtual QFuture<Result<QList<RuleInfo>>> rules(const QString& subscriptionPath, int skip,
                                                   int top) = 0;
    virtual QFuture<VoidResult> addRule(const QString& subscriptionPath, const RuleInfo& rule) = 0;
    virtual QFuture<VoidResult> removeRule(const QString& subscriptionPath,
                                           const QString& ruleName) = 0;

    // Deletes up to maxCount messages enqueued before `enqueuedBefore`; how many went.
    virtual QFuture<Result<int>> batchDelete(const QString& entityPath, SubQueue subQueue,
                                             int maxCount, const QDateTime& enqueuedBefore,
                                             const std::optional<QString>& sessionId = {}) = 0;
};

} // namespace busbar
