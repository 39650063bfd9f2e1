#pragma once

#include "core/auth/SasToken.h"
#include "core/common/Result.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace busbar {

// Checks a SAS token the way the service does (servicebus-amqp.md §3.2), for the emulator's
// CBS put-token handler:
//
//   auto validator = SasTokenValidator(
//       [&config](const QString& name) { return config.keyFor(name); }, config.keyNames());
//   const Result<SasToken> token = validator.validate(bodyText, nowSeconds);
//   if (!token)                                  -> status 401 (or 400 for InvalidInput)
//   else if (!token->covers(audienceName))       -> status 401, the token is for another entity
//   else rights = claimsOf(token->keyName())     -> status 200
//
// The validator only proves who signed the token and that it has not expired; scope is
// SasToken::covers() and rights are the caller's rule configuration. It keeps no state,
// so one instance may be shared between threads if the key lookup is thread-safe.
class SasTokenValidator final {
public:
    // Returns the key (SharedAccessKey text) of a rule, or nothing if no rule has that name.
    using KeyLookup = std::function<std::optional<QString>(const QString& keyName)>;

    // `allKeyNames` lists every rule, tried in order for tokens that leave out skn.
    SasTokenValidator(KeyLookup keyLookup, QStringList allKeyNames);

    // Parses and checks `tokenText` at `nowEpochSeconds`:
    //  * not a SAS token (bad syntax, missing sr/sig/se)  -> InvalidInput
    //    "The token is not a SharedAccessSignature: <why>"
    //  * skn names no rule                                -> Authentication "unknown key name 'x'"
    //  * signature matches neither the sr as re-encoded nor the sr as written, under the
    //    named key (or under any key when skn is absent)   -> Authentication
    //  * se <= now                                        -> Authentication "token expired at ..."
    // On success, the token's keyName() is the rule that signed it, even when skn was absent.
    // Signatures are compared in constant time; no message ever contains a key or signature.
    [[nodiscard]] Result<SasToken> validate(const QString& tokenText, qint64 nowEpochSeconds) const;

private:
    // Whether `key` produced `token`'s signature, over either spelling of sr.
    [[nodiscard]] static bool isSignedWith(const SasToken& token, const QString& key);

    KeyLookup m_keyLookup;
    QStringList m_allKeyNames;
};

// Compares every byte of both strings, so the time taken does not reveal how long a
// matching prefix a forged signature has.
[[nodiscard]] bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

} // namespace busbar
