#pragma once

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace busbar {

class Job;
class JobManager;

// Every job of a JobManager, one row each in the order they were started: title, state
// (with the error of a failed job), progress, rate, time left, start time. Progress arrives
// up to ten times a second per job; rows changed meanwhile are refreshed together on a short
// timer, so many busy jobs cost one repaint per interval.
class JobsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        StateColumn,
        ProgressColumn,
        RateColumn,
        RemainingColumn,
        StartedColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole,            // int(JobState)
        ProgressFractionRole, // double 0..1, -1 while the total is unknown
        FailedCountRole,      // qint64
        ErrorRole,            // QString, the failure of a failed job
    };

    explicit JobsModel(JobManager* manager, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    [[nodiscard]] QString jobId(int row) const;
    [[nodiscard]] int rowOf(const QString& id) const { return int(m_ids.indexOf(id)); }

    // Sends the pending row updates now (tests; also on the timer).
    void flush();

private:
    void markChanged(const QString& id);
    [[nodiscard]] QVariant display(const JobManager& manager, const QString& id, const Job& job,
                                   int column) const;

    QPointer<JobManager> m_manager;
    QStringList m_ids;
    QSet<QString> m_changed;
    QTimer m_flushTimer;
};

} // namespace busbar
