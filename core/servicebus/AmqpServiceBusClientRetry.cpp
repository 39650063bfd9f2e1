// Reads that are safe to repeat (servicebus-amqp.md §8: peek, get-message-sessions,
// get-session-state, enumerate-rules) are sent again once the connection is back, so a
// dropped connection costs the caller a pause instead of an error. Nothing that changes the
// broker's state comes through here: a settle, send, schedule or receive-by-sequence-number
// (which locks) repeated blindly could act twice or on a lock that is gone.
#include "core/servicebus/AmqpServiceBusClient.h"

#include <QPromise>

#include <memory>

namespace busbar {

namespace {

// A dropped connection is worth another go; the engine reconnects (with back-off) when the
// next request needs it. A timeout is not: the caller already waited the full time.
constexpr int kMaxReadRetries = 2;

bool worthRetrying(const Error& error) {
    return error.code == ErrorCode::Connection;
}

// The caller's promise, answered exactly once: by an attempt, or with Cancelled when the
// last attempt's future was discarded unanswered (the connection was destroyed), so the
// caller's future never hangs.
class ReadAttempt final {
public:
    ReadAttempt(std::weak_ptr<NamespaceConnection> connection, QString address, QString operation,
                AmqpMap body, std::chrono::milliseconds timeout)
        : m_connection(std::move(connection))
        , m_address(std::move(address))
        , m_operation(std::move(operation))
        , m_body(std::move(body))
        , m_timeout(timeout) {
        m_promise->start();
    }
    ~ReadAttempt() {
        answer(fail(ErrorCode::Cancelled,
                    QStringLiteral("The connection was closed before the read finished.")));
    }
    ReadAttempt(const ReadAttempt&) = delete;
    ReadAttempt& operator=(const ReadAttempt&) = delete;

    [[nodiscard]] QFuture<Result<ManagementReply>> future() const { return m_promise->future(); }

    // Sends the request; on a retryable failure, sends it again unless the caller cancelled.
    // The continuation holds the attempt, so the promise lives as long as a request does.
    static void start(const std::shared_ptr<ReadAttempt>& attempt) {
        const std::shared_ptr<NamespaceConnection> connection = attempt->m_connection.lock();
        if (!connection) {
            return; // the destructor answers Cancelled
        }
        connection
            ->request(attempt->m_address, attempt->m_operation, attempt->m_body, attempt->m_timeout)
            .then([attempt](const Result<ManagementReply>& reply) {
                if (!reply && worthRetrying(reply.error()) && attempt->m_retriesLeft > 0 &&
                    !attempt->m_promise->isCanceled()) {
                    --attempt->m_retriesLeft;
                    attempt->m_lastError = reply.error();
                    start(attempt);
                    return;
                }
                attempt->answer(reply);
            });
    }

private:
    void answer(const Result<ManagementReply>& reply) {
        if (m_promise->future().isFinished()) {
            return;
        }
        // After a retry, a Cancelled (the client went away) or a Timeout (the connection was
        // not back in time) says less than the drop that caused it, which is retryable too.
        if (!reply && m_lastError &&
            (reply.error().code == ErrorCode::Cancelled ||
             reply.error().code == ErrorCode::Timeout)) {
            m_promise->addResult(Result<ManagementReply>(fail(*m_lastError)));
        } else {
            m_promise->addResult(reply);
        }
        m_promise->finish();
    }

    std::weak_ptr<NamespaceConnection> m_connection;
    QString m_address;
    QString m_operation;
    AmqpMap m_body;
    std::chrono::milliseconds m_timeout;
    int m_retriesLeft = kMaxReadRetries;
    std::optional<Error> m_lastError;
    std::shared_ptr<QPromise<Result<ManagementReply>>> m_promise =
        std::make_shared<QPromise<Result<ManagementReply>>>();
};

} // namespace

QFuture<Result<ManagementReply>>
AmqpServiceBusClient::callRead(const QString& address, const char* operation, const AmqpMap& body) {
    auto attempt = std::make_shared<ReadAttempt>(
        m_connection, address, QStringLiteral("com.microsoft:") + QString::fromLatin1(operation),
        body, m_timeout);
    QFuture<Result<ManagementReply>> future = attempt->future();
    ReadAttempt::start(attempt);
    return future;
}

} // namespace busbar
