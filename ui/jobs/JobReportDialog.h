#pragma once

#include "core/common/Result.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableView;

namespace busbar {

class Job;
class JobReportModel;

// "Show report": what a job did to each message (sequence number, message id, outcome,
// error), counts per outcome, and the deletions a batch delete reported only as a number.
// Non-modal; follows the job while it runs. "Save as CSV…" and "Copy" export the lines.
class JobReportDialog final : public QDialog {
    Q_OBJECT
public:
    JobReportDialog(Job* job, const QString& title, QWidget* parent = nullptr);

    [[nodiscard]] JobReportModel* model() const { return m_model; }
    [[nodiscard]] QTableView* view() const { return m_view; }
    [[nodiscard]] QString countsText() const;

    // Writes the CSV to `path` (UTF-8).
    [[nodiscard]] VoidResult saveCsv(const QString& path) const;
    void copyToClipboard() const;

public Q_SLOTS:
    // Re-reads the job's report (on progress while the dialog is open).
    void reload();

private:
    void saveWithDialog();

    QPointer<Job> m_job;
    JobReportModel* m_model = nullptr;
    QLabel* m_counts = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_copy = nullptr;
};

} // namespace busbar
