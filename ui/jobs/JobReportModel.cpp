#include "ui/jobs/JobReportModel.h"

namespace busbar {

namespace {

QString csvField(const QString& value) {
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r'))) {
        return value;
    }
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

JobReportModel::JobReportModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void JobReportModel::setReport(JobReport report) {
    beginResetModel();
    m_report = std::move(report);
    endResetModel();
}

int JobReportModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_report.entries.size());
}

int JobReportModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobReportModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const JobReportEntry& entry = m_report.entries.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == SequenceNumberColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case SequenceNumberColumn:
        return entry.sequenceNumber >= 0 ? QVariant(entry.sequenceNumber) : QVariant();
    case MessageIdColumn:
        return entry.messageId;
    case OutcomeColumn:
        return jobOutcomeName(entry.outcome);
    case ErrorColumn:
        return entry.error;
    default:
        return {};
    }
}

QVariant JobReportModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case SequenceNumberColumn:
        return tr("Sequence number");
    case MessageIdColumn:
        return tr("Message id");
    case OutcomeColumn:
        return tr("Outcome");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

QString JobReportModel::toCsv() const {
    QString csv = QStringLiteral("sequence_number,message_id,outcome,error\r\n");
    for (const JobReportEntry& e : m_report.entries) {
        csv += (e.sequenceNumber >= 0 ? QString::number(e.sequenceNumber) : QString()) +
               QLatin1Char(',') + csvField(e.messageId) + QLatin1Char(',') +
               jobOutcomeName(e.outcome) + QLatin1Char(',') + csvField(e.error) +
               QStringLiteral("\r\n");
    }
    return csv;
}

} // namespace busbar
