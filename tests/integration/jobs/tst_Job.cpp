#include "core/jobs/Job.h"
#include "core/jobs/JobJournal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace busbar;

namespace {

// Each step records `perStep` messages and ends on the next event-loop turn, like a step
// waiting for the broker; `steps` steps in all.
class CountingJob final : public Job {
public:
    CountingJob(int steps, int perStep, int stepMs = 1)
        : m_steps(steps)
        , m_perStep(perStep)
        , m_stepMs(stepMs) {
        setTotal(qint64(steps) * perStep);
    }
    int stepsRun = 0;

protected:
    void step() override {
        if (stepsRun == m_steps) {
            completeJob();
            return;
        }
        ++stepsRun;
        QTimer::singleShot(m_stepMs, this, [this] {
            for (int i = 0; i < m_perStep; ++i) {
                record(qint64(stepsRun) * 1000 + i, QStringLiteral("id"), JobOutcome::Moved);
            }
            stepFinished();
        });
    }

private:
    int m_steps;
    int m_perStep;
    int m_stepMs;
};

} // namespace

class tst_Job : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsToCompletionWithBatchedProgress() {
        CountingJob job(200, 50);
        QSignalSpy progress(&job, &Job::progressChanged);
        QSignalSpy states(&job, &Job::stateChanged);
        QElapsedTimer clock;
        clock.start();
        job.start();
        QCOMPARE(job.state(), JobState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 30000);
        QCOMPARE(job.state(), JobState::Completed);
        QCOMPARE(job.progress().done, 10000);
        QCOMPARE(job.report().entries.size(), 10000);
        // At most ~10 a second, plus the final one.
        QVERIFY2(progress.size() <= clock.elapsed() / 100 + 2,
                 qPrintable(QString::number(progress.size())));
        QCOMPARE(progress.last().first().value<JobProgress>().done, 10000);
        QCOMPARE(states.size(), 2); // Running, Completed
    }

    void pauseStopsAfterTheStepInFlightAndResumeGoesOn() {
        CountingJob job(5, 1);
        job.start();
        job.pause();
        QCOMPARE(job.state(), JobState::Paused);
        // The first step was only queued: paused before it ran, it does not run.
        QCoreApplication::processEvents();
        QCOMPARE(job.stepsRun, 0);
        QCOMPARE(job.progress().done, 0);
        job.resume();
        QTRY_VERIFY(job.isFinished());
        QCOMPARE(job.state(), JobState::Completed);
        QCOMPARE(job.progress().done, 5);
    }

    void cancelWhilePausedEndsAtOnce() {
        CountingJob job(5, 1);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        job.pause();
        QCoreApplication::processEvents(); // the queued step sees the pause and does nothing
        QCOMPARE(job.stepsRun, 0);
        job.cancel(); // nothing in flight: no need to wait for a step
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.state(), JobState::Cancelled);
        QCOMPARE(job.progress().done, 0);
    }

    void cancelWaitsForTheStepInFlight() {
        CountingJob job(5, 3, 300);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        // Turns of the loop until the first step started; its result takes 300 ms.
        for (int i = 0; i < 10 && job.stepsRun == 0; ++i) {
            QCoreApplication::processEvents();
        }
        QCOMPARE(job.stepsRun, 1);
        job.cancel();
        QCOMPARE(finished.size(), 0);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(job.state(), JobState::Cancelled);
        QCOMPARE(job.progress().done, 3); // the step finished whole, and no other started
        QCOMPARE(job.stepsRun, 1);
    }

    void etaFollowsRateAndWhatIsLeft() {
        CountingJob job(50, 10);
        job.start();
        QTRY_VERIFY(job.progress().done >= 100);
        const JobProgress p = job.progress();
        QVERIFY(p.ratePerSecond > 0.0);
        QVERIFY(p.eta.has_value());
        QTRY_VERIFY(job.isFinished());
        QCOMPARE(job.progress().eta.value_or(std::chrono::seconds(-1)), std::chrono::seconds(0));
    }

    void journalIgnoresATornLastLineAndAppendsOnAFreshOne() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.jsonl"));
        {
            JobJournal journal;
            QVERIFY(journal.open(path));
            QVERIFY(journal.writeDefinition({{QStringLiteral("kind"), QStringLiteral("test")}}));
            QVERIFY(journal.writeStep(QStringLiteral("sent"), 7, QStringLiteral("m-7")));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"step\":\"completed\",\"se"); // the process died here
        file.close();

        JobJournal reopened;
        QVERIFY(reopened.open(path));
        QCOMPARE(reopened.entries().size(), 2);
        QCOMPARE(reopened.definition().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("test"));
        QCOMPARE(reopened.entries().at(1).value(QStringLiteral("seq")).toInteger(), 7);
        QCOMPARE(reopened.entries().at(1).value(QStringLiteral("id")).toString(),
                 QStringLiteral("m-7"));
        QVERIFY(reopened.writeStep(QStringLiteral("completed"), 7));

        JobJournal third;
        QVERIFY(third.open(path));
        QCOMPARE(third.entries().size(), 3);
        QCOMPARE(third.entries().last().value(QStringLiteral("step")).toString(),
                 QStringLiteral("completed"));
    }
};

QTEST_MAIN(tst_Job)
#include "tst_Job.moc"
