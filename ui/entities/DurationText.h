#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QString>

namespace busbar {

// Durations as people type them in the editors: "30s", "5m", "1h30m", "2d", "250ms", a plain
// number of seconds, an xs:duration ("PT1M"), or "never" (TimeSpan.MaxValue). Formatting
// gives the shortest human text back, so a value survives a round trip through a field.
class DurationText final {
public:
    static Result<Milliseconds> parse(const QString& text);
    static QString format(Milliseconds duration);
};

} // namespace busbar
