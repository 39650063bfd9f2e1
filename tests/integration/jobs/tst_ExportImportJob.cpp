#include "core/jobs/ExportJob.h"
#include "core/jobs/ImportJob.h"
#include "core/jobs/MessageJsonCodec.h"
#include "emulator/server/InProcessEmulator.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "JobsTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {

// Broker stamps differ between the original and the imported copy by design.
AmqpMap withoutBrokerStamps(AmqpMap annotations) {
    annotations.entries.removeIf([](const QPair<QVariant, QVariant>& entry) {
        const QByteArray key = entry.first.value<AmqpSymbol>().name;
        return key == "x-opt-sequence-number" || key == "x-opt-enqueued-time" ||
               key == "x-opt-locked-until" || key == "x-opt-enqueue-sequence-number" ||
               key == "x-opt-message-state" || key == "x-opt-deadletter-source";
    });
    return annotations;
}

QList<OutgoingMessage> variedMessages() {
    QList<OutgoingMessage> out;

    OutgoingMessage typed;
    QByteArray binary;
    for (int i = 0; i < 256; ++i) {
        binary.append(char(i));
    }
    typed.body = binary;
    typed.messageId = QStringLiteral("typed");
    typed.contentType = QStringLiteral("application/octet-stream");
    typed.correlationId = QStringLiteral("corr");
    typed.subject = QStringLiteral("subject");
    typed.to = QStringLiteral("to");
    typed.replyTo = QStringLiteral("reply");
    typed.timeToLive = std::chrono::hours(2);
    const QList<std::pair<QString, QVariant>> properties = {
        {QStringLiteral("bool"), true},
        {QStringLiteral("ubyte"), QVariant::fromValue(quint8(200))},
        {QStringLiteral("byte"), QVariant::fromValue(qint8(-5))},
        {QStringLiteral("ushort"), QVariant::fromValue(quint16(60000))},
        {QStringLiteral("short"), QVariant::fromValue(qint16(-300))},
        {QStringLiteral("uint"), QVariant::fromValue(quint32(4000000000U))},
        {QStringLiteral("int"), QVariant::fromValue(qint32(-70000))},
        {QStringLiteral("ulong"), QVariant::fromValue(quint64(0xfedcba9876543210ULL))},
        {QStringLiteral("long"), QVariant::fromValue(qint64(-1234567890123456789LL))},
        {QStringLiteral("float"), QVariant::fromValue(1.25f)},
        {QStringLiteral("double"), QVariant::fromValue(0.1)},
        {QStringLiteral("timestamp"), QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC)},
        {QStringLiteral("uuid"), QUuid::createUuid()},
        {QStringLiteral("binary"), QByteArray("\x00\x01\x02", 3)},
        {QStringLiteral("string"), QStringLiteral("héllo")},
        {QStringLiteral("null"), QVariant()},
    };
    for (const auto& [key, value] : properties) {
        typed.setApplicationProperty(key, value);
    }
    out.append(typed);

    OutgoingMessage text;
    text.messageId = QStringLiteral("text");
    text.body = QStringLiteral("{\"hello\": \"wörld\"}").toUtf8();
    text.contentType = QStringLiteral("application/json");
    out.append(text);

    AmqpMessage value;
    value.properties.present = true;
    value.properties.messageId = QVariant::fromValue(QUuid::createUuid());
    value.properties.groupSequence = 7;
    value.properties.contentEncoding = "utf-8";
    value.setValueBody(QVariantList{QVariant::fromValue(qint64(1)), QStringLiteral("two")});
    value.setAnnotation("x-custom", QVariant::fromValue(qint64(42)));
    value.header.present = true;
    value.header.durable = true;
    value.header.priority = 7;
    OutgoingMessage valueBody;
    valueBody.raw = value;
    out.append(valueBody);
    return out;
}

} // namespace

class tst_ExportImportJob : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        for (const char* name : {"source", "target", "filtered", "resumed"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
        options.config.namespaces.append(ns);
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(endpoints.error().toString()));
        m_client = clientFor(endpoints->connectionString);
        QVERIFY(m_client);
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void exportThenImportIsByteExact() {
        QVERIFY(await(m_client->send(QStringLiteral("source"), variedMessages())));
        const QString file = m_dir.filePath(QStringLiteral("export.jsonl"));

        ExportOptions exportOptions;
        exportOptions.entity = QStringLiteral("source");
        exportOptions.outputPath = file;
        ExportJob exporter(m_client.get(), exportOptions);
        exporter.start();
        QVERIFY(waitFinished(exporter));
        QVERIFY2(exporter.state() == JobState::Completed, qPrintable(exporter.error().toString()));
        QCOMPARE(exporter.report().count(JobOutcome::Exported), 3);

        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = written.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QVERIFY(!first.contains(QStringLiteral("bodyText"))); // 0x80.. is not UTF-8
        const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(second.value(QStringLiteral("bodyText")).toString(),
                 QStringLiteral("{\"hello\": \"wörld\"}"));
        QCOMPARE(QJsonDocument::fromJson(lines[2]).object().value(QStringLiteral("bodyKind")),
                 QJsonValue(QStringLiteral("value")));

        ImportOptions importOptions;
        importOptions.inputPath = file;
        importOptions.targetEntity = QStringLiteral("target");
        ImportJob importer(m_client.get(), importOptions,
                           m_dir.filePath(QStringLiteral("import.journal")));
        importer.start();
        QVERIFY(waitFinished(importer));
        QVERIFY2(importer.state() == JobState::Completed, qPrintable(importer.error().toString()));
        QCOMPARE(importer.report().count(JobOutcome::Imported), 3);

        const auto originals = peekAll(*m_client, QStringLiteral("source"), SubQueue::None);
        const auto copies = peekAll(*m_client, QStringLiteral("target"), SubQueue::None);
        QCOMPARE(copies.size(), originals.size());
        for (qsizetype i = 0; i < originals.size(); ++i) {
            const AmqpMessage& a = originals[i].amqp;
            const AmqpMessage& b = copies[i].amqp;
            QCOMPARE(b.bodyKind, a.bodyKind);
            QCOMPARE(b.bodyBytes, a.bodyBytes);
            QCOMPARE(b.footerBytes, a.footerBytes);
            QCOMPARE(b.header.durable, a.header.durable);
            QCOMPARE(b.header.priority, a.header.priority);
            QCOMPARE(b.header.ttlMs, a.header.ttlMs);
            QCOMPARE(b.properties.messageId, a.properties.messageId);
            QCOMPARE(b.properties.messageId.userType(), a.properties.messageId.userType());
            QCOMPARE(b.properties.correlationId, a.properties.correlationId);
            QCOMPARE(b.properties.userId, a.properties.userId);
            QCOMPARE(b.properties.to, a.properties.to);
            QCOMPARE(b.properties.subject, a.properties.subject);
            QCOMPARE(b.properties.replyTo, a.properties.replyTo);
            QCOMPARE(b.properties.contentType, a.properties.contentType);
            QCOMPARE(b.properties.contentEncoding, a.properties.contentEncoding);
            QCOMPARE(b.properties.absoluteExpiryTime, a.properties.absoluteExpiryTime);
            QCOMPARE(b.properties.creationTime, a.properties.creationTime);
            QCOMPARE(b.properties.groupId, a.properties.groupId);
            QCOMPARE(b.properties.groupSequence, a.properties.groupSequence);
            QCOMPARE(b.properties.replyToGroupId, a.properties.replyToGroupId);
            QVERIFY(b.applicationProperties == a.applicationProperties);
            for (qsizetype k = 0; k < a.applicationProperties.entries.size(); ++k) {
                QCOMPARE(b.applicationProperties.entries[k].second.userType(),
                         a.applicationProperties.entries[k].second.userType());
            }
            QVERIFY(withoutBrokerStamps(b.messageAnnotations) ==
                    withoutBrokerStamps(a.messageAnnotations));
        }
    }

    void exportsAFilteredSelectionAndResumesAfterATornLine() {
        const QString queue = QStringLiteral("filtered");
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 30; ++i) {
            OutgoingMessage m = textMessage(QStringLiteral("f-%1").arg(i), QStringLiteral("b"));
            m.setApplicationProperty(QStringLiteral("index"), QVariant::fromValue(qint32(i)));
            batch.append(m);
        }
        QVERIFY(await(m_client->send(queue, batch)));
        const auto all = peekAll(*m_client, queue, SubQueue::None);
        QCOMPARE(all.size(), 30);

        // An earlier run wrote messages 0..4 (index < 10 and even) and died mid-line.
        const QString file = m_dir.filePath(QStringLiteral("filtered.jsonl"));
        QFile partial(file);
        QVERIFY(partial.open(QIODevice::WriteOnly));
        for (int i = 0; i < 5; ++i) {
            partial.write(
                QJsonDocument(MessageJsonCodec::encode(all[i * 2])).toJson(QJsonDocument::Compact) +
                '\n');
        }
        partial.write("{\"sequenceNumber\": 9");
        partial.close();

        ExportOptions options;
        options.entity = queue;
        options.outputPath = file;
        options.pageSize = 7;
        options.selection.mode = MessageSelection::Mode::Filter;
        options.selection.sql = QStringLiteral("index % 2 = 0 AND index < 20");
        ExportJob job(m_client.get(), options);
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QCOMPARE(job.report().count(JobOutcome::Exported), 5); // 10, 12, ..., 18

        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = written.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(QJsonDocument::fromJson(lines[i])
                         .object()
                         .value(QStringLiteral("messageId"))
                         .toString(),
                     QStringLiteral("f-%1").arg(i * 2));
        }
    }

    void resumedImportSkipsJournalledLines() {
        const QString source = QStringLiteral("resumed");
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 5; ++i) {
            batch.append(textMessage(QStringLiteral("r-%1").arg(i), QStringLiteral("b")));
        }
        QVERIFY(await(m_client->send(source, batch)));
        const QString file = m_dir.filePath(QStringLiteral("resumed.jsonl"));
        ExportOptions exportOptions;
        exportOptions.entity = source;
        exportOptions.outputPath = file;
        ExportJob exporter(m_client.get(), exportOptions);
        exporter.start();
        QVERIFY(waitFinished(exporter));
        // Empty the queue, so what the import sends is all it holds afterwards.
        QList<ServiceBusMessage> drained;
        QTRY_VERIFY([&] {
            const auto got = await(
                m_client->receive(source, SubQueue::None, ReceiveMode::ReceiveAndDelete, 5, 1s));
            if (got) {
                drained.append(*got);
            }
            return drained.size() == 5;
        }());

        // A first run journalled lines 1 and 2 as sent, then stopped.
        const QString journalPath = m_dir.filePath(QStringLiteral("resumed.journal"));
        {
            JobJournal journal;
            QVERIFY(journal.open(journalPath));
            QVERIFY(journal.writeDefinition({{QStringLiteral("kind"), QStringLiteral("import")},
                                             {QStringLiteral("inputPath"), file},
                                             {QStringLiteral("targetEntity"), source}}));
            QVERIFY(journal.writeStep(QStringLiteral("sent"), 1, QStringLiteral("r-0")));
            QVERIFY(journal.writeStep(QStringLiteral("sent"), 2, QStringLiteral("r-1")));
        }
        ImportJob importer(m_client.get(), ImportOptions{}, journalPath);
        importer.start();
        QVERIFY(waitFinished(importer));
        QVERIFY2(importer.state() == JobState::Completed, qPrintable(importer.error().toString()));
        QCOMPARE(importer.progress().total, 3);
        const auto imported = peekAll(*m_client, source, SubQueue::None);
        QCOMPARE(idsOf(imported), (QSet<QString>{QStringLiteral("r-2"), QStringLiteral("r-3"),
                                                 QStringLiteral("r-4")}));
    }
};

QTEST_MAIN(tst_ExportImportJob)
#include "tst_ExportImportJob.moc"
