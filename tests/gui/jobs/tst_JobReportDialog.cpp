#include "ui/jobs/JobReportDialog.h"
#include "ui/jobs/JobReportModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "TinyJob.h"

using namespace busbar;
using busbar::test::TinyJob;

namespace {

// A purge's shape: a batch delete says how many, one message deleted by receiving.
class BatchDeleteJob final : public Job {
protected:
    void step() override {
        recordDeleted(500);
        record(7, QStringLiteral("x"), JobOutcome::Deleted);
        completeJob();
    }
};

} // namespace

class tst_JobReportDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsEntriesCountsAndExportsCsv() {
        TinyJob job(12);
        JobReportDialog dialog(&job, QStringLiteral("Resubmit 12"));
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!dialog.isModal());
        QCOMPARE(dialog.countsText(), QStringLiteral("No messages yet."));
        job.start();
        // It follows the job while open.
        QTRY_VERIFY(job.isFinished());
        QTRY_COMPARE(dialog.model()->rowCount(), 12);
        QCOMPARE(dialog.view()->model(), dialog.model());
        QCOMPARE(dialog.model()->index(0, JobReportModel::SequenceNumberColumn).data().toLongLong(),
                 101);
        QCOMPARE(dialog.model()->index(0, JobReportModel::MessageIdColumn).data().toString(),
                 QStringLiteral("m-1"));
        QCOMPARE(dialog.model()->index(9, JobReportModel::OutcomeColumn).data().toString(),
                 jobOutcomeName(JobOutcome::Failed));
        const QString counts = dialog.countsText();
        QVERIFY2(counts.contains(QStringLiteral("11 ") + jobOutcomeName(JobOutcome::Moved)),
                 qPrintable(counts));
        QVERIFY2(counts.contains(QStringLiteral("1 ") + jobOutcomeName(JobOutcome::Failed)),
                 qPrintable(counts));
        QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("jobReportCounts"))->text(), counts);

        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("report.csv"));
        QVERIFY(dialog.saveCsv(path).has_value());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(), QByteArray("sequence_number,message_id,outcome,error\r"));
        QCOMPARE(lines.at(1), QByteArray("101,m-1,") + jobOutcomeName(JobOutcome::Moved).toUtf8() +
                                  QByteArray(",\r"));
        // Quotes and commas in an error are escaped.
        QCOMPARE(lines.at(10), QByteArray("110,m-10,") +
                                   jobOutcomeName(JobOutcome::Failed).toUtf8() +
                                   QByteArray(",\"too big, \"\"really\"\"\"\r"));
        QCOMPARE(lines.size(), 14); // header, 12 lines, empty after the last CRLF

        dialog.findChild<QPushButton*>(QStringLiteral("jobReportCopyButton"))->click();
        QCOMPARE(QApplication::clipboard()->text(), dialog.model()->toCsv());
    }

    void batchDeletionsAreCountedWithoutDetail() {
        BatchDeleteJob job;
        JobReportDialog dialog(&job, QStringLiteral("Purge"));
        job.start();
        QTRY_VERIFY(job.isFinished());
        QTRY_COMPARE(dialog.model()->rowCount(), 1);
        const QString counts = dialog.countsText();
        QVERIFY2(counts.contains(QStringLiteral("500 deleted without detail (batch delete)")),
                 qPrintable(counts));
        QVERIFY2(counts.contains(QStringLiteral("1 ") + jobOutcomeName(JobOutcome::Deleted)),
                 qPrintable(counts));
        QCOMPARE(dialog.model()->toCsv(),
                 QStringLiteral("sequence_number,message_id,outcome,error\r\n7,x,") +
                     jobOutcomeName(JobOutcome::Deleted) + QStringLiteral(",\r\n"));
    }
};

QTEST_MAIN(tst_JobReportDialog)
#include "tst_JobReportDialog.moc"
