#pragma once

#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QWidget;

namespace busbar {

class ConfirmationPrompt;
class JobManager;
class NamespaceSession;
struct RepairRequest;

// Dead-letter repair from the GUI: the resubmit dialog for selected messages (target
// entity, also in another open namespace; edit body and properties; strip dead-letter
// properties; keep or regenerate message ids) and the replay dialog (all, or matching a
// dead-letter reason, time range, SQL expression or text). Both end in a ResubmitJob handed
// to the JobManager, after a confirmation naming the entities and the count.
class RepairActions final : public QObject {
    Q_OBJECT
public:
    using OpenSessions = std::function<QList<NamespaceSession*>()>;

    RepairActions(JobManager* jobs, ConfirmationPrompt* prompt, OpenSessions openSessions,
                  QWidget* dialogParent, QObject* parent = nullptr);
    ~RepairActions() override;

    // Opens the (non-modal) resubmit dialog for `selected`, peeked from entityPath/subQueue.
    // Returns the dialog (tests drive it); it deletes itself when closed.
    QWidget* resubmit(NamespaceSession* session, const QString& entityPath, SubQueue subQueue,
                      const QList<ServiceBusMessage>& selected);
    // The same for a view that knows its selection by sequence number only (a large
    // selection is not turned into messages); `current`, when it is the one selected message,
    // saves the dialog a peek.
    QWidget* resubmit(NamespaceSession* session, const QString& entityPath, SubQueue subQueue,
                      const QList<qint64>& sequenceNumbers,
                      const std::optional<ServiceBusMessage>& current = std::nullopt);
    // Opens the (non-modal) replay dialog for the whole sub-queue, optionally filtered.
    QWidget* replay(NamespaceSession* session, const QString& entityPath, SubQueue subQueue);

Q_SIGNALS:
    // A job was started (its id in the JobManager).
    void jobStarted(const QString& jobId);

private:
    QWidget* openResubmit(NamespaceSession* session, const QString& entityPath, SubQueue subQueue,
                          QList<qint64> sequenceNumbers,
                          const std::optional<ServiceBusMessage>& single,
                          const QString& defaultTarget);
    [[nodiscard]] QList<NamespaceSession*> sessions() const;
    [[nodiscard]] std::function<bool(const RepairRequest&)> submitter();
    // Confirms and starts the job; false when nothing started.
    bool start(const RepairRequest& request);

    JobManager* m_jobs;
    ConfirmationPrompt* m_prompt;
    OpenSessions m_openSessions;
    QPointer<QWidget> m_dialogParent;
};

} // namespace busbar
