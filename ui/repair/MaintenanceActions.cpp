#include "ui/repair/MaintenanceActions.h"

#include "core/jobs/ExportJob.h"
#include "core/jobs/ImportJob.h"
#include "core/jobs/JobManager.h"
#include "core/jobs/JobOptionsJson.h"
#include "core/jobs/PurgeJob.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/ExportDialog.h"
#include "ui/repair/ImportDialog.h"
#include "ui/repair/PurgeDialog.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <functional>

namespace busbar {

namespace {

// Past this many messages a purge asks for the entity's name to be typed, not just a click.
constexpr qint64 kTypedConfirmationAbove = 1000;

QString number(qint64 n) {
    return QLocale().toString(n);
}

QString subQueueName(SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return MaintenanceActions::tr("dead-letter");
    case SubQueue::TransferDeadLetter:
        return MaintenanceActions::tr("transfer dead-letter");
    case SubQueue::None:
        break;
    }
    return MaintenanceActions::tr("active");
}

// The dialog's session, still open: null (and the dialog told why) otherwise.
NamespaceSession* liveSession(const QPointer<NamespaceSession>& session,
                              const std::function<void(const QString&)>& showError) {
    if (!session || session->client() == nullptr) {
        showError(MaintenanceActions::tr("The namespace is no longer open: reconnect it and "
                                         "try again."));
        return nullptr;
    }
    return session;
}

} // namespace

MaintenanceActions::MaintenanceActions(JobManager* jobs, ConfirmationPrompt* prompt,
                                       QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_prompt(prompt)
    , m_dialogParent(dialogParent) {}

MaintenanceActions::~MaintenanceActions() = default;

QWidget* MaintenanceActions::purge(NamespaceSession* session, const QString& entityPath,
                                   SubQueue preselected) {
    if (session == nullptr || m_jobs == nullptr || m_prompt == nullptr) {
        return nullptr;
    }
    auto* dialog = new PurgeDialog(session, entityPath, preselected, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &PurgeDialog::purgeRequested, this,
        [this, dialog, weak = QPointer<NamespaceSession>(session)] {
            const auto showError = [dialog](const QString& text) {
                dialog->showError(text);
            };
            const PurgeOptions options = dialog->options();
            const std::optional<qint64> count = dialog->knownCount();
            const QString entity = dialog->entityPath();
            const QString which = dialog->subQueuesText();

            ConfirmationRequest request;
            request.title = tr("Purge %1?").arg(entity);
            if (count) {
                request.text =
                    tr("Delete %1 message(s) from %2 of %3?").arg(number(*count), which, entity);
            } else if (options.enqueuedBefore) {
                request.text = tr("Delete every message enqueued before %1 from %2 of %3? How many "
                                  "is not known.")
                                   .arg(QLocale().toString(options.enqueuedBefore->toLocalTime(),
                                                           QLocale::ShortFormat),
                                        which, entity);
            } else {
                request.text = tr("Delete every message from %1 of %2? How many is not "
                                  "known.")
                                   .arg(which, entity);
            }
            request.details = tr("Purged messages cannot be recovered. Export them first "
                                 "to keep a copy.");
            request.confirmLabel = tr("Purge");
            // An unknown count may be a large one: ask for the name then too.
            if (!count || *count > kTypedConfirmationAbove) {
                request.typedConfirmation = entity;
            }
            if (!m_prompt->confirm(dialog, request)) {
                return; // nothing deleted; the dialog stays for another choice
            }
            NamespaceSession* live = liveSession(weak, showError);
            if (live == nullptr) {
                return;
            }
            JobDescription description;
            description.kind = QStringLiteral("purge");
            description.title =
                count ? tr("Purge %1 message(s) from %2 of %3").arg(number(*count), which, entity)
                      : tr("Purge %1 of %2").arg(which, entity);
            description.sourceConnectionId = live->id();
            description.options = purgeOptionsToJson(options);
            const QString id = m_jobs->start(new PurgeJob(live->client(), options), description);
            Q_EMIT jobStarted(id);
            dialog->accept();
        });
    dialog->show();
    return dialog;
}

QWidget* MaintenanceActions::exportMessages(NamespaceSession* session, const QString& entityPath,
                                            SubQueue subQueue, const QList<qint64>& selected) {
    if (session == nullptr || m_jobs == nullptr || m_prompt == nullptr) {
        return nullptr;
    }
    auto* dialog = new ExportDialog(session, entityPath, subQueue, selected, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::exportRequested, this,
            [this, dialog, weak = QPointer<NamespaceSession>(session)] {
                const auto showError = [dialog](const QString& text) {
                    dialog->showError(text);
                };
                const Result<ExportOptions> options = dialog->options();
                if (!options) {
                    showError(options.error().message);
                    return;
                }
                const QString path = QDir::toNativeSeparators(options->outputPath);
                if (QFileInfo::exists(options->outputPath)) {
                    ConfirmationRequest request;
                    request.title = tr("Replace %1?").arg(QFileInfo(path).fileName());
                    request.text = tr("%1 already exists. Replace it with the export?").arg(path);
                    request.details = tr("What the file holds now is lost.");
                    request.confirmLabel = tr("Replace");
                    if (!m_prompt->confirm(dialog, request)) {
                        showError(tr("%1 exists and was kept: choose another output file, or "
                                     "export again and confirm replacing it.")
                                      .arg(path));
                        return;
                    }
                    // Otherwise the job would carry on after the file's last message.
                    if (QFile file(options->outputPath); !file.remove()) {
                        showError(tr("Cannot replace %1: %2. Choose another output file.")
                                      .arg(path, file.errorString()));
                        return;
                    }
                }
                NamespaceSession* live = liveSession(weak, showError);
                if (live == nullptr) {
                    return;
                }
                const QString from =
                    tr("%1 (%2)").arg(options->entity, subQueueName(options->subQueue));
                JobDescription description;
                description.kind = QStringLiteral("export");
                description.title =
                    options->selection.mode == MessageSelection::Mode::SequenceNumbers
                        ? tr("Export %1 message(s) from %2")
                              .arg(number(options->selection.sequenceNumbers.size()), from)
                        : tr("Export from %1").arg(from);
                description.sourceConnectionId = live->id();
                description.options = exportOptionsToJson(*options);
                description.outputPath = options->outputPath;
                const QString id =
                    m_jobs->start(new ExportJob(live->client(), *options), description);
                Q_EMIT jobStarted(id);
                dialog->accept();
            });
    dialog->show();
    return dialog;
}

QWidget* MaintenanceActions::importMessages(NamespaceSession* session, const QString& entityPath) {
    if (session == nullptr || m_jobs == nullptr || m_prompt == nullptr) {
        return nullptr;
    }
    auto* dialog = new ImportDialog(session, entityPath, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::importRequested, this,
            [this, dialog, weak = QPointer<NamespaceSession>(session)] {
                const auto showError = [dialog](const QString& text) {
                    dialog->showError(text);
                };
                ImportOptions options;
                options.inputPath = dialog->inputPath();
                options.targetEntity = dialog->targetEntity();
                const qint64 count = dialog->messageCount();
                const QString file = QDir::toNativeSeparators(options.inputPath);

                ConfirmationRequest request;
                request.title = tr("Import into %1?").arg(options.targetEntity);
                request.text = tr("Send %1 message(s) from %2 to %3?")
                                   .arg(number(count), file, options.targetEntity);
                request.details = tr("The messages are sent as exported, with their message "
                                     "ids; the file is not changed.");
                request.confirmLabel = tr("Import");
                if (!m_prompt->confirm(dialog, request)) {
                    return;
                }
                NamespaceSession* live = liveSession(weak, showError);
                if (live == nullptr) {
                    return;
                }
                JobDescription description;
                description.kind = QStringLiteral("import");
                description.title =
                    tr("Import %1 message(s) from %2 into %3")
                        .arg(number(count), QFileInfo(file).fileName(), options.targetEntity);
                description.sourceConnectionId = live->id();
                description.options = importOptionsToJson(options);
                description.journalPath = m_jobs->newJournalPath(QStringLiteral("import"));
                description.outputPath = options.inputPath;
                const QString id = m_jobs->start(
                    new ImportJob(live->client(), options, description.journalPath), description);
                Q_EMIT jobStarted(id);
                dialog->accept();
            });
    dialog->show();
    return dialog;
}

} // namespace busbar
