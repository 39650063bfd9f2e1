#include "core/auth/SasToken.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QStringList>

namespace busbar {

namespace {

constexpr QLatin1String kPrefix("SharedAccessSignature");

bool isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Shown in error messages: values that are not secrets, but may be arbitrary junk, are cut
// short so a pasted blob does not flood the message.
QString shortened(const QString& text) {
    constexpr qsizetype kMax = 32;
    return text.size() <= kMax ? text : text.left(kMax) + QStringLiteral("...");
}

// "sb://Host:5671/a/b/" -> "host/a/b". The service scopes tokens by host and path only:
// SDKs disagree on the scheme (sb, amqps, https) and the emulator forms carry a port.
QString normalizedScope(const QString& uri) {
    QString rest = uri.trimmed();
    const qsizetype schemeEnd = rest.indexOf(QLatin1String("://"));
    if (schemeEnd >= 0)
        rest = rest.mid(schemeEnd + 3);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    QString authority = slash < 0 ? rest : rest.left(slash);
    QString path = slash < 0 ? QString() : rest.mid(slash);

    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0)
        authority = authority.mid(at + 1);
    if (authority.startsWith(QLatin1Char('['))) {
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        if (close >= 0)
            authority.truncate(close + 1);
    } else {
        const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0)
            authority.truncate(colon);
    }
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (authority.isEmpty())
        return {};
    return authority.toLower() + path;
}

} // namespace

QString SasToken::urlEncode(const QString& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        if (isUnreserved(c)) {
            out.append(c);
        } else if (c == ' ') {
            out.append('+');
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHex[byte >> 4]);
            out.append(kHex[byte & 0x0F]);
        }
    }
    return QString::fromLatin1(out);
}

QString SasToken::urlDecode(const QString& text) {
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '+') {
            out.append(' ');
        } else if (c == '%' && i + 2 < in.size() && hexValue(in.at(i + 1)) >= 0 &&
                   hexValue(in.at(i + 2)) >= 0) {
            out.append(static_cast<char>(hexValue(in.at(i + 1)) * 16 + hexValue(in.at(i + 2))));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return QString::fromUtf8(out);
}

QString SasToken::computeSignature(const QString& encodedResource, qint64 expiryEpochSeconds,
                                   const QString& key) {
    const QByteArray stringToSign =
        encodedResource.toUtf8() + '\n' + QByteArray::number(expiryEpochSeconds);
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(stringToSign, key.toUtf8(), QCryptographicHash::Sha256)
            .toBase64());
}

QString SasToken::sign(const QString& resourceUri, const QString& keyName, const QString& key,
                       qint64 expiryEpochSeconds) {
    SasToken token;
    token.m_resource = resourceUri;
    token.m_rawResource = urlEncode(resourceUri);
    token.m_signature = computeSignature(token.m_rawResource, expiryEpochSeconds, key);
    token.m_expiry = expiryEpochSeconds;
    token.m_keyName = keyName;
    return token.toString();
}

QString SasToken::toString() const {
    QString text = kPrefix + QStringLiteral(" sr=") + urlEncode(m_resource) +
                   QStringLiteral("&sig=") + urlEncode(m_signature) + QStringLiteral("&se=") +
                   QString::number(m_expiry);
    if (!m_keyName.isEmpty())
        text += QStringLiteral("&skn=") + urlEncode(m_keyName);
    return text;
}

Result<SasToken> SasToken::parse(const QString& token) {
    QString text = token.trimmed();
    if (text.startsWith(kPrefix, Qt::CaseInsensitive) &&
        (text.size() == kPrefix.size() || text.at(kPrefix.size()).isSpace())) {
        text = text.mid(kPrefix.size()).trimmed();
    }

    SasToken result;
    bool haveSr = false;
    bool haveSig = false;
    bool haveSe = false;
    bool haveSkn = false;
    QString expiryText;
    const QStringList fields = text.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& field : fields) {
        const qsizetype eq = field.indexOf(QLatin1Char('='));
        if (eq < 0) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("a field has no '=': a token is name=value pairs joined "
                                       "by '&' (sr, sig, se, skn)"));
        }
        const QString name = field.left(eq).trimmed().toLower();
        const QString raw = field.mid(eq + 1).trimmed();
        auto once = [&name](bool& seen) -> VoidResult {
            if (seen)
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("the field '%1' appears twice").arg(name));
            seen = true;
            return {};
        };
        VoidResult first;
        if (name == QLatin1String("sr")) {
            first = once(haveSr);
            result.m_rawResource = raw;
            result.m_resource = urlDecode(raw);
        } else if (name == QLatin1String("sig")) {
            first = once(haveSig);
            result.m_signature = urlDecode(raw);
        } else if (name == QLatin1String("se")) {
            first = once(haveSe);
            expiryText = urlDecode(raw).trimmed();
        } else if (name == QLatin1String("skn")) {
            first = once(haveSkn);
            result.m_keyName = urlDecode(raw);
        }
        if (!first)
            return fail(first.error());
    }

    if (!haveSr || result.m_resource.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("sr (the resource URI the token is for) is missing"));
    if (!haveSig || result.m_signature.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("sig (the signature) is missing"));
    if (!haveSe)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("se (the expiry, in seconds since 1970) is missing"));
    bool ok = false;
    result.m_expiry = expiryText.toLongLong(&ok);
    if (!ok || result.m_expiry < 0) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("se must be whole seconds since 1970, not '%1'")
                        .arg(shortened(expiryText)));
    }
    return result;
}

bool SasToken::covers(const QString& audienceOrPath) const {
    const QString mine = normalizedScope(m_resource);
    const QString target = normalizedScope(audienceOrPath);
    if (mine.isEmpty() || target.isEmpty())
        return false;
    if (target.compare(mine, Qt::CaseInsensitive) == 0)
        return true;
    return target.size() > mine.size() && target.startsWith(mine, Qt::CaseInsensitive) &&
           target.at(mine.size()) == QLatin1Char('/');
}

} // namespace busbar
