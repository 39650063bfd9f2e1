#pragma once

#include <QString>

namespace busbar {

// The properties the auth parsers must keep for any input whatsoever. Each returns an
// empty string when they hold, else a description of the first one broken. Shared by the
// bounded seeded tests (ctest, any compiler) and the libFuzzer entry points (BUSBAR_FUZZ).

// parse() either fails with InvalidInput and a message, or yields a value whose
// toString() parses back to an equal value, whose credentials are exactly one of
// (key name + key) or a signature, and whose redacted() form shows neither secret.
[[nodiscard]] QString checkConnectionStringInvariants(const QString& input);

// parse() either fails with InvalidInput, or yields a token whose toString() parses back
// to the same fields; re-signing its resource validates under the right key only.
[[nodiscard]] QString checkSasTokenInvariants(const QString& input);

} // namespace busbar
