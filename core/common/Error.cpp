#include "core/common/Error.h"

#include <QHash>

namespace busbar {

namespace {

struct ConditionInfo {
    ErrorCode code;
    const char* message;
};

const QHash<QString, ConditionInfo>& conditionTable() {
    static const QHash<QString, ConditionInfo> table = {
        {QStringLiteral("amqp:not-found"), {ErrorCode::EntityNotFound, "The messaging entity could not be found."}},
        {QStringLiteral("amqp:unauthorized-access"), {ErrorCode::Authorization, "Access was denied: the credentials lack the right needed for this operation."}},
        {QStringLiteral("amqp:resource-limit-exceeded"), {ErrorCode::QuotaExceeded, "A quota was exceeded; free space in the entity or wait before retrying."}},
        {QStringLiteral("amqp:not-allowed"), {ErrorCode::InvalidInput, "The broker does not allow this operation here."}},
        {QStringLiteral("amqp:not-implemented"), {ErrorCode::NotSupported, "The broker does not support this operation."}},
        {QStringLiteral("amqp:internal-error"), {ErrorCode::Internal, "The broker reported an internal error."}},
        {QStringLiteral("amqp:link:message-size-exceeded"), {ErrorCode::MessageTooLarge, "The message is larger than the entity accepts."}},
        {QStringLiteral("amqp:link:stolen"), {ErrorCode::Connection, "Another receiver took over the link."}},
        {QStringLiteral("amqp:link:detach-forced"), {ErrorCode::Connection, "The broker closed the link."}},
        {QStringLiteral("amqp:connection:forced"), {ErrorCode::Connection, "The broker closed the connection."}},
        {QStringLiteral("amqp:decode-error"), {ErrorCode::Protocol, "The broker could not decode what was sent."}},
        {QStringLiteral("amqp:precondition-failed"), {ErrorCode::InvalidInput, "A precondition of the operation failed."}},
        {QStringLiteral("com.microsoft:timeout"), {ErrorCode::Timeout, "The operation timed out."}},
        {QStringLiteral("com.microsoft:server-busy"), {ErrorCode::ServerBusy, "The broker is busy; the operation will be retried after a pause."}},
        {QStringLiteral("com.microsoft:argument-error"), {ErrorCode::InvalidInput, "The broker rejected an argument."}},
        {QStringLiteral("com.microsoft:argument-out-of-range"), {ErrorCode::InvalidInput, "An argument is out of range."}},
        {QStringLiteral("com.microsoft:entity-disabled"), {ErrorCode::EntityDisabled, "The entity is disabled; enable it before sending or receiving."}},
        {QStringLiteral("com.microsoft:entity-already-exists"), {ErrorCode::EntityAlreadyExists, "An entity with that name already exists."}},
        {QStringLiteral("com.microsoft:message-lock-lost"), {ErrorCode::LockLost, "The message lock was lost: it expired or the message was settled elsewhere."}},
        {QStringLiteral("com.microsoft:session-lock-lost"), {ErrorCode::SessionLockLost, "The session lock was lost; accept the session again."}},
        {QStringLiteral("com.microsoft:session-cannot-be-locked"), {ErrorCode::SessionCannotBeLocked, "The session is locked by another receiver."}},
        {QStringLiteral("com.microsoft:store-lock-lost"), {ErrorCode::ServerBusy, "The broker lost an internal lock; retry."}},
        {QStringLiteral("com.microsoft:partition-not-owned"), {ErrorCode::ServerBusy, "The partition moved; retry."}},
        {QStringLiteral("com.microsoft:message-not-found"), {ErrorCode::MessageNotFound, "No message has that sequence number."}},
        {QStringLiteral("com.microsoft:no-matching-subscription"), {ErrorCode::SendFailed, "No subscription rule matched the message."}},
        {QStringLiteral("com.microsoft:auth-failed"), {ErrorCode::Authentication, "Authentication failed: check the key name and key."}},
        {QStringLiteral("com.microsoft:publisher-revoked"), {ErrorCode::Authorization, "The publisher was revoked."}},
        {QStringLiteral("com.microsoft:operation-cancelled"), {ErrorCode::Cancelled, "The broker cancelled the operation."}},
        {QStringLiteral("com.microsoft:precondition-failed"), {ErrorCode::InvalidInput, "A precondition of the operation failed."}},
        {QStringLiteral("com.microsoft:container-close"), {ErrorCode::Connection, "The broker is restarting the connection's container; reconnecting."}},
        {QStringLiteral("amqp:socket"), {ErrorCode::Connection, "The network connection was lost."}},
    };
    return table;
}

const char* conditionForStatus(int statusCode) {
    switch (statusCode) {
    case 400: return "com.microsoft:argument-error";
    case 401: return "amqp:unauthorized-access";
    case 403: return "amqp:resource-limit-exceeded";
    case 404: return "amqp:not-found";
    case 408: return "com.microsoft:timeout";
    case 409: return "com.microsoft:entity-already-exists";
    case 410: return "com.microsoft:message-lock-lost";
    case 500: return "amqp:internal-error";
    case 501: return "amqp:not-implemented";
    case 503: return "com.microsoft:server-busy";
    default: return nullptr;
    }
}

} // namespace

Error Error::make(ErrorCode code, QString message) {
    Error error;
    error.code = code;
    error.message = std::move(message);
    return error;
}

bool Error::isRetryable() const {
    switch (code) {
    case ErrorCode::Connection:
    case ErrorCode::Timeout:
    case ErrorCode::ServerBusy:
        return true;
    default:
        return false;
    }
}

QString Error::toString() const {
    QString text = errorCodeName(code) + QStringLiteral(": ") + message;
    if (!condition.isEmpty()) {
        text += QStringLiteral(" (") + condition + QLatin1Char(')');
    }
    return text;
}

QString errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::Connection: return QStringLiteral("Connection error");
    case ErrorCode::Authentication: return QStringLiteral("Authentication failed");
    case ErrorCode::Authorization: return QStringLiteral("Not authorized");
    case ErrorCode::EntityNotFound: return QStringLiteral("Entity not found");
    case ErrorCode::EntityAlreadyExists: return QStringLiteral("Entity already exists");
    case ErrorCode::Timeout: return QStringLiteral("Timeout");
    case ErrorCode::ServerBusy: return QStringLiteral("Server busy");
    case ErrorCode::QuotaExceeded: return QStringLiteral("Quota exceeded");
    case ErrorCode::MessageTooLarge: return QStringLiteral("Message too large");
    case ErrorCode::MessageNotFound: return QStringLiteral("Message not found");
    case ErrorCode::LockLost: return QStringLiteral("Lock lost");
    case ErrorCode::SessionLockLost: return QStringLiteral("Session lock lost");
    case ErrorCode::SessionCannotBeLocked: return QStringLiteral("Session cannot be locked");
    case ErrorCode::NoActiveSession: return QStringLiteral("No active session");
    case ErrorCode::AlreadySettled: return QStringLiteral("Already settled");
    case ErrorCode::SettleFailed: return QStringLiteral("Settle failed");
    case ErrorCode::SendFailed: return QStringLiteral("Send failed");
    case ErrorCode::OutcomeUnknown: return QStringLiteral("Outcome unknown");
    case ErrorCode::AutoRenewFailed: return QStringLiteral("Auto-renew failed");
    case ErrorCode::AutoRenewTimeout: return QStringLiteral("Auto-renew timeout");
    case ErrorCode::EntityDisabled: return QStringLiteral("Entity disabled");
    case ErrorCode::NotSupported: return QStringLiteral("Not supported");
    case ErrorCode::InvalidInput: return QStringLiteral("Invalid input");
    case ErrorCode::Cancelled: return QStringLiteral("Cancelled");
    case ErrorCode::Protocol: return QStringLiteral("Protocol error");
    case ErrorCode::Internal: return QStringLiteral("Internal error");
    }
    return QStringLiteral("Error");
}

Error errorFromAmqpCondition(const QString& condition, const QString& description) {
    Error error;
    const auto& table = conditionTable();
    const auto it = table.constFind(condition);
    if (it != table.constEnd()) {
        error.code = it->code;
        error.message = QString::fromLatin1(it->message);
    } else {
        error.code = ErrorCode::Internal;
        error.message = QStringLiteral("The broker reported an unexpected error.");
    }
    if (!description.isEmpty()) {
        error.message += QLatin1Char(' ') + description;
    }
    error.condition = condition;
    error.description = description;
    return error;
}

Error errorFromStatusCode(int statusCode, const QString& errorCondition, const QString& description) {
    QString condition = errorCondition;
    if (condition.isEmpty()) {
        if (const char* mapped = conditionForStatus(statusCode)) {
            condition = QString::fromLatin1(mapped);
        }
    }
    Error error = errorFromAmqpCondition(condition, description);
    if (condition.isEmpty()) {
        error.message = QStringLiteral("The broker answered with status %1.").arg(statusCode);
        if (!description.isEmpty()) {
            error.message += QLatin1Char(' ') + description;
        }
    }
    if (statusCode == 401 && errorCondition.isEmpty()) {
        error.code = ErrorCode::Authentication;
    }
    error.statusCode = statusCode;
    return error;
}

} // namespace busbar
