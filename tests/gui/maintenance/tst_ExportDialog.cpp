// Export… through the dialog against the emulator: the selected messages, a dead-letter
// filter, an existing file replaced only when confirmed, and inline messages for bad input.
#include "core/jobs/JobOptionsJson.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPointer>
#include <QRadioButton>

#include "MaintenanceTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {

// The message ids of a JSON Lines export, in file order.
QStringList idsInFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {QStringLiteral("<unreadable>")};
    }
    QStringList ids;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty()) {
            ids.append(QJsonDocument::fromJson(line)
                           .object()
                           .value(QStringLiteral("messageId"))
                           .toString());
        }
    }
    return ids;
}

} // namespace

class tst_ExportDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_fixture.start({QStringLiteral("selected"), QStringLiteral("reasons"),
                                 QStringLiteral("existing"), QStringLiteral("bad")}));
    }
    void init() { m_fixture.init(); }
    void cleanup() { m_fixture.cleanup(); }
    void cleanupTestCase() { m_fixture.stop(); }

    void exportsTheSelectedMessages() {
        const QString queue = QStringLiteral("selected");
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 5; ++i) {
            batch.append(textMessage(QStringLiteral("s-%1").arg(i), QStringLiteral("body")));
        }
        QVERIFY(await(m_fixture.client().send(queue, batch)));
        const auto peeked = peekAll(m_fixture.client(), queue, SubQueue::None);
        QCOMPARE(peeked.size(), 5);

        QPointer<QWidget> dialog = m_fixture.actions()->exportMessages(
            m_fixture.session(), queue, SubQueue::None,
            {peeked[1].sequenceNumber, peeked[3].sequenceNumber});
        QVERIFY(child<QRadioButton>(dialog, "exportSelected")->isChecked());
        QVERIFY(!child<QComboBox>(dialog, "exportSubQueue")->isEnabled());
        const QString file = m_fixture.path(QStringLiteral("selected.jsonl"));
        child<QLineEdit>(dialog, "exportPath")->setText(file);
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        child<QPushButton>(dialog, "exportButton")->click();
        QCOMPARE(started.size(), 1);
        QVERIFY(m_fixture.prompt()->requests().isEmpty()); // a new file needs no confirmation
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QTRY_VERIFY(dialog.isNull());
        QCOMPARE(idsInFile(file), (QStringList{QStringLiteral("s-1"), QStringLiteral("s-3")}));

        const JobDescription description =
            m_fixture.jobs()->description(started.last().at(0).toString());
        QCOMPARE(description.kind, QStringLiteral("export"));
        QCOMPARE(description.outputPath, file);
        const ExportOptions options = exportOptionsFromJson(description.options);
        QCOMPARE(options.selection.mode, MessageSelection::Mode::SequenceNumbers);
        QCOMPARE(options.selection.sequenceNumbers.size(), 2);
        // Nothing was taken off the queue.
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::None).size(), 5);
    }

    void exportsDeadLettersMatchingAReason() {
        const QString queue = QStringLiteral("reasons");
        QVERIFY(fillDeadLetterQueue(m_fixture.client(), queue, QStringLiteral("r"), 6));
        QWidget* dialog = m_fixture.actions()->exportMessages(m_fixture.session(), queue,
                                                              SubQueue::DeadLetter, {});
        QVERIFY(!child<QRadioButton>(dialog, "exportSelected")->isEnabled());
        QCOMPARE(child<QComboBox>(dialog, "exportSubQueue")->currentData().toInt(),
                 int(SubQueue::DeadLetter));
        child<QRadioButton>(dialog, "exportFiltered")->setChecked(true);
        child<QLineEdit>(dialog, "exportReason")->setText(QStringLiteral("Even"));
        const QString file = m_fixture.path(QStringLiteral("even.jsonl"));
        child<QLineEdit>(dialog, "exportPath")->setText(file);
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        child<QPushButton>(dialog, "exportButton")->click();
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QStringList ids = idsInFile(file);
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("r-0"), QStringLiteral("r-2"),
                                   QStringLiteral("r-4")}));
    }

    void replacesAnExistingFileOnlyWhenConfirmed() {
        const QString queue = QStringLiteral("existing");
        QVERIFY(await(m_fixture.client().send(
            queue, {textMessage(QStringLiteral("e-0"), QStringLiteral("body"))})));
        const QString file = m_fixture.path(QStringLiteral("existing.jsonl"));
        {
            QFile kept(file);
            QVERIFY(kept.open(QIODevice::WriteOnly));
            kept.write("precious\n");
        }
        QWidget* dialog =
            m_fixture.actions()->exportMessages(m_fixture.session(), queue, SubQueue::None, {});
        child<QLineEdit>(dialog, "exportPath")->setText(file);
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        auto* exportButton = child<QPushButton>(dialog, "exportButton");

        exportButton->click(); // declined: the prompt says no unless told otherwise
        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        QCOMPARE(m_fixture.prompt()->requests().constFirst().confirmLabel,
                 QStringLiteral("Replace"));
        QCOMPARE(started.size(), 0);
        QVERIFY2(child<QLabel>(dialog, "banner")->text().contains(QStringLiteral("was kept")),
                 qPrintable(child<QLabel>(dialog, "banner")->text()));
        QFile unchanged(file);
        QVERIFY(unchanged.open(QIODevice::ReadOnly));
        QCOMPARE(unchanged.readAll(), QByteArray("precious\n"));
        unchanged.close();

        m_fixture.prompt()->enqueueAnswer(true);
        exportButton->click();
        QCOMPARE(started.size(), 1);
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QCOMPARE(idsInFile(file), QStringList{QStringLiteral("e-0")});
    }

    void badInputSaysWhatIsWrong() {
        QWidget* dialog = m_fixture.actions()->exportMessages(
            m_fixture.session(), QStringLiteral("bad"), SubQueue::None, {});
        auto* path = child<QLineEdit>(dialog, "exportPath");
        auto* exportButton = child<QPushButton>(dialog, "exportButton");
        auto* banner = child<QLabel>(dialog, "banner");
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);

        const auto expectProblem = [&](const QString& part) {
            exportButton->click();
            return banner->isVisibleTo(dialog) && banner->text().contains(part);
        };
        QVERIFY(expectProblem(QStringLiteral("No output file")));
        path->setText(QStringLiteral("relative.jsonl"));
        QVERIFY(expectProblem(QStringLiteral("not a full path")));
        path->setText(m_fixture.path(QStringLiteral("missing/out.jsonl")));
        QVERIFY(expectProblem(QStringLiteral("does not exist")));
        path->setText(m_fixture.path(QString()));
        QVERIFY(expectProblem(QStringLiteral("is a folder")));

        path->setText(m_fixture.path(QStringLiteral("bad.jsonl")));
        child<QRadioButton>(dialog, "exportFiltered")->setChecked(true);
        QVERIFY(expectProblem(QStringLiteral("The filter is empty")));

        // SQL is checked as it is typed, and the export refuses it too.
        auto* sql = child<QLineEdit>(dialog, "exportSql");
        auto* sqlError = child<QLabel>(dialog, "exportSqlError");
        sql->setText(QStringLiteral("amount >"));
        QVERIFY(sqlError->isVisibleTo(dialog));
        QVERIFY(sqlError->text().startsWith(QStringLiteral("SQL:")));
        QVERIFY(expectProblem(QStringLiteral("SQL filter does not parse")));
        sql->setText(QStringLiteral("amount > 5"));
        QVERIFY(!sqlError->isVisibleTo(dialog));

        QCOMPARE(started.size(), 0);
        QVERIFY(!QFile::exists(m_fixture.path(QStringLiteral("bad.jsonl"))));
    }

    void browseOpensAFileDialogWithoutBlocking() {
        QWidget* dialog = m_fixture.actions()->exportMessages(
            m_fixture.session(), QStringLiteral("bad"), SubQueue::None, {});
        child<QPushButton>(dialog, "exportBrowse")->click(); // returns: nothing waits on it
        auto* files = child<QFileDialog>(dialog, "exportFileDialog");
        QVERIFY(files != nullptr);
        QVERIFY(!files->isModal());
        QCOMPARE(files->acceptMode(), QFileDialog::AcceptSave);
        const QString chosen = m_fixture.path(QStringLiteral("chosen.jsonl"));
        Q_EMIT files->fileSelected(chosen);
        QCOMPARE(child<QLineEdit>(dialog, "exportPath")->text(), chosen);
        files->close();
    }

private:
    MaintenanceFixture m_fixture;
};

QTEST_MAIN(tst_ExportDialog)
#include "tst_ExportDialog.moc"
