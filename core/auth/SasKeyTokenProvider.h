#pragma once

#include "core/auth/TokenProvider.h"

#include <QHash>
#include <QMutex>

#include <functional>

namespace busbar {

// Signs a SAS token per audience with a shared access key (servicebus-amqp.md §3) and keeps
// it until renewalDelay() of its lifetime has passed, so CBS refreshes and repeated
// management calls do not re-sign every time. The key never leaves this object.
class SasKeyTokenProvider final : public TokenProvider {
public:
    // Milliseconds since the Unix epoch; injectable so tests can move time.
    using Clock = std::function<qint64()>;

    SasKeyTokenProvider(QString keyName, QString key,
                        std::chrono::seconds lifetime = std::chrono::hours(1));

    QFuture<Result<AccessToken>> token(const QString& audience) override;

    // Set before sharing the provider between threads.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    [[nodiscard]] std::chrono::seconds lifetime() const { return m_lifetime; }

private:
    struct Cached {
        AccessToken token;
        qint64 refreshAtMs = 0;
    };

    QString m_keyName;
    QString m_key;
    std::chrono::seconds m_lifetime;
    Clock m_clock;
    mutable QMutex m_mutex; // token() may be called from several threads
    QHash<QString, Cached> m_cache;
};

} // namespace busbar
