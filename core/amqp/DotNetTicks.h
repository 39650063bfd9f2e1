#pragma once

#include <QDateTime>
#include <QtGlobal>

namespace busbar {

// .NET DateTime ticks: 100 ns units since 0001-01-01T00:00:00Z. Service Bus uses them where
// a .NET DateTime leaks onto the wire, e.g. com.microsoft:locked-until-utc in a session
// receiver's attach (servicebus-amqp.md §9.1).
struct DotNetTicks {
    static constexpr qint64 kUnixEpochTicks = 621355968000000000LL;
    static constexpr qint64 kTicksPerMs = 10000;

    static constexpr qint64 fromUnixMs(qint64 unixMs) {
        return unixMs * kTicksPerMs + kUnixEpochTicks;
    }
    // Rounds toward negative infinity, so a tick value never maps to a later millisecond.
    static constexpr qint64 toUnixMs(qint64 ticks) {
        const qint64 sinceEpoch = ticks - kUnixEpochTicks;
        qint64 ms = sinceEpoch / kTicksPerMs;
        if (sinceEpoch % kTicksPerMs < 0)
            --ms;
        return ms;
    }
    static qint64 fromDateTime(const QDateTime& utc) { return fromUnixMs(utc.toMSecsSinceEpoch()); }
    static QDateTime toDateTime(qint64 ticks) {
        return QDateTime::fromMSecsSinceEpoch(toUnixMs(ticks), Qt::UTC);
    }
};

} // namespace busbar
