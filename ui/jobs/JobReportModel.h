#pragma once

#include "core/jobs/JobTypes.h"

#include <QAbstractTableModel>

namespace busbar {

// The per-message lines of a JobReport: sequence number, message id, outcome, error.
class JobReportModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SequenceNumberColumn, MessageIdColumn, OutcomeColumn, ErrorColumn, ColumnCount };

    explicit JobReportModel(QObject* parent = nullptr);

    void setReport(JobReport report);
    [[nodiscard]] const JobReport& report() const { return m_report; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    // RFC 4180 CSV with a header line, one line per entry (CRLF line ends).
    [[nodiscard]] QString toCsv() const;

private:
    JobReport m_report;
};

} // namespace busbar
