#pragma once

#include "core/common/Result.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobManager.h"

#include <QString>

namespace busbar {

class ServiceBusClient;

// How far an unfinished job of an earlier run got, read from its files without changing them.
struct JobResumePoint {
    qint64 sent = 0;      // resubmit and import: messages the target accepted
    qint64 completed = 0; // resubmit: removed from the source after that
    qint64 failed = 0;    // resubmit: messages it gave up on
    qint64 exported = 0;  // export: complete lines in the output file
    bool journalFound = false;

    // "120 sent, 118 removed from the source", for the resume offer.
    [[nodiscard]] QString text(const QString& kind) const;
};

[[nodiscard]] JobResumePoint readResumePoint(const JobDescription& description);

// Re-creates the job an earlier run left unfinished, on clients of the namespaces it used
// (target: the resubmit target's namespace, the source's when the same). Not started; the
// caller hands it to JobManager::resume. The clients must outlive the job.
// - resubmit: a ResubmitJob on the same journal (its options come from the journal);
// - import: an ImportJob with the description's options, on the same journal;
// - export: an ExportJob on the same output file (it carries on after the last line);
// - purge: a new PurgeJob (it just deletes what is left).
[[nodiscard]] Result<Job*> recreateJob(const JobDescription& description, ServiceBusClient* source,
                                       ServiceBusClient* target);

} // namespace busbar
