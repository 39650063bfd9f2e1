#include "core/amqp/ProtonAccess.h"
#include "core/servicebus/ConnectionEnginePrivate.h"

namespace busbar {

void ConnectionEngine::send(const QString& address, const QList<QByteArray>& encoded,
                            std::chrono::milliseconds timeout, Pending<void> pending) {
    if (encoded.isEmpty()) {
        resolve(pending, VoidResult());
        return;
    }
    if (m_state == State::Closed) {
        resolve(pending, fail(ErrorCode::Cancelled, QStringLiteral("The connection was closed.")));
        return;
    }
    Link* link = senderLink(address);
    if (link->attached && link->maxMessageSize > 0) {
        for (const QByteArray& bytes : encoded) {
            if (quint64(bytes.size()) > link->maxMessageSize) {
                resolve(pending, fail(ErrorCode::MessageTooLarge,
                                      QStringLiteral("A message of %1 bytes exceeds the entity's "
                                                     "limit of %2 bytes.")
                                          .arg(bytes.size())
                                          .arg(link->maxMessageSize)));
                return;
            }
        }
    }
    auto batch = std::make_shared<SendBatch>();
    batch->pending = pending;
    batch->queued = int(encoded.size());
    for (const QByteArray& bytes : encoded) {
        link->sendQueue.append({bytes, batch});
    }
    batch->deadline = m_deadlines.arm(timeout, [weak = std::weak_ptr(batch)] {
        const auto batch = weak.lock();
        if (!batch) {
            return; // every transfer was answered
        }
        // A message that went out without an answer may be stored: never report it as not
        // sent, so nobody re-sends it blindly.
        resolve(batch->pending,
                batch->anyTransferred
                    ? fail(ErrorCode::OutcomeUnknown,
                           QStringLiteral("The broker did not confirm the send in time; the "
                                          "message may or may not have been stored."))
                    : fail(Error::make(ErrorCode::Timeout,
                                       QStringLiteral("The send did not start in time."))));
    });
    pumpSender(link);
    process();
}

void ConnectionEngine::pumpSender(Link* link) {
    if (!link->link || !link->attached || (pn_link_state(link->link) & PN_REMOTE_CLOSED)) {
        return;
    }
    while (!link->sendQueue.isEmpty() && pn_link_credit(link->link) > 0) {
        auto [bytes, batch] = link->sendQueue.takeFirst();
        --batch->queued;
        if (isSettled(batch->pending)) {
            continue; // timed out or cancelled before it went out
        }
        pn_delivery_t* delivery = sendRaw(link->link, bytes);
        ++batch->outstanding;
        batch->anyTransferred = true;
        link->inflight.insert(delivery, batch);
    }
}

void ConnectionEngine::onOutcome(pn_delivery_t* delivery, bool settledOnly) {
    Link* link = findLink(pn_delivery_link(delivery));
    if (!link || link->kind != Link::Kind::EntitySender) {
        return;
    }
    const std::shared_ptr<SendBatch> batch = link->inflight.take(delivery);
    if (!batch) {
        return;
    }
    const quint64 state = pn_delivery_remote_state(delivery);
    std::optional<Error> error;
    if (state == PN_REJECTED) {
        pn_condition_t* condition = pn_disposition_condition(pn_delivery_remote(delivery));
        const QString name = toQString(pn_condition_get_name(condition));
        error =
            name.isEmpty()
                ? Error::make(ErrorCode::SendFailed,
                              QStringLiteral("The broker rejected the message."))
                : errorFromAmqpCondition(name, toQString(pn_condition_get_description(condition)));
    } else if (state == PN_RELEASED || state == PN_MODIFIED) {
        error = Error::make(ErrorCode::SendFailed,
                            QStringLiteral("The broker released the message without storing it."));
    } else if (state != PN_ACCEPTED) {
        error = Error::make(ErrorCode::OutcomeUnknown,
                            QStringLiteral("The broker settled the message without an outcome."));
    }
    (void)settledOnly;
    --batch->outstanding;
    if (error && !batch->error) {
        batch->error = error;
    }
    if (batch->outstanding == 0 && batch->queued == 0) {
        finishSendBatch(batch, batch->error ? VoidResult(fail(*batch->error)) : VoidResult());
    }
}

void ConnectionEngine::finishSendBatch(const std::shared_ptr<SendBatch>& batch,
                                       const VoidResult& result) {
    m_deadlines.cancel(batch->deadline);
    resolve(batch->pending, result);
}

} // namespace busbar
