#include "emulator/amqp/ManagementOperations.h"

#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/ProtonData.h"
#include "emulator/amqp/ErrorConditions.h"
#include "emulator/broker/Broker.h"

#include <QDateTime>
#include <QPointer>

namespace busbar::emulator {

namespace mgmt {

const QVariant* value(const AmqpMap& map, QByteArrayView key) {
    return findKey(map, key);
}

QVariantList list(const QVariant& value) {
    if (value.userType() == qMetaTypeId<AmqpArray>()) {
        return value.value<AmqpArray>().elements;
    }
    if (value.userType() == QMetaType::QVariantList) {
        return value.toList();
    }
    return value.isValid() ? QVariantList{value} : QVariantList{};
}

AmqpMap map(const QVariant& value) {
    if (value.userType() == qMetaTypeId<AmqpMap>()) {
        return value.value<AmqpMap>();
    }
    AmqpMap result;
    if (value.userType() == QMetaType::QVariantMap) {
        const QVariantMap plain = value.toMap();
        for (auto it = plain.cbegin(); it != plain.cend(); ++it) {
            result.entries.append({it.key(), it.value()});
        }
    }
    return result;
}

std::optional<QString> optionalString(const AmqpMap& map, QByteArrayView key) {
    const QVariant* v = value(map, key);
    if (!v || !v->isValid() || v->isNull()) {
        return std::nullopt;
    }
    return v->toString();
}

} // namespace mgmt

namespace mgmt {

qint64 toMs(const QVariant& v) {
    if (v.userType() == QMetaType::QDateTime) {
        return v.toDateTime().toMSecsSinceEpoch();
    }
    return v.toLongLong();
}

QUuid toUuid(const QVariant& v) {
    if (v.userType() == QMetaType::QUuid) {
        return v.toUuid();
    }
    if (v.userType() == QMetaType::QByteArray && v.toByteArray().size() == 16) {
        return QUuid::fromRfc4122(v.toByteArray());
    }
    return QUuid(v.toString());
}

QList<QUuid> toUuids(const QVariant& v) {
    QList<QUuid> tokens;
    for (const QVariant& item : mgmt::list(v)) {
        tokens.append(toUuid(item));
    }
    return tokens;
}

QList<qint64> toLongs(const QVariant& v) {
    QList<qint64> numbers;
    for (const QVariant& item : mgmt::list(v)) {
        numbers.append(item.toLongLong());
    }
    return numbers;
}

QVariant array(int elementType, QVariantList elements) {
    return QVariant::fromValue(AmqpArray{elementType, std::move(elements)});
}

QVariant timestamp(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

std::optional<QString> sessionIdOf(const AmqpMap& body) {
    return mgmt::optionalString(body, "session-id");
}

Error missing(const char* key) {
    return Error::invalidInput(
        QStringLiteral("The request body lacks '%1'.").arg(QLatin1String(key)));
}

} // namespace mgmt

namespace mgmt {

// Strict readers for the operations where a lenient conversion would turn a malformed value
// into a plausible one (a string read as sequence number 0, a scalar read as a one-token
// list): those must answer 400 naming the key, not 204/404/410.
bool isInteger(const QVariant& v) {
    switch (v.userType()) {
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

bool isArrayOrList(const QVariant& v) {
    return v.userType() == qMetaTypeId<AmqpArray>() || v.userType() == QMetaType::QVariantList;
}

Error wrongType(const char* key, const char* expected) {
    return Error::invalidInput(QStringLiteral("The request body's '%1' must be %2.")
                                   .arg(QLatin1String(key), QLatin1String(expected)));
}

std::optional<QList<qint64>> strictLongs(const QVariant& v) {
    if (!isArrayOrList(v)) {
        return std::nullopt;
    }
    QList<qint64> numbers;
    for (const QVariant& item : mgmt::list(v)) {
        if (!isInteger(item)) {
            return std::nullopt;
        }
        numbers.append(item.toLongLong());
    }
    return numbers;
}

std::optional<QList<QUuid>> strictUuids(const QVariant& v) {
    if (!isArrayOrList(v)) {
        return std::nullopt;
    }
    QList<QUuid> tokens;
    for (const QVariant& item : mgmt::list(v)) {
        const bool typed = item.userType() == QMetaType::QUuid ||
                           item.userType() == QMetaType::QByteArray ||
                           item.userType() == QMetaType::QString;
        const QUuid token = typed ? mgmt::toUuid(item) : QUuid();
        if (token.isNull()) {
            return std::nullopt;
        }
        tokens.append(token);
    }
    return tokens;
}

} // namespace mgmt

using namespace mgmt;

ManagementOperations::ManagementOperations(Broker& broker, EntityAddress entity,
                                           Authorizer authorize, QObject* parent)
    : QObject(parent)
    , m_broker(broker)
    , m_entity(std::move(entity))
    , m_authorize(std::move(authorize)) {}

QByteArray ManagementOperations::responseHead(const AmqpMessage& request, int statusCode,
                                              const QString& description,
                                              const QString& errorCondition) {
    AmqpMessage reply;
    reply.properties.present = true;
    reply.properties.correlationId = request.properties.messageId.isValid()
                                         ? request.properties.messageId
                                         : request.properties.correlationId;
    reply.properties.to = request.properties.replyTo;
    reply.setApplicationProperty(QStringLiteral("statusCode"),
                                 QVariant::fromValue<qint32>(statusCode));
    reply.setApplicationProperty(QStringLiteral("statusDescription"), description);
    if (!errorCondition.isEmpty()) {
        reply.setApplicationProperty(QStringLiteral("errorCondition"),
                                     QVariant::fromValue(AmqpSymbol{errorCondition.toUtf8()}));
    }
    const QVariant trackingId =
        request.applicationProperty(QStringLiteral("com.microsoft:tracking-id"));
    if (trackingId.isValid()) {
        reply.setApplicationProperty(QStringLiteral("com.microsoft:tracking-id"), trackingId);
    }
    return reply.encode(); // no body yet: the sections before it
}

QByteArray ManagementOperations::response(const AmqpMessage& request, int statusCode,
                                          const QString& description, const QString& errorCondition,
                                          const QVariant& body) {
    QByteArray out = responseHead(request, statusCode, description, errorCondition);
    AmqpEncoder e(out);
    e.writeDescriptor(kAmqpValueSection);
    e.writeValue(body.isValid() ? body : QVariant::fromValue(AmqpMap{}));
    return out;
}

QByteArray ManagementOperations::errorResponse(const AmqpMessage& request, const Error& error) {
    QString condition = amqpConditionFor(error);
    if (error.condition.isEmpty() && error.code == ErrorCode::InvalidInput) {
        condition = QStringLiteral("com.microsoft:argument-error");
    }
    return response(request, managementStatusFor(error), amqpDescriptionFor(error), condition, {});
}

void ManagementOperations::ok(const Call& call, const QVariant& body, int status) const {
    call.respond(response(call.request, status,
                          status == 204 ? QStringLiteral("No Content") : QStringLiteral("OK"), {},
                          body));
}

void ManagementOperations::failed(const Call& call, const Error& error) const {
    call.respond(errorResponse(call.request, error));
}

void ManagementOperations::handle(const AmqpMessage& request, Responder respond) {
    Call call{request, mgmt::map(request.bodyValue()), std::move(respond)};
    const QString operation = request.applicationProperty(QStringLiteral("operation")).toString();

    using Handler = void (ManagementOperations::*)(const Call&);
    struct Entry {
        const char* name;
        Right right;
        Handler handler;
    };
    static const Entry kOperations[] = {
        {"com.microsoft:renew-lock", Right::Listen, &ManagementOperations::renewLock},
        {"com.microsoft:peek-message", Right::Listen, &ManagementOperations::peekMessage},
        {"com.microsoft:schedule-message", Right::Send, &ManagementOperations::scheduleMessage},
        {"com.microsoft:cancel-scheduled-message", Right::Send,
         &ManagementOperations::cancelScheduledMessage},
        {"com.microsoft:receive-by-sequence-number", Right::Listen,
         &ManagementOperations::receiveBySequenceNumber},
        {"com.microsoft:update-disposition", Right::Listen,
         &ManagementOperations::updateDisposition},
        {"com.microsoft:renew-session-lock", Right::Listen,
         &ManagementOperations::renewSessionLock},
        {"com.microsoft:get-session-state", Right::Listen, &ManagementOperations::getSessionState},
        {"com.microsoft:set-session-state", Right::Listen, &ManagementOperations::setSessionState},
        {"com.microsoft:get-message-sessions", Right::Listen,
         &ManagementOperations::getMessageSessions},
        {"com.microsoft:add-rule", Right::Manage, &ManagementOperations::addRule},
        {"com.microsoft:remove-rule", Right::Manage, &ManagementOperations::removeRule},
        {"com.microsoft:enumerate-rules", Right::Manage, &ManagementOperations::enumerateRules},
        {"com.microsoft:batch-delete-messages", Right::Listen,
         &ManagementOperations::batchDeleteMessages},
    };
    for (const Entry& entry : kOperations) {
        if (operation == QLatin1String(entry.name)) {
            if (!m_authorize(entry.right)) {
                Error error = Error::make(
                    ErrorCode::Authorization,
                    QStringLiteral("Unauthorized access. The token does not grant the claim "
                                   "'%1' needs on '%2'.")
                        .arg(operation, m_entity.entityPath));
                error.statusCode = 401;
                failed(call, error);
                return;
            }
            (this->*entry.handler)(call);
            return;
        }
    }
    Error error = Error::make(
        ErrorCode::NotSupported,
        QStringLiteral("The management operation '%1' is not supported.").arg(operation));
    error.statusCode = 501;
    failed(call, error);
}

void ManagementOperations::renewLock(const Call& call) {
    const QVariant* tokens = mgmt::value(call.body, "lock-tokens");
    if (!tokens) {
        return failed(call, missing("lock-tokens"));
    }
    const std::optional<QList<QUuid>> lockTokens = strictUuids(*tokens);
    if (!lockTokens) {
        return failed(call, wrongType("lock-tokens", "an array of lock-token uuids"));
    }
    Result<QList<qint64>> expirations = m_broker.renewLocks(m_entity, *lockTokens);
    if (!expirations) {
        return failed(call, expirations.error());
    }
    QVariantList times;
    for (qint64 ms : *expirations) {
        times.append(timestamp(ms));
    }
    ok(call, QVariantMap{{QStringLiteral("expirations"), array(QMetaType::QDateTime, times)}});
}

void ManagementOperations::updateDisposition(const Call& call) {
    const std::optional<QString> status = mgmt::optionalString(call.body, "disposition-status");
    const QVariant* tokens = mgmt::value(call.body, "lock-tokens");
    if (!status || !tokens) {
        return failed(call, missing(status ? "lock-tokens" : "disposition-status"));
    }
    Disposition disposition;
    const QString s = status->toLower();
    if (s == QLatin1String("completed")) {
        disposition.kind = Disposition::Kind::Complete;
    } else if (s == QLatin1String("abandoned")) {
        disposition.kind = Disposition::Kind::Abandon;
    } else if (s == QLatin1String("suspended")) {
        disposition.kind = Disposition::Kind::DeadLetter;
    } else if (s == QLatin1String("defered") || s == QLatin1String("deferred")) {
        disposition.kind = Disposition::Kind::Defer;
    } else {
        return failed(call, Error::invalidInput(
                                QStringLiteral("Unknown disposition-status '%1'.").arg(*status)));
    }
    disposition.deadLetterReason = mgmt::optionalString(call.body, "deadletter-reason");
    disposition.deadLetterDescription = mgmt::optionalString(call.body, "deadletter-description");
    if (const QVariant* properties = mgmt::value(call.body, "properties-to-modify")) {
        disposition.propertiesToModify = mgmt::map(*properties);
    }
    m_broker.updateDisposition(
        m_entity, toUuids(*tokens), disposition, sessionIdOf(call.body),
        guarded<void>([this, call](VoidResult r) { r ? ok(call) : failed(call, r.error()); }));
}

void ManagementOperations::batchDeleteMessages(const Call& call) {
    const QVariant* count = mgmt::value(call.body, "message-count");
    if (!count) {
        return failed(call, missing("message-count"));
    }
    const QVariant* before = mgmt::value(call.body, "enqueued-time-utc");
    const qint64 beforeMs = before ? toMs(*before) : QDateTime::currentMSecsSinceEpoch();
    m_broker.batchDelete(m_entity, count->toInt(), beforeMs, sessionIdOf(call.body),
                         guarded<int>([this, call](Result<int> r) {
                             r ? ok(call, QVariantMap{{QStringLiteral("message-count"),
                                                       QVariant::fromValue<qint32>(*r)}})
                               : failed(call, r.error());
                         }));
}

} // namespace busbar::emulator
