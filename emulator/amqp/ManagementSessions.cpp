// Session operations of {entity}/$management (servicebus-amqp.md §8.3).
#include "emulator/amqp/ManagementOperations.h"
#include "emulator/broker/Broker.h"

namespace busbar::emulator {

using namespace mgmt;

void ManagementOperations::renewSessionLock(const Call& call) {
    const std::optional<QString> session = sessionIdOf(call.body);
    if (!session) {
        return failed(call, missing("session-id"));
    }
    Result<qint64> until = m_broker.renewSessionLock(m_entity, *session);
    until ? ok(call, QVariantMap{{QStringLiteral("expiration"), timestamp(*until)}})
          : failed(call, until.error());
}

void ManagementOperations::getSessionState(const Call& call) {
    const std::optional<QString> session = sessionIdOf(call.body);
    if (!session) {
        return failed(call, missing("session-id"));
    }
    Result<QByteArray> state = m_broker.sessionState(m_entity, *session);
    if (!state) {
        return failed(call, state.error());
    }
    ok(call, QVariantMap{{QStringLiteral("session-state"),
                          state->isEmpty() ? QVariant() : QVariant(*state)}});
}

void ManagementOperations::setSessionState(const Call& call) {
    const std::optional<QString> session = sessionIdOf(call.body);
    if (!session) {
        return failed(call, missing("session-id"));
    }
    const QVariant* state = mgmt::value(call.body, "session-state");
    // Only binary (or null to clear) is state; anything else would be stored as its text.
    if (state && state->isValid() && state->userType() != QMetaType::QByteArray) {
        return failed(call, Error::invalidInput(QStringLiteral(
                                "The request body's 'session-state' must be binary or null.")));
    }
    m_broker.setSessionState(
        m_entity, *session, state ? state->toByteArray() : QByteArray(),
        guarded<void>([this, call](VoidResult r) { r ? ok(call) : failed(call, r.error()); }));
}

void ManagementOperations::getMessageSessions(const Call& call) {
    const QVariant* updated = mgmt::value(call.body, "last-updated-time");
    const QVariant* skip = mgmt::value(call.body, "skip");
    const QVariant* top = mgmt::value(call.body, "top");
    const int skipCount = skip ? skip->toInt() : 0;
    Result<QList<QString>> sessions = m_broker.sessions(m_entity, updated ? toMs(*updated) : 0,
                                                        skipCount, top ? top->toInt() : 100);
    if (!sessions) {
        return failed(call, sessions.error());
    }
    if (sessions->isEmpty()) {
        return ok(call, {}, 204);
    }
    QVariantList ids;
    for (const QString& id : *sessions) {
        ids.append(id);
    }
    ok(call, QVariantMap{{QStringLiteral("skip"), QVariant::fromValue<qint32>(skipCount)},
                         {QStringLiteral("sessions-ids"), array(QMetaType::QString, ids)}});
}

} // namespace busbar::emulator
