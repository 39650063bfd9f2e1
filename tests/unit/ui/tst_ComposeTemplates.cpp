// Compose templates: JSON files in a folder, every field kept, bad files refused.
#include "ui/send/ComposeTemplates.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

class tst_ComposeTemplates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsEveryField() {
        QTemporaryDir dir;
        ComposeTemplates templates(dir.path());
        ComposeForm form;
        form.bodyMode = BodyMode::Xml;
        form.bodyText = QStringLiteral("<a/>");
        form.contentType = QStringLiteral("application/xml");
        form.messageId = QStringLiteral("id");
        form.correlationId = QStringLiteral("corr");
        form.subject = QStringLiteral("subj");
        form.to = QStringLiteral("to");
        form.replyTo = QStringLiteral("rt");
        form.replyToSessionId = QStringLiteral("rts");
        form.sessionId = QStringLiteral("sid");
        form.partitionKey = QStringLiteral("pk");
        form.timeToLive = QStringLiteral("10m");
        form.scheduledEnqueueTime = QDateTime(QDate(2031, 2, 3), QTime(4, 5, 6), Qt::UTC);
        form.properties = {{QStringLiteral("n"), PropertyType::Long, QStringLiteral("7")}};
        form.sendMode = SendMode::Copies;
        form.copies = 5;
        form.idPattern = QStringLiteral("x-{n}");
        QVERIFY(templates.save(QStringLiteral("Order / v2"), form));
        QCOMPARE(templates.names(), QStringList{QStringLiteral("Order / v2")});

        const auto loaded = templates.load(QStringLiteral("Order / v2"));
        QVERIFY(loaded);
        QCOMPARE(ComposeTemplates::toJson(*loaded), ComposeTemplates::toJson(form));
        QCOMPARE(loaded->properties.first().type, PropertyType::Long);
        QCOMPARE(*loaded->scheduledEnqueueTime, *form.scheduledEnqueueTime);

        QVERIFY(templates.remove(QStringLiteral("Order / v2")));
        QVERIFY(templates.names().isEmpty());
        QCOMPARE(templates.load(QStringLiteral("Order / v2")).error().code,
                 ErrorCode::EntityNotFound);
    }

    void refusesBadTemplates() {
        QTemporaryDir dir;
        ComposeTemplates templates(dir.path());
        QVERIFY(!templates.save(QStringLiteral("  "), ComposeForm{}));
        QFile file(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        QCOMPARE(templates.load(QStringLiteral("broken")).error().code, ErrorCode::InvalidInput);
        QJsonObject badType{
            {QStringLiteral("applicationProperties"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("p")},
                                    {QStringLiteral("type"), QStringLiteral("blob")}}}}};
        QVERIFY(!ComposeTemplates::fromJson(badType));
    }

    void defaultsToTheAppDataFolder() {
        QStandardPaths::setTestModeEnabled(true);
        const ComposeTemplates templates;
        QVERIFY(templates.directory().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(templates.directory().endsWith(QStringLiteral("/templates")));
    }
};

QTEST_GUILESS_MAIN(tst_ComposeTemplates)
#include "tst_ComposeTemplates.moc"
