#include "emulator/amqp/ErrorConditions.h"

namespace busbar::emulator {

QString amqpConditionFor(const Error& error) {
    if (!error.condition.isEmpty()) {
        return error.condition;
    }
    switch (error.code) {
    case ErrorCode::EntityNotFound:
        return QStringLiteral("amqp:not-found");
    case ErrorCode::MessageTooLarge:
        return QStringLiteral("amqp:link:message-size-exceeded");
    case ErrorCode::EntityDisabled:
        return QStringLiteral("com.microsoft:entity-disabled");
    case ErrorCode::QuotaExceeded:
        return QStringLiteral("amqp:resource-limit-exceeded");
    case ErrorCode::LockLost:
        return QStringLiteral("com.microsoft:message-lock-lost");
    case ErrorCode::SessionLockLost:
        return QStringLiteral("com.microsoft:session-lock-lost");
    case ErrorCode::SessionCannotBeLocked:
        return QStringLiteral("com.microsoft:session-cannot-be-locked");
    case ErrorCode::NoActiveSession:
        return QStringLiteral("com.microsoft:timeout");
    case ErrorCode::Timeout:
        return QStringLiteral("com.microsoft:timeout");
    case ErrorCode::Authentication:
    case ErrorCode::Authorization:
        return QStringLiteral("amqp:unauthorized-access");
    case ErrorCode::EntityAlreadyExists:
        return QStringLiteral("com.microsoft:entity-already-exists");
    case ErrorCode::MessageNotFound:
        return QStringLiteral("com.microsoft:message-not-found");
    case ErrorCode::NotSupported:
        return QStringLiteral("amqp:not-implemented");
    case ErrorCode::ServerBusy:
        return QStringLiteral("com.microsoft:server-busy");
    case ErrorCode::InvalidInput:
        return QStringLiteral("amqp:not-allowed");
    case ErrorCode::AlreadySettled:
        return QStringLiteral("com.microsoft:message-lock-lost");
    default:
        return QStringLiteral("amqp:internal-error");
    }
}

int managementStatusFor(const Error& error) {
    if (error.statusCode >= 400) {
        return error.statusCode;
    }
    switch (error.code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::EntityDisabled:
        return 400;
    case ErrorCode::Authentication:
    case ErrorCode::Authorization:
        return 401;
    case ErrorCode::QuotaExceeded:
        return 403;
    case ErrorCode::EntityNotFound:
    case ErrorCode::MessageNotFound:
        return 404;
    case ErrorCode::Timeout:
    case ErrorCode::NoActiveSession:
        return 408;
    case ErrorCode::EntityAlreadyExists:
        return 409;
    case ErrorCode::LockLost:
    case ErrorCode::SessionLockLost:
    case ErrorCode::SessionCannotBeLocked:
    case ErrorCode::AlreadySettled:
        return 410;
    case ErrorCode::MessageTooLarge:
        return 413;
    case ErrorCode::NotSupported:
        return 501;
    case ErrorCode::ServerBusy:
        return 503;
    default:
        return 500;
    }
}

QString amqpDescriptionFor(const Error& error) {
    if (!error.description.isEmpty()) {
        return error.description;
    }
    return error.message;
}

} // namespace busbar::emulator
