#include "emulator/amqp/ConnectionAuth.h"

#include "core/auth/SasTokenValidator.h"

namespace busbar::emulator {

namespace {

// "sb://Host:5672/q" -> "host"; the host the token was issued for, without scheme and port.
QString hostOf(const QString& resource) {
    QString rest = resource;
    const qsizetype scheme = rest.indexOf(QStringLiteral("://"));
    if (scheme >= 0) {
        rest = rest.mid(scheme + 3);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    QString host = slash >= 0 ? rest.left(slash) : rest;
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host.truncate(colon);
    }
    return host.toLower();
}

} // namespace

ConnectionAuth::ConnectionAuth(QList<SasRule> rules)
    : m_rules(std::move(rules)) {}

ConnectionAuth::Reply ConnectionAuth::putToken(const QString& tokenText, const QString& type,
                                               const QString& audience, qint64 nowSeconds) {
    if (!type.isEmpty() && type != QLatin1String("servicebus.windows.net:sastoken") &&
        type != QLatin1String("amqp:swt")) {
        return {400,
                QStringLiteral("Token type '%1' is not supported by the emulator; use a SAS token.")
                    .arg(type)};
    }
    QStringList names;
    for (const SasRule& rule : std::as_const(m_rules)) {
        names.append(rule.keyName);
    }
    const SasTokenValidator validator(
        [this](const QString& keyName) -> std::optional<QString> {
            for (const SasRule& rule : std::as_const(m_rules)) {
                if (rule.keyName == keyName) {
                    return rule.key;
                }
            }
            return std::nullopt;
        },
        names);
    Result<SasToken> token = validator.validate(tokenText, nowSeconds);
    if (!token) {
        const int status = token.error().code == ErrorCode::InvalidInput ? 400 : 401;
        return {status, token.error().message};
    }
    if (!audience.isEmpty() && !token->covers(audience)) {
        return {401, QStringLiteral("The token's audience does not cover '%1'.").arg(audience)};
    }
    Grant grant;
    grant.token = *token;
    grant.host = hostOf(token->resource());
    for (const SasRule& rule : std::as_const(m_rules)) {
        if (rule.keyName == token->keyName()) {
            grant.manage = rule.manage;
            grant.send = rule.send || rule.manage;
            grant.listen = rule.listen || rule.manage;
            break;
        }
    }
    grant.audienceKey = audience.isEmpty() ? token->resource() : audience;
    for (Grant& existing : m_grants) {
        if (existing.audienceKey == grant.audienceKey) {
            existing = std::move(grant);
            return {202, QStringLiteral("Accepted")};
        }
    }
    m_grants.append(std::move(grant));
    return {202, QStringLiteral("Accepted")};
}

bool ConnectionAuth::covers(const Grant& grant, const QString& entityPath) const {
    // The host is the token's own: clients reach the emulator as localhost, 127.0.0.1 or a
    // namespace name, and the emulator serves one namespace per connection anyway.
    return grant.token.covers(grant.host + QLatin1Char('/') + entityPath);
}

bool ConnectionAuth::isAuthorized(const QString& entityPath, Right right, qint64 nowSeconds) const {
    for (const Grant& grant : m_grants) {
        if (grant.token.expiry() <= nowSeconds || !covers(grant, entityPath)) {
            continue;
        }
        if ((right == Right::Listen && grant.listen) || (right == Right::Send && grant.send) ||
            (right == Right::Manage && grant.manage)) {
            return true;
        }
    }
    return false;
}

qint64 ConnectionAuth::nextExpiry(qint64 nowSeconds) const {
    qint64 next = 0;
    for (const Grant& grant : m_grants) {
        const qint64 expiry = grant.token.expiry();
        if (expiry > nowSeconds && (next == 0 || expiry < next)) {
            next = expiry;
        }
    }
    return next;
}

bool ConnectionAuth::hasAnyRight(const QString& entityPath, qint64 nowSeconds) const {
    return isAuthorized(entityPath, Right::Listen, nowSeconds) ||
           isAuthorized(entityPath, Right::Send, nowSeconds) ||
           isAuthorized(entityPath, Right::Manage, nowSeconds);
}

} // namespace busbar::emulator
