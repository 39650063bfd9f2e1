#include "core/servicebus/OutgoingMessage.h"
#include "ui/messages/BodyFormatter.h"
#include "ui/messages/HexView.h"
#include "ui/messages/MessageInspector.h"
#include "ui/messages/MessagePropertyTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSyntaxHighlighter>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

using namespace busbar;

namespace {

ServiceBusMessage messageWith(const QByteArray& body, const QString& contentType = {}) {
    OutgoingMessage out;
    out.body = body;
    out.contentType = contentType;
    out.messageId = QStringLiteral("id-7");
    out.subject = QStringLiteral("invoice");
    out.setApplicationProperty(QStringLiteral("count"), qint32(3));
    out.setApplicationProperty(QStringLiteral("flag"), true);
    ServiceBusMessage m = ServiceBusMessage::fromAmqp(out.toAmqp(), body.size() + 60);
    m.sequenceNumber = 7;
    m.deadLetterReason = QStringLiteral("ValidationFailed");
    m.deadLetterDescription = QStringLiteral("Total mismatch");
    return m;
}

// Whether some text of the document carries a format from the highlighter.
bool hasHighlighting(QPlainTextEdit* edit) {
    for (QTextBlock block = edit->document()->begin(); block.isValid(); block = block.next()) {
        if (!block.layout()->formats().isEmpty()) {
            return true;
        }
    }
    return false;
}

} // namespace

class tst_MessageInspector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectsBodyKinds_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<int>("kind");
        QTest::newRow("json by content")
            << QByteArray(R"( {"a":1})") << QString() << int(BodyKind::Json);
        QTest::newRow("json array") << QByteArray("[1,2]") << QString() << int(BodyKind::Json);
        QTest::newRow("json by type")
            << QByteArray("{broken") << QStringLiteral("application/json") << int(BodyKind::Json);
        QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><a b=\"1\"/>") << QString()
                             << int(BodyKind::Xml);
        QTest::newRow("xml by type")
            << QByteArray("<a>") << QStringLiteral("text/xml") << int(BodyKind::Xml);
        QTest::newRow("text") << QByteArray("hello {world}") << QString() << int(BodyKind::Text);
        QTest::newRow("not quite json") << QByteArray("{nope") << QString() << int(BodyKind::Text);
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << QString()
                                << int(BodyKind::Binary);
        QTest::newRow("bad utf8") << QByteArray("abc\xff\xfe") << QString()
                                  << int(BodyKind::Binary);
        QTest::newRow("empty") << QByteArray() << QString() << int(BodyKind::Empty);
    }
    void detectsBodyKinds() {
        QFETCH(QByteArray, body);
        QFETCH(QString, contentType);
        QFETCH(int, kind);
        QCOMPARE(int(BodyFormatter::detect(body, contentType)), kind);
    }

    void prettyPrintsAndHighlightsJson() {
        MessageInspector inspector;
        inspector.setMessage(messageWith(R"({"order":42,"lines":[{"sku":"a"}],"ok":true})"));
        QCOMPARE(inspector.bodyKind(), BodyKind::Json);
        const QString text = inspector.displayedText();
        QVERIFY2(text.contains(QStringLiteral("\n    \"order\": 42")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\"sku\": \"a\"")));
        auto* edit = inspector.findChild<QPlainTextEdit*>(QStringLiteral("bodyText"));
        QVERIFY(edit);
        QVERIFY(edit->isVisibleTo(&inspector));
        QVERIFY(hasHighlighting(edit));
        QVERIFY(inspector.findChild<QSyntaxHighlighter*>());

        // Raw shows the bytes as they came.
        inspector.findChild<QToolButton*>(QStringLiteral("rawToggle"))->click();
        QCOMPARE(inspector.displayedText(),
                 QStringLiteral(R"({"order":42,"lines":[{"sku":"a"}],"ok":true})"));
        inspector.setRaw(false);
        QVERIFY(inspector.displayedText().contains(QStringLiteral("\n    \"order\": 42")));
    }

    void prettyPrintsXml() {
        MessageInspector inspector;
        inspector.setMessage(messageWith("<invoice id=\"9\"><line qty=\"2\">pen</line></invoice>"));
        QCOMPARE(inspector.bodyKind(), BodyKind::Xml);
        const QString text = inspector.displayedText();
        QVERIFY2(text.contains(QStringLiteral("<invoice id=\"9\">\n  <line qty=\"2\">pen</line>")),
                 qPrintable(text));
        QVERIFY(hasHighlighting(inspector.findChild<QPlainTextEdit*>(QStringLiteral("bodyText"))));
    }

    void showsBinaryInHex() {
        MessageInspector inspector;
        inspector.resize(800, 600);
        QByteArray body("\x00\x01\x02\x03Hello, hex!\xff\xfe", 17);
        inspector.setMessage(messageWith(body));
        QCOMPARE(inspector.bodyKind(), BodyKind::Binary);
        HexView* hex = inspector.hexView();
        QVERIFY(hex->isVisibleTo(&inspector));
        QCOMPARE(hex->rowCount(), 2);
        QCOMPARE(hex->rowText(0),
                 QStringLiteral("00000000  00 01 02 03 48 65 6c 6c  6f 2c 20 68 65 78 21 ff  "
                                "....Hello, hex!."));
        QVERIFY(hex->rowText(1).startsWith(QStringLiteral("00000010  fe ")));
        QVERIFY(hex->rowText(1).endsWith(QStringLiteral(".")));
        // A text body can be shown in hex too.
        inspector.setMessage(messageWith("plain text"));
        QVERIFY(!hex->isVisibleTo(&inspector));
        inspector.findChild<QToolButton*>(QStringLiteral("hexToggle"))->click();
        QVERIFY(hex->isVisibleTo(&inspector));
    }

    void largeBodiesPreviewFirstAndHexPaintsOnlyVisibleRows() {
        MessageInspector inspector;
        inspector.resize(900, 500);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        QByteArray big(10 * 1024 * 1024, 'a');
        big[0] = '\x01'; // binary
        inspector.setMessage(messageWith(big));
        HexView* hex = inspector.hexView();
        QCOMPARE(hex->rowCount(), qint64(big.size() / 16));
        hex->verticalScrollBar()->setValue(hex->verticalScrollBar()->maximum() / 2);
        hex->viewport()->repaint();
        QVERIFY(hex->lastPaintedRows() > 0);
        QVERIFY(hex->lastPaintedRows() < 200);
        QVERIFY(hex->firstVisibleRow() > 100000);

        // Text past 64 KB: the first 64 KB until "Show all".
        QByteArray json = "[";
        while (json.size() < 200 * 1024) {
            json += "{\"k\":\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\"},";
        }
        json += "1]";
        inspector.setMessage(messageWith(json));
        QVERIFY(inspector.isTruncated());
        QCOMPARE(inspector.displayedText().toUtf8().size(), MessageInspector::kPreviewBytes);
        auto* showAll = inspector.findChild<QToolButton*>(QStringLiteral("showAllBody"));
        QVERIFY(showAll->isVisible());
        showAll->click();
        QVERIFY(!inspector.isTruncated());
        QVERIFY(inspector.displayedText().size() > json.size()); // pretty printed, all of it
        QVERIFY(!showAll->isVisible());
    }

    void listsPropertiesWithTypes() {
        MessageInspector inspector;
        inspector.setMessage(messageWith("{}"));
        auto* app =
            inspector.findChild<MessagePropertyTable*>(QStringLiteral("applicationProperties"));
        QVERIFY(app);
        QCOMPARE(app->rowCount(), 2);
        QCOMPARE(app->item(0, 0)->text(), QStringLiteral("count"));
        QCOMPARE(app->item(0, 1)->text(), QStringLiteral("int"));
        QCOMPARE(app->item(0, 2)->text(), QStringLiteral("3"));
        QCOMPARE(app->item(1, 1)->text(), QStringLiteral("boolean"));
        auto* system =
            inspector.findChild<MessagePropertyTable*>(QStringLiteral("systemProperties"));
        QCOMPARE(system->valueOf(QStringLiteral("MessageId")), QStringLiteral("id-7"));
        QCOMPARE(system->valueOf(QStringLiteral("Subject")), QStringLiteral("invoice"));
        QCOMPARE(system->valueOf(QStringLiteral("SequenceNumber")), QStringLiteral("7"));
        QCOMPARE(system->valueOf(QStringLiteral("DeadLetterReason")),
                 QStringLiteral("ValidationFailed"));
        auto* header = inspector.findChild<QLabel*>(QStringLiteral("inspectorHeader"));
        QVERIFY(header->isVisibleTo(&inspector));
        QVERIFY(header->text().contains(QStringLiteral("Total mismatch")));
    }

    void savesBodyAndJsonWithBase64ForBinary() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MessageInspector inspector;
        const QByteArray body("\x00\xff\x10 binary", 10);
        inspector.setMessage(messageWith(body));
        QVERIFY(inspector.saveBodyTo(dir.filePath(QStringLiteral("body.bin"))));
        QFile saved(dir.filePath(QStringLiteral("body.bin")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), body);

        QVERIFY(inspector.saveJsonTo(dir.filePath(QStringLiteral("m.json"))));
        QFile json(dir.filePath(QStringLiteral("m.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject object = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(object.value(QStringLiteral("bodyEncoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(object.value(QStringLiteral("body")).toString().toLatin1()),
                 body);
        const QJsonObject system = object.value(QStringLiteral("systemProperties")).toObject();
        QCOMPARE(system.value(QStringLiteral("messageId")).toString(), QStringLiteral("id-7"));
        QCOMPARE(system.value(QStringLiteral("deadLetterReason")).toString(),
                 QStringLiteral("ValidationFailed"));
        const QJsonArray app = object.value(QStringLiteral("applicationProperties")).toArray();
        QCOMPARE(app.size(), 2);
        QCOMPARE(app.at(0).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("int"));
        QCOMPARE(app.at(0).toObject().value(QStringLiteral("value")).toInt(), 3);

        inspector.setMessage(messageWith("{\"a\":1}"));
        QVERIFY(inspector.saveJsonTo(dir.filePath(QStringLiteral("t.json"))));
        QFile text(dir.filePath(QStringLiteral("t.json")));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QJsonObject textObject = QJsonDocument::fromJson(text.readAll()).object();
        QCOMPARE(textObject.value(QStringLiteral("bodyEncoding")).toString(),
                 QStringLiteral("utf8"));
        QCOMPARE(textObject.value(QStringLiteral("body")).toString(), QStringLiteral("{\"a\":1}"));
    }

    void everyInteractiveWidgetIsNamed() {
        MessageInspector inspector;
        for (QWidget* child : inspector.findChildren<QWidget*>()) {
            if (qobject_cast<QToolButton*>(child) && child->parent() != nullptr &&
                !child->parent()->inherits("QTabBar") && !child->parent()->inherits("QTabWidget")) {
                QVERIFY2(!child->objectName().isEmpty(), child->metaObject()->className());
            }
        }
    }
};

QTEST_MAIN(tst_MessageInspector)
#include "tst_MessageInspector.moc"
