#include "core/amqp/AmqpDriver.h"
#include "core/amqp/LockToken.h"
#include "core/amqp/PnDataCodec.h"
#include "core/amqp/ProtonAccess.h"
#include "core/servicebus/ConnectionEnginePrivate.h"
#include "core/servicebus/ManagementCodec.h"

#include <QUuid>

#include <iterator>

namespace busbar {

namespace {

constexpr int kReplyCreditLow = 50;
constexpr int kReplyCredit = 100;

int timerMs(std::chrono::milliseconds timeout) {
    return int(std::clamp<qint64>(timeout.count(), 0, std::numeric_limits<int>::max()));
}

Error timeoutError(const QString& what) {
    return Error::make(ErrorCode::Timeout, what);
}

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

QString symbolText(const QVariant& v) {
    if (v.metaType() == QMetaType::fromType<AmqpSymbol>()) {
        return QString::fromUtf8(v.value<AmqpSymbol>().name);
    }
    return v.toString();
}

} // namespace

void ConnectionEngine::request(const QString& address, const QString& operation,
                               const AmqpMap& body, std::chrono::milliseconds timeout,
                               Pending<ManagementReply> pending) {
    if (operation == peekOperation()) {
        peek(address, body, timeout, std::move(pending));
        return;
    }
    sendRequest(address, operation, body, timeout, std::move(pending));
}

void ConnectionEngine::sendRequest(const QString& address, const QString& operation,
                                   const AmqpMap& body, std::chrono::milliseconds timeout,
                                   Pending<ManagementReply> pending) {
    Link* link = managementLink(address);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    AmqpMessage message;
    message.properties.present = true;
    message.properties.messageId = id;
    message.properties.replyTo = link->partner ? link->partner->replyTo : QString();
    message.setApplicationProperty(QStringLiteral("operation"), operation);
    message.setApplicationProperty(QStringLiteral("com.microsoft:server-timeout"),
                                   QVariant::fromValue(quint32(timerMs(timeout))));
    // Ties the request to this client's receive link (its locks, its session).
    for (const Link* l : std::as_const(m_links)) {
        if (l->kind == Link::Kind::EntityReceiver && l->address == address && l->attached) {
            message.setApplicationProperty(QStringLiteral("associated-link-name"), l->name);
            break;
        }
    }
    message.setValueBody(QVariant::fromValue(body));
    link->requests.insert(id, pending);
    link->outbox.append(message.encode());
    pumpRequests(link);
    process();
    // The timer holds the promise weakly: once answered, the reply (a whole page of peeked
    // messages) must not stay in memory until the timeout would have fired.
    QTimer::singleShot(timerMs(timeout), this, [weak = std::weak_ptr(pending), operation] {
        resolve(weak.lock(),
                fail(timeoutError(
                    QStringLiteral("The broker did not answer %1 in time.").arg(operation))));
    });
}

void ConnectionEngine::receive(const QString& address, ReceiveMode mode,
                               const std::optional<QString>& sessionId, int maxCount,
                               std::chrono::milliseconds timeout,
                               Pending<QList<ServiceBusMessage>> pending) {
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
    QTimer::singleShot(timerMs(timeout), this, [this, link, serial, weak = std::weak_ptr(waiter)] {
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
    });
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
        Link* sender = link->partner;
        const QString id = amqpIdToText(reply->properties.correlationId);
        if (!sender || !sender->requests.contains(id)) {
            return;
        }
        ManagementReply r;
        QVariant status = reply->applicationProperty(QStringLiteral("statusCode"));
        if (!status.isValid()) {
            status = reply->applicationProperty(QStringLiteral("status-code"));
        }
        r.statusCode = status.toInt();
        r.statusDescription =
            reply->applicationProperty(QStringLiteral("statusDescription")).toString();
        r.errorCondition = symbolText(reply->applicationProperty(QStringLiteral("errorCondition")));
        r.body = reply->bodyValue();
        resolve(sender->requests.take(id), std::move(r));
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
    QTimer::singleShot(timerMs(timeout), this, [this, link, serial, pending] {
        if (resolve(pending, fail(timeoutError(QStringLiteral("No session could be accepted "
                                                              "in time."))))) {
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
