#include "core/auth/SasKeyTokenProvider.h"

#include "core/auth/SasToken.h"

#include <QDateTime>

namespace busbar {

SasKeyTokenProvider::SasKeyTokenProvider(QString keyName, QString key,
                                         std::chrono::seconds lifetime)
    : m_keyName(std::move(keyName))
    , m_key(std::move(key))
    , m_lifetime(lifetime)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

QFuture<Result<AccessToken>> SasKeyTokenProvider::token(const QString& audience) {
    if (m_keyName.isEmpty() || m_key.isEmpty()) {
        return QtFuture::makeReadyFuture<Result<AccessToken>>(
            fail(ErrorCode::InvalidInput,
                 QStringLiteral("A shared access key name and key are needed to sign tokens.")));
    }
    if (audience.isEmpty()) {
        return QtFuture::makeReadyFuture<Result<AccessToken>>(
            fail(ErrorCode::InvalidInput,
                 QStringLiteral("A token needs an audience to be signed for.")));
    }
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    const auto cached = m_cache.constFind(audience);
    if (cached != m_cache.cend() && now < cached->refreshAtMs) {
        return QtFuture::makeReadyFuture<Result<AccessToken>>(cached->token);
    }
    const qint64 expiry = now / 1000 + m_lifetime.count();
    AccessToken token{SasToken::sign(audience, m_keyName, m_key, expiry), QString(kSasTokenType),
                      expiry};
    // From what is really left (expiry is in whole seconds), so a CBS refresh scheduled from
    // the same expiry never comes before this point.
    const qint64 refreshAt =
        now + renewalDelay(std::chrono::milliseconds(expiry * 1000 - now)).count();
    m_cache.insert(audience, Cached{token, refreshAt});
    return QtFuture::makeReadyFuture<Result<AccessToken>>(std::move(token));
}

} // namespace busbar
