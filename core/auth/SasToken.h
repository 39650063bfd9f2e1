#pragma once

#include "core/common/Result.h"

#include <QString>

namespace busbar {

class SasTokenValidator;

// A Service Bus shared access signature (servicebus-amqp.md §3):
//   SharedAccessSignature sr=<url-encoded resource>&sig=<url-encoded base64>&se=<epoch
//   s>&skn=<rule>
// The client signs tokens with sign(); the emulator's CBS parses and checks them with
// SasTokenValidator. The signature text is a credential: never log toString() or signature().
class SasToken final {
public:
    // The token text for `resourceUri` signed with `key` (used as its UTF-8 text, never
    // base64-decoded), valid until `expiryEpochSeconds`. Fields in the order every SDK writes
    // them: sr, sig, se, skn.
    [[nodiscard]] static QString sign(const QString& resourceUri, const QString& keyName,
                                      const QString& key, qint64 expiryEpochSeconds);

    // Base64(HMAC-SHA256(UTF8(key), UTF8(encodedResource + "\n" + expiry))): the signature
    // over an already URL-encoded resource, exactly as it is written in the token's sr.
    [[nodiscard]] static QString computeSignature(const QString& encodedResource,
                                                  qint64 expiryEpochSeconds, const QString& key);

    // Form URL encoding as Python's quote_plus writes it: A-Z a-z 0-9 - _ . ~ unchanged,
    // space as '+', every other UTF-8 byte as an upper-case %XX escape.
    [[nodiscard]] static QString urlEncode(const QString& text);
    // The inverse, lenient: '+' is a space, %xx in either case is decoded, a stray '%' stays.
    [[nodiscard]] static QString urlDecode(const QString& text);

    // Reads a token: the "SharedAccessSignature " prefix is optional, fields come in any
    // order, unknown fields are ignored, values are URL-decoded. sr, sig and se are required;
    // skn may be missing (keyName() is then empty). Errors are InvalidInput and never quote
    // the signature.
    [[nodiscard]] static Result<SasToken> parse(const QString& token);

    // The audience, decoded: "sb://contoso.servicebus.windows.net/orders".
    [[nodiscard]] const QString& resource() const { return m_resource; }
    // sr exactly as it appeared in the token, still encoded. Some clients sign this text
    // (lower-case escapes, or no encoding at all), so the validator tries it too.
    [[nodiscard]] const QString& rawResource() const { return m_rawResource; }
    // The decoded base64 signature text.
    [[nodiscard]] const QString& signature() const { return m_signature; }
    // se: Unix time in seconds after which the token is no longer valid.
    [[nodiscard]] qint64 expiry() const { return m_expiry; }
    // skn: the SAS rule the token claims to be signed with; empty when the token left it out.
    // A token returned by SasTokenValidator::validate names the rule that actually signed it.
    [[nodiscard]] const QString& keyName() const { return m_keyName; }

    // Canonical token text (sr re-encoded, fields in SDK order). Contains the signature.
    [[nodiscard]] QString toString() const;

    // Whether this token grants access to `audienceOrPath` (§3.2 step 5): both sides lose
    // their scheme and port, hosts compare lower-cased, trailing '/' is dropped, and the
    // token's path must be a case-insensitive prefix of the other's, ending on a segment
    // boundary. sb://h/q covers sb://h/q, sb://h/q/$management and amqps://H/Q/, not
    // sb://h/qq; sb://h/ covers everything on h. `audienceOrPath` must name the host:
    // "sb://h/q" or "h/q".
    [[nodiscard]] bool covers(const QString& audienceOrPath) const;

    friend bool operator==(const SasToken&, const SasToken&) = default;

private:
    friend class SasTokenValidator;

    QString m_resource;
    QString m_rawResource;
    QString m_signature;
    qint64 m_expiry = 0;
    QString m_keyName;
};

} // namespace busbar
