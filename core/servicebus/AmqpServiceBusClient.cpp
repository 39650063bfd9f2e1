#include "core/servicebus/AmqpServiceBusClient.h"

#include "core/servicebus/ManagementCodec.h"

namespace busbar {

namespace {

QVariant i32(int v) {
    return QVariant::fromValue(qint32(v));
}

QVariant i64(qint64 v) {
    return QVariant::fromValue(v);
}

QString mgmtOperation(const char* name) {
    return QStringLiteral("com.microsoft:") + QString::fromLatin1(name);
}

// The messages of a peek / receive-by-sequence-number reply: {messages: [{message, lock-token}]}.
Result<QList<ServiceBusMessage>> messagesOf(const ManagementReply& reply, bool managementLock) {
    if (mgmt::isEmptyReply(reply)) {
        return QList<ServiceBusMessage>();
    }
    if (VoidResult ok = mgmt::status(reply); !ok) {
        return fail(ok.error());
    }
    const QVariantList entries = mgmt::elements(mgmt::get(reply.body, QStringLiteral("messages")));
    QList<ServiceBusMessage> out;
    out.reserve(entries.size()); // a page of 250 grew the list ~8 times, moving every message
    for (const QVariant& entry : entries) {
        const QByteArray encoded = mgmt::get(entry, QStringLiteral("message")).toByteArray();
        const QUuid token = mgmt::get(entry, QStringLiteral("lock-token")).value<QUuid>();
        Result<ServiceBusMessage> message = ServiceBusMessage::fromEncoded(encoded, token);
        if (!message) {
            return fail(message.error());
        }
        message->managementLock = managementLock && !token.isNull();
        out.append(std::move(*message));
    }
    return out;
}

template <typename T, typename Parse>
QFuture<Result<T>> parseReply(QFuture<Result<ManagementReply>> future, Parse parse) {
    return future.then([parse](Result<ManagementReply> reply) -> Result<T> {
        if (!reply) {
            return fail(reply.error());
        }
        return parse(*reply);
    });
}

} // namespace

AmqpServiceBusClient::AmqpServiceBusClient(NamespaceConnectionOptions options)
    : m_connection(std::make_shared<NamespaceConnection>(std::move(options))) {}

AmqpServiceBusClient::AmqpServiceBusClient(std::shared_ptr<NamespaceConnection> connection)
    : m_connection(std::move(connection)) {}

QFuture<Result<ManagementReply>>
AmqpServiceBusClient::call(const QString& address, const char* operation, const AmqpMap& body) {
    return m_connection->request(address, mgmtOperation(operation), body, m_timeout);
}

QFuture<VoidResult> AmqpServiceBusClient::callVoid(const QString& address, const char* operation,
                                                   const AmqpMap& body) {
    return parseReply<void>(call(address, operation, body),
                            [](const ManagementReply& r) { return mgmt::status(r); });
}

QFuture<VoidResult> AmqpServiceBusClient::connect() {
    return m_connection->open();
}

QFuture<Result<ServiceBusClient::Messages>>
AmqpServiceBusClient::peek(const QString& entityPath, SubQueue subQueue, qint64 fromSequenceNumber,
                           int maxCount, const std::optional<QString>& sessionId) {
    const AmqpMap body = mgmt::map({
        {QStringLiteral("from-sequence-number"), i64(fromSequenceNumber)},
        {QStringLiteral("message-count"), i32(maxCount)},
        {QStringLiteral("session-id"), sessionId ? QVariant(*sessionId) : QVariant()},
    });
    return parseReply<Messages>(callRead(entityAddress(entityPath, subQueue), "peek-message", body),
                                [](const ManagementReply& r) { return messagesOf(r, false); });
}

QFuture<VoidResult> AmqpServiceBusClient::send(const QString& entityPath,
                                               const QList<OutgoingMessage>& messages) {
    QList<AmqpMessage> amqp;
    amqp.reserve(messages.size());
    for (const OutgoingMessage& m : messages) {
        amqp.append(m.toAmqp());
    }
    return m_connection->send(entityPath, amqp, m_timeout);
}

QFuture<Result<ServiceBusClient::Messages>>
AmqpServiceBusClient::receive(const QString& entityPath, SubQueue subQueue, ReceiveMode mode,
                              int maxCount, std::chrono::milliseconds maxWait) {
    return m_connection->receive(entityAddress(entityPath, subQueue), mode, std::nullopt, maxCount,
                                 maxWait);
}

QFuture<VoidResult> AmqpServiceBusClient::settle(const QString& entityPath, SubQueue subQueue,
                                                 const ServiceBusMessage& message,
                                                 const SettleRequest& request) {
    if (message.lockToken.isNull()) {
        return QtFuture::makeReadyFuture<VoidResult>(
            fail(ErrorCode::InvalidInput,
                 QStringLiteral("The message holds no lock: it was peeked or received and "
                                "deleted.")));
    }
    // update-disposition of a session message locked through management names its session.
    const std::optional<QString> sessionId = message.managementLock && !message.sessionId.isEmpty()
                                                 ? std::optional<QString>(message.sessionId)
                                                 : std::nullopt;
    return m_connection->settle(entityAddress(entityPath, subQueue), message.lockToken, request,
                                sessionId, m_timeout);
}

QFuture<Result<QList<QDateTime>>> AmqpServiceBusClient::renewLock(const QString& entityPath,
                                                                  SubQueue subQueue,
                                                                  const QList<QUuid>& lockTokens) {
    const AmqpMap body = mgmt::map(
        {{QStringLiteral("lock-tokens"), QVariant::fromValue(mgmt::uuidArray(lockTokens))}});
    return parseReply<QList<QDateTime>>(
        call(entityAddress(entityPath, subQueue), "renew-lock", body),
        [](const ManagementReply& r) -> Result<QList<QDateTime>> {
            if (VoidResult ok = mgmt::status(r); !ok) {
                return fail(ok.error());
            }
            QList<QDateTime> out;
            for (const QVariant& v :
                 mgmt::elements(mgmt::get(r.body, QStringLiteral("expirations")))) {
                out.append(v.toDateTime().toUTC());
            }
            return out;
        });
}

QFuture<Result<ServiceBusClient::Messages>>
AmqpServiceBusClient::receiveDeferred(const QString& entityPath, SubQueue subQueue,
                                      const QList<qint64>& sequenceNumbers, ReceiveMode mode,
                                      const std::optional<QString>& sessionId) {
    const AmqpMap body = mgmt::map({
        {QStringLiteral("sequence-numbers"), QVariant::fromValue(mgmt::longArray(sequenceNumbers))},
        {QStringLiteral("receiver-settle-mode"),
         QVariant::fromValue(quint32(mode == ReceiveMode::PeekLock ? 1 : 0))},
        {QStringLiteral("session-id"), sessionId ? QVariant(*sessionId) : QVariant()},
    });
    return parseReply<Messages>(
        call(entityAddress(entityPath, subQueue), "receive-by-sequence-number", body),
        [](const ManagementReply& r) -> Result<Messages> {
            // Unlike peek, "not found" is an error here: the caller named the messages.
            if (VoidResult ok = mgmt::status(r); !ok) {
                return fail(ok.error());
            }
            return messagesOf(r, true);
        });
}

QFuture<Result<QList<qint64>>>
AmqpServiceBusClient::schedule(const QString& entityPath, const QList<OutgoingMessage>& messages,
                               const QDateTime& enqueueTime) {
    QVariantList entries;
    for (OutgoingMessage m : messages) {
        m.scheduledEnqueueTime = enqueueTime.toUTC();
        if (m.messageId.isEmpty()) {
            // The service needs a message-id for each scheduled message (§8.2).
            m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (m.raw) {
                m.raw->properties.present = true;
                m.raw->properties.messageId = m.messageId;
            }
        }
        const AmqpMessage amqp = m.toAmqp();
        entries.append(QVariant::fromValue(mgmt::map({
            {QStringLiteral("message-id"), m.messageId},
            {QStringLiteral("session-id"),
             m.sessionId.isEmpty() ? QVariant() : QVariant(m.sessionId)},
            {QStringLiteral("partition-key"),
             m.partitionKey.isEmpty() ? QVariant() : QVariant(m.partitionKey)},
            {QStringLiteral("message"), amqp.encode()},
        })));
    }
    const AmqpMap body = mgmt::map({{QStringLiteral("messages"), entries}});
    return parseReply<QList<qint64>>(call(entityPath, "schedule-message", body),
                                     [](const ManagementReply& r) -> Result<QList<qint64>> {
                                         if (VoidResult ok = mgmt::status(r); !ok) {
                                             return fail(ok.error());
                                         }
                                         QList<qint64> out;
                                         for (const QVariant& v : mgmt::elements(mgmt::get(
                                                  r.body, QStringLiteral("sequence-numbers")))) {
                                             out.append(v.toLongLong());
                                         }
                                         return out;
                                     });
}

QFuture<VoidResult> AmqpServiceBusClient::cancelScheduled(const QString& entityPath,
                                                          const QList<qint64>& sequenceNumbers) {
    return callVoid(entityPath, "cancel-scheduled-message",
                    mgmt::map({{QStringLiteral("sequence-numbers"),
                                QVariant::fromValue(mgmt::longArray(sequenceNumbers))}}));
}

QFuture<Result<AcceptedSession>>
AmqpServiceBusClient::acceptSession(const QString& entityPath,
                                    const std::optional<QString>& sessionId, ReceiveMode mode) {
    return m_connection->acceptSession(entityPath, mode, sessionId, m_timeout);
}

QFuture<Result<ServiceBusClient::Messages>>
AmqpServiceBusClient::receiveFromSession(const QString& entityPath, const QString& sessionId,
                                         int maxCount, std::chrono::milliseconds maxWait) {
    return m_connection->receive(entityPath, ReceiveMode::PeekLock, sessionId, maxCount, maxWait);
}

QFuture<VoidResult> AmqpServiceBusClient::closeSession(const QString& entityPath,
                                                       const QString& sessionId) {
    return m_connection->closeReceiver(entityPath, sessionId);
}

QFuture<Result<QDateTime>> AmqpServiceBusClient::renewSessionLock(const QString& entityPath,
                                                                  const QString& sessionId) {
    return parseReply<QDateTime>(
        call(entityPath, "renew-session-lock",
             mgmt::map({{QStringLiteral("session-id"), sessionId}})),
        [](const ManagementReply& r) -> Result<QDateTime> {
            if (VoidResult ok = mgmt::status(r); !ok) {
                return fail(ok.error());
            }
            return mgmt::get(r.body, QStringLiteral("expiration")).toDateTime().toUTC();
        });
}

QFuture<Result<std::optional<QByteArray>>>
AmqpServiceBusClient::sessionState(const QString& entityPath, const QString& sessionId) {
    return parseReply<std::optional<QByteArray>>(
        callRead(entityPath, "get-session-state",
                 mgmt::map({{QStringLiteral("session-id"), sessionId}})),
        [](const ManagementReply& r) -> Result<std::optional<QByteArray>> {
            if (VoidResult ok = mgmt::status(r); !ok) {
                return fail(ok.error());
            }
            const QVariant state = mgmt::get(r.body, QStringLiteral("session-state"));
            if (!state.isValid() || state.isNull()) {
                return std::optional<QByteArray>();
            }
            return std::optional<QByteArray>(state.toByteArray());
        });
}

QFuture<VoidResult> AmqpServiceBusClient::setSessionState(const QString& entityPath,
                                                          const QString& sessionId,
                                                          const std::optional<QByteArray>& state) {
    AmqpMap body = mgmt::map({{QStringLiteral("session-id"), sessionId}});
    // An explicit null clears the state, so the key is always written.
    body.entries.append({QStringLiteral("session-state"), state ? QVariant(*state) : QVariant()});
    return callVoid(entityPath, "set-session-state", body);
}

QFuture<Result<QStringList>> AmqpServiceBusClient::listSessions(const QString& entityPath,
                                                                const QDateTime& updatedSince,
                                                                int skip, int top) {
    const AmqpMap body = mgmt::map({
        {QStringLiteral("last-updated-time"), updatedSince.toUTC()},
        {QStringLiteral("skip"), i32(skip)},
        {QStringLiteral("top"), i32(top)},
    });
    return parseReply<QStringList>(callRead(entityPath, "get-message-sessions", body),
                                   [](const ManagementReply& r) -> Result<QStringList> {
                                       if (r.statusCode == 204) {
                                           return QStringList();
                                       }
                                       if (VoidResult ok = mgmt::status(r); !ok) {
                                           return fail(ok.error());
                                       }
                                       QStringList out;
                                       for (const QVariant& v : mgmt::elements(mgmt::get(
                                                r.body, QStringLiteral("sessions-ids")))) {
                                           out.append(v.toString());
                                       }
                                       return out;
                                   });
}

QFuture<Result<QList<RuleInfo>>> AmqpServiceBusClient::rules(const QString& subscriptionPath,
                                                             int skip, int top) {
    const AmqpMap body =
        mgmt::map({{QStringLiteral("top"), i32(top)}, {QStringLiteral("skip"), i32(skip)}});
    return parseReply<QList<RuleInfo>>(
        callRead(subscriptionPath, "enumerate-rules", body),
        [](const ManagementReply& r) -> Result<QList<RuleInfo>> {
            if (r.statusCode == 204) {
                return QList<RuleInfo>();
            }
            if (VoidResult ok = mgmt::status(r); !ok) {
                return fail(ok.error());
            }
            QList<RuleInfo> out;
            for (const QVariant& entry :
                 mgmt::elements(mgmt::get(r.body, QStringLiteral("rules")))) {
                Result<RuleInfo> rule =
                    decodeRuleDescription(mgmt::get(entry, QStringLiteral("rule-description")));
                if (!rule) {
                    return fail(rule.error());
                }
                out.append(std::move(*rule));
            }
            return out;
        });
}

QFuture<VoidResult> AmqpServiceBusClient::addRule(const QString& subscriptionPath,
                                                  const RuleInfo& rule) {
    return callVoid(subscriptionPath, "add-rule",
                    mgmt::map({{QStringLiteral("rule-name"), rule.name},
                               {QStringLiteral("rule-description"),
                                QVariant::fromValue(encodeRuleDescription(rule))}}));
}

QFuture<VoidResult> AmqpServiceBusClient::removeRule(const QString& subscriptionPath,
                                                     const QString& ruleName) {
    return callVoid(subscriptionPath, "remove-rule",
                    mgmt::map({{QStringLiteral("rule-name"), ruleName}}));
}

QFuture<Result<int>> AmqpServiceBusClient::batchDelete(const QString& entityPath, SubQueue subQueue,
                                                       int maxCount,
                                                       const QDateTime& enqueuedBefore,
                                                       const std::optional<QString>& sessionId) {
    const AmqpMap body = mgmt::map({
        {QStringLiteral("message-count"), i32(maxCount)},
        {QStringLiteral("enqueued-time-utc"), enqueuedBefore.toUTC()},
        {QStringLiteral("session-id"), sessionId ? QVariant(*sessionId) : QVariant()},
    });
    return parseReply<int>(call(entityAddress(entityPath, subQueue), "batch-delete-messages", body),
                           [](const ManagementReply& r) -> Result<int> {
                               if (r.statusCode == 204) {
                                   return 0;
                               }
                               if (VoidResult ok = mgmt::status(r); !ok) {
                                   return fail(ok.error());
                               }
                               return mgmt::get(r.body, QStringLiteral("message-count")).toInt();
                           });
}

} // namespace busbar
