#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace busbar {

// The bottom panel listing bulk jobs (purge, resubmit, export, import) with their progress.
// A skeleton for now: the table and its controls exist so the layout and tests are stable;
// rows arrive when core/jobs does.
class JobsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QWidget* parent = nullptr);

    [[nodiscard]] QTreeWidget* jobsView() const { return m_view; }
    [[nodiscard]] int runningJobs() const { return m_running; }

Q_SIGNALS:
    void runningJobsChanged(int count);

private:
    void updatePlaceholder();

    QLabel* m_placeholder = nullptr;
    QTreeWidget* m_view = nullptr;
    QPushButton* m_cancel = nullptr;
    int m_running = 0;
};

} // namespace busbar
