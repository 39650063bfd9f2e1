#include "core/jobs/Job.h"

#include <cmath>

namespace busbar {

namespace {
constexpr int kProgressIntervalMs = 100; // ~10 updates a second at most
} // namespace

QString jobStateName(JobState state) {
    switch (state) {
    case JobState::Pending:
        return QStringLiteral("Pending");
    case JobState::Running:
        return QStringLiteral("Running");
    case JobState::Paused:
        return QStringLiteral("Paused");
    case JobState::Cancelled:
        return QStringLiteral("Cancelled");
    case JobState::Failed:
        return QStringLiteral("Failed");
    case JobState::Completed:
        return QStringLiteral("Completed");
    }
    return {};
}

QString jobOutcomeName(JobOutcome outcome) {
    switch (outcome) {
    case JobOutcome::Moved:
        return QStringLiteral("moved");
    case JobOutcome::Deleted:
        return QStringLiteral("deleted");
    case JobOutcome::Exported:
        return QStringLiteral("exported");
    case JobOutcome::Imported:
        return QStringLiteral("imported");
    case JobOutcome::Restored:
        return QStringLiteral("restored");
    case JobOutcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Job::Job(QObject* parent)
    : QObject(parent) {
    m_progressTimer.setInterval(kProgressIntervalMs);
    m_progressTimer.setSingleShot(true);
    QObject::connect(&m_progressTimer, &QTimer::timeout, this, &Job::emitProgress);
}

Job::~Job() = default;

JobProgress Job::progress() const {
    JobProgress p;
    p.done = m_done;
    p.total = m_total;
    p.failed = m_failed;
    const qint64 elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (elapsedMs > 0) {
        p.ratePerSecond = double(m_done - m_doneAtStart) * 1000.0 / double(elapsedMs);
    }
    if (m_total >= 0 && p.ratePerSecond > 0.0) {
        const qint64 left = std::max<qint64>(0, m_total - m_done - m_failed);
        p.eta = std::chrono::seconds(qint64(std::ceil(double(left) / p.ratePerSecond)));
    }
    return p;
}

void Job::start() {
    if (m_state != JobState::Pending) {
        return;
    }
    m_clock.start();
    m_doneAtStart = m_done;
    setState(JobState::Running);
    scheduleStep();
}

void Job::pause() {
    if (m_state == JobState::Running) {
        setState(JobState::Paused);
    }
}

void Job::resume() {
    if (m_state != JobState::Paused) {
        return;
    }
    setState(JobState::Running);
    if (!m_stepInFlight) {
        scheduleStep();
    }
}

void Job::cancel() {
    if (isFinished()) {
        return;
    }
    m_cancelRequested = true;
    if (!m_stepInFlight) {
        finish(JobState::Cancelled);
    }
}

void Job::stepFinished() {
    m_stepInFlight = false;
    if (isFinished()) {
        return;
    }
    if (m_cancelRequested) {
        finish(JobState::Cancelled);
        return;
    }
    if (m_state == JobState::Running) {
        scheduleStep();
    }
}

void Job::completeJob() {
    m_stepInFlight = false;
    finish(JobState::Completed);
}

void Job::failJob(const Error& error) {
    m_stepInFlight = false;
    m_error = error;
    finish(JobState::Failed);
}

void Job::setTotal(qint64 total) {
    m_total = total;
    progressTouched();
}

void Job::addTotal(qint64 more) {
    m_total = std::max<qint64>(m_total, 0) + more;
    progressTouched();
}

void Job::record(qint64 sequenceNumber, const QString& messageId, JobOutcome outcome,
                 const QString& error) {
    m_report.entries.append(JobReportEntry{sequenceNumber, messageId, outcome, error});
    if (outcome == JobOutcome::Failed) {
        ++m_failed;
    } else if (outcome != JobOutcome::Restored) {
        ++m_done;
    }
    progressTouched();
}

void Job::recordDeleted(qint64 count) {
    m_report.deletedWithoutDetail += count;
    m_done += count;
    progressTouched();
}

void Job::setState(JobState state) {
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Job::scheduleStep() {
    // Queued, so a step that finishes synchronously never recurses.
    m_stepInFlight = true;
    QMetaObject::invokeMethod(this, &Job::runStep, Qt::QueuedConnection);
}

void Job::runStep() {
    if (m_cancelRequested) {
        m_stepInFlight = false;
        finish(JobState::Cancelled);
        return;
    }
    if (m_state != JobState::Running) {
        m_stepInFlight = false;
        return;
    }
    if (!m_prepared) {
        m_prepared = true;
        prepare();
        return;
    }
    step();
}

void Job::finish(JobState state) {
    if (isFinished()) {
        return;
    }
    m_progressTimer.stop();
    m_progressDirty = true;
    emitProgress();
    setState(state);
    Q_EMIT finished(state);
}

void Job::progressTouched() {
    m_progressDirty = true;
    if (!m_progressTimer.isActive()) {
        m_progressTimer.start();
    }
}

void Job::emitProgress() {
    if (!m_progressDirty) {
        return;
    }
    m_progressDirty = false;
    Q_EMIT progressChanged(progress());
}

} // namespace busbar
