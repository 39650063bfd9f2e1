#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QString>
#include <QStringView>

namespace busbar {

// xs:duration as the management API writes it (servicebus-management.md §6.1). The wire
// unit is the .NET TimeSpan tick (100 ns); descriptions keep milliseconds. The maximum,
// P10675199DT2H48M5.4775807S, is "never" and maps to kDurationNever both ways, exactly:
// a rounded form of it overflows on the service.
class XsdDuration final {
public:
    static constexpr qint64 kTicksPerMillisecond = 10'000;
    static constexpr qint64 kMaxTicks = std::numeric_limits<qint64>::max();

    // Years count 365 days and months 30 (as .NET's XmlConvert does); fractions of a second
    // beyond 7 digits are truncated. Negative durations are rejected.
    static Result<qint64> parseTicks(QStringView text);
    static Result<Milliseconds> parse(QStringView text);

    // Days as the largest unit, zero components omitted, PT0S for zero.
    static QString formatTicks(qint64 ticks);
    // kDurationNever (or more) formats as the exact maximum.
    static QString format(Milliseconds duration);

    static QString maxText() { return QStringLiteral("P10675199DT2H48M5.4775807S"); }
};

} // namespace busbar
