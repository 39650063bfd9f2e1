// Receive links: credit (asked-for and standing prefetch), deliveries, answering receive()
// calls, session receivers.
#include "core/amqp/LockToken.h"
#include "core/amqp/ProtonAccess.h"
#include "core/servicebus/ConnectionEnginePrivate.h"

#include <iterator>

namespace busbar {

namespace {

constexpr int kReplyCreditLow = 50;
constexpr int kReplyCredit = 100;

// The first `n` buffered messages, moved out.
QList<ServiceBusMessage> takeBuffered(QList<ServiceBusMessage>& buffer, int n) {
    if (n >= buffer.size()) {
        return std::exchange(buffer, {});
    }
    QList<ServiceBusMessage> batch;
    batch.reserve(n);
    std::move(buffer.begin(), buffer.begin() + n, std::back_inserter(batch));
    buffer.remove(0, n);
    return batch;
}

} // namespace

void ConnectionEngine::receive(const QString& address, ReceiveMode mode,
                               const std::optional<QString>& sessionId, int maxCount,
                               std::chrono::milliseconds timeout,
                               Pending<QList<ServiceBusMessage>> pending) {
    if (m_state == State::Closed) {
        resolve(pending, fail(ErrorCode::Cancelled, QStringLiteral("The connection was closed.")));
        return;
    }
    Link* link = receiverLink(address, mode, sessionId, !sessionId.has_value());
    if (!link) {
        resolve(pending, fail(ErrorCode::NoActiveSession,
                              QStringLiteral("Session '%1' is not accepted on this connection; "
                                             "accept it first.")
                                  .arg(*sessionId)));
        return;
    }
    auto waiter = std::make_shared<ReceiveWaiter>();
    waiter->pending = pending;
    waiter->maxCount = std::max(1, maxCount);
    link->waiters.append(waiter);
    if (!link->buffer.isEmpty()) {
        scheduleServe(link);
    }
    flowCredit(link);
    process();
    const quint64 serial = link->serial;
    // Weak, so a served waiter (and its messages) is freed at once, not at the timeout.
    waiter->deadline = m_deadlines.arm(timeout, [this, link, serial, weak = std::weak_ptr(waiter)] {
        expireReceive(link, serial, weak);
    });
}

void ConnectionEngine::expireReceive(Link* link, quint64 serial,
                                     const std::weak_ptr<ReceiveWaiter>& weak) {
    const auto waiter = weak.lock();
    if (!waiter || !alive(link, serial)) {
        return;
    }
    const bool first = !link->waiters.isEmpty() && link->waiters.constFirst() == waiter;
    if (!link->waiters.removeOne(waiter)) {
        return; // served
    }
    // Not enough arrived in time: what did (a partly filled batch waiting for the drain),
    // else an empty result, not an error (as in the SDKs). A cancelled call takes nothing.
    const int n = first && !isSettled(waiter->pending)
                      ? std::min(waiter->maxCount, int(link->buffer.size()))
                      : 0;
    resolve(waiter->pending, takeBuffered(link->buffer, n));
    if (link->waiters.isEmpty()) {
        releaseCredit(link);
    }
}

void ConnectionEngine::setPrefetch(ReceiveMode mode, int messages, Pending<void> pending) {
    (mode == ReceiveMode::ReceiveAndDelete ? m_prefetchReceiveAndDelete : m_prefetchPeekLock) =
        std::max(0, messages);
    // Resolves once every shrunk window's drain is answered: until then the broker may still
    // hand out messages on the old credit.
    auto remaining = std::make_shared<int>(1);
    const auto oneDone = [pending, remaining](const VoidResult&) {
        if (--*remaining == 0) {
            resolve(pending, VoidResult());
        }
    };
    for (Link* link : std::as_const(m_links)) {
        if (link->kind == Link::Kind::EntityReceiver && link->mode == mode) {
            flowCredit(link);
            if (link->waiters.isEmpty()) {
                releaseCredit(link);
            }
            if (link->draining) {
                ++*remaining;
                link->drainWaiters.append(oneDone);
            }
        }
    }
    oneDone({});
    process();
}

int ConnectionEngine::prefetchOf(const Link* link) const {
    if (link->kind != Link::Kind::EntityReceiver || link->sessionReceiver) {
        return 0; // a session receiver holds the session lock: it takes only what it asks for
    }
    return link->mode == ReceiveMode::ReceiveAndDelete ? m_prefetchReceiveAndDelete
                                                       : m_prefetchPeekLock;
}

// Credit for the standing window plus what the waiting receive() calls ask for, less what is
// buffered already.
void ConnectionEngine::flowCredit(Link* link) {
    if (!link->link || !link->attached || link->draining) {
        return; // after a drain, serveReceivers() comes back here
    }
    int wanted = prefetchOf(link);
    for (const auto& waiter : std::as_const(link->waiters)) {
        if (!isSettled(waiter->pending)) {
            wanted += waiter->maxCount;
        }
    }
    wanted -= int(link->buffer.size());
    const int credit = pn_link_credit(link->link);
    if (wanted > credit) {
        pn_link_set_drain(link->link, false);
        pn_link_flow(link->link, wanted - credit);
    }
}

// Nobody waits: without a standing window, take back the unused credit so no message is
// locked (or deleted) without a taker.
void ConnectionEngine::releaseCredit(Link* link) {
    if (prefetchOf(link) == 0 && !link->draining && link->link && link->attached &&
        pn_link_credit(link->link) > 0) {
        link->draining = true;
        pn_link_drain(link->link, 0);
        process();
    }
}

void ConnectionEngine::scheduleServe(Link* link) {
    if (link->servePending) {
        return;
    }
    link->servePending = true;
    const quint64 serial = link->serial;
    // Next turn of the event loop: messages that arrived together are handed out together.
    QMetaObject::invokeMethod(
        this,
        [this, link, serial] {
            if (alive(link, serial)) {
                link->servePending = false;
                serveReceivers(link);
            }
        },
        Qt::QueuedConnection);
}

void ConnectionEngine::serveReceivers(Link* link) {
    const bool window = prefetchOf(link) > 0;
    while (!link->waiters.isEmpty() && !link->buffer.isEmpty()) {
        const auto waiter = link->waiters.constFirst();
        if (isSettled(waiter->pending)) {
            link->waiters.removeFirst();
            m_deadlines.cancel(waiter->deadline);
            continue;
        }
        const int n = std::min(waiter->maxCount, int(link->buffer.size()));
        if (!window && n < waiter->maxCount && link->link && link->attached &&
            pn_link_credit(link->link) > 0) {
            // Without a window a call is answered with everything available up to its count,
            // not with whatever the first socket read held: drain the rest of the credit and
            // answer once the broker says it has nothing more (readDeliveries()).
            if (!link->draining) {
                link->draining = true;
                pn_link_drain(link->link, 0);
                process();
            }
            return;
        }
        link->waiters.removeFirst();
        m_deadlines.cancel(waiter->deadline);
        resolve(waiter->pending, takeBuffered(link->buffer, n));
    }
    if (link->waiters.isEmpty()) {
        releaseCredit(link);
    }
    flowCredit(link);
    process();
}

void ConnectionEngine::readDeliveries() {
    const QList<Link*> links = m_links;
    for (Link* link : links) {
        if (!m_links.contains(link) || !link->link || !link->isReceiving()) {
            continue;
        }
        pn_link_t* l = link->link;
        pn_delivery_t* d = nullptr;
        while ((d = pn_link_current(l)) && pn_delivery_readable(d) && !pn_delivery_partial(d)) {
            QByteArray bytes(qsizetype(pn_delivery_pending(d)), Qt::Uninitialized);
            const ssize_t n = pn_link_recv(l, bytes.data(), size_t(bytes.size()));
            bytes.truncate(n > 0 ? qsizetype(n) : 0);
            pn_link_advance(l);
            if (pn_delivery_aborted(d)) {
                pn_delivery_settle(d);
                continue;
            }
            onDelivery(link, d, bytes);
        }
        if (m_links.contains(link) && link->draining && pn_link_credit(l) == 0) {
            // The broker used or gave back all credit: the drain is over.
            link->draining = false;
            pn_link_set_drain(l, false);
            scheduleServe(link);
            for (const Done& done : std::exchange(link->drainWaiters, {})) {
                done({});
            }
        }
    }
}

void ConnectionEngine::onDelivery(Link* link, pn_delivery_t* d, const QByteArray& bytes) {
    if (link->kind != Link::Kind::EntityReceiver) {
        pn_delivery_update(d, PN_ACCEPTED);
        pn_delivery_settle(d);
        if (pn_link_credit(link->link) < kReplyCreditLow) {
            pn_link_flow(link->link, kReplyCredit - pn_link_credit(link->link));
        }
        Result<AmqpMessage> reply = AmqpMessage::decode(bytes);
        if (!reply) {
            qCWarning(lcAmqp) << "undecodable reply on" << link->address << reply.error().message;
            return;
        }
        if (link->kind == Link::Kind::CbsReceiver) {
            onCbsReply(*reply);
            return;
        }
        onReply(link, *reply);
        return;
    }

    QUuid token;
    if (link->mode == ReceiveMode::PeekLock) {
        const pn_delivery_tag_t tag = pn_delivery_tag(d);
        token = LockToken::fromDeliveryTag(QByteArrayView(tag.start, qsizetype(tag.size)))
                    .value_or(QUuid());
    }
    Result<ServiceBusMessage> message = ServiceBusMessage::fromEncoded(bytes, token);
    if (!message) {
        qCWarning(lcAmqp) << "undecodable message on" << link->address << message.error().message;
        pn_delivery_update(d, PN_RELEASED);
        pn_delivery_settle(d);
        return;
    }
    if (link->mode == ReceiveMode::ReceiveAndDelete || token.isNull()) {
        pn_delivery_settle(d); // pre-settled by the broker: nothing to answer
    } else {
        link->unsettled.insert(token, d);
        m_lockOwners.insert(token, link);
        if (link->sessionReceiver && !message->lockedUntil) {
            message->lockedUntil = link->sessionLockedUntil;
        }
    }
    link->buffer.append(std::move(*message));
    scheduleServe(link);
}

void ConnectionEngine::acceptSession(const QString& address, ReceiveMode mode,
                                     const std::optional<QString>& sessionId,
                                     std::chrono::milliseconds timeout,
                                     Pending<AcceptedSession> pending) {
    if (m_state == State::Closed) {
        resolve(pending, fail(ErrorCode::Cancelled, QStringLiteral("The connection was closed.")));
        return;
    }
    if (sessionId) {
        if (Link* existing = receiverLink(address, mode, sessionId, false)) {
            resolve(pending, AcceptedSession{address, *sessionId, existing->sessionLockedUntil});
            return;
        }
    }
    auto* link = new Link;
    link->kind = Link::Kind::EntityReceiver;
    link->serial = ++m_nextSerial;
    link->address = address;
    link->mode = mode;
    link->sessionReceiver = true;
    link->sessionId = sessionId;
    link->accept = pending;
    m_links << link;
    prepare(link);
    const quint64 serial = link->serial;
    link->acceptDeadline = m_deadlines.arm(timeout, [this, link, serial, pending] {
        if (resolve(pending, fail(ErrorCode::Timeout,
                                  QStringLiteral("No session could be accepted in time.")))) {
            if (alive(link, serial)) {
                removeLink(link, Error::make(ErrorCode::Timeout, QStringLiteral("timed out")));
            }
        }
    });
}

void ConnectionEngine::closeReceiver(const QString& address,
                                     const std::optional<QString>& sessionId,
                                     Pending<void> pending) {
    for (Link* link : std::as_const(m_links)) {
        if (link->kind == Link::Kind::EntityReceiver && link->address == address &&
            (sessionId ? link->lockedSessionId == *sessionId : !link->sessionReceiver)) {
            pn_link_t* pnLink = link->link;
            // Received-and-deleted messages nobody took are no longer on the entity: say so
            // (the detach cannot give them back). Peek-locked ones go back with the detach.
            const QList<ServiceBusMessage> untaken = link->mode == ReceiveMode::ReceiveAndDelete
                                                         ? std::exchange(link->buffer, {})
                                                         : QList<ServiceBusMessage>();
            removeLink(link, Error::make(ErrorCode::Cancelled,
                                         QStringLiteral("The receiver was closed.")));
            if (!untaken.isEmpty()) {
                resolve(pending,
                        fail(ErrorCode::Cancelled,
                             QStringLiteral("The receiver was closed with %1 received "
                                            "message(s) nobody took (sequence numbers %2 to %3); "
                                            "they were already deleted from the entity.")
                                 .arg(untaken.size())
                                 .arg(untaken.constFirst().sequenceNumber)
                                 .arg(untaken.constLast().sequenceNumber)));
                return;
            }
            if (pnLink && !m_tearingDown) {
                m_closing.insert(pnLink, pending); // answered by the broker's detach
                return;
            }
            break;
        }
    }
    resolve(pending, VoidResult());
}

} // namespace busbar
