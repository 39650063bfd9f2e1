#pragma once

#include "core/auth/SasToken.h"
#include "core/auth/TokenProvider.h"
#include "core/common/Result.h"
#include "tests/common/Await.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QTest>

namespace busbar::test {

inline constexpr int kAwaitMs = 20000;

inline QByteArray describe(const Error& error) {
    return error.toString().toUtf8();
}

// SAS tokens that live `lifetimeSeconds`, signed with a rule's key, counting the requests
// per audience (each is one CBS put-token). With `renew` false it keeps handing out the
// first token of an audience, as a broken provider would. Called on the connection's thread.
class ShortLivedTokenProvider final : public TokenProvider {
public:
    ShortLivedTokenProvider(QString keyName, QString key, int lifetimeSeconds, bool renew = true)
        : m_keyName(std::move(keyName))
        , m_key(std::move(key))
        , m_lifetimeSeconds(lifetimeSeconds)
        , m_renew(renew) {}

    QFuture<Result<AccessToken>> token(const QString& audience) override {
        const QMutexLocker lock(&m_mutex);
        ++m_calls[audience];
        if (m_failingCalls.contains(m_calls.value(audience))) {
            return QtFuture::makeReadyFuture<Result<AccessToken>>(
                fail(ErrorCode::ServerBusy, QStringLiteral("the token service is busy (test)")));
        }
        if (!m_renew && m_first.contains(audience)) {
            return QtFuture::makeReadyFuture<Result<AccessToken>>(m_first.value(audience));
        }
        const qint64 expiry = QDateTime::currentSecsSinceEpoch() + m_lifetimeSeconds;
        AccessToken token{SasToken::sign(audience, m_keyName, m_key, expiry),
                          QString(kSasTokenType), expiry};
        m_first.insert(audience, token);
        return QtFuture::makeReadyFuture<Result<AccessToken>>(std::move(token));
    }

    // The n-th request for each audience (1-based) fails with a retryable ServerBusy.
    void failCall(int n) {
        const QMutexLocker lock(&m_mutex);
        m_failingCalls.insert(n);
    }

    [[nodiscard]] int calls(const QString& audience) const {
        const QMutexLocker lock(&m_mutex);
        return m_calls.value(audience);
    }

private:
    QString m_keyName;
    QString m_key;
    int m_lifetimeSeconds;
    bool m_renew;
    mutable QMutex m_mutex;
    QHash<QString, int> m_calls;
    QHash<QString, AccessToken> m_first;
    QSet<int> m_failingCalls;
};

} // namespace busbar::test
