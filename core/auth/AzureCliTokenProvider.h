#pragma once

#include "core/auth/TokenProvider.h"

#include <QList>
#include <QObject>
#include <QPromise>
#include <QStringList>

#include <functional>
#include <memory>

class QProcess;

namespace busbar {

// Microsoft Entra ID tokens from the Azure CLI: runs
//   az account get-access-token --resource https://servicebus.azure.net --output json
// without blocking, and hands out its accessToken as a "jwt" for every audience (the token is
// for the Service Bus resource, not for one entity) until renewalDelay() of its lifetime.
// Concurrent callers share one az run. It runs az on the thread it lives on; token() may be
// called from any thread.
class AzureCliTokenProvider final : public QObject, public TokenProvider {
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // ms since the Unix epoch

    explicit AzureCliTokenProvider(QObject* parent = nullptr);
    ~AzureCliTokenProvider() override;

    QFuture<Result<AccessToken>> token(const QString& audience) override;

    // "az" found on PATH by default.
    void setProgram(const QString& program) { m_program = program; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // The az command line (without the program), for tests and the log.
    [[nodiscard]] static QStringList arguments();
    // Reads az's JSON output: accessToken, and expires_on (Unix seconds) or expiresOn (local
    // time "yyyy-MM-dd HH:mm:ss.ffffff").
    [[nodiscard]] static Result<AccessToken> parseOutput(const QByteArray& json);

private:
    using Promise = QPromise<Result<AccessToken>>;

    void serve(std::shared_ptr<Promise> promise);
    void start();
    void finish(const Result<AccessToken>& result);

    QString m_program = QStringLiteral("az");
    std::chrono::milliseconds m_timeout{60'000};
    Clock m_clock;
    QProcess* m_process = nullptr;
    QList<std::shared_ptr<Promise>> m_waiting;
    std::optional<AccessToken> m_cached;
    qint64 m_refreshAtMs = 0;
};

} // namespace busbar
