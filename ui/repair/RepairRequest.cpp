#include "ui/repair/RepairRequest.h"

#include <QLocale>

namespace busbar {

namespace {

const QLatin1String kSubscriptionsSegment("/subscriptions/");

QString sendableEntity(const QString& path) {
    const qsizetype at = path.indexOf(kSubscriptionsSegment, 0, Qt::CaseInsensitive);
    return at < 0 ? path : path.left(at);
}

} // namespace

QString subQueueLabel(SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return QCoreApplication::translate("RepairRequest", "dead-letter");
    case SubQueue::TransferDeadLetter:
        return QCoreApplication::translate("RepairRequest", "transfer dead-letter");
    case SubQueue::None:
        break;
    }
    return QCoreApplication::translate("RepairRequest", "active");
}

QString defaultRepairTarget(const QString& entityPath, const QStringList& deadLetterSources) {
    QString agreed;
    for (const QString& source : deadLetterSources) {
        if (source.isEmpty() || (!agreed.isEmpty() && source != agreed)) {
            agreed.clear();
            break;
        }
        agreed = source;
    }
    return sendableEntity(agreed.isEmpty() ? entityPath : agreed);
}

QString RepairRequest::summary() const {
    const QString from =
        QStringLiteral("%1 (%2)").arg(options.sourceEntity, subQueueLabel(options.sourceSubQueue));
    const bool everything = options.selection.mode == MessageSelection::Mode::All;
    const auto tr = [](const char* text) {
        return QCoreApplication::translate("RepairRequest", text);
    };
    QString what;
    if (count >= 0) {
        const QString number = QLocale().toString(count);
        if (everything) {
            what = tr("all %1 messages").arg(number);
        } else {
            what = count == 1 ? tr("1 message") : tr("%1 messages").arg(number);
        }
    } else {
        what = everything ? tr("all messages") : tr("the matching messages");
    }
    return tr("%1 %2 from %3 to %4")
        .arg(replay ? tr("Replay") : tr("Resubmit"), what, from, targetDescription);
}

} // namespace busbar
