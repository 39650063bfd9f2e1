#include "core/jobs/JobResume.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

class tst_JobResume : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resubmitJournalCountsCompleteLinesOnly() {
        QTemporaryDir tmp;
        JobDescription d;
        d.kind = QStringLiteral("resubmit");
        d.journalPath = tmp.filePath(QStringLiteral("j.jsonl"));
        QFile file(d.journalPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"step\":\"definition\",\"sourceEntity\":\"q\"}\n"
                   "{\"step\":\"sent\",\"seq\":1,\"id\":\"a\"}\n"
                   "{\"step\":\"completed\",\"seq\":1}\n"
                   "{\"step\":\"sent\",\"seq\":2,\"id\":\"b\"}\n"
                   "{\"step\":\"failed\",\"seq\":3}\n"
                   "{\"step\":\"sent\",\"se"); // torn by the crash
        file.close();
        const JobResumePoint point = readResumePoint(d);
        QVERIFY(point.journalFound);
        QCOMPARE(point.sent, 2);
        QCOMPARE(point.completed, 1);
        QCOMPARE(point.failed, 1);
        const QString text = point.text(d.kind);
        QVERIFY2(text.contains(QLatin1String("2 message(s) sent")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("1 removed")), qPrintable(text));
    }

    void exportCountsLinesOfTheOutputFile() {
        QTemporaryDir tmp;
        JobDescription d;
        d.kind = QStringLiteral("export");
        d.outputPath = tmp.filePath(QStringLiteral("out.jsonl"));
        QFile file(d.outputPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"sequenceNumber\":1}\n{\"sequenceNumber\":2}\n{\"seq");
        file.close();
        QCOMPARE(readResumePoint(d).exported, 2);
        QVERIFY(readResumePoint(d).text(d.kind).contains(QLatin1String("2 message(s) written")));
    }

    void missingFilesAreSaid() {
        JobDescription d;
        d.kind = QStringLiteral("import");
        d.journalPath = QStringLiteral("/nonexistent/j.jsonl");
        const JobResumePoint point = readResumePoint(d);
        QVERIFY(!point.journalFound);
        QVERIFY(point.text(d.kind).contains(QLatin1String("missing")));
    }

    void recreateRefusesWhatItCannotResumeSafely() {
        JobDescription d;
        d.kind = QStringLiteral("resubmit");
        d.journalPath = QStringLiteral("/nonexistent/j.jsonl");
        // No client: nothing to run on.
        auto noClient = recreateJob(d, nullptr, nullptr);
        QVERIFY(!noClient);
        QCOMPARE(noClient.error().code, ErrorCode::InvalidInput);

        // A resubmit without its journal could send messages a second time.
        auto* fakeClient = reinterpret_cast<ServiceBusClient*>(this); // never called
        auto noJournal = recreateJob(d, fakeClient, fakeClient);
        QVERIFY(!noJournal);
        QVERIFY(noJournal.error().message.contains(QLatin1String("journal")));

        d.kind = QStringLiteral("compact");
        auto unknown = recreateJob(d, fakeClient, fakeClient);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains(QLatin1String("compact")));
    }
};

QTEST_GUILESS_MAIN(tst_JobResume)
#include "tst_JobResume.moc"
