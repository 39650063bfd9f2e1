#include "tests/fuzz/AuthFuzzChecks.h"

#include "core/auth/ConnectionString.h"
#include "core/auth/SasToken.h"
#include "core/auth/SasTokenValidator.h"

#include <QRegularExpression>
#include <QStringList>

#include <utility>

namespace busbar {

namespace {

constexpr QLatin1String kMask("***");

// Whether the canonical text has the part `key`=`secret`.
bool hasPart(const QString& text, QLatin1String key, const QString& secret) {
    return text.split(QLatin1Char(';')).contains(key + QLatin1Char('=') + secret);
}

// redactSecrets() works on log text, where a value ends at whitespace or a quote; secrets
// made of other characters (every real key and token) must vanish completely from it.
bool isLogSafe(QString secret, bool isToken) {
    static const QRegularExpression prefix(QStringLiteral(R"(^SharedAccessSignature\s+)"),
                                           QRegularExpression::CaseInsensitiveOption);
    if (isToken)
        secret.remove(prefix);
    if (secret.isEmpty())
        return false;
    for (const QChar c : std::as_const(secret)) {
        if (c.isSpace() || QStringLiteral("\"'<>;").contains(c))
            return false;
    }
    return true;
}

QString checkFailure(const Error& error) {
    if (error.code != ErrorCode::InvalidInput)
        return QStringLiteral("failure is not InvalidInput: ") + errorCodeName(error.code);
    if (error.message.isEmpty())
        return QStringLiteral("failure without a message");
    return {};
}

} // namespace

QString checkConnectionStringInvariants(const QString& input) {
    const Result<ConnectionString> parsed = ConnectionString::parse(input);
    if (!parsed)
        return checkFailure(parsed.error());

    const ConnectionString& value = *parsed;
    if (value.host().isEmpty())
        return QStringLiteral("accepted without a host");
    if (value.port() < 1 || value.port() > 65535)
        return QStringLiteral("port out of range: %1").arg(value.port());
    if (value.keyName().isEmpty() != value.key().isEmpty())
        return QStringLiteral("key name and key not both present");
    if (value.key().isEmpty() == value.sharedAccessSignature().isEmpty())
        return QStringLiteral("not exactly one kind of credential");

    const QString text = value.toString();
    const Result<ConnectionString> again = ConnectionString::parse(text);
    if (!again)
        return QStringLiteral("toString() does not parse: ") + again.error().message;
    if (!(*again == value))
        return QStringLiteral("toString() parses to different fields: ") + text;
    if (again->toString() != text)
        return QStringLiteral("toString() is not stable: ") + text;

    const ConnectionString redacted = value.redacted();
    const QString shown = redacted.toString();
    if (!value.key().isEmpty() && value.key() != kMask &&
        (redacted.key() != kMask ||
         hasPart(shown, QLatin1String("SharedAccessKey"), value.key()))) {
        return QStringLiteral("redacted() shows the key");
    }
    if (!value.sharedAccessSignature().isEmpty() &&
        (redacted.sharedAccessSignature() != kMask ||
         hasPart(shown, QLatin1String("SharedAccessSignature"), value.sharedAccessSignature()))) {
        return QStringLiteral("redacted() shows the signature");
    }
    // Redacting the text hides exactly what redacted() hides: same text afterwards.
    const bool isToken = value.key().isEmpty();
    const QString secret = isToken ? value.sharedAccessSignature() : value.key();
    if (isLogSafe(secret, isToken) && redactSecrets(text) != redactSecrets(shown))
        return QStringLiteral("redactSecrets() leaves part of a secret: ") + redactSecrets(text);
    return {};
}

QString checkSasTokenInvariants(const QString& input) {
    const Result<SasToken> parsed = SasToken::parse(input);
    if (!parsed)
        return checkFailure(parsed.error());

    const SasToken& token = *parsed;
    if (token.resource().isEmpty() || token.signature().isEmpty() || token.expiry() < 0)
        return QStringLiteral("accepted without sr, sig or se");

    const Result<SasToken> again = SasToken::parse(token.toString());
    if (!again)
        return QStringLiteral("toString() does not parse: ") + again.error().message;
    if (again->resource() != token.resource() || again->signature() != token.signature() ||
        again->expiry() != token.expiry() || again->keyName() != token.keyName()) {
        return QStringLiteral("toString() parses to different fields");
    }
    // Scope checks must not depend on anything but their inputs; just exercise them.
    (void)token.covers(input);
    (void)token.covers(token.resource() + QStringLiteral("/$management"));

    // Only resources that survive UTF-8 (no lone surrogates) can be signed and re-read.
    if (QString::fromUtf8(token.resource().toUtf8()) != token.resource() || token.expiry() < 1)
        return {};
    const QString keyName = QStringLiteral("rule");
    const SasTokenValidator validator(
        [&keyName](const QString& name) -> std::optional<QString> {
            if (name == keyName)
                return QStringLiteral("key");
            return std::nullopt;
        },
        QStringList{keyName});
    const QString resigned =
        SasToken::sign(token.resource(), keyName, QStringLiteral("key"), token.expiry());
    const Result<SasToken> valid = validator.validate(resigned, token.expiry() - 1);
    if (!valid)
        return QStringLiteral("a token signed with the right key is refused: ") +
               valid.error().message;
    if (valid->resource() != token.resource())
        return QStringLiteral("re-signed token changed its resource");
    const QString forged =
        SasToken::sign(token.resource(), keyName, QStringLiteral("other"), token.expiry());
    if (validator.validate(forged, token.expiry() - 1))
        return QStringLiteral("a token signed with the wrong key is accepted");
    return {};
}

} // namespace busbar
