#include "core/auth/ConnectionString.h"

#include "core/auth/SasToken.h"

#include <QRegularExpression>
#include <QStringList>

namespace busbar {

namespace {

constexpr int kTlsPort = 5671;
constexpr int kPlainPort = 5672;
constexpr int kWebSocketsPort = 443;
constexpr int kMicrosoftEmulatorAdminPort = 5300;

constexpr QLatin1String kEndpoint("Endpoint");
constexpr QLatin1String kKeyName("SharedAccessKeyName");
constexpr QLatin1String kKey("SharedAccessKey");
constexpr QLatin1String kSignature("SharedAccessSignature");
constexpr QLatin1String kEntityPath("EntityPath");
constexpr QLatin1String kEmulator("UseDevelopmentEmulator");
constexpr QLatin1String kTransportType("TransportType");

constexpr QLatin1String kRedacted("***");

bool sameKey(const QString& key, QLatin1String name) {
    return key.compare(name, Qt::CaseInsensitive) == 0;
}

// Text the user typed that failed to parse may be a misplaced key (a pasted key with no
// "SharedAccessKey=" before it), so only short fragments are quoted back.
QString describeFragment(const QString& text) {
    constexpr qsizetype kMaxQuoted = 24;
    if (text.size() <= kMaxQuoted)
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    return QStringLiteral("(%1 characters, not shown)").arg(text.size());
}

QString shortened(const QString& text) {
    constexpr qsizetype kMax = 64;
    return text.size() <= kMax ? text : text.left(kMax) + QStringLiteral("...");
}

Result<bool> parseBool(const QString& key, const QString& value) {
    if (value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    return fail(
        ErrorCode::InvalidInput,
        QStringLiteral("%1 must be true or false, not %2").arg(key, describeFragment(value)));
}

// PCRE refuses to match text with a lone surrogate at all, which would leave every secret
// in it visible; such text is not valid UTF-16 anyway, so those units become U+FFFD.
QString withValidSurrogates(QString text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            text[i] = QChar::ReplacementCharacter;
        }
    }
    return text;
}

} // namespace

Result<ConnectionString> ConnectionString::parse(const QString& text) {
    ConnectionString result;
    bool haveEndpoint = false;
    int position = 0;

    const QStringList segments = text.split(QLatin1Char(';'));
    for (const QString& rawSegment : segments) {
        const QString segment = rawSegment.trimmed();
        if (segment.isEmpty())
            continue;
        ++position;
        const qsizetype eq = segment.indexOf(QLatin1Char('='));
        if (eq < 0) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Part %1 %2 has no '=': write every part as Key=Value, "
                                       "separated by ';'")
                            .arg(QString::number(position), describeFragment(segment)));
        }
        const QString key = segment.left(eq).trimmed();
        const QString value = segment.mid(eq + 1).trimmed();
        if (key.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Part %1 has nothing before '=': write it as Key=Value")
                            .arg(position));
        }
        if (value.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1 has an empty value: write %1=<value> or remove it")
                            .arg(describeFragment(key)));
        }

        if (sameKey(key, kEndpoint)) {
            if (!value.startsWith(QLatin1String("sb://"), Qt::CaseInsensitive)) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Endpoint must start with sb://, as in "
                                           "Endpoint=sb://<namespace>.servicebus.windows.net/"));
            }
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty()) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Endpoint '%1' has no valid host name: write it as "
                                           "sb://<namespace>.servicebus.windows.net/")
                                .arg(shortened(value)));
            }
            if (url.port() == 0) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Endpoint '%1' has port 0: leave the port out or "
                                           "write a port from 1 to 65535")
                                .arg(shortened(value)));
            }
            result.m_host = url.host();
            result.m_explicitPort = url.port();
            haveEndpoint = true;
        } else if (sameKey(key, kKeyName)) {
            result.m_keyName = value;
        } else if (sameKey(key, kKey)) {
            result.m_key = value;
        } else if (sameKey(key, kSignature)) {
            if (const Result<SasToken> token = SasToken::parse(value); !token) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("SharedAccessSignature is not a valid token (%1): "
                                           "paste the whole 'SharedAccessSignature "
                                           "sr=...&sig=...&se=...' text")
                                .arg(token.error().message));
            }
            result.m_sharedAccessSignature = value;
        } else if (sameKey(key, kEntityPath)) {
            result.m_entityPath = value;
        } else if (sameKey(key, kEmulator)) {
            const Result<bool> on = parseBool(kEmulator, value);
            if (!on)
                return fail(on.error());
            result.m_developmentEmulator = *on;
        } else if (sameKey(key, kTransportType)) {
            if (value.compare(QLatin1String("Amqp"), Qt::CaseInsensitive) == 0) {
                result.m_webSockets = false;
            } else if (value.compare(QLatin1String("AmqpWebSockets"), Qt::CaseInsensitive) == 0) {
                result.m_webSockets = true;
            } else {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("TransportType must be Amqp or AmqpWebSockets, not %1")
                                .arg(describeFragment(value)));
            }
        }
        // OperationTimeout (older .NET) and keys we do not know are ignored, as the SDKs do.
    }

    if (position == 0) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The connection string is empty: paste it from the "
                                   "namespace's Shared access policies page"));
    }
    if (!haveEndpoint) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Endpoint is missing: add "
                                   "Endpoint=sb://<namespace>.servicebus.windows.net/"));
    }
    const bool haveKeyName = !result.m_keyName.isEmpty();
    const bool haveKey = !result.m_key.isEmpty();
    if (result.usesSharedAccessSignature() && (haveKeyName || haveKey)) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("SharedAccessSignature cannot be combined with "
                                   "SharedAccessKeyName or SharedAccessKey: keep one or the "
                                   "other"));
    }
    if (haveKeyName && !haveKey) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("SharedAccessKey is missing: add SharedAccessKey=<key> or "
                                   "use a SharedAccessSignature"));
    }
    if (haveKey && !haveKeyName) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("SharedAccessKeyName is missing: add "
                                   "SharedAccessKeyName=<policy name> for the SharedAccessKey"));
    }
    if (!haveKey && !result.usesSharedAccessSignature()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("No credentials: add SharedAccessKeyName=<policy name> and "
                                   "SharedAccessKey=<key>, or a SharedAccessSignature"));
    }
    return result;
}

int ConnectionString::port() const {
    if (hasExplicitPort())
        return m_explicitPort;
    switch (transport()) {
    case TransportType::AmqpPlain:
        return kPlainPort;
    case TransportType::AmqpWebSockets:
        return kWebSocketsPort;
    case TransportType::AmqpTls:
        break;
    }
    return kTlsPort;
}

TransportType ConnectionString::transport() const {
    if (m_developmentEmulator)
        return TransportType::AmqpPlain;
    return m_webSockets ? TransportType::AmqpWebSockets : TransportType::AmqpTls;
}

QUrl ConnectionString::endpointUrl() const {
    QUrl url;
    url.setScheme(QStringLiteral("sb"));
    url.setHost(m_host);
    url.setPort(m_explicitPort);
    url.setPath(QStringLiteral("/"));
    return url;
}

QUrl ConnectionString::adminBaseUrl() const {
    if (m_adminBaseUrl.isValid())
        return m_adminBaseUrl;
    QUrl url;
    url.setHost(m_host);
    url.setPath(QStringLiteral("/"));
    if (m_developmentEmulator) {
        url.setScheme(QStringLiteral("http"));
        url.setPort(kMicrosoftEmulatorAdminPort);
    } else {
        url.setScheme(QStringLiteral("https"));
    }
    return url;
}

QString ConnectionString::toString() const {
    QStringList parts;
    parts << kEndpoint + QLatin1Char('=') + endpointUrl().toString(QUrl::FullyEncoded);
    if (!m_keyName.isEmpty())
        parts << kKeyName + QLatin1Char('=') + m_keyName;
    if (!m_key.isEmpty())
        parts << kKey + QLatin1Char('=') + m_key;
    if (!m_sharedAccessSignature.isEmpty())
        parts << kSignature + QLatin1Char('=') + m_sharedAccessSignature;
    if (!m_entityPath.isEmpty())
        parts << kEntityPath + QLatin1Char('=') + m_entityPath;
    if (m_developmentEmulator)
        parts << kEmulator + QLatin1String("=true");
    if (m_webSockets)
        parts << kTransportType + QLatin1String("=AmqpWebSockets");
    return parts.join(QLatin1Char(';'));
}

ConnectionString ConnectionString::redacted() const {
    ConnectionString copy = *this;
    if (!copy.m_key.isEmpty())
        copy.m_key = kRedacted;
    if (!copy.m_sharedAccessSignature.isEmpty())
        copy.m_sharedAccessSignature = kRedacted;
    return copy;
}

QString redactSecrets(QString text) {
    // The signature first: its value is a whole token ("SharedAccessSignature sr=..&sig=..")
    // that runs up to the next ';', space or quote. Then keys (not SharedAccessKeyName: the
    // '=' or ':' must follow "Key" directly), then bare sig= in token text and URLs.
    static const QRegularExpression signature(
        QStringLiteral(R"((\bSharedAccessSignature"?\s*[=:]\s*"?)(?:SharedAccessSignature\s+)?)"
                       R"([^;\s"'<>]+)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression key(
        QStringLiteral(R"((\bSharedAccessKey"?\s*[=:]\s*"?)[^;\s"'<>]+)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression sig(QStringLiteral(R"((\bsig\s*=\s*)[^;&\s"'<>,]+)"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QString replacement = QStringLiteral("\\1") + kRedacted;
    text = withValidSurrogates(std::move(text));
    text.replace(signature, replacement);
    text.replace(key, replacement);
    text.replace(sig, replacement);
    return text;
}

} // namespace busbar
