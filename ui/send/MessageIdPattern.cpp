#include "ui/send/MessageIdPattern.h"

#include <QUuid>

namespace busbar {

QString MessageIdPattern::expand(const QString& pattern, int number) {
    QString id = pattern;
    id.replace(QLatin1String("{n}"), QString::number(number));
    // One fresh UUID per occurrence, so "{uuid}-{uuid}" is not one id twice.
    const QLatin1String uuid("{uuid}");
    for (qsizetype at = id.indexOf(uuid); at >= 0; at = id.indexOf(uuid, at)) {
        const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
        id.replace(at, uuid.size(), fresh);
        at += fresh.size();
    }
    return id;
}

bool MessageIdPattern::varies(const QString& pattern) {
    return pattern.contains(QLatin1String("{n}")) || pattern.contains(QLatin1String("{uuid}"));
}

} // namespace busbar
