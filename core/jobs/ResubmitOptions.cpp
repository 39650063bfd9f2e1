#include "core/jobs/ResubmitOptions.h"

#include "core/jobs/JobOptionsJson.h"

#include <algorithm>

namespace busbar {

QJsonObject ResubmitOptions::toJson() const {
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("resubmit")},
        {QStringLiteral("sourceEntity"), sourceEntity},
        {QStringLiteral("sourceSubQueue"), subQueueJsonName(sourceSubQueue)},
        {QStringLiteral("selection"), selection.toJson()},
        {QStringLiteral("targetEntity"), targetEntity},
        {QStringLiteral("regenerateMessageIds"), regenerateMessageIds},
        {QStringLiteral("stripDeadLetterProperties"), stripDeadLetterProperties},
        {QStringLiteral("leaveUnselectedDeferred"), leaveUnselectedDeferred},
        {QStringLiteral("batchSize"), batchSize},
        {QStringLiteral("sendChunk"), sendChunk},
        {QStringLiteral("receiveWaitMs"), qint64(receiveWait.count())},
    };
}

ResubmitOptions ResubmitOptions::fromJson(const QJsonObject& json) {
    ResubmitOptions o;
    o.sourceEntity = json.value(QLatin1String("sourceEntity")).toString();
    o.sourceSubQueue = subQueueFromJsonName(json.value(QLatin1String("sourceSubQueue")).toString());
    o.selection = MessageSelection::fromJson(json.value(QLatin1String("selection")).toObject());
    o.targetEntity = json.value(QLatin1String("targetEntity")).toString();
    o.regenerateMessageIds = json.value(QLatin1String("regenerateMessageIds")).toBool();
    o.stripDeadLetterProperties =
        json.value(QLatin1String("stripDeadLetterProperties")).toBool(true);
    o.leaveUnselectedDeferred = json.value(QLatin1String("leaveUnselectedDeferred")).toBool();
    o.batchSize = std::max(1, json.value(QLatin1String("batchSize")).toInt(40));
    o.sendChunk = std::max(1, json.value(QLatin1String("sendChunk")).toInt(10));
    o.receiveWait =
        std::chrono::milliseconds(json.value(QLatin1String("receiveWaitMs")).toInteger(1000));
    return o;
}

} // namespace busbar
