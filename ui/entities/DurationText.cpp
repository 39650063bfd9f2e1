#include "ui/entities/DurationText.h"

#include "core/admin/XsdDuration.h"

#include <QRegularExpression>

namespace busbar {

namespace {

Result<Milliseconds> invalid(const QString& text) {
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("'%1' is not a duration: write e.g. 30s, 5m, 1h30m, 2d, "
                               "PT1M or never")
                    .arg(text));
}

} // namespace

Result<Milliseconds> DurationText::parse(const QString& input) {
    const QString text = input.trimmed().toLower();
    if (text.isEmpty()) {
        return fail(ErrorCode::InvalidInput, QStringLiteral("A duration is required."));
    }
    if (text == QLatin1String("never") || text == QLatin1String("max") ||
        text == QLatin1String("infinite")) {
        return kDurationNever;
    }
    if (text.startsWith(QLatin1Char('p'))) {
        auto parsed = XsdDuration::parse(text.toUpper());
        if (!parsed) {
            return invalid(input.trimmed());
        }
        return *parsed;
    }
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber) {
        if (seconds < 0) {
            return invalid(input.trimmed());
        }
        return Milliseconds(qint64(seconds * 1000.0 + 0.5));
    }
    // A sequence of <number><unit>, optionally separated by spaces.
    static const QRegularExpression part(
        QStringLiteral("\\G\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|d|h|m|s)"));
    qint64 total = 0;
    qsizetype position = 0;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        if (match.capturedStart() != position) {
            break;
        }
        position = match.capturedEnd();
        const double value = match.captured(1).toDouble();
        const QString unit = match.captured(2);
        double factor = 1.0;
        if (unit == QLatin1String("d")) {
            factor = 86'400'000.0;
        } else if (unit == QLatin1String("h")) {
            factor = 3'600'000.0;
        } else if (unit == QLatin1String("m")) {
            factor = 60'000.0;
        } else if (unit == QLatin1String("s")) {
            factor = 1000.0;
        }
        total += qint64(value * factor + 0.5);
    }
    if (position == 0 || !text.mid(position).trimmed().isEmpty()) {
        return invalid(input.trimmed());
    }
    return Milliseconds(total);
}

QString DurationText::format(Milliseconds duration) {
    if (duration >= kDurationNever) {
        return QStringLiteral("never");
    }
    qint64 ms = duration.count();
    if (ms == 0) {
        return QStringLiteral("0s");
    }
    QString out;
    const auto take = [&](qint64 unit, const char* suffix) {
        if (ms >= unit) {
            out += QString::number(ms / unit) + QLatin1String(suffix);
            ms %= unit;
        }
    };
    take(86'400'000, "d");
    take(3'600'000, "h");
    take(60'000, "m");
    take(1000, "s");
    take(1, "ms");
    return out;
}

} // namespace busbar
