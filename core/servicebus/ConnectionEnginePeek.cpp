#include "core/servicebus/ConnectionEnginePrivate.h"
#include "core/servicebus/ManagementCodec.h"
#include "core/servicebus/ServiceBusMessage.h"

#include <QDateTime>
#include <QFuture>

namespace busbar {

namespace {

// A read-ahead page is handed out only to a call made this soon after it was asked for: as
// if that call had been made this much earlier, well within what a peek snapshot means.
constexpr qint64 kPeekAheadMaxAgeMs = 500;

struct PeekKey {
    qint64 from = -1;
    int count = 0;
    bool session = false;
};

PeekKey keyOf(const AmqpMap& body) {
    const QVariant map = mgmt::value(body);
    const QVariant from = mgmt::get(map, QStringLiteral("from-sequence-number"));
    const QVariant count = mgmt::get(map, QStringLiteral("message-count"));
    const QVariant session = mgmt::get(map, QStringLiteral("session-id"));
    return PeekKey{from.isValid() ? from.toLongLong() : -1, count.toInt(),
                   session.isValid() && !session.isNull()};
}

// The sequence number after the last message of a full page; -1 when the page was short (the
// end was reached, so nothing is read ahead) or unreadable.
qint64 nextAfterFullPage(const ManagementReply& reply, int count) {
    if (reply.statusCode != 200 || count <= 0) {
        return -1;
    }
    const QVariantList messages = mgmt::elements(mgmt::get(reply.body, QStringLiteral("messages")));
    if (messages.size() < count) {
        return -1;
    }
    // Only the last message's sequence number: its annotations, not a second full decode.
    const qint64 sequenceNumber = ServiceBusMessage::sequenceNumberOf(
        mgmt::get(messages.constLast(), QStringLiteral("message")).toByteArray());
    return sequenceNumber >= 0 ? sequenceNumber + 1 : -1;
}

} // namespace

// Sequential paging (from = last + 1, same count) is what every peek caller does; asking
// for the next page as soon as a full one arrives lets the broker prepare it while this side
// decodes the last one. One page at most is held, and only for a short while.
struct ConnectionEngine::PeekAhead {
    QString address;
    qint64 from = -1;
    int count = 0;
    qint64 askedAtMs = 0;
    std::optional<Result<ManagementReply>> reply;
    Pending<ManagementReply> taker; // a call that matched while the page was in flight
    AmqpMap takerBody;
    std::chrono::milliseconds takerTimeout{0};
};

const QString& ConnectionEngine::peekOperation() {
    static const QString operation = QStringLiteral("com.microsoft:peek-message");
    return operation;
}

void ConnectionEngine::peek(const QString& address, const AmqpMap& body,
                            std::chrono::milliseconds timeout, Pending<ManagementReply> pending) {
    const PeekKey key = keyOf(body);
    const std::shared_ptr<PeekAhead> ahead = std::exchange(m_peekAhead, nullptr);
    if (ahead && !key.session && ahead->address == address && ahead->from == key.from &&
        ahead->count == key.count && !ahead->taker &&
        QDateTime::currentMSecsSinceEpoch() - ahead->askedAtMs <= kPeekAheadMaxAgeMs) {
        if (ahead->reply) {
            finishPeek(address, body, timeout, pending, std::move(*ahead->reply));
        } else {
            ahead->taker = std::move(pending);
            ahead->takerBody = body;
            ahead->takerTimeout = timeout;
            m_peekAhead = ahead;
        }
        return;
    }
    auto inner = makePending<ManagementReply>();
    inner->future().then([this, address, body, timeout, pending](Result<ManagementReply> reply) {
        finishPeek(address, body, timeout, pending, std::move(reply));
    });
    sendRequest(address, peekOperation(), body, timeout, std::move(inner));
}

// Runs on this thread: a continuation without a context runs where the promise finished.
void ConnectionEngine::finishPeek(const QString& address, const AmqpMap& body,
                                  std::chrono::milliseconds timeout,
                                  const Pending<ManagementReply>& pending,
                                  Result<ManagementReply> reply) {
    const PeekKey key = keyOf(body);
    const qint64 next = reply && !key.session && m_state == State::Open && !isSettled(pending)
                            ? nextAfterFullPage(*reply, key.count)
                            : -1;
    if (next >= 0) {
        auto ahead = std::make_shared<PeekAhead>();
        ahead->address = address;
        ahead->from = next;
        ahead->count = key.count;
        ahead->askedAtMs = QDateTime::currentMSecsSinceEpoch();
        m_peekAhead = ahead;
        auto inner = makePending<ManagementReply>();
        const std::weak_ptr<PeekAhead> weak = ahead;
        inner->future().then([this, weak](Result<ManagementReply> r) {
            const auto ahead = weak.lock();
            if (!ahead) {
                return; // replaced or dropped: nobody will ask for it
            }
            if (!r && !ahead->taker) {
                // A failure is not kept for a later call: that one asks the broker itself.
                if (m_peekAhead == ahead) {
                    m_peekAhead.reset();
                }
                return;
            }
            if (ahead->taker) {
                if (m_peekAhead == ahead) {
                    m_peekAhead.reset();
                }
                finishPeek(ahead->address, ahead->takerBody, ahead->takerTimeout,
                           std::exchange(ahead->taker, nullptr), std::move(r));
                return;
            }
            ahead->reply = std::move(r);
        });
        AmqpMap nextBody = body;
        for (auto& [k, v] : nextBody.entries) {
            if (k.toString() == QStringLiteral("from-sequence-number")) {
                v = QVariant::fromValue(next);
            }
        }
        sendRequest(address, peekOperation(), nextBody, timeout, std::move(inner));
        // Not taken in time: let the page go.
        QTimer::singleShot(kPeekAheadMaxAgeMs, this, [this, weak] {
            const auto ahead = weak.lock();
            if (ahead && m_peekAhead == ahead && !ahead->taker) {
                m_peekAhead.reset();
            }
        });
    }
    resolve(pending, std::move(reply));
}

} // namespace busbar
