#pragma once

#include "core/jobs/ExportJob.h"
#include "core/jobs/ImportJob.h"
#include "core/jobs/PurgeJob.h"

#include <QJsonObject>

namespace busbar {

// JSON for the options of the jobs without a definition line of their own, so a job's
// JobDescription::options can re-create it after a crash (ResubmitOptions has toJson/fromJson
// itself). Each object carries "kind"; fromJson takes defaults for missing keys.
// How every job's JSON names a sub-queue: "active", "deadletter", "transferdeadletter"
// (an unknown name reads as the active queue).
[[nodiscard]] QString subQueueJsonName(SubQueue subQueue);
[[nodiscard]] SubQueue subQueueFromJsonName(const QString& name);

[[nodiscard]] QJsonObject purgeOptionsToJson(const PurgeOptions& options);
[[nodiscard]] PurgeOptions purgeOptionsFromJson(const QJsonObject& json);

[[nodiscard]] QJsonObject exportOptionsToJson(const ExportOptions& options);
[[nodiscard]] ExportOptions exportOptionsFromJson(const QJsonObject& json);

[[nodiscard]] QJsonObject importOptionsToJson(const ImportOptions& options);
[[nodiscard]] ImportOptions importOptionsFromJson(const QJsonObject& json);

} // namespace busbar
