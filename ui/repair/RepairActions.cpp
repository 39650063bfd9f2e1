#include "ui/repair/RepairActions.h"

#include "core/jobs/JobManager.h"
#include "core/jobs/ResubmitJob.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/RepairRequest.h"
#include "ui/repair/ReplayDialog.h"
#include "ui/repair/ResubmitDialog.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QLocale>
#include <QWidget>

namespace busbar {

RepairActions::RepairActions(JobManager* jobs, ConfirmationPrompt* prompt,
                             OpenSessions openSessions, QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_prompt(prompt)
    , m_openSessions(std::move(openSessions))
    , m_dialogParent(dialogParent) {
    setObjectName(QStringLiteral("repairActions"));
}

RepairActions::~RepairActions() = default;

QWidget* RepairActions::resubmit(NamespaceSession* session, const QString& entityPath,
                                 SubQueue subQueue, const QList<ServiceBusMessage>& selected) {
    QList<qint64> sequenceNumbers;
    sequenceNumbers.reserve(selected.size());
    QStringList sources;
    for (const ServiceBusMessage& message : selected) {
        sequenceNumbers.append(message.sequenceNumber);
        if (sources.size() < 2 && !sources.contains(message.deadLetterSource)) {
            sources.append(message.deadLetterSource);
        }
    }
    std::optional<ServiceBusMessage> single;
    if (selected.size() == 1) {
        single = selected.constFirst();
    }
    return openResubmit(session, entityPath, subQueue, std::move(sequenceNumbers), single,
                        defaultRepairTarget(entityPath, sources));
}

QWidget* RepairActions::resubmit(NamespaceSession* session, const QString& entityPath,
                                 SubQueue subQueue, const QList<qint64>& sequenceNumbers,
                                 const std::optional<ServiceBusMessage>& current) {
    std::optional<ServiceBusMessage> single;
    QStringList sources;
    if (current && sequenceNumbers.size() == 1 &&
        current->sequenceNumber == sequenceNumbers.constFirst()) {
        single = current;
        sources.append(current->deadLetterSource);
    }
    return openResubmit(session, entityPath, subQueue, sequenceNumbers, single,
                        defaultRepairTarget(entityPath, sources));
}

QWidget* RepairActions::openResubmit(NamespaceSession* session, const QString& entityPath,
                                     SubQueue subQueue, QList<qint64> sequenceNumbers,
                                     const std::optional<ServiceBusMessage>& single,
                                     const QString& defaultTarget) {
    if (session == nullptr || sequenceNumbers.isEmpty()) {
        return nullptr;
    }
    auto* dialog =
        new ResubmitDialog(session, entityPath, subQueue, std::move(sequenceNumbers), single,
                           sessions(), defaultTarget, submitter(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QWidget* RepairActions::replay(NamespaceSession* session, const QString& entityPath,
                               SubQueue subQueue) {
    if (session == nullptr) {
        return nullptr;
    }
    auto* dialog = new ReplayDialog(session, entityPath, subQueue, sessions(),
                                    defaultRepairTarget(entityPath), submitter(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QList<NamespaceSession*> RepairActions::sessions() const {
    return m_openSessions ? m_openSessions() : QList<NamespaceSession*>{};
}

std::function<bool(const RepairRequest&)> RepairActions::submitter() {
    // A dialog may outlive these actions while the window closes.
    return [self = QPointer<RepairActions>(this)](const RepairRequest& request) {
        return self != nullptr && self->start(request);
    };
}

bool RepairActions::start(const RepairRequest& request) {
    NamespaceSession* source = request.source;
    NamespaceSession* target = request.target != nullptr ? request.target.data() : source;
    if (m_jobs == nullptr || source == nullptr || target == nullptr) {
        return false;
    }
    const QString summary = request.summary();
    if (m_prompt != nullptr) {
        ConfirmationRequest ask;
        ask.title = request.replay ? tr("Replay dead letters?") : tr("Resubmit messages?");
        ask.text = summary + QLatin1Char('.');
        ask.details = tr("Each message is sent to %1 and then removed from %2 (%3). The job can be "
                         "paused, and resumed from its journal after a crash.")
                          .arg(request.targetDescription, request.options.sourceEntity,
                               subQueueLabel(request.options.sourceSubQueue));
        if (!request.edits.isEmpty()) {
            ask.details += QLatin1Char(' ') + tr("Your edits are applied to every message sent.");
        }
        ask.confirmLabel = request.replay ? tr("Replay") : tr("Resubmit");
        if (!m_prompt->confirm(m_dialogParent, ask)) {
            return false;
        }
    }

    JobDescription description;
    description.kind = QStringLiteral("resubmit");
    description.title = summary;
    description.sourceConnectionId = source->id();
    if (target != source) {
        description.targetConnectionId = target->id();
    }
    description.options = request.options.toJson();
    if (!request.edits.isEmpty()) {
        description.options.insert(ResubmitEdits::kOptionsKey, request.edits.toJson());
    }
    description.journalPath = m_jobs->newJournalPath(description.kind);
    auto* job = new ResubmitJob(source->client(), target->client(), request.options,
                                description.journalPath);
    // From the stored data, exactly as a resumed job gets them.
    ResubmitEdits::install(*job, description.options);
    const QString id = m_jobs->start(job, description);
    Q_EMIT jobStarted(id);
    return true;
}

} // namespace busbar
