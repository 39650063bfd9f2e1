#include "emulator/broker/BrokerTypes.h"

#include <QStringList>

namespace busbar::emulator {

Result<EntityAddress> EntityAddress::parse(const QString& address) {
    QString path = address.trimmed();
    // Absolute forms: "amqps://host:port/path" (Python) or "/path" (.NET).
    const qsizetype schemeEnd = path.indexOf(QStringLiteral("://"));
    if (schemeEnd >= 0) {
        const qsizetype pathStart = path.indexOf(QLatin1Char('/'), schemeEnd + 3);
        path = pathStart < 0 ? QString() : path.mid(pathStart);
    }
    while (path.startsWith(QLatin1Char('/'))) {
        path.remove(0, 1);
    }
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    if (path.isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The address '%1' names no entity.").arg(address));
    }

    EntityAddress result;
    QStringList segments = path.split(QLatin1Char('/'));
    auto takeSuffix = [&segments](QStringView suffix) {
        if (!segments.isEmpty() && segments.last().compare(suffix, Qt::CaseInsensitive) == 0) {
            segments.removeLast();
            return true;
        }
        return false;
    };
    if (takeSuffix(u"$management")) {
        result.isManagementNode = true;
    }
    if (takeSuffix(u"$DeadLetterQueue")) {
        result.subQueue =
            takeSuffix(u"$Transfer") ? SubQueue::TransferDeadLetter : SubQueue::DeadLetter;
    }
    if (segments.isEmpty() || segments.contains(QString())) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The address '%1' is malformed.").arg(address));
    }
    // "topic/subscriptions/sub" is spelled "Subscriptions" canonically.
    for (qsizetype i = 1; i + 1 < segments.size(); ++i) {
        if (segments[i].compare(u"subscriptions", Qt::CaseInsensitive) == 0) {
            segments[i] = QStringLiteral("Subscriptions");
        }
    }
    result.entityPath = segments.join(QLatin1Char('/'));
    return result;
}

QString EntityAddress::toString() const {
    QString text = entityPath;
    if (subQueue == SubQueue::DeadLetter) {
        text += QStringLiteral("/$DeadLetterQueue");
    } else if (subQueue == SubQueue::TransferDeadLetter) {
        text += QStringLiteral("/$Transfer/$DeadLetterQueue");
    }
    if (isManagementNode) {
        text += QStringLiteral("/$management");
    }
    return text;
}

} // namespace busbar::emulator
