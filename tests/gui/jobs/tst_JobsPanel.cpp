// The jobs panel in the real main window, with jobs against the emulator in-process: a job
// handed to the JobManager shows its progress and report, pauses and resumes, cancels (asking
// first when it removes messages), shows a failure; a job an earlier session left unfinished
// is offered at start-up and resumes from its journal without loss or duplicates.
#include "app/EmbeddedLocalNamespace.h"
#include "core/jobs/JobJournal.h"
#include "core/jobs/JobManager.h"
#include "core/jobs/JobOptionsJson.h"
#include "core/jobs/PurgeJob.h"
#include "core/jobs/ResubmitJob.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/jobs/JobsTestSupport.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/jobs/JobReportDialog.h"
#include "ui/jobs/JobReportModel.h"
#include "ui/jobs/JobsModel.h"
#include "ui/jobs/JobsPanel.h"
#include "ui/jobs/ResumeBanner.h"
#include "ui/log/LogPanel.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/MainWindow.h"
#include "ui/repair/ResubmitEdits.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

#include "TinyJob.h"

using namespace busbar;
using namespace busbar::test;

namespace {

const QString kConnectionId = QStringLiteral("saved-emu");

} // namespace

class tst_JobsPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        for (const char* name : {"shown", "shown-target", "paused", "paused-target", "cancelled",
                                 "crashed", "crashed-target"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
        options.config.namespaces.append(ns);
        auto started = m_emulator.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        m_endpoints = *started;
        m_client = clientFor(m_endpoints.connectionString);
        QVERIFY(m_client);
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void init() {
        m_settingsPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter));
        m_settings = std::make_unique<Settings>(m_settingsPath);
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
    }

    void cleanup() {
        m_window.reset();
        m_local.reset();
        m_settings.reset();
    }

    void aStartedJobShowsProgressAndItsReport() {
        openWindow();
        JobManager* manager = m_window->jobManager();
        QVERIFY(manager != nullptr);
        // Beside the test's settings file, never in the real home.
        QCOMPARE(manager->directory(), jobsDirectory());

        QVERIFY(fillDeadLetterQueue(*m_client, QStringLiteral("shown"), QStringLiteral("sh"), 30));
        auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("jobsDock"));
        dock->close(); // the user closed the panel earlier
        QVERIFY(!dock->isVisible());
        const auto dlq = peekAll(*m_client, QStringLiteral("shown"), SubQueue::DeadLetter);
        QCOMPARE(dlq.size(), 30);
        const QString id = startResubmit(QStringLiteral("shown"), QStringLiteral("shown-target"));
        JobsPanel* panel = m_window->jobsPanel();
        QVERIFY(dock->isVisible()); // shown again where the job runs
        QCOMPARE(panel->model()->rowOf(id), 0);
        QCOMPARE(panel->currentJobId(), id);
        QTRY_COMPARE(m_window->mainStatusBar()->jobsRunningLabel()->text(),
                     QStringLiteral("Jobs running: 1"));

        Job* job = manager->job(id);
        QVERIFY(waitFinished(*job));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().message));
        QTRY_COMPARE(m_window->mainStatusBar()->jobsRunningLabel()->text(),
                     QStringLiteral("No jobs running"));
        panel->model()->flush();
        QCOMPARE(panel->model()->index(0, JobsModel::StateColumn).data().toString(),
                 QStringLiteral("Completed"));
        QVERIFY2(panel->model()
                     ->index(0, JobsModel::ProgressColumn)
                     .data()
                     .toString()
                     .startsWith(QStringLiteral("30")),
                 qPrintable(panel->model()->index(0, JobsModel::ProgressColumn).data().toString()));

        // The broker agrees with the report.
        const auto moved = peekAll(*m_client, QStringLiteral("shown-target"), SubQueue::None);
        QCOMPARE(idsOf(moved), idsOf(dlq));
        QVERIFY(peekAll(*m_client, QStringLiteral("shown"), SubQueue::DeadLetter).isEmpty());

        auto* reportButton = panel->findChild<QPushButton*>(QStringLiteral("jobsReportButton"));
        QVERIFY(reportButton->isEnabled());
        reportButton->click();
        auto* dialog =
            panel->findChild<JobReportDialog*>(QStringLiteral("jobReportDialog-%1").arg(id));
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QCOMPARE(dialog->model()->rowCount(), 30);
        QSet<qint64> listed;
        for (int row = 0; row < 30; ++row) {
            listed.insert(dialog->model()
                              ->index(row, JobReportModel::SequenceNumberColumn)
                              .data()
                              .toLongLong());
            QCOMPARE(dialog->model()->index(row, JobReportModel::OutcomeColumn).data().toString(),
                     jobOutcomeName(JobOutcome::Moved));
        }
        QSet<qint64> expected;
        for (const ServiceBusMessage& m : dlq) {
            expected.insert(m.sequenceNumber);
        }
        QCOMPARE(listed, expected);
        QCOMPARE(dialog->countsText(), QStringLiteral("30 ") + jobOutcomeName(JobOutcome::Moved));
        QVERIFY(m_window->logPanel()->allText().contains(QStringLiteral("Job finished")));

        // Remove finished: the row, the job and its open report go.
        auto* remove = panel->findChild<QPushButton*>(QStringLiteral("jobsRemoveFinishedButton"));
        QVERIFY(remove->isEnabled());
        remove->click();
        QCOMPARE(panel->model()->rowCount(), 0);
        QVERIFY(manager->jobIds().isEmpty());
        QTRY_VERIFY(panel->findChild<JobReportDialog*>(
                        QStringLiteral("jobReportDialog-%1").arg(id)) == nullptr);
    }

    void pauseThenResume() {
        openWindow();
        QVERIFY(
            fillDeadLetterQueue(*m_client, QStringLiteral("paused"), QStringLiteral("pa"), 200));
        const QString id = startResubmit(QStringLiteral("paused"), QStringLiteral("paused-target"));
        Job* job = m_window->jobManager()->job(id);
        JobsPanel* panel = m_window->jobsPanel();
        auto* pause = panel->findChild<QPushButton*>(QStringLiteral("jobsPauseButton"));
        auto* resume = panel->findChild<QPushButton*>(QStringLiteral("jobsResumeButton"));
        QTRY_VERIFY(pause->isEnabled());
        QVERIFY(!resume->isEnabled());
        pause->click();
        QCOMPARE(job->state(), JobState::Paused);
        QTRY_VERIFY(resume->isEnabled());
        QVERIFY(!pause->isEnabled());
        panel->model()->flush();
        QCOMPARE(panel->model()->index(0, JobsModel::StateColumn).data().toString(),
                 QStringLiteral("Paused"));
        // A paused job still counts: it is not finished.
        QCOMPARE(m_window->mainStatusBar()->jobsRunningLabel()->text(),
                 QStringLiteral("Jobs running: 1"));
        QVERIFY(job->progress().done < 200);

        // The context menu offers the same, enabled the same way; resume from there.
        QTreeView* view = panel->jobsView();
        const QRect row = view->visualRect(panel->model()->index(0, 0));
        Q_EMIT view->customContextMenuRequested(row.center());
        auto* menu = panel->findChild<QMenu*>(QStringLiteral("jobsContextMenu"));
        QVERIFY(menu != nullptr);
        QAction* resumeAction = menu->findChild<QAction*>(QStringLiteral("jobsResumeButtonAction"));
        QAction* pauseAction = menu->findChild<QAction*>(QStringLiteral("jobsPauseButtonAction"));
        QVERIFY(resumeAction != nullptr && pauseAction != nullptr);
        QVERIFY(resumeAction->isEnabled());
        QVERIFY(!pauseAction->isEnabled());
        resumeAction->trigger();
        menu->close();
        QCOMPARE(job->state(), JobState::Running);
        QVERIFY(waitFinished(*job));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().message));
        int duplicates = 0;
        const auto moved = peekAll(*m_client, QStringLiteral("paused-target"), SubQueue::None);
        QCOMPARE(idsOf(moved, &duplicates).size(), 200);
        QCOMPARE(duplicates, 0);
        QVERIFY(peekAll(*m_client, QStringLiteral("paused"), SubQueue::DeadLetter).isEmpty());
    }

    void cancellingAPurgeAsksFirst() {
        openWindow();
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 20; ++i) {
            batch.append(textMessage(QStringLiteral("c-%1").arg(i), QStringLiteral("x")));
        }
        QVERIFY(await(m_client->send(QStringLiteral("cancelled"), batch)));
        PurgeOptions options;
        options.entity = QStringLiteral("cancelled");
        auto* job = new PurgeJob(m_client.get(), options);
        JobDescription d;
        d.kind = QStringLiteral("purge");
        d.title = QStringLiteral("Purge cancelled");
        d.sourceConnectionId = kConnectionId;
        const QString id = m_window->jobManager()->start(job, d);
        job->pause(); // before its first step: nothing is deleted
        QCOMPARE(job->state(), JobState::Paused);

        JobsPanel* panel = m_window->jobsPanel();
        auto* cancel = panel->findChild<QPushButton*>(QStringLiteral("jobsCancelButton"));
        QTRY_VERIFY(cancel->isEnabled());
        cancel->click(); // the prompt answers no
        QCOMPARE(m_prompt->requests().size(), 1);
        QCOMPARE(m_prompt->requests().first().text, QStringLiteral("Cancel \"Purge cancelled\"?"));
        QCOMPARE(job->state(), JobState::Paused);

        m_prompt->enqueueAnswer(true);
        cancel->click();
        QCOMPARE(m_prompt->requests().size(), 2);
        QTRY_COMPARE(job->state(), JobState::Cancelled);
        QTRY_VERIFY(!cancel->isEnabled());
        QTRY_VERIFY(m_window->logPanel()->allText().contains(QStringLiteral("Job cancelled")));
        QCOMPARE(peekAll(*m_client, QStringLiteral("cancelled"), SubQueue::None).size(), 20);
        // Cancelled for good: not offered next time.
        QVERIFY(!QFile::exists(QDir(jobsDirectory()).filePath(id + QStringLiteral(".job.json"))));
        QVERIFY(m_window->jobManager()->unfinished().isEmpty());
    }

    void aFailedJobShowsItsErrorAndLogsIt() {
        openWindow();
        JobDescription d;
        d.kind = QStringLiteral("import");
        d.title = QStringLiteral("Import that fails");
        const QString id = m_window->jobManager()->start(new TinyJob(5, 2), d);
        Job* job = m_window->jobManager()->job(id);
        QVERIFY(waitFinished(*job));
        JobsPanel* panel = m_window->jobsPanel();
        panel->model()->flush();
        const int row = panel->model()->rowOf(id);
        QCOMPARE(panel->model()->index(row, JobsModel::StateColumn).data().toString(),
                 QStringLiteral("Failed: link lost"));
        const QString log = m_window->logPanel()->allText();
        QVERIFY2(log.contains(QStringLiteral("Job failed: Import that fails: link lost")),
                 qPrintable(log));
    }

    void anUnfinishedJobIsOfferedAndResumes() {
        saveConnection();
        QVERIFY(
            fillDeadLetterQueue(*m_client, QStringLiteral("crashed"), QStringLiteral("cr"), 20));
        const auto dlq = peekAll(*m_client, QStringLiteral("crashed"), SubQueue::DeadLetter);
        QCOMPARE(dlq.size(), 20);

        // What a crash leaves: messages 0, 1 and 2 reached the target and were journalled as
        // sent; only 0 was removed from the dead-letter queue; the last line is torn.
        QList<OutgoingMessage> copies;
        for (int i = 0; i < 3; ++i) {
            copies.append(textMessage(dlq[i].messageId(), QStringLiteral("copy")));
        }
        QVERIFY(await(m_client->send(QStringLiteral("crashed-target"), copies)));
        const auto first = await(m_client->receive(QStringLiteral("crashed"), SubQueue::DeadLetter,
                                                   ReceiveMode::PeekLock, 1, 2s));
        QVERIFY(first && first->size() == 1);
        QCOMPARE(first->first().sequenceNumber, dlq[0].sequenceNumber);
        QVERIFY(await(
            m_client->complete(QStringLiteral("crashed"), SubQueue::DeadLetter, first->first())));

        QVERIFY(QDir().mkpath(jobsDirectory()));
        const QString journalPath =
            QDir(jobsDirectory()).filePath(QStringLiteral("resubmit-crashed.journal.jsonl"));
        {
            ResubmitOptions options;
            options.sourceEntity = QStringLiteral("crashed");
            options.targetEntity = QStringLiteral("crashed-target");
            JobJournal journal;
            QVERIFY(journal.open(journalPath));
            QVERIFY(journal.writeDefinition(options.toJson()));
            QVERIFY(journal.writeStep(QStringLiteral("sent"), dlq[0].sequenceNumber,
                                      dlq[0].messageId()));
            QVERIFY(journal.writeStep(QStringLiteral("completed"), dlq[0].sequenceNumber));
            for (int i = 1; i < 3; ++i) {
                QVERIFY(journal.writeStep(QStringLiteral("sent"), dlq[i].sequenceNumber,
                                          dlq[i].messageId()));
            }
        }
        {
            QFile torn(journalPath);
            QVERIFY(torn.open(QIODevice::Append));
            torn.write("{\"step\":\"sent\",\"se");
        }
        const QString id = QStringLiteral("resubmit-crashed");
        // The user's edits are data in the description; the resumed job applies them too.
        ResubmitEdits edits;
        edits.systemProperties.insert(QStringLiteral("subject"), QStringLiteral("repaired"));
        writeDescription(id, QStringLiteral("resubmit"), journalPath,
                         {{ResubmitEdits::kOptionsKey, edits.toJson()}});

        openWindow();
        ResumeBanner* banner = m_window->jobsPanel()->resumeBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->offerCount(), 1);
        QCOMPARE(banner->headline(),
                 QStringLiteral("1 job from an earlier session did not finish"));
        auto* status = banner->findChild<QLabel*>(QStringLiteral("resumeStatus-%1").arg(id));
        QVERIFY(status != nullptr);
        QVERIFY2(status->text().contains(QStringLiteral("3 message(s) sent")),
                 qPrintable(status->text()));
        QVERIFY2(status->text().contains(QStringLiteral("1 removed")), qPrintable(status->text()));
        // Nothing runs until asked.
        QVERIFY(m_window->jobManager()->jobIds().isEmpty());

        auto* resume = banner->findChild<QPushButton*>(QStringLiteral("resumeButton-%1").arg(id));
        QVERIFY(resume != nullptr);
        resume->click();
        // The saved connection opens (its key from the store), then the job runs.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->jobManager()->job(id) != nullptr, 30000);
        QVERIFY(!banner->isVisible());
        Job* job = m_window->jobManager()->job(id);
        QVERIFY(waitFinished(*job));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().message));

        int duplicates = 0;
        const auto target = peekAll(*m_client, QStringLiteral("crashed-target"), SubQueue::None);
        QCOMPARE(target.size(), 20);
        QCOMPARE(idsOf(target, &duplicates), idsOf(dlq));
        QCOMPARE(duplicates, 0);
        for (const ServiceBusMessage& m : target) {
            const bool sentBefore = m.amqp.dataPayload() == QByteArrayLiteral("copy");
            QCOMPARE(m.amqp.properties.subject,
                     sentBefore ? QString() : QStringLiteral("repaired"));
        }
        QVERIFY(peekAll(*m_client, QStringLiteral("crashed"), SubQueue::DeadLetter).isEmpty());
        QVERIFY(m_window->logPanel()->allText().contains(QStringLiteral("Resumed")));
        // Done for good: its files are archived and not offered again.
        QVERIFY(m_window->jobManager()->unfinished().isEmpty());
        QVERIFY(!QFile::exists(journalPath));
    }

    void aJobOnTheLocalNamespaceStartsItFirst() {
        QVERIFY(QDir().mkpath(jobsDirectory()));
        PurgeOptions purge;
        purge.entity = QStringLiteral("orders");
        purge.active = false;
        purge.deadLetter = true;
        writeDescription(QStringLiteral("purge-local"), QStringLiteral("purge"), {},
                         purgeOptionsToJson(purge), ExplorerController::kLocalId);
        m_local = std::make_unique<EmbeddedLocalNamespace>(QString()); // in memory, demo data
        openWindow();
        QVERIFY(m_window->explorer()->session(ExplorerController::kLocalId) == nullptr);
        ResumeBanner* banner = m_window->jobsPanel()->resumeBanner();
        banner->findChild<QPushButton*>(QStringLiteral("resumeButton-purge-local"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->jobManager()->job(QStringLiteral("purge-local")), 60000);
        Job* job = m_window->jobManager()->job(QStringLiteral("purge-local"));
        QVERIFY(waitFinished(*job));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().message));
        NamespaceSession* local = m_window->explorer()->session(ExplorerController::kLocalId);
        QVERIFY(local != nullptr);
        QVERIFY(
            peekAll(*local->client(), QStringLiteral("orders"), SubQueue::DeadLetter).isEmpty());
        // The demo's dead letters were there to purge; the active queue is left alone.
        QVERIFY(job->progress().done > 0);
        QVERIFY(!peekAll(*local->client(), QStringLiteral("orders"), SubQueue::None).isEmpty());
    }

    void resumingWithoutItsNamespaceSaysWhy() {
        QVERIFY(QDir().mkpath(jobsDirectory()));
        writeDescription(QStringLiteral("purge-orphan"), QStringLiteral("purge"), {}, {},
                         QStringLiteral("no-longer-saved"));
        openWindow();
        ResumeBanner* banner = m_window->jobsPanel()->resumeBanner();
        QCOMPARE(banner->offerCount(), 1);
        auto* resume = banner->findChild<QPushButton*>(QStringLiteral("resumeButton-purge-orphan"));
        resume->click();
        auto* status = banner->findChild<QLabel*>(QStringLiteral("resumeStatus-purge-orphan"));
        QTRY_COMPARE(status->text(),
                     QStringLiteral("Could not resume: The connection is no longer saved."));
        QVERIFY(resume->isEnabled()); // can be tried again, or discarded
        QCOMPARE(banner->offerCount(), 1);
        QVERIFY(m_window->jobManager()->jobIds().isEmpty());
        QVERIFY(m_window->logPanel()->allText().contains(QStringLiteral("Could not resume")));
    }

    void discardingAnOfferArchivesIt() {
        const QString journalPath =
            QDir(jobsDirectory()).filePath(QStringLiteral("import-old.journal.jsonl"));
        QVERIFY(QDir().mkpath(jobsDirectory()));
        {
            QFile journal(journalPath);
            QVERIFY(journal.open(QIODevice::WriteOnly));
            journal.write("{\"step\":\"definition\"}\n{\"step\":\"sent\",\"seq\":1}\n");
        }
        writeDescription(QStringLiteral("import-old"), QStringLiteral("import"), journalPath);
        writeDescription(QStringLiteral("purge-old"), QStringLiteral("purge"), {});
        openWindow();
        ResumeBanner* banner = m_window->jobsPanel()->resumeBanner();
        QCOMPARE(banner->offerCount(), 2);
        QCOMPARE(banner->headline(),
                 QStringLiteral("2 jobs from an earlier session did not finish"));
        banner->findChild<QPushButton*>(QStringLiteral("discardButton-import-old"))->click();
        QCOMPARE(banner->offerCount(), 1);
        QVERIFY(banner->isVisible());
        banner->findChild<QPushButton*>(QStringLiteral("discardButton-purge-old"))->click();
        QCOMPARE(banner->offerCount(), 0);
        QVERIFY(!banner->isVisible());
        QVERIFY(!QFile::exists(journalPath));
        QVERIFY(QFile::exists(
            QDir(jobsDirectory()).filePath(QStringLiteral("done/import-old.journal.jsonl"))));
        QVERIFY(m_window->logPanel()->allText().contains(QStringLiteral("Discarded")));

        // The next window offers nothing.
        m_window.reset();
        openWindow();
        QVERIFY(!m_window->jobsPanel()->resumeBanner()->isVisible());
        QCOMPARE(m_window->jobsPanel()->resumeBanner()->offerCount(), 0);
    }

private:
    void openWindow() {
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = m_secrets.get();
        services.confirmation = m_prompt.get();
        services.localNamespace = m_local.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->explorer()->setEmulatorAdminUrl(
            QStringLiteral("localhost:%1").arg(m_endpoints.amqpPort), m_endpoints.adminUrl);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void saveConnection() {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        QVERIFY(m_settings->saveConnection(
            savedConnectionFor(*parsed, kConnectionId, QStringLiteral("emulator"))));
        auto written = m_secrets->writeSecret(kConnectionId, parsed->toString());
        QTRY_VERIFY(written.isFinished());
    }

    [[nodiscard]] QString jobsDirectory() const {
        const QFileInfo info(m_settingsPath);
        return info.dir().filePath(info.completeBaseName() + QStringLiteral(".jobs"));
    }

    void writeDescription(const QString& id, const QString& kind, const QString& journalPath,
                          const QJsonObject& options = {},
                          const QString& connectionId = kConnectionId) {
        JobDescription d;
        d.id = id;
        d.kind = kind;
        d.title = QStringLiteral("%1 from before").arg(kind);
        d.sourceConnectionId = connectionId;
        d.journalPath = journalPath;
        d.options = options;
        QFile file(QDir(jobsDirectory()).filePath(id + QStringLiteral(".job.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(d.toJson()).toJson());
    }

    QString startResubmit(const QString& source, const QString& target) {
        JobManager* manager = m_window->jobManager();
        ResubmitOptions options;
        options.sourceEntity = source;
        options.targetEntity = target;
        options.batchSize = 20;
        JobDescription d;
        d.kind = QStringLiteral("resubmit");
        d.title = QStringLiteral("Resubmit %1 to %2").arg(source, target);
        d.sourceConnectionId = kConnectionId;
        d.options = options.toJson();
        d.journalPath = manager->newJournalPath(d.kind);
        return manager->start(
            new ResubmitJob(m_client.get(), m_client.get(), options, d.journalPath), d);
    }

    QTemporaryDir m_dir;
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AmqpServiceBusClient> m_client;
    int m_counter = 0;
    QString m_settingsPath;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<EmbeddedLocalNamespace> m_local;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(tst_JobsPanel)
#include "tst_JobsPanel.moc"
