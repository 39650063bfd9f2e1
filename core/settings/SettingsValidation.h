#pragma once

// The checks Settings makes before it writes (and again as it reads a hand-edited file): the
// shapes of ids, view names, colour tags and hosts, and the screen that refuses anything that
// looks like a key. Settings::looksLikeSecret is the screen's test; it lives with these.
#include "core/common/Result.h"
#include "core/settings/SavedConnection.h"

#include <QString>

namespace busbar::settings {

// Letters, digits, '-' and '_', at most 64: a saved connection's id (and its SecretStore key).
[[nodiscard]] bool isValidId(const QString& id);
// Up to four '/'-separated parts of letters, digits, '.', '_' and '-' (Settings::viewState).
[[nodiscard]] bool isValidViewName(const QString& name);
// InvalidInput naming `what` when `value` looks like a secret; the value is never echoed.
[[nodiscard]] VoidResult screen(const QString& value, const QString& what);
// Every field of a saved connection: shapes, and the screen on each free-text field.
[[nodiscard]] VoidResult validate(const SavedConnection& connection);

} // namespace busbar::settings
