#include "core/admin/XsdDateTime.h"

#include <QTimeZone>

namespace busbar {

std::optional<QDateTime> XsdDateTime::parse(QStringView text) {
    QString input = text.trimmed().toString();
    if (input.startsWith(u"0001-01-01")) {
        return QDateTime();
    }
    // Qt reads at most 3 fraction digits: keep milliseconds, drop the rest of the 7.
    const auto dot = input.indexOf(u'.');
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < input.size() && input[end].isDigit()) {
            ++end;
        }
        if (end - dot - 1 > 3) {
            input.remove(dot + 4, end - dot - 4);
        }
    }
    QDateTime time = QDateTime::fromString(input, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return std::nullopt;
    }
    if (time.timeSpec() == Qt::LocalTime) {
        time.setTimeSpec(Qt::UTC); // no designator: the API only speaks UTC
    }
    return time.toUTC();
}

QString XsdDateTime::format(const QDateTime& time) {
    if (!time.isValid()) {
        return neverText();
    }
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString XsdDateTime::formatSeconds(const QDateTime& time) {
    if (!time.isValid()) {
        return neverText();
    }
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace busbar
