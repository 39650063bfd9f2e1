#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace busbar {

enum class JobState { Pending, Running, Paused, Cancelled, Failed, Completed };

[[nodiscard]] QString jobStateName(JobState state);

// A snapshot of a job's progress; emitted at most ~10 times a second.
struct JobProgress {
    qint64 done = 0;   // messages finished (moved, deleted, exported, ...)
    qint64 total = -1; // -1 while unknown (e.g. "all" before the end)
    qint64 failed = 0;
    double ratePerSecond = 0.0;
    std::optional<std::chrono::seconds> eta; // unknown without a total or a rate
};

// What happened to one message.
enum class JobOutcome { Moved, Deleted, Exported, Imported, Restored, Failed };

[[nodiscard]] QString jobOutcomeName(JobOutcome outcome);

struct JobReportEntry {
    qint64 sequenceNumber = -1;
    QString messageId;
    JobOutcome outcome = JobOutcome::Failed;
    QString error; // only for Failed
};

// Per-message result of a job, in the order things happened.
struct JobReport {
    QList<JobReportEntry> entries;
    // Messages a batch delete removed: the service says how many, not which.
    qint64 deletedWithoutDetail = 0;

    [[nodiscard]] qsizetype count(JobOutcome outcome) const {
        return std::count_if(entries.cbegin(), entries.cend(),
                             [outcome](const JobReportEntry& e) { return e.outcome == outcome; });
    }
};

} // namespace busbar

Q_DECLARE_METATYPE(busbar::JobProgress)
Q_DECLARE_METATYPE(busbar::JobState)
