// Import… through the dialog against the emulator: an export made through the Export dialog
// and imported through this one reproduces every message byte for byte (each body section
// kind, typed application properties, annotations); a file that cannot be imported, or an
// unknown target, says what is wrong inline.
#include "core/amqp/AmqpEncoder.h"
#include "core/jobs/JobOptionsJson.h"
#include "core/jobs/MessageJsonCodec.h"
#include "ui/repair/ImportDialog.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>

#include "MaintenanceTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {

QByteArray section(quint64 code, const QVariant& value) {
    QByteArray out;
    AmqpEncoder encoder(out);
    encoder.writeDescriptor(code);
    encoder.writeValue(value);
    return out;
}

// One message per body kind (binary data, text, two data sections, value, two sequences),
// the first with every property and an application property of each AMQP type.
QList<OutgoingMessage> everyKindOfMessage() {
    QList<OutgoingMessage> out;
    QByteArray binary;
    for (int i = 255; i >= 0; --i) {
        binary.append(char(i));
    }
    OutgoingMessage typed;
    typed.body = binary;
    typed.messageId = QStringLiteral("binary");
    typed.contentType = QStringLiteral("application/octet-stream");
    typed.correlationId = QStringLiteral("correlation");
    typed.subject = QStringLiteral("subject");
    typed.to = QStringLiteral("to");
    typed.replyTo = QStringLiteral("reply-to");
    typed.timeToLive = std::chrono::minutes(90);
    typed.setApplicationProperty(QStringLiteral("bool"), false);
    typed.setApplicationProperty(QStringLiteral("ubyte"), QVariant::fromValue(quint8(255)));
    typed.setApplicationProperty(QStringLiteral("byte"), QVariant::fromValue(qint8(-128)));
    typed.setApplicationProperty(QStringLiteral("ushort"), QVariant::fromValue(quint16(65535)));
    typed.setApplicationProperty(QStringLiteral("short"), QVariant::fromValue(qint16(-2)));
    typed.setApplicationProperty(QStringLiteral("uint"), QVariant::fromValue(quint32(7)));
    typed.setApplicationProperty(QStringLiteral("int"), QVariant::fromValue(qint32(-7)));
    typed.setApplicationProperty(QStringLiteral("ulong"),
                                 QVariant::fromValue(quint64(18446744073709551615ULL)));
    typed.setApplicationProperty(QStringLiteral("long"),
                                 QVariant::fromValue(qint64(-9007199254740993LL)));
    typed.setApplicationProperty(QStringLiteral("float"), QVariant::fromValue(-0.5f));
    typed.setApplicationProperty(QStringLiteral("double"), QVariant::fromValue(1e-300));
    typed.setApplicationProperty(QStringLiteral("timestamp"),
                                 QDateTime::fromMSecsSinceEpoch(1600000000999, Qt::UTC));
    typed.setApplicationProperty(QStringLiteral("uuid"),
                                 QUuid(QStringLiteral("{6f1c2a8e-0d3b-4c55-9a77-2b1e0c9d4f10}")));
    typed.setApplicationProperty(QStringLiteral("binary"), QByteArray("\xff\x00\x7f", 3));
    typed.setApplicationProperty(QStringLiteral("string"), QStringLiteral("ünïcode ✓"));
    typed.setApplicationProperty(QStringLiteral("null"), QVariant());
    out.append(typed);

    OutgoingMessage text;
    text.messageId = QStringLiteral("text");
    text.body = QStringLiteral("{\"größe\": 3}").toUtf8();
    text.contentType = QStringLiteral("application/json");
    out.append(text);

    AmqpMessage twoData;
    twoData.properties.present = true;
    twoData.properties.messageId = QVariant::fromValue(quint64(42)); // a ulong id
    twoData.bodyKind = AmqpMessage::BodyKind::Data;
    twoData.bodyBytes = section(0x75, QByteArray("first")) + section(0x75, QByteArray("\0\1", 2));
    OutgoingMessage data;
    data.raw = twoData;
    out.append(data);

    AmqpMessage value;
    value.properties.present = true;
    value.properties.messageId = QVariant::fromValue(QUuid::createUuid());
    value.properties.groupId = QStringLiteral("group");
    value.properties.groupSequence = 3;
    value.setValueBody(QVariantMap{{QStringLiteral("k"), QVariant::fromValue(qint64(1))}});
    value.setAnnotation("x-custom", QStringLiteral("kept"));
    value.header.present = true;
    value.header.durable = true;
    value.header.priority = 9;
    OutgoingMessage valueBody;
    valueBody.raw = value;
    out.append(valueBody);

    AmqpMessage sequences;
    sequences.properties.present = true;
    sequences.properties.messageId = QStringLiteral("sequence");
    sequences.bodyKind = AmqpMessage::BodyKind::Sequence;
    sequences.bodyBytes =
        section(0x76, QVariantList{QVariant::fromValue(qint32(1)), QStringLiteral("two")}) +
        section(0x76, QVariantList{QByteArray("\x03", 1)});
    OutgoingMessage sequenceBody;
    sequenceBody.raw = sequences;
    out.append(sequenceBody);
    return out;
}

AmqpMap withoutBrokerStamps(AmqpMap annotations) {
    annotations.entries.removeIf([](const QPair<QVariant, QVariant>& entry) {
        return entry.first.value<AmqpSymbol>().name.startsWith("x-opt-");
    });
    return annotations;
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

class tst_ImportDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_fixture.start(
            {QStringLiteral("source"), QStringLiteral("target"), QStringLiteral("checks")}));
    }
    void init() { m_fixture.init(); }
    void cleanup() { m_fixture.cleanup(); }
    void cleanupTestCase() { m_fixture.stop(); }

    void exportThenImportIsByteExact() {
        QVERIFY(await(m_fixture.client().send(QStringLiteral("source"), everyKindOfMessage())));
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);

        const QString file = m_fixture.path(QStringLiteral("round-trip.jsonl"));
        QWidget* exporter = m_fixture.actions()->exportMessages(
            m_fixture.session(), QStringLiteral("source"), SubQueue::None, {});
        child<QLineEdit>(exporter, "exportPath")->setText(file);
        child<QPushButton>(exporter, "exportButton")->click();
        Job* exported = finishedJob(started, m_fixture.jobs());
        QVERIFY(exported != nullptr);
        QVERIFY2(exported->state() == JobState::Completed,
                 qPrintable(exported->error().toString()));

        QPointer<ImportDialog> importer = qobject_cast<ImportDialog*>(
            m_fixture.actions()->importMessages(m_fixture.session(), QStringLiteral("source")));
        QVERIFY(importer != nullptr);
        auto* target = child<QComboBox>(importer, "importTarget");
        QCOMPARE(target->currentText(), QStringLiteral("source"));
        QTRY_VERIFY(target->findText(QStringLiteral("target")) >= 0); // the namespace listed
        target->setCurrentIndex(target->findText(QStringLiteral("target")));
        auto* importButton = child<QPushButton>(importer, "importButton");
        QVERIFY(!importButton->isEnabled()); // no file yet
        child<QLineEdit>(importer, "importPath")->setText(file);
        QTRY_VERIFY(importButton->isEnabled());
        QCOMPARE(importer->messageCount(), 5);
        QCOMPARE(child<QLabel>(importer, "importSummary")->text(), QStringLiteral("5 message(s)."));
        auto* preview = child<QListWidget>(importer, "importPreview");
        QCOMPARE(preview->count(), 5);
        QCOMPARE(preview->item(0)->text(), QStringLiteral("binary"));
        QCOMPARE(preview->item(2)->text(), QStringLiteral("42"));

        m_fixture.prompt()->enqueueAnswer(true);
        importButton->click();
        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        const ConfirmationRequest& asked = m_fixture.prompt()->requests().constFirst();
        QVERIFY2(asked.text.contains(QStringLiteral("5 message(s)")) &&
                     asked.text.contains(QStringLiteral("to target")),
                 qPrintable(asked.text));
        QCOMPARE(started.size(), 2);
        Job* imported = finishedJob(started, m_fixture.jobs());
        QVERIFY(imported != nullptr);
        QVERIFY2(imported->state() == JobState::Completed,
                 qPrintable(imported->error().toString()));
        QCOMPARE(imported->report().count(JobOutcome::Imported), 5);
        QTRY_VERIFY(importer.isNull());

        const JobDescription description =
            m_fixture.jobs()->description(started.last().at(0).toString());
        QCOMPARE(description.kind, QStringLiteral("import"));
        QVERIFY(description.journalPath.startsWith(m_fixture.jobs()->directory()));
        QCOMPARE(importOptionsFromJson(description.options).targetEntity, QStringLiteral("target"));

        const auto originals =
            peekAll(m_fixture.client(), QStringLiteral("source"), SubQueue::None);
        const auto copies = peekAll(m_fixture.client(), QStringLiteral("target"), SubQueue::None);
        QCOMPARE(originals.size(), 5);
        QCOMPARE(copies.size(), originals.size());
        for (qsizetype i = 0; i < originals.size(); ++i) {
            const AmqpMessage& a = originals[i].amqp;
            const AmqpMessage& b = copies[i].amqp;
            QCOMPARE(b.bodyKind, a.bodyKind);
            QCOMPARE(b.bodyBytes, a.bodyBytes);
            QCOMPARE(b.header.durable, a.header.durable);
            QCOMPARE(b.header.priority, a.header.priority);
            QCOMPARE(b.header.ttlMs, a.header.ttlMs);
            QCOMPARE(b.properties.messageId, a.properties.messageId);
            QCOMPARE(b.properties.messageId.userType(), a.properties.messageId.userType());
            QCOMPARE(b.properties.correlationId, a.properties.correlationId);
            QCOMPARE(b.properties.to, a.properties.to);
            QCOMPARE(b.properties.subject, a.properties.subject);
            QCOMPARE(b.properties.replyTo, a.properties.replyTo);
            QCOMPARE(b.properties.contentType, a.properties.contentType);
            QCOMPARE(b.properties.groupId, a.properties.groupId);
            QCOMPARE(b.properties.groupSequence, a.properties.groupSequence);
            QVERIFY(b.applicationProperties == a.applicationProperties);
            QCOMPARE(b.applicationProperties.entries.size(),
                     a.applicationProperties.entries.size());
            for (qsizetype k = 0; k < a.applicationProperties.entries.size(); ++k) {
                QCOMPARE(b.applicationProperties.entries[k].second.userType(),
                         a.applicationProperties.entries[k].second.userType());
            }
            QVERIFY(withoutBrokerStamps(b.messageAnnotations) ==
                    withoutBrokerStamps(a.messageAnnotations));
        }
        QCOMPARE(originals[0].amqp.applicationProperties.entries.size(), 16);
        QCOMPARE(originals[4].amqp.bodyKind, AmqpMessage::BodyKind::Sequence);
    }

    void aFileThatIsNotAnExportSaysWhy() {
        auto* dialog = qobject_cast<ImportDialog*>(
            m_fixture.actions()->importMessages(m_fixture.session(), QStringLiteral("checks")));
        QVERIFY(dialog != nullptr);
        auto* path = child<QLineEdit>(dialog, "importPath");
        auto* banner = child<QLabel>(dialog, "banner");
        auto* importButton = child<QPushButton>(dialog, "importButton");
        QSignalSpy scanned(dialog, &ImportDialog::fileScanned);
        const auto problemAfterScan = [&](const QString& text) {
            scanned.clear();
            path->setText(text);
            return scanned.wait(kJobAwaitMs) && !importButton->isEnabled() &&
                           banner->isVisibleTo(dialog)
                       ? banner->text()
                       : QStringLiteral("<no problem shown>");
        };

        QVERIFY(problemAfterScan(m_fixture.path(QStringLiteral("nowhere.jsonl")))
                    .contains(QStringLiteral("does not exist")));

        const QString empty = m_fixture.path(QStringLiteral("empty.jsonl"));
        writeFile(empty, "\n\n");
        QVERIFY(problemAfterScan(empty).contains(QStringLiteral("holds no messages")));

        ServiceBusMessage good;
        good.amqp.properties.present = true;
        good.amqp.properties.messageId = QStringLiteral("fine");
        good.amqp.setDataBody("fine");
        const QByteArray goodLine =
            QJsonDocument(MessageJsonCodec::encode(good)).toJson(QJsonDocument::Compact);
        const QString broken = m_fixture.path(QStringLiteral("broken.jsonl"));
        writeFile(broken, goodLine + "\n\n{\"messageId\": \"cut off\n" + goodLine + "\n");
        const QString said = problemAfterScan(broken);
        QVERIFY2(said.startsWith(QStringLiteral("Line 3 is not a message")), qPrintable(said));
        QCOMPARE(dialog->messageCount(), -1);

        const QString notObject = m_fixture.path(QStringLiteral("array.jsonl"));
        writeFile(notObject, goodLine + "\n[1, 2]\n");
        QVERIFY(problemAfterScan(notObject).startsWith(QStringLiteral("Line 2 is not a message")));

        // A good file clears the banner and enables Import.
        const QString fine = m_fixture.path(QStringLiteral("fine.jsonl"));
        writeFile(fine, goodLine + '\n' + goodLine + '\n');
        scanned.clear();
        path->setText(fine);
        QVERIFY(scanned.wait(kJobAwaitMs));
        QVERIFY(!banner->isVisibleTo(dialog));
        QCOMPARE(dialog->messageCount(), 2);
        QVERIFY(importButton->isEnabled());
        QVERIFY(m_fixture.prompt()->requests().isEmpty());
    }

    void anUnknownTargetIsRefusedInline() {
        const QString fine = m_fixture.path(QStringLiteral("target-check.jsonl"));
        ServiceBusMessage good;
        good.amqp.setDataBody("x");
        writeFile(fine,
                  QJsonDocument(MessageJsonCodec::encode(good)).toJson(QJsonDocument::Compact) +
                      '\n');
        auto* dialog = qobject_cast<ImportDialog*>(
            m_fixture.actions()->importMessages(m_fixture.session(), QStringLiteral("checks")));
        auto* target = child<QComboBox>(dialog, "importTarget");
        QTRY_VERIFY(target->findText(QStringLiteral("target")) >= 0);
        child<QLineEdit>(dialog, "importPath")->setText(fine);
        auto* importButton = child<QPushButton>(dialog, "importButton");
        QTRY_VERIFY(importButton->isEnabled());
        target->setEditText(QStringLiteral("no-such-queue"));
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        importButton->click();
        const QString said = child<QLabel>(dialog, "banner")->text();
        QVERIFY2(said.contains(QStringLiteral("no queue or topic named \"no-such-queue\"")),
                 qPrintable(said));
        QVERIFY(m_fixture.prompt()->requests().isEmpty());
        QCOMPARE(started.size(), 0);
    }

    void aSubscriptionImportsIntoItsTopic() {
        QWidget* dialog = m_fixture.actions()->importMessages(
            m_fixture.session(), QStringLiteral("events/Subscriptions/audit"));
        auto* target = child<QComboBox>(dialog, "importTarget");
        QCOMPARE(target->currentText(), QStringLiteral("events"));
        // Queues and topics are offered; the listing keeps the current choice.
        QTRY_VERIFY(target->findText(QStringLiteral("checks")) >= 0);
        QVERIFY(target->findText(QStringLiteral("events")) >= 0);
        QCOMPARE(target->currentText(), QStringLiteral("events"));
    }

    void readingStopsWhenTheDialogGoesAway() {
        ServiceBusMessage good;
        good.amqp.setDataBody("x");
        const QByteArray line =
            QJsonDocument(MessageJsonCodec::encode(good)).toJson(QJsonDocument::Compact) + '\n';
        const QString file = m_fixture.path(QStringLiteral("cancelled.jsonl"));
        writeFile(file, line + line);
        auto keepGoing = std::make_shared<std::atomic_bool>(false);
        const Result<ImportPreview> read = ImportDialog::scanFile(file, keepGoing);
        QVERIFY(read.has_value());
        QCOMPARE(read->count, 2);
        auto stop = std::make_shared<std::atomic_bool>(true); // what ~ImportDialog sets
        const Result<ImportPreview> stopped = ImportDialog::scanFile(file, stop);
        QVERIFY(!stopped.has_value());
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
    }

    void browseOpensAFileDialogWithoutBlocking() {
        QWidget* dialog =
            m_fixture.actions()->importMessages(m_fixture.session(), QStringLiteral("checks"));
        child<QPushButton>(dialog, "importBrowse")->click();
        auto* files = child<QFileDialog>(dialog, "importFileDialog");
        QVERIFY(files != nullptr);
        QVERIFY(!files->isModal());
        QCOMPARE(files->fileMode(), QFileDialog::ExistingFile);
        const QString chosen = m_fixture.path(QStringLiteral("chosen.jsonl"));
        Q_EMIT files->fileSelected(chosen);
        QCOMPARE(child<QLineEdit>(dialog, "importPath")->text(), chosen);
        files->close();
    }

private:
    MaintenanceFixture m_fixture;
};

QTEST_MAIN(tst_ImportDialog)
#include "tst_ImportDialog.moc"
