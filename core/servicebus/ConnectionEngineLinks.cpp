#include "core/amqp/AmqpDriver.h"
#include "core/amqp/DotNetTicks.h"
#include "core/amqp/LockToken.h"
#include "core/amqp/PnDataCodec.h"
#include "core/amqp/ProtonAccess.h"
#include "core/servicebus/ConnectionEnginePrivate.h"
#include "core/servicebus/ManagementCodec.h"

#include <QUuid>

#include <proton/connection.hpp>
#include <proton/io/connection_driver.hpp>
#include <proton/receiver_options.hpp>
#include <proton/sender_options.hpp>
#include <proton/session.hpp>
#include <proton/source.hpp>
#include <proton/source_options.hpp>
#include <proton/target_options.hpp>

namespace busbar {

namespace {

constexpr int kReplyCredit = 100;

QString uniqueName(const QString& prefix) {
    return prefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Error linkClosedError(const QString& condition, const QString& description) {
    if (condition.isEmpty()) {
        return connectionError(QStringLiteral("The broker closed the link."));
    }
    return errorFromAmqpCondition(condition, description);
}

} // namespace

ConnectionEngine::Link* ConnectionEngine::findLink(pn_link_t* link) const {
    for (Link* l : m_links) {
        if (l->link == link) {
            return l;
        }
    }
    return nullptr;
}

bool ConnectionEngine::alive(const Link* link, quint64 serial) const {
    return m_links.contains(const_cast<Link*>(link)) && link->serial == serial;
}

ConnectionEngine::Link* ConnectionEngine::managementLink(const QString& address) {
    for (Link* l : m_links) {
        if (l->kind == Link::Kind::RequestSender && l->address == address) {
            return l;
        }
    }
    auto* sender = new Link;
    sender->kind = Link::Kind::RequestSender;
    sender->serial = ++m_nextSerial;
    sender->address = address;
    auto* receiver = new Link;
    receiver->kind = Link::Kind::ReplyReceiver;
    receiver->serial = ++m_nextSerial;
    receiver->address = address;
    receiver->replyTo = uniqueName(QStringLiteral("busbar-reply-"));
    sender->partner = receiver;
    receiver->partner = sender;
    m_links << sender << receiver;
    prepare(sender);
    return sender;
}

ConnectionEngine::Link* ConnectionEngine::senderLink(const QString& address) {
    for (Link* l : m_links) {
        if (l->kind == Link::Kind::EntitySender && l->address == address) {
            return l;
        }
    }
    auto* link = new Link;
    link->kind = Link::Kind::EntitySender;
    link->serial = ++m_nextSerial;
    link->address = address;
    m_links << link;
    prepare(link);
    return link;
}

ConnectionEngine::Link* ConnectionEngine::receiverLink(const QString& address, ReceiveMode mode,
                                                       const std::optional<QString>& sessionId,
                                                       bool create) {
    for (Link* l : m_links) {
        if (l->kind != Link::Kind::EntityReceiver || l->address != address ||
            l->sessionReceiver != sessionId.has_value()) {
            continue;
        }
        if (sessionId ? l->lockedSessionId == *sessionId : l->mode == mode) {
            return l;
        }
    }
    if (!create) {
        return nullptr;
    }
    auto* link = new Link;
    link->kind = Link::Kind::EntityReceiver;
    link->serial = ++m_nextSerial;
    link->address = address;
    link->mode = mode;
    if (mode == ReceiveMode::ReceiveAndDelete && !sessionId) {
        link->buffer = m_leftovers.take(address); // received before a drop, not yet taken
    }
    m_links << link;
    prepare(link);
    return link;
}

void ConnectionEngine::prepare(Link* link) {
    const quint64 serial = link->serial;
    ensureConnected([this, link, serial](VoidResult connected) {
        if (!alive(link, serial)) {
            return;
        }
        if (!connected) {
            removeLink(link, connected.error());
            return;
        }
        ensureAuthorized(link->address, [this, link, serial](VoidResult authorized) {
            if (!alive(link, serial)) {
                return;
            }
            if (!authorized) {
                removeLink(link, authorized.error());
                return;
            }
            if (link->partner) {
                attach(link->partner);
            }
            attach(link);
            process();
        });
    });
}

void ConnectionEngine::attach(Link* link) {
    if (!m_driver || link->link) {
        return;
    }
    proton::connection connection = m_driver->driver().connection();
    proton::session session = connection.open_session();
    link->name = uniqueName(QStringLiteral("busbar-"));
    const std::string name = link->name.toStdString();
    switch (link->kind) {
    case Link::Kind::CbsSender:
    case Link::Kind::RequestSender:
    case Link::Kind::EntitySender: {
        const QString target = link->kind == Link::Kind::RequestSender
                                   ? link->address + QStringLiteral("/$management")
                                   : link->address;
        proton::sender s = session.open_sender(
            target.toStdString(), proton::sender_options()
                                      .name(name)
                                      .delivery_mode(proton::delivery_mode::AT_LEAST_ONCE)
                                      .auto_settle(true)
                                      .source(proton::source_options().address(name)));
        link->link = cLink(s);
        break;
    }
    case Link::Kind::CbsReceiver:
    case Link::Kind::ReplyReceiver: {
        const QString source = link->kind == Link::Kind::ReplyReceiver
                                   ? link->address + QStringLiteral("/$management")
                                   : link->address;
        proton::receiver r = session.open_receiver(
            source.toStdString(),
            proton::receiver_options().name(name).credit_window(0).auto_accept(false).target(
                proton::target_options().address(link->replyTo.toStdString())));
        link->link = cLink(r);
        pn_link_flow(link->link, kReplyCredit);
        break;
    }
    case Link::Kind::EntityReceiver: {
        proton::source_options source;
        if (link->sessionReceiver) {
            proton::source::filter_map filters;
            filters.put(proton::symbol("com.microsoft:session-filter"),
                        link->sessionId ? proton::value(link->sessionId->toStdString())
                                        : proton::value());
            source.filters(filters);
        }
        proton::receiver r =
            session.open_receiver(link->address.toStdString(),
                                  proton::receiver_options()
                                      .name(name)
                                      .credit_window(0)
                                      .auto_accept(false)
                                      .delivery_mode(link->mode == ReceiveMode::ReceiveAndDelete
                                                         ? proton::delivery_mode::AT_MOST_ONCE
                                                         : proton::delivery_mode::AT_LEAST_ONCE)
                                      .source(source)
                                      .target(proton::target_options().address(name)));
        link->link = cLink(r);
        break;
    }
    }
    qCDebug(lcAmqp) << "attaching" << link->address << "as" << link->name;
}

void ConnectionEngine::removeLink(Link* link, const Error& error) {
    if (!m_links.contains(link)) {
        return;
    }
    m_links.removeOne(link);
    if (link == m_cbsSender) {
        m_cbsSender = nullptr;
    }
    if (link == m_cbsReceiver) {
        m_cbsReceiver = nullptr;
    }
    if (!m_tearingDown && link->link && !(pn_link_state(link->link) & PN_LOCAL_CLOSED)) {
        pn_link_close(link->link);
        // Every link has a session of its own (attach()): it goes with the link.
        pn_session_close(pn_link_session(link->link));
        process();
    }
    for (const Done& done : std::exchange(link->attachWaiters, {})) {
        done(fail(error));
    }
    for (const Done& done : std::exchange(link->drainWaiters, {})) {
        done({}); // a detached link holds no credit
    }
    m_deadlines.cancel(link->acceptDeadline);
    for (const OpenRequest& open : std::as_const(link->requests)) {
        m_deadlines.cancel(open.deadline);
        resolve(open.pending, fail(unanswered(open.operation, open.written, error)));
    }
    for (const auto& [bytes, batch] : std::as_const(link->sendQueue)) {
        m_deadlines.cancel(batch->deadline);
        resolve(batch->pending, batch->anyTransferred
                                    ? fail(ErrorCode::OutcomeUnknown,
                                           QStringLiteral("Some messages were sent but the link "
                                                          "closed before the broker answered: ") +
                                               error.message)
                                    : fail(error));
    }
    for (const auto& batch : std::as_const(link->inflight)) {
        m_deadlines.cancel(batch->deadline);
        Error unknown = error;
        unknown.code = ErrorCode::OutcomeUnknown;
        unknown.message =
            QStringLiteral("The message may or may not have been sent: ") + error.message;
        resolve(batch->pending, fail(unknown));
    }
    for (const auto& waiter : std::as_const(link->waiters)) {
        m_deadlines.cancel(waiter->deadline);
        resolve(waiter->pending, fail(error));
    }
    resolve(link->accept, fail(error));
    for (const Settling& settling : std::as_const(link->settling)) {
        m_deadlines.cancel(settling.deadline);
        resolve(settling.pending, fail(error));
    }
    for (auto it = link->unsettled.cbegin(); it != link->unsettled.cend(); ++it) {
        m_lockOwners.remove(it.key());
    }
    if (link->kind == Link::Kind::EntityReceiver && link->mode == ReceiveMode::ReceiveAndDelete &&
        !link->buffer.isEmpty()) {
        // Already deleted on the broker: keep them for the next receive() on this entity (a
        // new link after a reconnect), unless the connection itself is being closed.
        if (m_state == State::Closed || link->sessionReceiver) {
            qCWarning(lcAmqp) << link->buffer.size() << "received-and-deleted messages from"
                              << link->address << "were never taken by a receive call";
        } else {
            m_leftovers[link->address].append(std::exchange(link->buffer, {}));
        }
    }
    Link* partner = std::exchange(link->partner, nullptr);
    delete link;
    if (partner) {
        partner->partner = nullptr;
        removeLink(partner, error);
    }
}

void ConnectionEngine::onLinkOpened(pn_link_t* pnLink) {
    Link* link = findLink(pnLink);
    if (!link || (pn_link_state(pnLink) & PN_REMOTE_CLOSED)) {
        return; // a refusing broker attaches and detaches at once: the close tells why
    }
    link->attached = true;
    switch (link->kind) {
    case Link::Kind::EntitySender: {
        link->maxMessageSize = pn_link_remote_max_message_size(pnLink);
        if (link->maxMessageSize > 0) {
            // Refuse a batch with any message too large before any of it goes out.
            QList<std::pair<QByteArray, std::shared_ptr<SendBatch>>> kept;
            for (const auto& entry : std::as_const(link->sendQueue)) {
                if (quint64(entry.first.size()) > link->maxMessageSize) {
                    resolve(entry.second->pending,
                            fail(ErrorCode::MessageTooLarge,
                                 QStringLiteral("A message of %1 bytes exceeds the entity's "
                                                "limit of %2 bytes.")
                                     .arg(entry.first.size())
                                     .arg(link->maxMessageSize)));
                }
            }
            for (const auto& entry : std::as_const(link->sendQueue)) {
                if (!isSettled(entry.second->pending)) {
                    kept.append(entry);
                }
            }
            link->sendQueue = kept;
        }
        pumpSender(link);
        break;
    }
    case Link::Kind::EntityReceiver:
        if (link->sessionReceiver) {
            const Result<AmqpMap> filter =
                PnDataCodec::readMap(pn_terminus_filter(pn_link_remote_source(pnLink)));
            const QString sessionId =
                filter ? mgmt::get(QVariant::fromValue(*filter),
                                   QStringLiteral("com.microsoft:session-filter"))
                             .toString()
                       : QString();
            if (sessionId.isEmpty()) {
                return; // no session was locked; the detach follows
            }
            link->lockedSessionId = sessionId;
            const Result<AmqpMap> properties =
                PnDataCodec::readMap(pn_link_remote_properties(pnLink));
            if (properties) {
                const QVariant ticks = mgmt::get(QVariant::fromValue(*properties),
                                                 QStringLiteral("com.microsoft:locked-until-utc"));
                if (ticks.isValid()) {
                    link->sessionLockedUntil = DotNetTicks::toDateTime(ticks.toLongLong());
                }
            }
            m_deadlines.cancel(link->acceptDeadline);
            resolve(link->accept,
                    AcceptedSession{link->address, sessionId, link->sessionLockedUntil});
        }
        flowCredit(link);
        break;
    case Link::Kind::CbsSender:
    case Link::Kind::RequestSender:
        pumpRequests(link);
        break;
    case Link::Kind::CbsReceiver:
    case Link::Kind::ReplyReceiver:
        break;
    }
    for (const Done& done : std::exchange(link->attachWaiters, {})) {
        done({});
    }
    process();
}

void ConnectionEngine::onLinkClosed(pn_link_t* pnLink, const QString& condition,
                                    const QString& description) {
    Link* link = findLink(pnLink);
    if (!link) {
        resolve(m_closing.take(pnLink), VoidResult()); // the answer to our own detach
        return;
    }
    qCInfo(lcAmqp) << "link" << link->address << "closed by the broker" << condition << description;
    removeLink(link, linkClosedError(condition, description));
}

void ConnectionEngine::onSendable(pn_link_t* pnLink) {
    Link* link = findLink(pnLink);
    if (!link) {
        return;
    }
    if (link->kind == Link::Kind::EntitySender) {
        pumpSender(link);
    } else {
        pumpRequests(link);
    }
}

pn_delivery_t* ConnectionEngine::sendRaw(pn_link_t* link, const QByteArray& bytes) {
    const quint64 tag = ++m_nextTag;
    pn_delivery_t* delivery =
        pn_delivery(link, pn_dtag(reinterpret_cast<const char*>(&tag), sizeof tag));
    pn_link_send(link, bytes.constData(), size_t(bytes.size()));
    pn_link_advance(link);
    return delivery;
}

} // namespace busbar
