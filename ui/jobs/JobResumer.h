#pragma once

#include "core/jobs/JobManager.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace busbar {

class NamespaceSession;

// Resumes a job an earlier run left unfinished: connects the namespaces it used (opening
// them when needed, through `connect`), re-creates the job from its description on their
// clients and hands it to the JobManager. Nothing here waits; each step answers later.
class JobResumer final : public QObject {
    Q_OBJECT
public:
    // Calls back with a connected session for a connection id, or null and why not
    // (ExplorerController::whenConnected).
    using Connect = std::function<void(const QString& connectionId, QObject* context,
                                       std::function<void(NamespaceSession*, const QString&)>)>;

    JobResumer(JobManager* manager, Connect connect, QObject* parent = nullptr);

    void resume(const JobDescription& description);

Q_SIGNALS:
    void resumed(const QString& jobId);
    void failed(const QString& jobId, const QString& why);

private:
    void withSessions(const JobDescription& description, NamespaceSession* source);
    void start(const JobDescription& description, NamespaceSession* source,
               NamespaceSession* target);

    QPointer<JobManager> m_manager;
    Connect m_connect;
};

} // namespace busbar
