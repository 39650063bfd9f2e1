// ComposeDialog against the in-process emulator: what the form says arrives, field for field
// and byte for byte; copies follow the id pattern; a bad JSON body is explained inline and
// keeps Send disabled; a failed send shows in the banner; templates load back.
#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/client/ClientTestSupport.h"
#include "ui/send/ApplicationPropertiesTable.h"
#include "ui/send/ComposeDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

class tst_ComposeDialog : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;

    template <typename T>
    static T* child(QWidget* dialog, const char* name) {
        auto* widget = dialog->findChild<T*>(QLatin1String(name));
        if (widget == nullptr) {
            qFatal("no child %s", name);
        }
        return widget;
    }

    static void type(QWidget* dialog, const char* name, const QString& text) {
        child<QLineEdit>(dialog, name)->setText(text);
    }

    QList<ServiceBusMessage> peekAll(const QString& queue) {
        const auto peeked = await(m_client->peek(queue, SubQueue::None, 0, 100));
        if (!peeked) {
            qWarning() << describe(peeked.error());
            return {};
        }
        return *peeked;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = clientTestConfig();
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(describe(endpoints.error())));
        auto connection = ConnectionString::parse(endpoints->connectionString);
        QVERIFY(connection);
        NamespaceConnectionOptions clientOptions;
        clientOptions.connectionString = *connection;
        m_client = std::make_unique<AmqpServiceBusClient>(clientOptions);
        m_client->setOperationTimeout(10s);
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void sendsEveryFieldAndTheBodyArrives() {
        ComposeDialog dialog(m_client.get(), {QStringLiteral("basic"), QStringLiteral("props")});
        dialog.setTarget(QStringLiteral("props"));
        child<QComboBox>(&dialog, "bodyMode")->setCurrentIndex(int(BodyMode::Json));
        const QString body = QStringLiteral("{\"order\": 17, \"name\": \"Zoë\"}");
        child<QPlainTextEdit>(&dialog, "body")->setPlainText(body);
        QCOMPARE(child<QLineEdit>(&dialog, "contentType")->text(),
                 QStringLiteral("application/json")); // suggested by the mode
        type(&dialog, "messageId", QStringLiteral("msg-1"));
        type(&dialog, "correlationId", QStringLiteral("corr-1"));
        type(&dialog, "subject", QStringLiteral("created"));
        type(&dialog, "to", QStringLiteral("billing"));
        type(&dialog, "replyTo", QStringLiteral("replies"));
        type(&dialog, "replyToSessionId", QStringLiteral("reply-session"));
        type(&dialog, "timeToLive", QStringLiteral("1h"));
        auto* table = child<ApplicationPropertiesTable>(&dialog, "applicationProperties");
        table->addProperty({QStringLiteral("count"), PropertyType::Long, QStringLiteral("5")});
        table->addProperty({QStringLiteral("vip"), PropertyType::Bool, QStringLiteral("true")});

        auto* send = child<QPushButton>(&dialog, "send");
        QVERIFY(send->isEnabled());
        QSignalSpy sent(&dialog, &ComposeDialog::sent);
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(!send->isEnabled()); // no double send while one is in flight
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 15000);
        QCOMPARE(sent.first().at(0).toString(), QStringLiteral("props"));
        QCOMPARE(sent.first().at(1).toInt(), 1);
        QVERIFY(child<QLabel>(&dialog, "status")->text().contains(QStringLiteral("Sent 1")));
        QVERIFY(child<QLabel>(&dialog, "banner")->isHidden());
        QVERIFY(send->isEnabled());

        const auto messages = peekAll(QStringLiteral("props"));
        QCOMPARE(messages.size(), 1);
        const AmqpMessage& m = messages.first().amqp;
        QCOMPARE(m.dataPayload(), body.toUtf8());
        QCOMPARE(amqpIdToText(m.properties.messageId), QStringLiteral("msg-1"));
        QCOMPARE(amqpIdToText(m.properties.correlationId), QStringLiteral("corr-1"));
        QCOMPARE(m.properties.subject, QStringLiteral("created"));
        QCOMPARE(m.properties.to, QStringLiteral("billing"));
        QCOMPARE(m.properties.replyTo, QStringLiteral("replies"));
        QCOMPARE(m.properties.replyToGroupId, QStringLiteral("reply-session"));
        QCOMPARE(m.properties.contentType, QByteArray("application/json"));
        QCOMPARE(m.header.ttlMs, std::optional<quint32>(3'600'000));
        QCOMPARE(m.applicationProperty(QStringLiteral("count")), QVariant::fromValue(qint64(5)));
        QCOMPARE(m.applicationProperty(QStringLiteral("vip")), QVariant(true));
    }

    void copiesFollowTheIdPattern() {
        ComposeDialog dialog(m_client.get(), {QStringLiteral("batch")});
        child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("same body"));
        child<QRadioButton>(&dialog, "sendCopies")->setChecked(true);
        child<QSpinBox>(&dialog, "copies")->setValue(4);
        type(&dialog, "idPattern", QStringLiteral("order-{n}"));
        QSignalSpy sent(&dialog, &ComposeDialog::sent);
        QTest::mouseClick(child<QPushButton>(&dialog, "send"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 15000);
        QCOMPARE(sent.first().at(1).toInt(), 4);

        const auto messages = peekAll(QStringLiteral("batch"));
        QCOMPARE(messages.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(messages.at(i).messageId(), QStringLiteral("order-%1").arg(i + 1));
            QCOMPARE(messages.at(i).amqp.dataPayload(), QByteArray("same body"));
        }
    }

    void schedulesAndSetsTheSession() {
        ComposeDialog dialog(m_client.get(),
                             {QStringLiteral("schedule"), QStringLiteral("sessions")});
        child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("later"));
        child<QCheckBox>(&dialog, "scheduleEnabled")->setChecked(true);
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(3600);
        child<QDateTimeEdit>(&dialog, "scheduledEnqueueTime")->setDateTime(at.toLocalTime());
        QSignalSpy sent(&dialog, &ComposeDialog::sent);
        QTest::mouseClick(child<QPushButton>(&dialog, "send"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 15000);
        auto messages = peekAll(QStringLiteral("schedule"));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().state, MessageState::Scheduled);
        QVERIFY(messages.first().scheduledEnqueueTime.has_value());
        // The editor shows whole seconds.
        QVERIFY(qAbs(messages.first().scheduledEnqueueTime->secsTo(at)) <= 1);

        dialog.setTarget(QStringLiteral("sessions"));
        child<QCheckBox>(&dialog, "scheduleEnabled")->setChecked(false);
        type(&dialog, "sessionId", QStringLiteral("s-1"));
        type(&dialog, "partitionKey", QStringLiteral("s-1"));
        QTest::mouseClick(child<QPushButton>(&dialog, "send"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 2, 15000);
        QCOMPARE(sent.last().at(0).toString(), QStringLiteral("sessions"));
        const auto peeked = await(m_client->peek(QStringLiteral("sessions"), SubQueue::None, 0, 10,
                                                 QStringLiteral("s-1")));
        QVERIFY2(peeked, peeked ? "" : qPrintable(describe(peeked.error())));
        QCOMPARE(peeked->size(), 1);
        QCOMPARE(peeked->first().sessionId, QStringLiteral("s-1"));
        QCOMPARE(peeked->first().amqp.dataPayload(), QByteArray("later"));
    }

    void oneMessagePerFileOfAFolder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray binary("\x00\xff\x10 bytes", 9);
        for (const auto& [name, bytes] : {std::pair{QStringLiteral("1.bin"), binary},
                                          std::pair{QStringLiteral("2.txt"), QByteArray("two")}}) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        ComposeDialog dialog(m_client.get(), {QStringLiteral("defer")});
        child<QRadioButton>(&dialog, "sendFolder")->setChecked(true);
        QVERIFY(!child<QPushButton>(&dialog, "send")->isEnabled()); // no folder yet
        type(&dialog, "folder", dir.path());
        QSignalSpy sent(&dialog, &ComposeDialog::sent);
        QTest::mouseClick(child<QPushButton>(&dialog, "send"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 15000);
        QCOMPARE(sent.first().at(1).toInt(), 2);
        const auto messages = peekAll(QStringLiteral("defer"));
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).messageId(), QStringLiteral("1.bin"));
        QCOMPARE(messages.at(0).amqp.dataPayload(), binary);
        QCOMPARE(messages.at(1).amqp.dataPayload(), QByteArray("two"));
    }

    void invalidJsonIsExplainedAndDisablesSend() {
        ComposeDialog dialog(m_client.get(), {QStringLiteral("basic")});
        dialog.show();
        child<QComboBox>(&dialog, "bodyMode")->setCurrentIndex(int(BodyMode::Json));
        auto* body = child<QPlainTextEdit>(&dialog, "body");
        auto* send = child<QPushButton>(&dialog, "send");
        auto* error = child<QLabel>(&dialog, "bodyError");
        body->setPlainText(QStringLiteral("{\"a\": 1}"));
        QVERIFY(send->isEnabled());
        QVERIFY(!error->isVisible());

        body->setPlainText(QStringLiteral("{\n  \"a\": 1,\n  \"b\": }"));
        QVERIFY(!send->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("line 3")), qPrintable(error->text()));
        QVERIFY(child<QLabel>(&dialog, "banner")->isVisible());

        body->setPlainText(QStringLiteral("{\"b\": 2}"));
        QVERIFY(send->isEnabled());
        QVERIFY(!error->isVisible());

        // A property that does not parse as its type is explained before anything is sent.
        child<ApplicationPropertiesTable>(&dialog, "applicationProperties")
            ->addProperty({QStringLiteral("n"), PropertyType::Int, QStringLiteral("many")});
        QVERIFY(!send->isEnabled());
        QVERIFY(child<QLabel>(&dialog, "banner")->text().contains(QStringLiteral("'n'")));
    }

    void aFailedSendShowsInTheBanner() {
        ComposeDialog dialog(m_client.get(), {QStringLiteral("no-such-queue")});
        dialog.show();
        child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("x"));
        QSignalSpy failed(&dialog, &ComposeDialog::sendFailed);
        QSignalSpy sent(&dialog, &ComposeDialog::sent);
        QTest::mouseClick(child<QPushButton>(&dialog, "send"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
        QCOMPARE(sent.count(), 0);
        auto* banner = child<QLabel>(&dialog, "banner");
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->text(), failed.first().at(0).toString());
        QVERIFY(!banner->text().isEmpty());
    }

    void templatesSaveAndLoadBack() {
        QTemporaryDir dir;
        ComposeDialog dialog(m_client.get(), {QStringLiteral("basic")});
        dialog.setTemplates(ComposeTemplates(dir.path()));
        child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("template body"));
        type(&dialog, "subject", QStringLiteral("tmpl"));
        child<ApplicationPropertiesTable>(&dialog, "applicationProperties")
            ->addProperty({QStringLiteral("k"), PropertyType::Double, QStringLiteral("2.5")});
        auto* names = child<QComboBox>(&dialog, "templates");
        names->setCurrentText(QStringLiteral("greeting"));
        QTest::mouseClick(child<QPushButton>(&dialog, "saveTemplate"), Qt::LeftButton);
        QCOMPARE(names->findText(QStringLiteral("greeting")), 0);

        ComposeDialog other(m_client.get(), {QStringLiteral("basic")});
        other.setTemplates(ComposeTemplates(dir.path()));
        auto* otherNames = child<QComboBox>(&other, "templates");
        otherNames->setCurrentText(QStringLiteral("greeting"));
        QTest::mouseClick(child<QPushButton>(&other, "loadTemplate"), Qt::LeftButton);
        QCOMPARE(child<QPlainTextEdit>(&other, "body")->toPlainText(),
                 QStringLiteral("template body"));
        QCOMPARE(child<QLineEdit>(&other, "subject")->text(), QStringLiteral("tmpl"));
        const auto properties = other.form().properties;
        QCOMPARE(properties.size(), 1);
        QCOMPARE(properties.first().type, PropertyType::Double);
        QCOMPARE(properties.first().value, QStringLiteral("2.5"));
    }
};

QTEST_MAIN(tst_ComposeDialog)
#include "tst_ComposeDialog.moc"
