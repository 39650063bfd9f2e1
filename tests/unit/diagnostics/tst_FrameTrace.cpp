#include "core/amqp/AmqpDriver.h"
#include "core/amqp/AmqpMessage.h"
#include "core/amqp/ByteTransport.h"
#include "core/diagnostics/FrameTrace.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QPointer>
#include <QTest>

#include <proton/connection.hpp>
#include <proton/connection_options.hpp>
#include <proton/delivery.hpp>
#include <proton/message.hpp>
#include <proton/messaging_handler.hpp>
#include <proton/receiver.hpp>
#include <proton/receiver_options.hpp>
#include <proton/sender.hpp>
#include <proton/tracker.hpp>

#include <memory>

using namespace busbar;

namespace {

// The secrets a CBS put-token and a pasted connection string would carry.
const QString kKey = QStringLiteral("c2VjcmV0LWtleS1ub3QtdG8tc2hvdy0xMjM0NTY3ODk=");
const QString kSignature = QStringLiteral("Zm9vYmFyU2lnbmF0dXJlVmFsdWU%3D");
QString sasToken() {
    return QStringLiteral("SharedAccessSignature sr=sb%3A%2F%2Flocalhost%2Fq&sig=") + kSignature +
           QStringLiteral("&se=1999999999&skn=RootManageSharedAccessKey");
}
QString connectionString() {
    return QStringLiteral("Endpoint=sb://localhost/;SharedAccessKeyName=Root;SharedAccessKey=") +
           kKey;
}

// One end of an in-memory byte pipe: what one end writes, the other reads (on the next
// event-loop turn, as a socket would deliver it).
class PipeEnd final : public ByteTransport {
    Q_OBJECT
public:
    QPointer<PipeEnd> peer;
    QByteArray input;

    bool isReady() const override { return true; }
    qint64 bytesAvailable() const override { return input.size(); }
    qint64 read(char* data, qint64 maxSize) override {
        const qint64 n = std::min<qint64>(maxSize, input.size());
        std::memcpy(data, input.constData(), size_t(n));
        input.remove(0, n);
        return n;
    }
    void write(const char* data, qint64 size) override {
        if (peer) {
            peer->input.append(data, size);
            QMetaObject::invokeMethod(peer, &ByteTransport::readyRead, Qt::QueuedConnection);
        }
    }
    void close() override { abort(); }
    void abort() override {
        if (peer) {
            QMetaObject::invokeMethod(peer, &ByteTransport::disconnected, Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(this, &ByteTransport::disconnected, Qt::QueuedConnection);
    }
    QString peerDescription() const override { return QStringLiteral("pipe"); }
    QString errorString() const override { return {}; }
};

// Client: opens a $cbs sender and sends a put-token request carrying a SAS token (body) and a
// connection string (application property), as the CBS exchange would.
class CbsClient final : public proton::messaging_handler {
public:
    bool accepted = false;
    void on_connection_open(proton::connection& c) override { c.open_sender("$cbs"); }
    void on_sendable(proton::sender& s) override {
        if (m_sent) {
            return;
        }
        m_sent = true;
        proton::message m;
        m.reply_to("cbs-reply");
        m.properties().put("operation", "put-token");
        m.properties().put("type", "servicebus.windows.net:sastoken");
        m.properties().put("name", "sb://localhost/q");
        m.properties().put("note", connectionString().toStdString());
        m.body(sasToken().toStdString());
        s.send(m);
    }
    void on_tracker_accept(proton::tracker&) override { accepted = true; }
    void on_error(const proton::error_condition&) override {}

private:
    bool m_sent = false;
};

class CbsServer final : public proton::messaging_handler {
public:
    void on_connection_open(proton::connection& c) override {
        if (c.uninitialized()) {
            c.open();
        }
    }
    void on_receiver_open(proton::receiver& r) override {
        if (r.uninitialized()) {
            r.open();
        }
    }
    void on_message(proton::delivery& d, proton::message&) override { d.accept(); }
    void on_error(const proton::error_condition&) override {}
};

struct Pair {
    CbsClient client;
    CbsServer server;
    std::unique_ptr<AmqpDriver> clientDriver;
    std::unique_ptr<AmqpDriver> serverDriver;

    explicit Pair(const std::shared_ptr<FrameTrace>& trace) {
        auto clientEnd = std::make_unique<PipeEnd>();
        auto serverEnd = std::make_unique<PipeEnd>();
        clientEnd->peer = serverEnd.get();
        serverEnd->peer = clientEnd.get();
        clientDriver = std::make_unique<AmqpDriver>(std::move(clientEnd), QStringLiteral("c"));
        serverDriver = std::make_unique<AmqpDriver>(std::move(serverEnd), QStringLiteral("s"));
        clientDriver->setFrameTrace(trace, QStringLiteral("localhost"));
        const auto sasl = [](proton::connection_options o) {
            return o.sasl_enabled(true).sasl_allowed_mechs("ANONYMOUS");
        };
        serverDriver->accept(sasl(proton::connection_options().handler(server)));
        clientDriver->connect(sasl(proton::connection_options().handler(client)));
    }
};

QStringList g_messages;
QMutex g_messagesMutex;
void captureMessages(QtMsgType, const QMessageLogContext&, const QString& message) {
    const QMutexLocker lock(&g_messagesMutex);
    g_messages.append(message);
}

void verifyNoSecret(const QStringList& lines) {
    for (const QString& line : lines) {
        QVERIFY2(!line.contains(kKey), qPrintable(line));
        QVERIFY2(!line.contains(kSignature), qPrintable(line));
        QVERIFY2(!line.contains(QStringLiteral("sig=Zm9v")), qPrintable(line));
    }
}

} // namespace

class tst_FrameTrace final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void payloadsBecomeTheirSize() {
        // As Proton 0.37 logs a CBS put-token transfer.
        const QString frame =
            QStringLiteral(
                "0 -> @transfer(20) [handle=0x0, delivery-id=0x7, delivery-tag=b\"\\x01]\", "
                "message-format=0x0] (98) \\x00SpE\\x00St\\xd1\\x00operation\\xa1\\x09put-token"
                "\\x00Sw\\xa13") +
            sasToken();
        const QString redacted = FrameTrace::redactFrame(frame);
        QCOMPARE(redacted,
                 QStringLiteral("0 -> @transfer(20) [handle=0x0, delivery-id=0x7, "
                                "delivery-tag=b\"\\x01]\", message-format=0x0] (98 bytes)"));
    }

    void fieldsAndHeadersStayReadable() {
        const QString open = QStringLiteral(
            "0 <- @open(16) [container-id=\"b\", hostname=\"localhost\", channel-max=0x7fff]");
        QCOMPARE(FrameTrace::redactFrame(open), open);
        QCOMPARE(FrameTrace::redactFrame(QStringLiteral("  -> SASL")), QStringLiteral("  -> SASL"));
    }

    void credentialsOutsidePayloadsAreMasked() {
        const QString saslInit = QStringLiteral(
            "0 -> @sasl-init(65) [mechanism=:PLAIN, initial-response=b\"\\x00user\\x00p4ss\"]");
        const QString redacted = FrameTrace::redactFrame(saslInit);
        QVERIFY2(!redacted.contains(QStringLiteral("p4ss")), qPrintable(redacted));
        QVERIFY(redacted.contains(QStringLiteral("mechanism=:PLAIN")));

        const QString close =
            QStringLiteral(
                "0 <- @close(24) [error=@error(29) [condition=:\"amqp:unauthorized-access\", "
                "description=\"bad token ") +
            sasToken() + QStringLiteral(" from ") + connectionString() +
            QStringLiteral(" Authorization: Bearer eyJhbGciOi.abc.def\"]]");
        const QString masked = FrameTrace::redactFrame(close);
        verifyNoSecret({masked});
        QVERIFY2(!masked.contains(QStringLiteral("eyJhbGciOi")), qPrintable(masked));
        QVERIFY(masked.contains(QStringLiteral("amqp:unauthorized-access")));
    }

    void unbalancedFieldsHideEverythingAfterThePerformative() {
        const QString broken =
            QStringLiteral("0 -> @transfer(20) [handle=0x0, delivery-tag=b\"\\x01") + sasToken();
        const QString redacted = FrameTrace::redactFrame(broken);
        QCOMPARE(redacted, QStringLiteral("0 -> @transfer(20) [fields not shown]"));
    }

    void ringKeepsTheNewestLines() {
        FrameTrace trace(3);
        trace.appendFrame(QStringLiteral("h"), QStringLiteral("0 -> @begin(17) [a=1]"));
        QCOMPARE(trace.texts().size(), 0); // off by default
        trace.setEnabled(true);
        for (int i = 1; i <= 5; ++i) {
            trace.appendFrame(QStringLiteral("h"), QStringLiteral("0 -> @flow(19) [n=%1]").arg(i));
        }
        const QStringList texts = trace.texts();
        QCOMPARE(texts.size(), 3);
        QVERIFY(texts.first().endsWith(QStringLiteral("h 0 -> @flow(19) [n=3]")));
        QVERIFY(texts.last().endsWith(QStringLiteral("[n=5]")));
        QCOMPARE(trace.lastSequence(), quint64(5));
        const QList<FrameTrace::Line> newest = trace.linesAfter(4);
        QCOMPARE(newest.size(), 1);
        QCOMPARE(newest.first().sequence, quint64(5));
        QCOMPARE(trace.linesAfter(1).size(), 3); // dropped lines are not returned
        trace.clear();
        QVERIFY(trace.texts().isEmpty());
    }

    void realCbsFramesAreTracedWithoutTheToken() {
        auto trace = std::make_shared<FrameTrace>();
        trace->setEnabled(true);
        Pair pair(trace);
        QTRY_VERIFY(pair.client.accepted);
        const QStringList texts = trace->texts();
        verifyNoSecret(texts);
        const QString all = texts.join(QLatin1Char('\n'));
        QVERIFY2(!all.contains(QStringLiteral("put-token")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("localhost 0 -> @open(16)")));
        QVERIFY(all.contains(QStringLiteral("<- @open(16)")));
        QVERIFY(all.contains(QStringLiteral("@sasl-init(65)")));
        QVERIFY2(all.contains(QRegularExpression(QStringLiteral(
                     "-> @transfer\\(20\\) \\[.*delivery-id=0x0.*\\] \\(\\d+ bytes\\)"))),
                 qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("<- @disposition(21)")));
    }

    void aDisabledTraceRecordsNothing() {
        auto trace = std::make_shared<FrameTrace>();
        Pair pair(trace);
        QTRY_VERIFY(pair.client.accepted);
        QCOMPARE(trace->lastSequence(), quint64(0));
    }

    void theLoggingCategoryGetsRedactedFramesToo() {
        QLoggingCategory::setFilterRules(QStringLiteral("busbar.*=true"));
        g_messages.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessages);
        {
            Pair pair(nullptr); // no trace: the category alone turns frame logging on
            QTRY_VERIFY(pair.client.accepted);
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        const QMutexLocker lock(&g_messagesMutex);
        QVERIFY(g_messages.join(QLatin1Char('\n')).contains(QStringLiteral("-> @transfer(20)")));
        verifyNoSecret(g_messages);
    }
};

QTEST_GUILESS_MAIN(tst_FrameTrace)
#include "tst_FrameTrace.moc"
