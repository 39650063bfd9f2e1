#include "ui/jobs/JobResumer.h"

#include "core/jobs/JobResume.h"
#include "core/jobs/ResubmitJob.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/ResubmitEdits.h"

namespace busbar {

JobResumer::JobResumer(JobManager* manager, Connect connect, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_connect(std::move(connect)) {}

void JobResumer::resume(const JobDescription& description) {
    if (!m_connect || m_manager == nullptr) {
        Q_EMIT failed(description.id, tr("No namespace can be opened here."));
        return;
    }
    m_connect(description.sourceConnectionId, this,
              [this, description](NamespaceSession* source, const QString& why) {
                  if (source == nullptr) {
                      Q_EMIT failed(description.id, why);
                      return;
                  }
                  withSessions(description, source);
              });
}

void JobResumer::withSessions(const JobDescription& description, NamespaceSession* source) {
    const QString& targetId = description.targetConnectionId;
    if (targetId.isEmpty() || targetId == description.sourceConnectionId) {
        start(description, source, source);
        return;
    }
    const QPointer<NamespaceSession> sourceGuard(source);
    m_connect(targetId, this,
              [this, description, sourceGuard](NamespaceSession* target, const QString& why) {
                  if (target == nullptr || sourceGuard == nullptr) {
                      Q_EMIT failed(
                          description.id,
                          target == nullptr ? why : tr("The source namespace was disconnected."));
                      return;
                  }
                  start(description, sourceGuard, target);
              });
}

void JobResumer::start(const JobDescription& description, NamespaceSession* source,
                       NamespaceSession* target) {
    JobManager* manager = m_manager.data(); // one read: a later read is not covered by this check
    if (manager == nullptr) {
        return;
    }
    Result<Job*> job = recreateJob(description, source->client(), target->client());
    if (!job) {
        Q_EMIT failed(description.id, job.error().message);
        return;
    }
    // The user's edits (body, properties) are data in the description: the messages still
    // to send get exactly the edits the first run applied.
    if (auto* resubmit = qobject_cast<ResubmitJob*>(*job); resubmit != nullptr) {
        ResubmitEdits::install(*resubmit, description.options);
    }
    Q_EMIT resumed(manager->resume(*job, description));
}

} // namespace busbar
