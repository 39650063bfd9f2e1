// The compose form becomes messages: fields, typed properties, ids for copies, files of a
// folder, and the body checks that keep Send disabled.
#include "ui/send/ComposeMessageBuilder.h"
#include "ui/send/MessageIdPattern.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace busbar;
using namespace std::chrono_literals;

namespace {

QVariant propertyOf(const OutgoingMessage& message, const QString& name) {
    for (const auto& [key, value] : message.applicationProperties.entries) {
        if (key.toString() == name) {
            return value;
        }
    }
    return {};
}

} // namespace

class tst_ComposeMessageBuilder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void buildsEveryField() {
        ComposeForm form;
        form.bodyMode = BodyMode::Json;
        form.bodyText = QStringLiteral("{\"a\": 1}");
        form.contentType = QStringLiteral("application/json");
        form.messageId = QStringLiteral("m1");
        form.correlationId = QStringLiteral("c1");
        form.subject = QStringLiteral("s");
        form.to = QStringLiteral("to");
        form.replyTo = QStringLiteral("rt");
        form.replyToSessionId = QStringLiteral("rts");
        form.sessionId = QStringLiteral("sess");
        form.partitionKey = QStringLiteral("sess");
        form.timeToLive = QStringLiteral("5m");
        form.scheduledEnqueueTime = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
        form.properties = {{QStringLiteral("i"), PropertyType::Int, QStringLiteral("42")},
                           {QStringLiteral("l"), PropertyType::Long, QStringLiteral("9000000000")},
                           {QStringLiteral("d"), PropertyType::Double, QStringLiteral("1.5")},
                           {QStringLiteral("b"), PropertyType::Bool, QStringLiteral("true")},
                           {QStringLiteral("u"), PropertyType::Uuid,
                            QStringLiteral("3f2504e0-4f89-11d3-9a0c-0305e82c3301")},
                           {QStringLiteral("t"), PropertyType::DateTime,
                            QStringLiteral("2024-05-06T07:08:09.010Z")},
                           {QStringLiteral("s"), PropertyType::String, QStringLiteral(" x ")}};
        const auto built = ComposeMessageBuilder::build(form);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        QCOMPARE(built->size(), 1);
        const OutgoingMessage& m = built->first();
        QCOMPARE(m.body, QByteArray("{\"a\": 1}"));
        QCOMPARE(m.contentType, QStringLiteral("application/json"));
        QCOMPARE(m.messageId, QStringLiteral("m1"));
        QCOMPARE(m.correlationId, QStringLiteral("c1"));
        QCOMPARE(m.subject, QStringLiteral("s"));
        QCOMPARE(m.to, QStringLiteral("to"));
        QCOMPARE(m.replyTo, QStringLiteral("rt"));
        QCOMPARE(m.replyToSessionId, QStringLiteral("rts"));
        QCOMPARE(m.sessionId, QStringLiteral("sess"));
        QCOMPARE(m.partitionKey, QStringLiteral("sess"));
        QCOMPARE(m.timeToLive, std::optional<std::chrono::milliseconds>(5min));
        QCOMPARE(*m.scheduledEnqueueTime, *form.scheduledEnqueueTime);
        QCOMPARE(propertyOf(m, QStringLiteral("i")).metaType(), QMetaType::fromType<qint32>());
        QCOMPARE(propertyOf(m, QStringLiteral("i")).toInt(), 42);
        QCOMPARE(propertyOf(m, QStringLiteral("l")).metaType(), QMetaType::fromType<qint64>());
        QCOMPARE(propertyOf(m, QStringLiteral("l")).toLongLong(), 9'000'000'000LL);
        QCOMPARE(propertyOf(m, QStringLiteral("d")).toDouble(), 1.5);
        QCOMPARE(propertyOf(m, QStringLiteral("b")).toBool(), true);
        QCOMPARE(propertyOf(m, QStringLiteral("u")).value<QUuid>(),
                 QUuid(QStringLiteral("3f2504e0-4f89-11d3-9a0c-0305e82c3301")));
        QCOMPARE(propertyOf(m, QStringLiteral("t")).toDateTime(),
                 QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 10), Qt::UTC));
        QCOMPARE(propertyOf(m, QStringLiteral("s")).toString(), QStringLiteral(" x "));
    }

    void refusesBadInput_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("ttl");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("json") << int(BodyMode::Json) << QStringLiteral("{\n\"a\": }") << QString()
                              << 0 << QString() << QStringLiteral("line 2");
        QTest::newRow("xml") << int(BodyMode::Xml) << QStringLiteral("<a><b></a>") << QString() << 0
                             << QString() << QStringLiteral("XML error on line 1");
        QTest::newRow("ttl") << int(BodyMode::Text) << QString() << QStringLiteral("soon") << 0
                             << QString() << QStringLiteral("Time to live");
        QTest::newRow("int") << int(BodyMode::Text) << QString() << QString()
                             << int(PropertyType::Int) << QStringLiteral("4.5")
                             << QStringLiteral("32-bit integer");
        QTest::newRow("bool") << int(BodyMode::Text) << QString() << QString()
                              << int(PropertyType::Bool) << QStringLiteral("yes")
                              << QStringLiteral("true or false");
        QTest::newRow("uuid") << int(BodyMode::Text) << QString() << QString()
                              << int(PropertyType::Uuid) << QStringLiteral("nope")
                              << QStringLiteral("UUID");
    }
    void refusesBadInput() {
        QFETCH(int, mode);
        QFETCH(QString, body);
        QFETCH(QString, ttl);
        QFETCH(int, type);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        ComposeForm form;
        form.bodyMode = BodyMode(mode);
        form.bodyText = body;
        form.timeToLive = ttl;
        if (!value.isEmpty()) {
            form.properties.append({QStringLiteral("p"), PropertyType(type), value});
        }
        const auto built = ComposeMessageBuilder::build(form);
        QVERIFY(!built);
        QCOMPARE(built.error().code, ErrorCode::InvalidInput);
        QVERIFY2(built.error().message.contains(mentions), qPrintable(built.error().message));
    }

    void copiesFollowThePattern() {
        ComposeForm form;
        form.bodyText = QStringLiteral("hello");
        form.sendMode = SendMode::Copies;
        form.copies = 3;
        form.idPattern = QStringLiteral("order-{n}");
        const auto built = ComposeMessageBuilder::build(form);
        QVERIFY(built);
        QCOMPARE(built->size(), 3);
        QCOMPARE(built->at(0).messageId, QStringLiteral("order-1"));
        QCOMPARE(built->at(2).messageId, QStringLiteral("order-3"));
        QCOMPARE(built->at(2).body, QByteArray("hello"));

        form.idPattern = QStringLiteral("{uuid}");
        const auto uuids = ComposeMessageBuilder::build(form);
        QSet<QString> ids;
        for (const auto& message : *uuids) {
            QVERIFY(!QUuid(message.messageId).isNull());
            ids.insert(message.messageId);
        }
        QCOMPARE(ids.size(), 3);
        QVERIFY(MessageIdPattern::varies(QStringLiteral("a-{n}")));
        QVERIFY(!MessageIdPattern::varies(QStringLiteral("fixed")));
        form.copies = 0;
        QVERIFY(!ComposeMessageBuilder::build(form));
    }

    void oneMessagePerFileOfAFolder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const auto& [name, bytes] : {std::pair{"b.bin", QByteArray("\x00\x01\x02", 3)},
                                          std::pair{"a.txt", QByteArray("A")}}) {
            QFile file(dir.filePath(QLatin1String(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        QDir(dir.path()).mkdir(QStringLiteral("sub")); // folders are not messages
        ComposeForm form;
        form.sendMode = SendMode::FolderFiles;
        form.folder = dir.path();
        const auto built = ComposeMessageBuilder::build(form);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        QCOMPARE(built->size(), 2);
        QCOMPARE(built->at(0).messageId, QStringLiteral("a.txt"));
        QCOMPARE(built->at(0).body, QByteArray("A"));
        QCOMPARE(built->at(1).body, QByteArray("\x00\x01\x02", 3));

        form.folder = dir.filePath(QStringLiteral("missing"));
        QVERIFY(!ComposeMessageBuilder::build(form));
    }

    void binaryBodyFromAFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("body.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\xff\x00\xfe", 3));
        file.close();
        ComposeForm form;
        form.bodyMode = BodyMode::BinaryFile;
        form.bodyFile = path;
        const auto built = ComposeMessageBuilder::build(form);
        QVERIFY(built);
        QCOMPARE(built->first().body, QByteArray("\xff\x00\xfe", 3));
        form.bodyFile = dir.filePath(QStringLiteral("none"));
        QVERIFY(!ComposeMessageBuilder::build(form));
    }
};

QTEST_GUILESS_MAIN(tst_ComposeMessageBuilder)
#include "tst_ComposeMessageBuilder.moc"
