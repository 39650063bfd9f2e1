#include "ui/jobs/JobReportDialog.h"

#include "core/jobs/Job.h"
#include "ui/jobs/JobReportModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace busbar {

namespace {
constexpr JobOutcome kOutcomes[] = {JobOutcome::Moved,    JobOutcome::Deleted,
                                    JobOutcome::Exported, JobOutcome::Imported,
                                    JobOutcome::Restored, JobOutcome::Failed};
} // namespace

JobReportDialog::JobReportDialog(Job* job, const QString& title, QWidget* parent)
    : QDialog(parent)
    , m_job(job)
    , m_model(new JobReportModel(this))
    , m_counts(new QLabel(this))
    , m_view(new QTableView(this)) {
    setObjectName(QStringLiteral("jobReportDialog"));
    setWindowTitle(tr("Report: %1").arg(title));
    setModal(false);
    resize(720, 480);

    m_counts->setObjectName(QStringLiteral("jobReportCounts"));
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(QStringLiteral("jobReportView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->resizeSection(
        JobReportModel::SequenceNumberColumn,
        fontMetrics().horizontalAdvance(tr("Sequence number")) + 24);
    m_view->horizontalHeader()->resizeSection(JobReportModel::MessageIdColumn, 220);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("Save as CSV…"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("jobReportSaveButton"));
    m_copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("jobReportCopyButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &JobReportDialog::saveWithDialog);
    connect(m_copy, &QPushButton::clicked, this, &JobReportDialog::copyToClipboard);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addWidget(m_view);
    layout->addWidget(buttons);

    if (job != nullptr) {
        connect(job, &Job::progressChanged, this, &JobReportDialog::reload);
        connect(job, &Job::finished, this, &JobReportDialog::reload);
    }
    reload();
}

void JobReportDialog::reload() {
    // One read of the guard: a second read of a QPointer is not covered by the first's check.
    const Job* job = m_job.data();
    if (job == nullptr) {
        return;
    }
    const JobReport& report = job->report();
    if (report.entries.size() != m_model->report().entries.size() ||
        report.deletedWithoutDetail != m_model->report().deletedWithoutDetail) {
        m_model->setReport(report);
    }
    m_counts->setText(countsText());
}

QString JobReportDialog::countsText() const {
    const JobReport& report = m_model->report();
    const QLocale locale;
    QStringList parts;
    for (const JobOutcome outcome : kOutcomes) {
        if (const qsizetype n = report.count(outcome); n > 0) {
            parts.append(tr("%1 %2").arg(locale.toString(n), jobOutcomeName(outcome)));
        }
    }
    if (report.deletedWithoutDetail > 0) {
        parts.append(tr("%1 deleted without detail (batch delete)")
                         .arg(locale.toString(report.deletedWithoutDetail)));
    }
    if (parts.isEmpty()) {
        return tr("No messages yet.");
    }
    return parts.join(QStringLiteral(" · "));
}

VoidResult JobReportDialog::saveCsv(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(ErrorCode::InvalidInput,
                    tr("Could not write %1: %2").arg(path, file.errorString()));
    }
    file.write(m_model->toCsv().toUtf8());
    if (!file.commit()) {
        return fail(ErrorCode::InvalidInput,
                    tr("Could not write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

void JobReportDialog::copyToClipboard() const {
    QApplication::clipboard()->setText(m_model->toCsv());
}

void JobReportDialog::saveWithDialog() {
    auto* dialog = new QFileDialog(this, tr("Save report"), QString(), tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("jobReportSaveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        if (auto saved = saveCsv(path); !saved) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Save report"),
                                        saved.error().message, QMessageBox::Close, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    dialog->open();
}

} // namespace busbar
