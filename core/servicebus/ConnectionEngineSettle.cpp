#include "core/amqp/PnDataCodec.h"
#include "core/amqp/ProtonAccess.h"
#include "core/servicebus/ConnectionEnginePrivate.h"
#include "core/servicebus/ManagementCodec.h"

namespace busbar {

namespace {

Error timeoutError(const QString& what) {
    return Error::make(ErrorCode::Timeout, what);
}

} // namespace

void ConnectionEngine::settle(const QString& address, const QUuid& lockToken,
                              const SettleRequest& request, const std::optional<QString>& sessionId,
                              std::chrono::milliseconds timeout, Pending<void> pending) {
    Link* owner = m_lockOwners.value(lockToken);
    if (owner && owner->unsettled.contains(lockToken)) {
        pn_delivery_t* d = owner->unsettled.take(lockToken);
        m_lockOwners.remove(lockToken);
        const OperationDeadlines::Key deadline =
            m_deadlines.arm(timeout, [weak = std::weak_ptr(pending)] {
                resolve(weak.lock(), fail(timeoutError(QStringLiteral(
                                         "The broker did not confirm the settlement in time; "
                                         "the lock may still be held."))));
            });
        owner->settling.insert(d, Settling{pending, deadline});
        settleOnLink(d, request);
        process();
        return;
    }
    // Not a lock of one of our links: a management lock (receive-by-sequence-number) or one
    // from a link that is gone; update-disposition settles the first and reports the second.
    QString status;
    switch (request.kind) {
    case SettleKind::Complete:
        status = QStringLiteral("completed");
        break;
    case SettleKind::Abandon:
        status = QStringLiteral("abandoned");
        break;
    case SettleKind::Defer:
        status = QStringLiteral("defered");
        break; // sic (§8.2)
    case SettleKind::DeadLetter:
        status = QStringLiteral("suspended");
        break;
    }
    const bool deadLetter = request.kind == SettleKind::DeadLetter;
    AmqpMap body = mgmt::map({
        {QStringLiteral("disposition-status"), status},
        {QStringLiteral("lock-tokens"), QVariant::fromValue(mgmt::uuidArray({lockToken}))},
    });
    if (deadLetter && !request.deadLetterReason.isEmpty()) {
        body.entries.append({QStringLiteral("deadletter-reason"), request.deadLetterReason});
    }
    if (deadLetter && !request.deadLetterDescription.isEmpty()) {
        body.entries.append(
            {QStringLiteral("deadletter-description"), request.deadLetterDescription});
    }
    if (!request.propertiesToModify.entries.isEmpty()) {
        body.entries.append({QStringLiteral("properties-to-modify"),
                             QVariant::fromValue(request.propertiesToModify)});
    }
    if (sessionId) {
        body.entries.append({QStringLiteral("session-id"), *sessionId});
    }
    auto reply = makePending<ManagementReply>();
    reply->future().then([pending](Result<ManagementReply> r) {
        resolve(pending, r ? mgmt::status(*r) : VoidResult(fail(r.error())));
    });
    this->request(address, QStringLiteral("com.microsoft:update-disposition"), body, timeout,
                  reply);
}

void ConnectionEngine::settleOnLink(pn_delivery_t* d, const SettleRequest& request) {
    pn_disposition_t* local = pn_delivery_local(d);
    switch (request.kind) {
    case SettleKind::Complete:
        pn_delivery_update(d, PN_ACCEPTED);
        break;
    case SettleKind::Abandon:
    case SettleKind::Defer:
        if (request.kind == SettleKind::Defer) {
            pn_disposition_set_undeliverable(local, true);
        }
        if (!request.propertiesToModify.entries.isEmpty()) {
            (void)PnDataCodec::write(
                pn_disposition_annotations(local),
                QVariant::fromValue(mgmt::withSymbolKeys(request.propertiesToModify)));
        }
        pn_delivery_update(d, PN_MODIFIED);
        break;
    case SettleKind::DeadLetter: {
        pn_condition_t* condition = pn_disposition_condition(local);
        pn_condition_set_name(condition, "com.microsoft:dead-letter");
        if (!request.deadLetterDescription.isEmpty()) {
            pn_condition_set_description(condition,
                                         request.deadLetterDescription.toUtf8().constData());
        }
        AmqpMap info;
        if (!request.deadLetterReason.isEmpty()) {
            info.entries.append({QStringLiteral("DeadLetterReason"), request.deadLetterReason});
        }
        if (!request.deadLetterDescription.isEmpty()) {
            info.entries.append(
                {QStringLiteral("DeadLetterErrorDescription"), request.deadLetterDescription});
        }
        info.entries.append(request.propertiesToModify.entries);
        (void)PnDataCodec::write(pn_condition_info(condition),
                                 QVariant::fromValue(mgmt::withSymbolKeys(info)));
        pn_delivery_update(d, PN_REJECTED);
        break;
    }
    }
    // Left unsettled: the broker answers with the final outcome (onReceiverSettled).
}

void ConnectionEngine::onReceiverSettled(pn_delivery_t* d) {
    Link* link = findLink(pn_delivery_link(d));
    if (!link || !link->settling.contains(d)) {
        return;
    }
    const Settling settling = link->settling.take(d);
    m_deadlines.cancel(settling.deadline);
    const Pending<void>& pending = settling.pending;
    const quint64 state = pn_delivery_remote_state(d);
    pn_condition_t* condition = pn_disposition_condition(pn_delivery_remote(d));
    const QString name = toQString(pn_condition_get_name(condition));
    // A dead-letter request is itself a rejected outcome; the broker echoes it on success and
    // sets its own condition (message-lock-lost, ...) on failure.
    if (state == PN_REJECTED && !name.isEmpty() &&
        name != QLatin1String("com.microsoft:dead-letter")) {
        resolve(pending, fail(errorFromAmqpCondition(
                             name, toQString(pn_condition_get_description(condition)))));
    } else if (state == PN_RELEASED) {
        resolve(pending, fail(ErrorCode::SettleFailed,
                              QStringLiteral("The broker released the message instead of "
                                             "settling it as asked.")));
    } else {
        resolve(pending, VoidResult());
    }
    pn_delivery_settle(d);
    process();
}

} // namespace busbar
