#pragma once

#include "core/common/Error.h"
#include "core/jobs/JobTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace busbar {

// A long-running bulk operation (design.md §2 "Bulk jobs"). A job is a chain of steps: each
// step does one bounded unit of work asynchronously and calls stepFinished(); the base class
// starts the next one unless the job was paused or cancelled meanwhile, so pause and cancel
// take effect between steps and never leave a step half done. Lives on one thread (the one
// that created it); every signal is emitted there.
class Job : public QObject {
    Q_OBJECT

public:
    explicit Job(QObject* parent = nullptr);
    ~Job() override;

    [[nodiscard]] JobState state() const { return m_state; }
    [[nodiscard]] JobProgress progress() const;
    [[nodiscard]] const JobReport& report() const { return m_report; }
    // Why the job failed (state Failed); empty otherwise.
    [[nodiscard]] const Error& error() const { return m_error; }
    [[nodiscard]] bool isFinished() const {
        return m_state == JobState::Cancelled || m_state == JobState::Failed ||
               m_state == JobState::Completed;
    }

    void start();
    void pause();
    void resume();
    void cancel();

Q_SIGNALS:
    void stateChanged(busbar::JobState state);
    // Batched: at most one per progress interval, and always one when the job ends.
    void progressChanged(const busbar::JobProgress& progress);
    void finished(busbar::JobState state);

protected:
    // Runs once before the first step (after start()); default: nothing. Must call
    // stepFinished() (or failJob/completeJob) when done, like a step.
    virtual void prepare() { stepFinished(); }
    // One unit of work; ends with stepFinished(), completeJob() or failJob().
    virtual void step() = 0;

    void stepFinished();
    void completeJob();
    void failJob(const Error& error);

    void setTotal(qint64 total);
    void addTotal(qint64 more);
    void record(qint64 sequenceNumber, const QString& messageId, JobOutcome outcome,
                const QString& error = {});
    // Deletions known only by their number (batch delete).
    void recordDeleted(qint64 count);
    [[nodiscard]] bool cancelRequested() const { return m_cancelRequested; }

private:
    void setState(JobState state);
    void scheduleStep();
    void runStep();
    void finish(JobState state);
    void progressTouched();
    void emitProgress();

    JobState m_state = JobState::Pending;
    bool m_prepared = false;
    bool m_stepInFlight = false;
    bool m_cancelRequested = false;
    Error m_error;
    JobReport m_report;
    qint64 m_done = 0;
    qint64 m_failed = 0;
    qint64 m_total = -1;
    qint64 m_doneAtStart = 0; // rate counts only what this run did
    QElapsedTimer m_clock;
    QTimer m_progressTimer;
    bool m_progressDirty = false;
};

} // namespace busbar
