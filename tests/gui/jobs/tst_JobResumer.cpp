// Jobs an earlier session left unfinished, in the real main window against the emulator
// in-process: offered at start-up with how far they got, resumed from their journal through
// the namespace they used (a saved connection, the Local namespace) without loss or
// duplicates, or discarded; a resume that cannot connect says why.
#include "core/admin/AdminClient.h"
#include "core/jobs/JobJournal.h"
#include "core/jobs/JobOptionsJson.h"
#include "core/jobs/PurgeJob.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/jobs/JobsPanel.h"
#include "ui/jobs/ResumeBanner.h"
#include "ui/log/LogPanel.h"
#include "ui/repair/ResubmitEdits.h"

#include <QLabel>
#include <QPointer>
#include <QPushButton>

#include "JobsWindowFixture.h"

using namespace busbar;
using namespace busbar::test;

class tst_JobResumer : public QObject, public JobsWindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        startEmulator({QStringLiteral("crashed"), QStringLiteral("crashed-target")});
    }
    void cleanupTestCase() { stopEmulator(); }
    void init() { newSettings(); }
    void cleanup() { closeWindow(); }

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

    void aJobThatFailedInThisSessionResumesFromItsRow() {
        saveConnection();
        openWindow();
        // The purge fails: its queue does not exist (yet).
        PurgeOptions purge;
        purge.entity = QStringLiteral("late");
        JobDescription d;
        d.kind = QStringLiteral("purge");
        d.title = QStringLiteral("Purge late");
        d.sourceConnectionId = kConnectionId;
        d.options = purgeOptionsToJson(purge);
        JobManager* manager = m_window->jobManager();
        const QString id = manager->start(new PurgeJob(m_client.get(), purge), d);
        QPointer<Job> failed(manager->job(id));
        QVERIFY(waitFinished(*failed));
        QCOMPARE(failed->state(), JobState::Failed);

        JobsPanel* panel = m_window->jobsPanel();
        auto* resume = panel->findChild<QPushButton*>(QStringLiteral("jobsResumeButton"));
        QCOMPARE(panel->currentJobId(), id);
        QTRY_VERIFY(resume->isEnabled()); // a failed job stays resumable

        // The cause goes away: the queue is created and holds messages.
        NamespaceSession* session = nullptr;
        m_window->explorer()->whenConnected(
            kConnectionId, this, [&session](NamespaceSession* s, const QString&) { session = s; });
        QTRY_VERIFY(session != nullptr);
        QVERIFY(await(session->admin()->createQueue(queueNamed(QStringLiteral("late")))));
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 5; ++i) {
            batch.append(textMessage(QStringLiteral("late-%1").arg(i), QStringLiteral("x")));
        }
        QVERIFY(await(m_client->send(QStringLiteral("late"), batch)));

        resume->click();
        QTRY_VERIFY(failed.isNull()); // replaced under the same id
        Job* retried = manager->job(id);
        QVERIFY(retried != nullptr);
        QCOMPARE(manager->jobIds(), QStringList{id});
        QVERIFY(waitFinished(*retried));
        QVERIFY2(retried->state() == JobState::Completed, qPrintable(retried->error().message));
        QCOMPARE(retried->progress().done, 5);
        QVERIFY(peekAll(*m_client, QStringLiteral("late"), SubQueue::None).isEmpty());
        QVERIFY(m_window->logPanel()->allText().contains(QStringLiteral("Resumed: Purge late")));
        QVERIFY(manager->unfinished().isEmpty());
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
};

QTEST_MAIN(tst_JobResumer)
#include "tst_JobResumer.moc"
