#pragma once

#include "ui/jobs/JobResumer.h"
#include "ui/log/LogPanel.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QMenu;
class QPushButton;
class QTreeView;

namespace busbar {

class ConfirmationPrompt;
class JobManager;
class JobReportDialog;
class JobsModel;
class ResumeBanner;

// The bottom panel listing bulk jobs (purge, resubmit, export, import): title, state (with
// the error of a failed job), a progress bar, rate, time left and start time. Pause, Resume,
// Cancel (confirmed for jobs that remove messages), Show report and Remove finished, as
// buttons and in the context menu. Above the list, the offer to resume or discard jobs an
// earlier session left unfinished.
class JobsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QWidget* parent = nullptr);

    // The jobs to show and control; the panel does not own it.
    void setJobManager(JobManager* manager);
    void setConfirmationPrompt(ConfirmationPrompt* prompt) { m_prompt = prompt; }
    // How resumed jobs reach their namespaces; without it the offer cannot resume.
    void setConnector(JobResumer::Connect connect);
    // Shows the jobs of earlier runs the manager found unfinished (none: no banner).
    void offerUnfinished();

    [[nodiscard]] QTreeView* jobsView() const { return m_view; }
    [[nodiscard]] JobsModel* model() const { return m_model; }
    [[nodiscard]] ResumeBanner* resumeBanner() const { return m_banner; }
    [[nodiscard]] int runningJobs() const { return m_running; }
    [[nodiscard]] QString currentJobId() const;
    void selectJob(const QString& id);

    void pauseCurrent();
    // A paused job goes on; a failed one is re-created from its description and resumed.
    void resumeCurrent();
    // Cancels the current job; a job that removes messages asks first.
    void cancelCurrent();
    // Opens (or raises) the non-modal report of the job.
    JobReportDialog* showReport(const QString& id);
    void removeFinished();

Q_SIGNALS:
    void runningJobsChanged(int count);
    // For the log panel: resume and discard outcomes.
    void report(busbar::LogLevel level, const QString& text);

private:
    void updateButtons();
    void updatePlaceholder();
    void showContextMenu(const QPoint& position);
    void resumeOffered(const JobDescription& description);
    void discardOffered(const JobDescription& description);

    QPointer<JobManager> m_manager;
    ConfirmationPrompt* m_prompt = nullptr;
    JobResumer* m_resumer = nullptr;
    JobsModel* m_model = nullptr;
    ResumeBanner* m_banner = nullptr;
    QLabel* m_placeholder = nullptr;
    QTreeView* m_view = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_report = nullptr;
    QPushButton* m_removeFinished = nullptr;
    int m_running = 0;
};

} // namespace busbar
