#pragma once

#include "core/servicebus/ServiceBusTypes.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

namespace busbar {

class ConfirmationPrompt;
class JobManager;
class NamespaceSession;

// Purge, export and import from the GUI. Each opens a non-modal dialog (returned, so tests
// can drive it; it deletes itself when closed) and ends in a job handed to the JobManager.
// Destructive ones confirm first, naming the entity and the count.
class MaintenanceActions final : public QObject {
    Q_OBJECT
public:
    MaintenanceActions(JobManager* jobs, ConfirmationPrompt* prompt, QWidget* dialogParent,
                       QObject* parent = nullptr);
    ~MaintenanceActions() override;

    // Purge active, dead-letter or both (`preselected` chooses the first), optionally only
    // messages enqueued before a time.
    QWidget* purge(NamespaceSession* session, const QString& entityPath, SubQueue preselected);
    // Export to JSON Lines: `selected` sequence numbers when not empty, else the whole
    // sub-queue or what matches a filter.
    QWidget* exportMessages(NamespaceSession* session, const QString& entityPath,
                            SubQueue subQueue, const QList<qint64>& selected);
    // Import a JSON Lines export into entityPath (a queue or topic).
    QWidget* importMessages(NamespaceSession* session, const QString& entityPath);

Q_SIGNALS:
    void jobStarted(const QString& jobId);

private:
    JobManager* m_jobs;
    ConfirmationPrompt* m_prompt;
    QPointer<QWidget> m_dialogParent;
};

} // namespace busbar
