#pragma once

#include "core/auth/TokenProvider.h"

#include <functional>

namespace busbar {

// A ready shared access signature (SharedAccessSignature= in a connection string), handed
// out as given for every audience: whoever made it chose its scope. Its expiry is read from
// se=; once that has passed, token() fails with Authentication instead of sending a token
// the service would refuse.
class SasTokenProvider final : public TokenProvider {
public:
    // Milliseconds since the Unix epoch; injectable so tests can move time.
    using Clock = std::function<qint64()>;

    explicit SasTokenProvider(QString sharedAccessSignature);

    QFuture<Result<AccessToken>> token(const QString& audience) override;

    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    QString m_token;
    Clock m_clock;
};

} // namespace busbar
