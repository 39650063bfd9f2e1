#include "core/jobs/JobJournal.h"
#include "core/jobs/JobManager.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace busbar;

namespace {

// Records one message per step on the next event-loop turn; fails at step `failAt` (0: never).
class TinyJob final : public Job {
public:
    explicit TinyJob(int steps, int failAt = 0)
        : m_steps(steps)
        , m_failAt(failAt) {
        setTotal(steps);
    }

protected:
    void step() override {
        if (m_run == m_steps) {
            completeJob();
            return;
        }
        ++m_run;
        QTimer::singleShot(1, this, [this] {
            if (m_run == m_failAt) {
                failJob(Error::make(ErrorCode::Connection, QStringLiteral("link lost")));
                return;
            }
            record(m_run, QStringLiteral("m-%1").arg(m_run), JobOutcome::Moved);
            stepFinished();
        });
    }

private:
    int m_steps;
    int m_failAt;
    int m_run = 0;
};

JobDescription describe(const QString& kind, const QString& journalPath = {}) {
    JobDescription d;
    d.kind = kind;
    d.title = QStringLiteral("%1 some messages").arg(kind);
    d.sourceConnectionId = QStringLiteral("conn-1");
    d.options = QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("x"), 7}};
    d.journalPath = journalPath;
    return d;
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

} // namespace

class tst_JobManager : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsItsDirectory() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("a/b/jobs"));
        JobManager manager(dir);
        QVERIFY(QDir(dir).exists());
        const QString journal = manager.newJournalPath(QStringLiteral("resubmit"));
        QCOMPARE(QFileInfo(journal).absolutePath(), QFileInfo(dir).absoluteFilePath());
        QVERIFY(journal.endsWith(QLatin1String(".jsonl")));
        QVERIFY(journal != manager.newJournalPath(QStringLiteral("resubmit")));
    }

    void completedJobIsListedCountedAndArchived() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        const QString journalPath = manager.newJournalPath(QStringLiteral("resubmit"));
        {
            JobJournal journal;
            QVERIFY(journal.open(journalPath).has_value());
            QVERIFY(journal.writeDefinition({{QStringLiteral("kind"), 1}}).has_value());
        }
        QSignalSpy added(&manager, &JobManager::jobAdded);
        QSignalSpy changed(&manager, &JobManager::jobChanged);
        QSignalSpy finished(&manager, &JobManager::jobFinished);
        QSignalSpy running(&manager, &JobManager::runningCountChanged);

        auto* job = new TinyJob(5);
        const QString id = manager.start(job, describe(QStringLiteral("resubmit"), journalPath));
        QVERIFY(id.startsWith(QLatin1String("resubmit-")));
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().first().toString(), id);
        QCOMPARE(manager.jobIds(), QStringList{id});
        QCOMPARE(manager.job(id), job);
        QCOMPARE(job->parent(), &manager);
        QCOMPARE(manager.description(id).id, id);
        QCOMPARE(manager.description(id).title, QStringLiteral("resubmit some messages"));
        QCOMPARE(manager.runningCount(), 1);
        QVERIFY(!running.isEmpty());
        QCOMPARE(running.last().first().toInt(), 1);

        // The description is on disk while the job runs, but it is this run's job.
        QVERIFY(QFile::exists(QDir(tmp.path()).filePath(id + QStringLiteral(".job.json"))));
        QVERIFY(manager.unfinished().isEmpty());

        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toString(), id);
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Completed);
        QCOMPARE(manager.runningCount(), 0);
        QCOMPARE(running.last().first().toInt(), 0);
        QVERIFY(!changed.isEmpty());

        // Archived: description and journal moved into done/, nothing left to offer.
        QCOMPARE(filesIn(tmp.path()), QStringList{});
        const QString done = QDir(tmp.path()).filePath(QStringLiteral("done"));
        QCOMPARE(filesIn(done), (QStringList{id + QStringLiteral(".job.json"),
                                             id + QStringLiteral(".journal.jsonl")}));
        JobManager next(tmp.path());
        QVERIFY(next.unfinished().isEmpty());

        // Still listed until forgotten.
        QCOMPARE(manager.jobIds(), QStringList{id});
        QVERIFY(manager.startedAt(id).isValid());
        QPointer<Job> guard(job);
        QSignalSpy removed(&manager, &JobManager::jobRemoved);
        manager.forget(id);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().first().toString(), id);
        QVERIFY(!manager.startedAt(id).isValid());
        QVERIFY(manager.jobIds().isEmpty());
        QVERIFY(!manager.job(id));
        QTRY_VERIFY(guard.isNull());
    }

    void forgetKeepsARunningJob() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        const QString id = manager.start(new TinyJob(3), describe(QStringLiteral("purge")));
        manager.forget(id);
        QCOMPARE(manager.jobIds(), QStringList{id});
        QSignalSpy finished(&manager, &JobManager::jobFinished);
        QTRY_COMPARE(finished.size(), 1);
    }

    void cancelledJobIsArchived() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        QSignalSpy finished(&manager, &JobManager::jobFinished);
        const QString id = manager.start(new TinyJob(1000), describe(QStringLiteral("purge")));
        manager.job(id)->cancel();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Cancelled);
        QCOMPARE(filesIn(tmp.path()), QStringList{});
        QVERIFY(JobManager(tmp.path()).unfinished().isEmpty());
    }

    void failedJobStaysResumableUntilDiscarded() {
        QTemporaryDir tmp;
        QString id;
        QString journalPath;
        {
            JobManager manager(tmp.path());
            journalPath = manager.newJournalPath(QStringLiteral("import"));
            QFile journal(journalPath);
            QVERIFY(journal.open(QIODevice::WriteOnly));
            journal.write("{\"step\":\"definition\"}\n");
            journal.close();
            QSignalSpy finished(&manager, &JobManager::jobFinished);
            JobDescription d = describe(QStringLiteral("import"), journalPath);
            d.outputPath = QStringLiteral("/elsewhere/input.jsonl");
            id = manager.start(new TinyJob(10, 3), d);
            QTRY_COMPARE(finished.size(), 1);
            QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Failed);
            QCOMPARE(manager.job(id)->error().message, QStringLiteral("link lost"));
            // This run's failed job is in the list, not among the earlier ones.
            QVERIFY(manager.unfinished().isEmpty());
        }
        // The next run offers it, with everything needed to re-create it.
        JobManager next(tmp.path());
        const QList<JobDescription> offered = next.unfinished();
        QCOMPARE(offered.size(), 1);
        const JobDescription& d = offered.first();
        QCOMPARE(d.id, id);
        QCOMPARE(d.kind, QStringLiteral("import"));
        QCOMPARE(d.sourceConnectionId, QStringLiteral("conn-1"));
        QCOMPARE(d.options.value(QLatin1String("x")).toInt(), 7);
        QCOMPARE(d.journalPath, journalPath);
        QCOMPARE(d.outputPath, QStringLiteral("/elsewhere/input.jsonl"));
        QVERIFY(QFile::exists(journalPath));

        next.discard(d);
        QVERIFY(next.unfinished().isEmpty());
        QVERIFY(!QFile::exists(journalPath));
        QVERIFY(QFile::exists(
            QDir(tmp.path()).filePath(QStringLiteral("done/%1.journal.jsonl").arg(id))));
    }

    void resumeKeepsTheIdAndTheJournal() {
        QTemporaryDir tmp;
        QString id;
        QString journalPath;
        {
            JobManager manager(tmp.path());
            journalPath = manager.newJournalPath(QStringLiteral("resubmit"));
            QFile journal(journalPath);
            QVERIFY(journal.open(QIODevice::WriteOnly));
            journal.write("{\"step\":\"definition\"}\n");
            journal.close();
            QSignalSpy finished(&manager, &JobManager::jobFinished);
            id = manager.start(new TinyJob(10, 2),
                               describe(QStringLiteral("resubmit"), journalPath));
            QTRY_COMPARE(finished.size(), 1);
        }
        JobManager next(tmp.path());
        const QList<JobDescription> offered = next.unfinished();
        QCOMPARE(offered.size(), 1);
        QSignalSpy finished(&next, &JobManager::jobFinished);
        QCOMPARE(next.resume(new TinyJob(2), offered.first()), id);
        QCOMPARE(next.jobIds(), QStringList{id});
        QCOMPARE(next.description(id).journalPath, journalPath);
        QVERIFY(next.unfinished().isEmpty()); // it is this run's job now
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Completed);
        QVERIFY(!QFile::exists(journalPath));
        QVERIFY(
            QFile::exists(QDir(tmp.path()).filePath(QStringLiteral("done/%1.job.json").arg(id))));
        QVERIFY(JobManager(tmp.path()).unfinished().isEmpty());
    }

    void aFailedJobOfThisRunIsRetriedUnderItsId() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        QSignalSpy finished(&manager, &JobManager::jobFinished);
        const QString id = manager.start(new TinyJob(5, 2), describe(QStringLiteral("purge")));
        QTRY_COMPARE(finished.size(), 1);
        QPointer<Job> failed(manager.job(id));
        QCOMPARE(failed->state(), JobState::Failed);

        QSignalSpy removed(&manager, &JobManager::jobRemoved);
        QSignalSpy added(&manager, &JobManager::jobAdded);
        auto* retry = new TinyJob(2);
        QCOMPARE(manager.resume(retry, manager.description(id)), id);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(added.size(), 1);
        QCOMPARE(manager.jobIds(), QStringList{id});
        QCOMPARE(manager.job(id), retry);
        QTRY_VERIFY(failed.isNull());
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(retry->state(), JobState::Completed);
        QVERIFY(JobManager(tmp.path()).unfinished().isEmpty());

        // A job still running is never joined by a second one under its id.
        const QString running = manager.start(new TinyJob(1000), describe(QStringLiteral("purge")));
        const QString other = manager.resume(new TinyJob(1), manager.description(running));
        QVERIFY(other != running);
        manager.job(running)->cancel();
        QTRY_COMPARE(manager.runningCount(), 0);
    }

    void unfinishedSkipsUnreadableFilesAndListsOldestFirst() {
        QTemporaryDir tmp;
        const QDir dir(tmp.path());
        const auto write = [&dir](const QString& name, const QByteArray& bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        write(QStringLiteral("broken.job.json"), "{not json");
        write(QStringLiteral("other.txt"), "{}");
        JobDescription older = describe(QStringLiteral("purge"));
        older.id = QStringLiteral("ignored-the-file-name-wins");
        write(QStringLiteral("a.job.json"), QJsonDocument(older.toJson()).toJson());
        {
            QFile a(dir.filePath(QStringLiteral("a.job.json")));
            QVERIFY(a.open(QIODevice::ReadWrite)); // setFileTime needs an open file
            QVERIFY(a.setFileTime(QDateTime::currentDateTime().addSecs(-60),
                                  QFileDevice::FileModificationTime));
        }
        write(QStringLiteral("b.job.json"),
              QJsonDocument(describe(QStringLiteral("export")).toJson()).toJson());

        const QList<JobDescription> offered = JobManager(tmp.path()).unfinished();
        QCOMPARE(offered.size(), 2);
        QCOMPARE(offered.at(0).id, QStringLiteral("a"));
        QCOMPARE(offered.at(0).kind, QStringLiteral("purge"));
        QCOMPARE(offered.at(1).id, QStringLiteral("b"));
    }

    void archiveKeepsTheLastFifty() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        for (int i = 0; i < 55; ++i) {
            JobDescription d = describe(QStringLiteral("purge"));
            d.id = QStringLiteral("old-%1").arg(i, 2, 10, QLatin1Char('0'));
            QFile f(QDir(tmp.path()).filePath(d.id + QStringLiteral(".job.json")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(d.toJson()).toJson());
            f.flush();
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(i - 100),
                                  QFileDevice::FileModificationTime));
            f.close();
            manager.discard(d);
        }
        QVERIFY(manager.unfinished().isEmpty());
        const QStringList done = filesIn(QDir(tmp.path()).filePath(QStringLiteral("done")));
        QCOMPARE(done.size(), 50);
        QVERIFY(!done.contains(QStringLiteral("old-00.job.json")));
        QVERIFY(done.contains(QStringLiteral("old-54.job.json")));
    }
};

QTEST_GUILESS_MAIN(tst_JobManager)
#include "tst_JobManager.moc"
