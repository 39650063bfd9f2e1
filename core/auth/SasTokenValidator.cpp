#include "core/auth/SasTokenValidator.h"

#include <QDateTime>

#include <algorithm>

namespace busbar {

namespace {

// Key names come from the peer; a hostile one must not flood the reply or the log.
QString shownKeyName(const QString& name) {
    constexpr qsizetype kMax = 64;
    return name.size() <= kMax ? name : name.left(kMax) + QStringLiteral("...");
}

} // namespace

bool constantTimeEquals(const QByteArray& a, const QByteArray& b) {
    // Walk the longer input in full; a length mismatch is folded into the same accumulator
    // instead of returning early.
    const qsizetype length = std::max(a.size(), b.size());
    unsigned int diff = a.size() == b.size() ? 0U : 1U;
    for (qsizetype i = 0; i < length; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a.at(i) : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b.at(i) : 0);
        diff |= static_cast<unsigned int>(x ^ y);
    }
    return diff == 0U;
}

SasTokenValidator::SasTokenValidator(KeyLookup keyLookup, QStringList allKeyNames)
    : m_keyLookup(std::move(keyLookup))
    , m_allKeyNames(std::move(allKeyNames)) {}

bool SasTokenValidator::isSignedWith(const SasToken& token, const QString& key) {
    const QByteArray presented = token.signature().toLatin1();
    // Both candidates are always computed and compared, so timing does not tell which
    // spelling of sr matched.
    const bool overCanonical = constantTimeEquals(
        SasToken::computeSignature(SasToken::urlEncode(token.resource()), token.expiry(), key)
            .toLatin1(),
        presented);
    const bool overRaw = constantTimeEquals(
        SasToken::computeSignature(token.rawResource(), token.expiry(), key).toLatin1(), presented);
    return overCanonical || overRaw;
}

Result<SasToken> SasTokenValidator::validate(const QString& tokenText,
                                             qint64 nowEpochSeconds) const {
    Result<SasToken> parsed = SasToken::parse(tokenText);
    if (!parsed) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The token is not a SharedAccessSignature: ") +
                        parsed.error().message);
    }
    SasToken token = std::move(*parsed);

    if (!token.keyName().isEmpty()) {
        const std::optional<QString> key =
            m_keyLookup ? m_keyLookup(token.keyName()) : std::optional<QString>();
        if (!key) {
            return fail(ErrorCode::Authentication,
                        QStringLiteral("The token was refused: unknown key name '%1'")
                            .arg(shownKeyName(token.keyName())));
        }
        if (!isSignedWith(token, *key)) {
            return fail(ErrorCode::Authentication,
                        QStringLiteral("The token was refused: its signature does not match "
                                       "the key of '%1'")
                            .arg(shownKeyName(token.keyName())));
        }
    } else {
        QString signer;
        for (const QString& name : m_allKeyNames) {
            const std::optional<QString> key =
                m_keyLookup ? m_keyLookup(name) : std::optional<QString>();
            if (key && isSignedWith(token, *key)) {
                signer = name;
                break;
            }
        }
        if (signer.isEmpty()) {
            return fail(ErrorCode::Authentication,
                        QStringLiteral("The token was refused: it names no key (skn) and its "
                                       "signature matches none of the configured keys"));
        }
        token.m_keyName = signer;
    }

    if (token.expiry() <= nowEpochSeconds) {
        return fail(
            ErrorCode::Authentication,
            QStringLiteral("The token was refused: token expired at %1")
                .arg(QDateTime::fromSecsSinceEpoch(token.expiry(), Qt::UTC).toString(Qt::ISODate)));
    }
    return token;
}

} // namespace busbar
