#include "core/jobs/JobOptionsJson.h"

#include <algorithm>

namespace busbar {

QString subQueueJsonName(SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return QStringLiteral("deadletter");
    case SubQueue::TransferDeadLetter:
        return QStringLiteral("transferdeadletter");
    case SubQueue::None:
        break;
    }
    return QStringLiteral("active");
}

SubQueue subQueueFromJsonName(const QString& name) {
    if (name == QLatin1String("deadletter")) {
        return SubQueue::DeadLetter;
    }
    if (name == QLatin1String("transferdeadletter")) {
        return SubQueue::TransferDeadLetter;
    }
    return SubQueue::None;
}

namespace {

int positive(const QJsonObject& json, QLatin1String key, int fallback) {
    return std::max(1, json.value(key).toInt(fallback));
}

} // namespace

QJsonObject purgeOptionsToJson(const PurgeOptions& options) {
    QJsonObject json{
        {QStringLiteral("kind"), QStringLiteral("purge")},
        {QStringLiteral("entity"), options.entity},
        {QStringLiteral("active"), options.active},
        {QStringLiteral("deadLetter"), options.deadLetter},
        {QStringLiteral("batchDeleteCount"), options.batchDeleteCount},
        {QStringLiteral("receivers"), options.receivers},
        {QStringLiteral("receiveCount"), options.receiveCount},
        {QStringLiteral("receiveWaitMs"), qint64(options.receiveWait.count())},
    };
    if (options.enqueuedBefore) {
        json.insert(QStringLiteral("enqueuedBefore"),
                    options.enqueuedBefore->toUTC().toString(Qt::ISODateWithMs));
    }
    return json;
}

PurgeOptions purgeOptionsFromJson(const QJsonObject& json) {
    PurgeOptions o;
    o.entity = json.value(QLatin1String("entity")).toString();
    o.active = json.value(QLatin1String("active")).toBool(true);
    o.deadLetter = json.value(QLatin1String("deadLetter")).toBool(false);
    const QString before = json.value(QLatin1String("enqueuedBefore")).toString();
    if (!before.isEmpty()) {
        const QDateTime when = QDateTime::fromString(before, Qt::ISODateWithMs);
        if (when.isValid()) {
            o.enqueuedBefore = when;
        }
    }
    o.batchDeleteCount = positive(json, QLatin1String("batchDeleteCount"), o.batchDeleteCount);
    o.receivers = positive(json, QLatin1String("receivers"), o.receivers);
    o.receiveCount = positive(json, QLatin1String("receiveCount"), o.receiveCount);
    o.receiveWait = std::chrono::milliseconds(
        json.value(QLatin1String("receiveWaitMs")).toInteger(o.receiveWait.count()));
    return o;
}

QJsonObject exportOptionsToJson(const ExportOptions& options) {
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("export")},
        {QStringLiteral("entity"), options.entity},
        {QStringLiteral("subQueue"), subQueueJsonName(options.subQueue)},
        {QStringLiteral("selection"), options.selection.toJson()},
        {QStringLiteral("outputPath"), options.outputPath},
        {QStringLiteral("pageSize"), options.pageSize},
    };
}

ExportOptions exportOptionsFromJson(const QJsonObject& json) {
    ExportOptions o;
    o.entity = json.value(QLatin1String("entity")).toString();
    o.subQueue = subQueueFromJsonName(json.value(QLatin1String("subQueue")).toString());
    o.selection = MessageSelection::fromJson(json.value(QLatin1String("selection")).toObject());
    o.outputPath = json.value(QLatin1String("outputPath")).toString();
    o.pageSize = positive(json, QLatin1String("pageSize"), o.pageSize);
    return o;
}

QJsonObject importOptionsToJson(const ImportOptions& options) {
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("import")},
        {QStringLiteral("inputPath"), options.inputPath},
        {QStringLiteral("targetEntity"), options.targetEntity},
        {QStringLiteral("sendChunk"), options.sendChunk},
    };
}

ImportOptions importOptionsFromJson(const QJsonObject& json) {
    ImportOptions o;
    o.inputPath = json.value(QLatin1String("inputPath")).toString();
    o.targetEntity = json.value(QLatin1String("targetEntity")).toString();
    o.sendChunk = positive(json, QLatin1String("sendChunk"), o.sendChunk);
    return o;
}

} // namespace busbar
