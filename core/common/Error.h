#pragma once

#include <QString>

#include <expected>

namespace busbar {

// The error taxonomy of the official SDKs, so users see the same words for the same
// failures whichever tool they came from.
enum class ErrorCode {
    Connection,
    Authentication,
    Authorization,
    EntityNotFound,
    EntityAlreadyExists,
    Timeout,
    ServerBusy,
    QuotaExceeded,
    MessageTooLarge,
    MessageNotFound,
    LockLost,
    SessionLockLost,
    SessionCannotBeLocked,
    NoActiveSession,
    AlreadySettled,
    SettleFailed,
    SendFailed,
    OutcomeUnknown,
    AutoRenewFailed,
    AutoRenewTimeout,
    EntityDisabled,
    NotSupported,
    InvalidInput,
    Cancelled,
    Protocol,
    Internal,
};

// A failure a user can act on: `message` is written for people, `condition` and
// `description` keep what the broker said, verbatim, for the log and bug reports.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString condition;   // AMQP condition symbol, e.g. "com.microsoft:message-lock-lost"
    QString description; // AMQP error description or HTTP detail, as received
    int statusCode = 0;  // management statusCode / HTTP status when there was one

    // Whether the same call may succeed when repeated after a back-off.
    [[nodiscard]] bool isRetryable() const;
    // "Timeout: the broker did not answer within 30 s (com.microsoft:timeout)"
    [[nodiscard]] QString toString() const;

    static Error make(ErrorCode code, QString message);
    static Error invalidInput(QString message) { return make(ErrorCode::InvalidInput, std::move(message)); }
};

[[nodiscard]] QString errorCodeName(ErrorCode code);

// Maps an AMQP error condition (and its description) to the taxonomy.
[[nodiscard]] Error errorFromAmqpCondition(const QString& condition, const QString& description);
// Maps a management reply's statusCode (with an optional errorCondition) to the taxonomy.
[[nodiscard]] Error errorFromStatusCode(int statusCode, const QString& errorCondition,
                                        const QString& description);

} // namespace busbar
