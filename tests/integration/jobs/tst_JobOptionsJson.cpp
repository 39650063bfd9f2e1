#include "core/jobs/JobOptionsJson.h"

#include <QJsonDocument>
#include <QTest>

using namespace busbar;

namespace {

// Through text, as the description file holds it.
QJsonObject throughText(const QJsonObject& json) {
    return QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
}

} // namespace

class tst_JobOptionsJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void purgeRoundTrips() {
        PurgeOptions in;
        in.entity = QStringLiteral("orders");
        in.active = false;
        in.deadLetter = true;
        in.enqueuedBefore = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
        in.batchDeleteCount = 123;
        in.receivers = 2;
        in.receiveCount = 17;
        in.receiveWait = std::chrono::milliseconds(250);
        const QJsonObject json = throughText(purgeOptionsToJson(in));
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("purge"));
        const PurgeOptions out = purgeOptionsFromJson(json);
        QCOMPARE(out.entity, in.entity);
        QCOMPARE(out.active, false);
        QCOMPARE(out.deadLetter, true);
        QVERIFY(out.enqueuedBefore.has_value());
        QCOMPARE(*out.enqueuedBefore, *in.enqueuedBefore);
        QCOMPARE(out.batchDeleteCount, 123);
        QCOMPARE(out.receivers, 2);
        QCOMPARE(out.receiveCount, 17);
        QCOMPARE(out.receiveWait.count(), 250);
    }

    void purgeDefaultsForMissingKeys() {
        const PurgeOptions out =
            purgeOptionsFromJson({{QStringLiteral("entity"), QStringLiteral("q")}});
        const PurgeOptions defaults;
        QCOMPARE(out.entity, QStringLiteral("q"));
        QCOMPARE(out.active, defaults.active);
        QCOMPARE(out.deadLetter, defaults.deadLetter);
        QVERIFY(!out.enqueuedBefore.has_value());
        QCOMPARE(out.batchDeleteCount, defaults.batchDeleteCount);
        QCOMPARE(out.receivers, defaults.receivers);
        QCOMPARE(out.receiveWait, defaults.receiveWait);
        // Nonsense counts do not make a job that never advances.
        QCOMPARE(purgeOptionsFromJson({{QStringLiteral("receivers"), 0}}).receivers, 1);
    }

    void exportRoundTrips() {
        ExportOptions in;
        in.entity = QStringLiteral("topic/subscriptions/sub");
        in.subQueue = SubQueue::DeadLetter;
        in.selection = MessageSelection::of({3, 5, 8});
        in.outputPath = QStringLiteral("/tmp/out.jsonl");
        in.pageSize = 42;
        const ExportOptions out = exportOptionsFromJson(throughText(exportOptionsToJson(in)));
        QCOMPARE(out.entity, in.entity);
        QCOMPARE(out.subQueue, SubQueue::DeadLetter);
        QCOMPARE(out.selection.mode, MessageSelection::Mode::SequenceNumbers);
        QCOMPARE(out.selection.sequenceNumbers, (QList<qint64>{3, 5, 8}));
        QCOMPARE(out.outputPath, in.outputPath);
        QCOMPARE(out.pageSize, 42);

        in.subQueue = SubQueue::None;
        QCOMPARE(exportOptionsFromJson(exportOptionsToJson(in)).subQueue, SubQueue::None);
        in.subQueue = SubQueue::TransferDeadLetter;
        QCOMPARE(exportOptionsFromJson(exportOptionsToJson(in)).subQueue,
                 SubQueue::TransferDeadLetter);
    }

    void importRoundTrips() {
        ImportOptions in;
        in.inputPath = QStringLiteral("/tmp/in.jsonl");
        in.targetEntity = QStringLiteral("orders");
        in.sendChunk = 3;
        const QJsonObject json = throughText(importOptionsToJson(in));
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("import"));
        const ImportOptions out = importOptionsFromJson(json);
        QCOMPARE(out.inputPath, in.inputPath);
        QCOMPARE(out.targetEntity, in.targetEntity);
        QCOMPARE(out.sendChunk, 3);
    }
};

QTEST_GUILESS_MAIN(tst_JobOptionsJson)
#include "tst_JobOptionsJson.moc"
