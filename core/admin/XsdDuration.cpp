#include "core/admin/XsdDuration.h"

namespace busbar {

namespace {

constexpr qint64 kTicksPerSecond = 10'000'000;
constexpr qint64 kTicksPerMinute = 60 * kTicksPerSecond;
constexpr qint64 kTicksPerHour = 60 * kTicksPerMinute;
constexpr qint64 kTicksPerDay = 24 * kTicksPerHour;

Error invalidDuration(QStringView text, const QString& why) {
    return Error::invalidInput(QStringLiteral("'%1' is not a valid xs:duration (%2); "
                                              "examples: PT30S, PT5M, P14D.")
                                   .arg(text.toString(), why));
}

} // namespace

Result<qint64> XsdDuration::parseTicks(QStringView text) {
    const QStringView input = text.trimmed();
    qsizetype pos = 0;
    if (pos < input.size() && input[pos] == u'-') {
        return fail(Error::invalidInput(
            QStringLiteral("'%1' is negative; durations must be zero or more.").arg(input)));
    }
    if (pos >= input.size() || input[pos] != u'P') {
        return fail(invalidDuration(input, QStringLiteral("it must start with P")));
    }
    ++pos;

    qint64 total = 0;
    bool inTime = false;
    bool sawComponent = false;
    bool sawTimeComponent = false;
    // Designators must appear in this order; each index is the next one allowed.
    const QString dateOrder = QStringLiteral("YMD");
    const QString timeOrder = QStringLiteral("HMS");
    qsizetype nextDate = 0;
    qsizetype nextTime = 0;

    while (pos < input.size()) {
        if (input[pos] == u'T') {
            if (inTime) {
                return fail(invalidDuration(input, QStringLiteral("T appears twice")));
            }
            inTime = true;
            ++pos;
            continue;
        }
        const qsizetype digitsStart = pos;
        while (pos < input.size() && input[pos].isDigit()) {
            ++pos;
        }
        if (pos == digitsStart) {
            return fail(invalidDuration(input, QStringLiteral("a number is missing")));
        }
        const QStringView whole = input.mid(digitsStart, pos - digitsStart);
        QStringView fraction;
        if (pos < input.size() && input[pos] == u'.') {
            const qsizetype fractionStart = ++pos;
            while (pos < input.size() && input[pos].isDigit()) {
                ++pos;
            }
            fraction = input.mid(fractionStart, pos - fractionStart);
            if (fraction.isEmpty()) {
                return fail(invalidDuration(input, QStringLiteral("a fraction has no digits")));
            }
        }
        if (pos >= input.size()) {
            return fail(invalidDuration(input, QStringLiteral("a number has no unit")));
        }
        const QChar unit = input[pos++];
        const auto tooLong = [&] {
            return fail(
                Error::invalidInput(QStringLiteral("'%1' is longer than the maximum duration %2.")
                                        .arg(input.toString(), maxText())));
        };
        qint64 value = 0;
        for (const QChar digit : whole) {
            if (value > (kMaxTicks - digit.digitValue()) / 10) {
                return tooLong();
            }
            value = value * 10 + digit.digitValue();
        }

        qint64 unitTicks = 0;
        if (!inTime) {
            const auto index = dateOrder.indexOf(unit);
            if (index < nextDate) {
                return fail(invalidDuration(input, QStringLiteral("unexpected '%1'").arg(unit)));
            }
            nextDate = index + 1;
            unitTicks = unit == u'Y'   ? 365 * kTicksPerDay
                        : unit == u'M' ? 30 * kTicksPerDay
                                       : kTicksPerDay;
        } else {
            const auto index = timeOrder.indexOf(unit);
            if (index < nextTime) {
                return fail(invalidDuration(input, QStringLiteral("unexpected '%1'").arg(unit)));
            }
            nextTime = index + 1;
            sawTimeComponent = true;
            unitTicks = unit == u'H'   ? kTicksPerHour
                        : unit == u'M' ? kTicksPerMinute
                                       : kTicksPerSecond;
        }
        if (!fraction.isEmpty() && !(inTime && unit == u'S')) {
            return fail(invalidDuration(input, QStringLiteral("only seconds may have a fraction")));
        }
        if (value > (kMaxTicks - total) / unitTicks) {
            return tooLong();
        }
        total += value * unitTicks;
        if (!fraction.isEmpty()) {
            // 7 digits of a second are ticks; further digits are below a tick.
            qint64 fractionTicks = 0;
            for (qsizetype i = 0; i < 7; ++i) {
                fractionTicks =
                    fractionTicks * 10 + (i < fraction.size() ? fraction[i].digitValue() : 0);
            }
            if (fractionTicks > kMaxTicks - total) {
                return tooLong();
            }
            total += fractionTicks;
        }
        sawComponent = true;
    }
    if (!sawComponent) {
        return fail(invalidDuration(input, QStringLiteral("it has no component")));
    }
    if (inTime && !sawTimeComponent) {
        return fail(invalidDuration(input, QStringLiteral("T must be followed by a time")));
    }
    return total;
}

Result<Milliseconds> XsdDuration::parse(QStringView text) {
    const auto ticks = parseTicks(text);
    if (!ticks) {
        return fail(ticks.error());
    }
    return Milliseconds{*ticks / kTicksPerMillisecond};
}

QString XsdDuration::formatTicks(qint64 ticks) {
    if (ticks <= 0) {
        return QStringLiteral("PT0S");
    }
    const qint64 days = ticks / kTicksPerDay;
    qint64 rest = ticks % kTicksPerDay;
    const qint64 hours = rest / kTicksPerHour;
    rest %= kTicksPerHour;
    const qint64 minutes = rest / kTicksPerMinute;
    rest %= kTicksPerMinute;
    const qint64 seconds = rest / kTicksPerSecond;
    const qint64 fraction = rest % kTicksPerSecond;

    QString text = QStringLiteral("P");
    if (days > 0) {
        text += QString::number(days) + u'D';
    }
    if (hours > 0 || minutes > 0 || seconds > 0 || fraction > 0) {
        text += u'T';
        if (hours > 0) {
            text += QString::number(hours) + u'H';
        }
        if (minutes > 0) {
            text += QString::number(minutes) + u'M';
        }
        if (seconds > 0 || fraction > 0) {
            text += QString::number(seconds);
            if (fraction > 0) {
                QString digits = QStringLiteral("%1").arg(fraction, 7, 10, QLatin1Char('0'));
                while (digits.endsWith(u'0')) {
                    digits.chop(1);
                }
                text += u'.' + digits;
            }
            text += u'S';
        }
    }
    return text;
}

QString XsdDuration::format(Milliseconds duration) {
    if (duration >= kDurationNever) {
        return maxText();
    }
    return formatTicks(duration.count() * kTicksPerMillisecond);
}

} // namespace busbar
