#pragma once

#include "core/servicebus/NamespaceConnection.h"
#include "core/servicebus/ServiceBusClient.h"

#include <memory>

namespace busbar {

// ServiceBusClient over one NamespaceConnection: links for send, receive and settlement,
// $management requests for everything else.
class AmqpServiceBusClient final : public ServiceBusClient {
public:
    explicit AmqpServiceBusClient(NamespaceConnectionOptions options);
    explicit AmqpServiceBusClient(std::shared_ptr<NamespaceConnection> connection);

    void setOperationTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    [[nodiscard]] std::chrono::milliseconds operationTimeout() const { return m_timeout; }
    [[nodiscard]] NamespaceConnection& connection() { return *m_connection; }

    QFuture<VoidResult> connect() override;
    QFuture<Result<Messages>> peek(const QString& entityPath, SubQueue subQueue,
                                   qint64 fromSequenceNumber, int maxCount,
                                   const std::optional<QString>& sessionId = {}) override;
    QFuture<VoidResult> send(const QString& entityPath,
                             const QList<OutgoingMessage>& messages) override;
    QFuture<Result<Messages>> receive(const QString& entityPath, SubQueue subQueue,
                                      ReceiveMode mode, int maxCount,
                                      std::chrono::milliseconds maxWait) override;
    QFuture<VoidResult> settle(const QString& entityPath, SubQueue subQueue,
                               const ServiceBusMessage& message,
                               const SettleRequest& request) override;
    using ServiceBusClient::abandon;
    using ServiceBusClient::complete;
    using ServiceBusClient::deadLetter;
    using ServiceBusClient::defer;
    QFuture<Result<QList<QDateTime>>> renewLock(const QString& entityPath, SubQueue subQueue,
                                                const QList<QUuid>& lockTokens) override;
    QFuture<Result<Messages>>
    receiveDeferred(const QString& entityPath, SubQueue subQueue,
                    const QList<qint64>& sequenceNumbers, ReceiveMode mode,
                    const std::optional<QString>& sessionId = {}) override;
    QFuture<Result<QList<qint64>>> schedule(const QString& entityPath,
                                            const QList<OutgoingMessage>& messages,
                                            const QDateTime& enqueueTime) override;
    QFuture<VoidResult> cancelScheduled(const QString& entityPath,
                                        const QList<qint64>& sequenceNumbers) override;
    QFuture<Result<AcceptedSession>> acceptSession(const QString& entityPath,
                                                   const std::optional<QString>& sessionId,
                                                   ReceiveMode mode) override;
    QFuture<Result<Messages>> receiveFromSession(const QString& entityPath,
                                                 const QString& sessionId, int maxCount,
                                                 std::chrono::milliseconds maxWait) override;
    QFuture<VoidResult> closeSession(const QString& entityPath, const QString& sessionId) override;
    QFuture<Result<QDateTime>> renewSessionLock(const QString& entityPath,
                                                const QString& sessionId) override;
    QFuture<Result<std::optional<QByteArray>>> sessionState(const QString& entityPath,
                                                            const QString& sessionId) override;
    QFuture<VoidResult> setSessionState(const QString& entityPath, const QString& sessionId,
                                        const std::optional<QByteArray>& state) override;
    QFuture<Result<QStringList>> listSessions(const QString& entityPath,
                                              const QDateTime& updatedSince, int skip,
                                              int top) override;
    QFuture<Result<QList<RuleInfo>>> rules(const QString& subscriptionPath, int skip,
                                           int top) override;
    QFuture<VoidResult> addRule(const QString& subscriptionPath, const RuleInfo& rule) override;
    QFuture<VoidResult> removeRule(const QString& subscriptionPath,
                                   const QString& ruleName) override;
    QFuture<Result<int>> batchDelete(const QString& entityPath, SubQueue subQueue, int maxCount,
                                     const QDateTime& enqueuedBefore,
                                     const std::optional<QString>& sessionId = {}) override;

private:
    QFuture<Result<ManagementReply>> call(const QString& address, const char* operation,
                                          const AmqpMap& body);
    QFuture<VoidResult> callVoid(const QString& address, const char* operation,
                                 const AmqpMap& body);
    // call() for a read that changes nothing at the broker: sent again when the connection
    // dropped under it (AmqpServiceBusClientRetry.cpp). Never for settle, send or anything
    // that locks.
    QFuture<Result<ManagementReply>> callRead(const QString& address, const char* operation,
                                              const AmqpMap& body);

    std::shared_ptr<NamespaceConnection> m_connection;
    std::chrono::milliseconds m_timeout = kDefaultOperationTimeout;
};

// Rule bodies and replies (AmqpServiceBusRules.cpp).
[[nodiscard]] AmqpMap encodeRuleDescription(const RuleInfo& rule);
[[nodiscard]] Result<RuleInfo> decodeRuleDescription(const QVariant& described);

} // namespace busbar
