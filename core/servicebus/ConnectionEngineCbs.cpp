#include "core/servicebus/ConnectionEnginePrivate.h"
#include "core/servicebus/WhenFinished.h"

#include <QDateTime>
#include <QUuid>

namespace busbar {

namespace {

constexpr std::chrono::milliseconds kCbsTimeout{30000};
// A failed refresh is tried again after this long at most (half the time left, if less),
// while the token in place has more than the minimum left.
constexpr qint64 kRefreshRetryMs = 5000;
constexpr qint64 kMinimumRefreshRetryMs = 500;

int statusOf(const AmqpMessage& reply, const QString& hyphenated, const QString& camel) {
    QVariant v = reply.applicationProperty(hyphenated);
    if (!v.isValid()) {
        v = reply.applicationProperty(camel);
    }
    return v.toInt();
}

} // namespace

QString ConnectionEngine::audienceFor(const QString& address) const {
    return QStringLiteral("sb://") + m_host + QLatin1Char('/') + address;
}

void ConnectionEngine::ensureAuthorized(const QString& address, Done done) {
    const QString audience = audienceFor(address);
    std::shared_ptr<Authorization>& auth = m_authorizations[audience];
    if (!auth) {
        auth = std::make_shared<Authorization>();
    }
    // Valid until its refresh timer fires, which renewalDelay() puts before expiry (5 min
    // before for an hour-long token, a quarter of the lifetime for a token of a few seconds).
    // A fixed margin here would put-token before every operation with a short-lived token.
    if (auth->state == Authorization::State::Valid && auth->refreshTimer &&
        auth->refreshTimer->isActive() &&
        auth->expiresAtSeconds * 1000 > QDateTime::currentMSecsSinceEpoch()) {
        done({});
        return;
    }
    auth->waiters.append(std::move(done));
    if (auth->state != Authorization::State::InFlight) {
        putToken(audience);
    }
}

void ConnectionEngine::putToken(const QString& audience) {
    const std::shared_ptr<Authorization> auth = m_authorizations.value(audience);
    if (!auth) {
        return;
    }
    auth->state = Authorization::State::InFlight;
    const quint64 generation = m_generation;
    whenFinished(
        m_tokens->token(audience), this, [this, audience, generation](Result<AccessToken> token) {
            if (generation != m_generation || m_state != State::Open) {
                return; // the connection went away and failEverything() answered the waiters
            }
            if (!token) {
                finishAuthorization(audience, fail(token.error()), 0);
                return;
            }
            if (!m_cbsSender) {
                m_cbsSender = new Link;
                m_cbsSender->kind = Link::Kind::CbsSender;
                m_cbsSender->serial = ++m_nextSerial;
                m_cbsSender->address = QStringLiteral("$cbs");
                m_cbsReceiver = new Link;
                m_cbsReceiver->kind = Link::Kind::CbsReceiver;
                m_cbsReceiver->serial = ++m_nextSerial;
                m_cbsReceiver->address = QStringLiteral("$cbs");
                m_cbsReceiver->replyTo =
                    QStringLiteral("cbs-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
                m_cbsSender->partner = m_cbsReceiver;
                m_cbsReceiver->partner = m_cbsSender;
                m_links << m_cbsSender << m_cbsReceiver;
                attach(m_cbsReceiver);
                attach(m_cbsSender);
            }
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            AmqpMessage request;
            request.properties.present = true;
            request.properties.messageId = id;
            request.properties.replyTo = m_cbsReceiver->replyTo;
            request.setApplicationProperty(QStringLiteral("operation"),
                                           QStringLiteral("put-token"));
            request.setApplicationProperty(QStringLiteral("type"), token->type);
            request.setApplicationProperty(QStringLiteral("name"), audience);
            request.setApplicationProperty(
                QStringLiteral("expiration"),
                QDateTime::fromSecsSinceEpoch(token->expiresAtEpochSeconds, Qt::UTC));
            request.setValueBody(token->token);
            CbsRequest& pending = m_cbsRequests[id];
            pending.audience = audience;
            pending.expiresAtSeconds = token->expiresAtEpochSeconds;
            pending.deadline = m_deadlines.arm(kCbsTimeout, [this, id, generation] {
                if (generation != m_generation || !m_cbsRequests.contains(id)) {
                    return;
                }
                const QString timedOut = m_cbsRequests.take(id).audience;
                finishAuthorization(
                    timedOut,
                    fail(ErrorCode::Timeout, QStringLiteral("The broker did not answer the CBS "
                                                            "put-token request in time.")),
                    0);
            });
            // Put-token repeats safely (the same token for the same audience): no request id
            // is tracked for outcome-unknown reporting.
            m_cbsSender->outbox.append(OutgoingRequest{QString(), request.encode()});
            pumpRequests(m_cbsSender);
            process();
        });
}

void ConnectionEngine::onCbsReply(const AmqpMessage& reply) {
    const QString id = amqpIdToText(reply.properties.correlationId);
    if (!m_cbsRequests.contains(id)) {
        return;
    }
    const CbsRequest request = m_cbsRequests.take(id);
    m_deadlines.cancel(request.deadline);
    const QString& audience = request.audience;
    const qint64 expiry = request.expiresAtSeconds;
    const int status = statusOf(reply, QStringLiteral("status-code"), QStringLiteral("statusCode"));
    if (status >= 200 && status < 300) {
        finishAuthorization(audience, {}, expiry);
        return;
    }
    QString description =
        reply.applicationProperty(QStringLiteral("status-description")).toString();
    if (description.isEmpty()) {
        description = reply.applicationProperty(QStringLiteral("statusDescription")).toString();
    }
    qCWarning(lcAmqp) << "CBS refused the token for" << audience << "status" << status;
    Error error = errorFromStatusCode(status, QString(), description);
    if (status == 401) {
        error.code = ErrorCode::Authentication;
    }
    finishAuthorization(audience, fail(error), 0);
}

void ConnectionEngine::finishAuthorization(const QString& audience, const VoidResult& result,
                                           qint64 expiresAtSeconds) {
    const std::shared_ptr<Authorization> auth = m_authorizations.value(audience);
    if (!auth) {
        return;
    }
    // A refresh that failed on the way (the provider or the broker timed out, or was busy)
    // while the token in place still holds: keep that token and try again before it expires,
    // instead of letting the broker detach every link of the audience at expiry.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 currentExpiryMs = auth->expiresAtSeconds * 1000;
    if (!result && result.error().isRetryable() && auth->refreshTimer &&
        currentExpiryMs - nowMs > kMinimumRefreshRetryMs) {
        qCWarning(lcAmqp) << "refreshing the token for" << audience
                          << "failed, retrying:" << errorCodeName(result.error().code);
        auth->state = Authorization::State::Valid;
        auth->refreshTimer->start(
            int(std::min<qint64>((currentExpiryMs - nowMs) / 2, kRefreshRetryMs)));
        for (const Done& done : std::exchange(auth->waiters, {})) {
            done({});
        }
        return;
    }
    auth->state = result ? Authorization::State::Valid : Authorization::State::Failed;
    auth->expiresAtSeconds = expiresAtSeconds;
    if (result) {
        const qint64 lifetimeMs = std::max<qint64>(0, expiresAtSeconds * 1000 - nowMs);
        if (!auth->refreshTimer) {
            auth->refreshTimer = new QTimer(this);
            auth->refreshTimer->setSingleShot(true);
            // A coarse timer may fire up to 5% early: before the provider's cached token is
            // due for renewal, which would put the same token again.
            auth->refreshTimer->setTimerType(Qt::PreciseTimer);
            connect(auth->refreshTimer, &QTimer::timeout, this, [this, audience] {
                const auto current = m_authorizations.value(audience);
                if (m_state == State::Open && current &&
                    current->state == Authorization::State::Valid) {
                    qCDebug(lcAmqp) << "refreshing the token for" << audience;
                    putToken(audience);
                }
            });
        }
        auth->refreshTimer->start(
            int(std::min<qint64>(renewalDelay(std::chrono::milliseconds(lifetimeMs)).count(),
                                 std::numeric_limits<int>::max())));
    }
    const QList<Done> waiters = std::exchange(auth->waiters, {});
    for (const Done& done : waiters) {
        done(result);
    }
}

} // namespace busbar
