#pragma once

#include "core/jobs/Job.h"

#include <QTimer>

namespace busbar::test {

// Records one "moved" message per step on the next event-loop turn; fails at step `failAt`
// (0: never). Enough to drive the jobs UI without a broker.
class TinyJob final : public Job {
public:
    explicit TinyJob(int steps, int failAt = 0, int stepMs = 1)
        : m_steps(steps)
        , m_failAt(failAt)
        , m_stepMs(stepMs) {
        setTotal(steps);
    }

protected:
    void step() override {
        if (m_run == m_steps) {
            completeJob();
            return;
        }
        ++m_run;
        QTimer::singleShot(m_stepMs, this, [this] {
            if (m_run == m_failAt) {
                failJob(Error::make(ErrorCode::Connection, QStringLiteral("link lost")));
                return;
            }
            record(100 + m_run, QStringLiteral("m-%1").arg(m_run),
                   m_run % 10 == 0 ? JobOutcome::Failed : JobOutcome::Moved,
                   m_run % 10 == 0 ? QStringLiteral("too big, \"really\"") : QString());
            stepFinished();
        });
    }

private:
    int m_steps;
    int m_failAt;
    int m_stepMs;
    int m_run = 0;
};

} // namespace busbar::test
