// The jobs panel in the real main window, with jobs against the emulator in-process: a job
// handed to the JobManager shows its progress and report, pauses and resumes, cancels (asking
// first when it removes messages), shows a failure.
#include "core/jobs/PurgeJob.h"
#include "ui/jobs/JobReportDialog.h"
#include "ui/jobs/JobReportModel.h"
#include "ui/jobs/JobsModel.h"
#include "ui/jobs/JobsPanel.h"
#include "ui/log/LogPanel.h"
#include "ui/main/MainStatusBar.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>

#include "JobsWindowFixture.h"
#include "TinyJob.h"

using namespace busbar;
using namespace busbar::test;

class tst_JobsPanel : public QObject, public JobsWindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        startEmulator({QStringLiteral("shown"), QStringLiteral("shown-target"),
                       QStringLiteral("paused"), QStringLiteral("paused-target"),
                       QStringLiteral("cancelled")});
    }
    void cleanupTestCase() { stopEmulator(); }
    void init() { newSettings(); }
    void cleanup() { closeWindow(); }

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
};

QTEST_MAIN(tst_JobsPanel)
#include "tst_JobsPanel.moc"
