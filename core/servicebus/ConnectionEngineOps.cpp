// $management requests (servicebus-amqp.md §8): sending, answering, and what a request whose
// answer never came is reported as.
#include "core/amqp/AmqpDriver.h"
#include "core/amqp/ProtonAccess.h"
#include "core/servicebus/ConnectionEnginePrivate.h"

#include <QSet>
#include <QUuid>

namespace busbar {

namespace {

QString symbolText(const QVariant& v) {
    if (v.metaType() == QMetaType::fromType<AmqpSymbol>()) {
        return QString::fromUtf8(v.value<AmqpSymbol>().name);
    }
    return v.toString();
}

// "schedule-message" for "com.microsoft:schedule-message": what people read in a message.
QString shortName(const QString& operation) {
    const qsizetype colon = operation.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? operation : operation.mid(colon + 1);
}

} // namespace

// The rule: an operation repeats safely when doing it twice leaves the broker as doing it once
// and answers the same, so a caller may simply try again after a drop:
// - reads: peek-message, get-message-sessions, get-session-state, enumerate-rules;
// - renew-lock and renew-session-lock: a second renewal only moves the lock's end a little
//   further, which is what was asked;
// - set-session-state: sets the whole state to the same value again.
// Everything else changes the broker in a way a repeat does again or turns into a different
// answer, and is OutcomeUnknown once it went out unanswered: schedule-message (schedules the
// messages twice), cancel-scheduled-message and remove-rule (the repeat says "not found" about
// something the first one did), batch-delete-messages (deletes another batch),
// receive-by-sequence-number (locks, or in receive-and-delete mode deletes, the messages),
// update-disposition (settles; the repeat sees the lock gone), add-rule (the repeat says the
// rule exists). An operation not named here counts as unsafe: it is the honest default.
bool ConnectionEngine::repeatsSafely(const QString& operation) {
    static const QSet<QString> safe = {
        QStringLiteral("com.microsoft:peek-message"),
        QStringLiteral("com.microsoft:get-message-sessions"),
        QStringLiteral("com.microsoft:get-session-state"),
        QStringLiteral("com.microsoft:enumerate-rules"),
        QStringLiteral("com.microsoft:renew-lock"),
        QStringLiteral("com.microsoft:renew-session-lock"),
        QStringLiteral("com.microsoft:set-session-state"),
    };
    return safe.contains(operation);
}

// What an unanswered request is reported as. One that never went out failed (retryable, as
// `cause` says); one that went out and changes the broker may have been carried out, which
// only OutcomeUnknown says: a retryable error would invite doing it twice.
Error ConnectionEngine::unanswered(const QString& operation, bool written, const Error& cause) {
    if (!written || repeatsSafely(operation)) {
        return cause;
    }
    Error unknown = cause;
    unknown.code = ErrorCode::OutcomeUnknown;
    unknown.message = QStringLiteral("The request (%1) was sent but no answer came; the broker "
                                     "may or may not have carried it out: ")
                          .arg(shortName(operation)) +
                      cause.message;
    return unknown;
}

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
    if (m_state == State::Closed) {
        resolve(pending, fail(ErrorCode::Cancelled, QStringLiteral("The connection was closed.")));
        return;
    }
    Link* link = managementLink(address);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    AmqpMessage message;
    message.properties.present = true;
    message.properties.messageId = id;
    message.properties.replyTo = link->partner ? link->partner->replyTo : QString();
    message.setApplicationProperty(QStringLiteral("operation"), operation);
    message.setApplicationProperty(QStringLiteral("com.microsoft:server-timeout"),
                                   QVariant::fromValue(quint32(std::clamp<qint64>(
                                       timeout.count(), 0, std::numeric_limits<int>::max()))));
    // Ties the request to this client's receive link (its locks, its session).
    for (const Link* l : std::as_const(m_links)) {
        if (l->kind == Link::Kind::EntityReceiver && l->address == address && l->attached) {
            message.setApplicationProperty(QStringLiteral("associated-link-name"), l->name);
            break;
        }
    }
    message.setValueBody(QVariant::fromValue(body));
    const quint64 serial = link->serial;
    OpenRequest& open = link->requests[id];
    open.pending = std::move(pending);
    open.operation = operation;
    open.deadline =
        m_deadlines.arm(timeout, [this, link, serial, id] { expireRequest(link, serial, id); });
    link->outbox.append(OutgoingRequest{id, message.encode()});
    pumpRequests(link);
    process();
}

// The request's time is up: answered with Timeout, or OutcomeUnknown when it went out and
// repeatsSafely() says no. One still waiting for credit leaves the outbox, so it can never go
// out after its caller was told it failed.
void ConnectionEngine::expireRequest(Link* link, quint64 serial, const QString& id) {
    if (!alive(link, serial)) {
        return; // the link went away and answered it
    }
    const auto it = link->requests.find(id);
    if (it == link->requests.end()) {
        return;
    }
    const OpenRequest open = std::move(*it);
    link->requests.erase(it);
    if (!open.written) {
        link->outbox.removeIf([&id](const OutgoingRequest& r) { return r.id == id; });
    }
    const Error timeout = Error::make(
        ErrorCode::Timeout,
        QStringLiteral("The broker did not answer %1 in time.").arg(shortName(open.operation)));
    resolve(open.pending, fail(unanswered(open.operation, open.written, timeout)));
}

void ConnectionEngine::onReply(Link* receiver, const AmqpMessage& reply) {
    Link* sender = receiver->partner;
    const QString id = amqpIdToText(reply.properties.correlationId);
    const auto it = sender ? sender->requests.find(id) : QHash<QString, OpenRequest>::iterator();
    if (!sender || it == sender->requests.end()) {
        return; // timed out already
    }
    const OpenRequest open = std::move(*it);
    sender->requests.erase(it);
    m_deadlines.cancel(open.deadline);
    ManagementReply r;
    QVariant status = reply.applicationProperty(QStringLiteral("statusCode"));
    if (!status.isValid()) {
        status = reply.applicationProperty(QStringLiteral("status-code"));
    }
    r.statusCode = status.toInt();
    r.statusDescription = reply.applicationProperty(QStringLiteral("statusDescription")).toString();
    r.errorCondition = symbolText(reply.applicationProperty(QStringLiteral("errorCondition")));
    r.body = reply.bodyValue();
    resolve(open.pending, std::move(r));
}

void ConnectionEngine::pumpRequests(Link* link) {
    if (!link->link || !link->attached || (pn_link_state(link->link) & PN_REMOTE_CLOSED)) {
        return;
    }
    while (!link->outbox.isEmpty() && pn_link_credit(link->link) > 0) {
        const OutgoingRequest next = link->outbox.takeFirst();
        sendRaw(link->link, next.bytes);
        if (!next.id.isEmpty()) {
            const auto it = link->requests.find(next.id);
            if (it != link->requests.end()) {
                it->written = true;
            }
        }
    }
}

} // namespace busbar
