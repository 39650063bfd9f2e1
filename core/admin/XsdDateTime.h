#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace busbar {

// ISO 8601 UTC timestamps as the management API writes them (servicebus-management.md §6.2):
// up to 7 fraction digits, 'Z', and 0001-01-01T00:00:00Z for "never" (an invalid QDateTime).
class XsdDateTime final {
public:
    // nullopt when the text is not a timestamp; an invalid QDateTime for year 0001 ("never").
    static std::optional<QDateTime> parse(QStringView text);
    // Runtime fields: millisecond precision ("2022-02-03T19:34:05.498Z").
    static QString format(const QDateTime& time);
    // Atom <published>/<updated>: second precision.
    static QString formatSeconds(const QDateTime& time);
    static QString neverText() { return QStringLiteral("0001-01-01T00:00:00Z"); }
};

} // namespace busbar
