#pragma once

#include "core/common/Result.h"

#include <QFuture>
#include <QLatin1StringView>
#include <QString>

#include <chrono>

namespace busbar {

// Token types as CBS put-token names them (servicebus-amqp.md §4.2).
inline constexpr QLatin1StringView kSasTokenType{"servicebus.windows.net:sastoken"};
inline constexpr QLatin1StringView kJwtTokenType{"jwt"};

// A credential for one audience. `token` is a secret: never log it.
struct AccessToken {
    QString token;
    QString type;                     // kSasTokenType or kJwtTokenType
    qint64 expiresAtEpochSeconds = 0; // Unix seconds (UTC)

    [[nodiscard]] bool isJwt() const { return type == kJwtTokenType; }
    // The value of an HTTP Authorization header: a SAS token as is, a JWT as "Bearer <jwt>".
    [[nodiscard]] QString authorizationHeader() const {
        return isJwt() ? QStringLiteral("Bearer ") + token : token;
    }
};

// Supplies tokens for CBS put-token and for the management API's Authorization header.
// Implementations may cache and are thread-safe: a connection's thread and the GUI thread's
// admin client may share one. Continue the future with a context object (whenFinished).
class TokenProvider {
public:
    virtual ~TokenProvider() = default;
    // `audience` is the resource the token is for, e.g. "sb://contoso.servicebus.windows.net/q".
    virtual QFuture<Result<AccessToken>> token(const QString& audience) = 0;
};

// How long to wait before refreshing a token that lives `lifetime` (servicebus-amqp.md §4.4):
// refresh when 10% of the lifetime is left or 5 minutes before expiry, whichever comes first,
// never sooner than 30 s (a token that lives less than that is refreshed when it expires).
[[nodiscard]] std::chrono::milliseconds refreshDelay(std::chrono::milliseconds lifetime);

// refreshDelay(), but never at expiry: a broker that enforces expiry (servicebus-amqp.md §4.4)
// detaches the links at that moment, so a token that lives less than refreshDelay()'s 30 s
// floor is renewed a quarter of its lifetime (at most 5 s) before it expires. The CBS refresh
// and the providers' caches both use it, and it only grows with the lifetime, so a refresh
// made later than the signing never gets the cached, about-to-expire token back.
[[nodiscard]] std::chrono::milliseconds renewalDelay(std::chrono::milliseconds lifetime);

} // namespace busbar
