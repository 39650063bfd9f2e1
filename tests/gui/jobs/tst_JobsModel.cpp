#include "core/jobs/JobManager.h"
#include "ui/jobs/JobsModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "TinyJob.h"

using namespace busbar;
using busbar::test::TinyJob;

namespace {

JobDescription titled(const QString& title) {
    JobDescription d;
    d.kind = QStringLiteral("purge");
    d.title = title;
    return d;
}

} // namespace

class tst_JobsModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheManager() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        const QString first = manager.start(new TinyJob(3), titled(QStringLiteral("first")));
        JobsModel model(&manager);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1); // jobs started before the model are there
        QCOMPARE(model.columnCount(), int(JobsModel::ColumnCount));
        QCOMPARE(model.index(0, JobsModel::TitleColumn).data().toString(), QStringLiteral("first"));
        QCOMPARE(model.index(0, 0).data(JobsModel::IdRole).toString(), first);

        const QString second = manager.start(new TinyJob(4, 2), titled(QStringLiteral("second")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(second), 1);
        QSignalSpy finished(&manager, &JobManager::jobFinished);
        QTRY_COMPARE(finished.size(), 2);
        model.flush();

        const QModelIndex done = model.index(0, JobsModel::ProgressColumn);
        QCOMPARE(done.data().toString(), QStringLiteral("3 of 3"));
        QCOMPARE(done.data(JobsModel::ProgressFractionRole).toDouble(), 1.0);
        QCOMPARE(model.index(0, JobsModel::StateColumn).data().toString(),
                 QStringLiteral("Completed"));
        QVERIFY(!model.index(0, JobsModel::StartedColumn).data().toString().isEmpty());

        // A failed job says why on its row.
        const QModelIndex failed = model.index(1, JobsModel::StateColumn);
        QCOMPARE(failed.data().toString(), QStringLiteral("Failed: link lost"));
        QCOMPARE(failed.data(JobsModel::ErrorRole).toString(), QStringLiteral("link lost"));
        QCOMPARE(failed.data(JobsModel::StateRole).toInt(), int(JobState::Failed));
        QCOMPARE(model.index(1, JobsModel::ProgressColumn).data().toString(),
                 QStringLiteral("1 of 4"));

        manager.forget(first);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.jobId(0), second);
        QVERIFY(!model.index(0, JobsModel::RateColumn)
                     .data()
                     .toString()
                     .contains(QLatin1String("msg/s"))); // only a running job has a rate
    }

    void updatesAreBatched() {
        QTemporaryDir tmp;
        JobManager manager(tmp.path());
        JobsModel model(&manager);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy jobChanged(&manager, &JobManager::jobChanged);
        QSignalSpy finished(&manager, &JobManager::jobFinished);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 5; ++i) {
            manager.start(new TinyJob(300), titled(QStringLiteral("job %1").arg(i)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, 30000);
        model.flush();
        // Five jobs' updates land together: at most one refresh per interval, plus the last.
        QVERIFY2(changed.size() <= clock.elapsed() / 150 + 2,
                 qPrintable(QStringLiteral("%1 refreshes in %2 ms for %3 job updates")
                                .arg(changed.size())
                                .arg(clock.elapsed())
                                .arg(jobChanged.size())));
        QVERIFY(changed.size() < jobChanged.size());
        for (int row = 0; row < 5; ++row) {
            QCOMPARE(model.index(row, JobsModel::ProgressColumn).data().toString(),
                     QStringLiteral("270 of 300 (30 failed)"));
        }
    }

    void withoutAManagerItIsEmpty() {
        JobsModel model(nullptr);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(
            model.headerData(JobsModel::RateColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Rate"));
    }
};

QTEST_MAIN(tst_JobsModel)
#include "tst_JobsModel.moc"
