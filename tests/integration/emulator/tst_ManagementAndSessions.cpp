// $management request/response and session receive links, through a Proton-C++ client:
// correlation by message-id (type kept), status codes and conditions, encoded peeked
// messages, the session filter echo with locked-until, and the session refusals.
#include "emulator/server/EmulatorServer.h"

#include <QTest>

#include <proton/types.hpp>

#include <map>
#include <vector>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;

namespace {

using Body = std::map<std::string, proton::value>;

constexpr qint64 kUnixEpochTicks = 621355968000000000LL;

Body bodyOf(const TestAmqpClient::Response& response) {
    return proton::get<Body>(response.message.body());
}

} // namespace

class tst_ManagementAndSessions : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<TestAmqpClient> m_client;

    void authorize(const QString& entity) {
        m_client->putToken(QStringLiteral("sb://localhost/") + entity,
                           token(QStringLiteral("sb://localhost/") + entity));
    }

private Q_SLOTS:
    void init() {
        m_server = std::make_unique<EmulatorServer>();
        EmulatorOptions options;
        options.config = testConfig();
        options.inMemory = true;
        options.amqpPort = 0;
        options.httpPort = -1;
        QVERIFY(m_server->start(options));
        m_client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(m_client->isOpen());
        authorize(QStringLiteral("q1"));
        authorize(QStringLiteral("sessions"));
        QTRY_COMPARE(m_client->cbsStatusCodes(), (QList<int>{202, 202}));
    }
    void cleanup() {
        m_client.reset();
        m_server.reset();
    }

    void peekReturnsEncodedMessagesAndKeepsTheIdType() {
        m_client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("first"), QStringLiteral("m-1"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("second"), QStringLiteral("m-2"));
        QTRY_COMPARE(m_client->link(QStringLiteral("s")).outcomes.size(), 2);

        Body request{{"from-sequence-number", proton::value(int64_t(1))},
                     {"message-count", proton::value(int32_t(10))}};
        m_client->request(QStringLiteral("q1"), QStringLiteral("com.microsoft:peek-message"),
                          request, proton::message_id(uint64_t(7)));
        QTRY_COMPARE(m_client->responses(QStringLiteral("q1")).size(), 1);
        const TestAmqpClient::Response response = m_client->responses(QStringLiteral("q1")).first();
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.message.correlation_id().type(), proton::ULONG);
        QCOMPARE(proton::get<uint64_t>(response.message.correlation_id()), uint64_t(7));

        const auto messages =
            proton::get<std::vector<proton::value>>(bodyOf(response).at("messages"));
        QCOMPARE(messages.size(), size_t(2));
        const Body first = proton::get<Body>(messages.front());
        const auto encoded = proton::get<proton::binary>(first.at("message"));
        proton::message peeked;
        peeked.decode(std::vector<char>(encoded.begin(), encoded.end()));
        QCOMPARE(proton::get<std::string>(peeked.id()), std::string("m-1"));
        const proton::value sequence =
            peeked.message_annotations().get(proton::symbol("x-opt-sequence-number"));
        QCOMPARE(proton::coerce<int64_t>(sequence), int64_t(1));
        const proton::value state =
            peeked.message_annotations().get(proton::symbol("x-opt-message-state"));
        QCOMPARE(state.type(), proton::INT);
        QCOMPARE(proton::get<int32_t>(state), 0);
        QVERIFY(peeked.message_annotations().get(proton::symbol("x-opt-locked-until")).empty());
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void peekCanOmitTheBody() {
        m_client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("a large body"),
                       QStringLiteral("m-1"));
        QTRY_COMPARE(m_client->link(QStringLiteral("s")).outcomes.size(), 1);
        Body request{{"from-sequence-number", proton::value(int64_t(1))},
                     {"message-count", proton::value(int32_t(1))},
                     {"omit-message-body", proton::value(true)}};
        m_client->request(QStringLiteral("q1"), QStringLiteral("com.microsoft:peek-message"),
                          request, proton::message_id(std::string("omit")));
        QTRY_COMPARE(m_client->responses(QStringLiteral("q1")).size(), 1);
        const TestAmqpClient::Response response = m_client->responses(QStringLiteral("q1")).first();
        QCOMPARE(response.statusCode, 200);
        const auto messages =
            proton::get<std::vector<proton::value>>(bodyOf(response).at("messages"));
        QCOMPARE(messages.size(), size_t(1));
        const auto encoded =
            proton::get<proton::binary>(proton::get<Body>(messages.front()).at("message"));
        proton::message peeked;
        peeked.decode(std::vector<char>(encoded.begin(), encoded.end()));
        QCOMPARE(proton::get<std::string>(peeked.id()), std::string("m-1"));
        QVERIFY(peeked.body().empty());
    }

    void peekPastTheEndIsNoContent() {
        Body request{{"from-sequence-number", proton::value(int64_t(100))},
                     {"message-count", proton::value(int32_t(5))}};
        m_client->request(QStringLiteral("q1"), QStringLiteral("com.microsoft:peek-message"),
                          request, proton::message_id(std::string("peek-1")));
        QTRY_COMPARE(m_client->responses(QStringLiteral("q1")).size(), 1);
        const TestAmqpClient::Response response = m_client->responses(QStringLiteral("q1")).first();
        QCOMPARE(response.statusCode, 204);
        QCOMPARE(proton::get<std::string>(response.message.correlation_id()),
                 std::string("peek-1"));
    }

    void unknownOperationIsNotImplemented() {
        m_client->request(QStringLiteral("q1"), QStringLiteral("com.microsoft:make-coffee"),
                          proton::value(Body{}), proton::message_id(std::string("x")));
        QTRY_COMPARE(m_client->responses(QStringLiteral("q1")).size(), 1);
        const TestAmqpClient::Response response = m_client->responses(QStringLiteral("q1")).first();
        QCOMPARE(response.statusCode, 501);
        QCOMPARE(response.errorCondition, QStringLiteral("amqp:not-implemented"));
        QVERIFY(response.statusDescription.contains(QStringLiteral("make-coffee")));
    }

    void renewingAnUnknownLockIsLockLost() {
        const std::vector<proton::uuid> tokens{proton::uuid::random()};
        m_client->request(QStringLiteral("q1"), QStringLiteral("com.microsoft:renew-lock"),
                          proton::value(Body{{"lock-tokens", proton::value(tokens)}}),
                          proton::message_id(std::string("renew")));
        QTRY_COMPARE(m_client->responses(QStringLiteral("q1")).size(), 1);
        const TestAmqpClient::Response response = m_client->responses(QStringLiteral("q1")).first();
        QCOMPARE(response.statusCode, 410);
        QCOMPARE(response.errorCondition, QStringLiteral("com.microsoft:message-lock-lost"));
    }

    void sessionFilterIsEchoedWithLockedUntil() {
        m_client->openSender(QStringLiteral("s"), QStringLiteral("sessions"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("for A"), {}, QStringLiteral("A"));
        QTRY_COMPARE(m_client->link(QStringLiteral("s")).outcomes,
                     QStringList{QStringLiteral("accepted")});

        const qint64 nowTicks = QDateTime::currentMSecsSinceEpoch() * 10000 + kUnixEpochTicks;
        m_client->openReceiver(QStringLiteral("r"), QStringLiteral("sessions"), 5, false,
                               QStringLiteral("A"));
        QTRY_VERIFY(m_client->link(QStringLiteral("r")).opened);
        const TestAmqpClient::Link link = m_client->link(QStringLiteral("r"));
        QVERIFY(!link.closed);
        QCOMPARE(link.echoedSessionFilter, std::optional<QString>(QStringLiteral("A")));
        QVERIFY(link.lockedUntilTicks > nowTicks);
        QTRY_COMPARE(m_client->link(QStringLiteral("r")).received.size(), 1);
        QCOMPARE(m_client->link(QStringLiteral("r")).received.first().body,
                 QByteArrayLiteral("for A"));

        // Held by "r": another receiver cannot lock it, and gets no filter echo.
        m_client->openReceiver(QStringLiteral("r2"), QStringLiteral("sessions"), 5, false,
                               QStringLiteral("A"));
        QTRY_VERIFY(m_client->link(QStringLiteral("r2")).closed);
        QCOMPARE(m_client->link(QStringLiteral("r2")).errorCondition,
                 QStringLiteral("com.microsoft:session-cannot-be-locked"));
        QVERIFY(!m_client->link(QStringLiteral("r2")).echoedSessionFilter.has_value());
    }

    void nextAvailableSessionIsEchoed() {
        m_client->openSender(QStringLiteral("s"), QStringLiteral("sessions"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("for B"), {}, QStringLiteral("B"));
        QTRY_COMPARE(m_client->link(QStringLiteral("s")).outcomes,
                     QStringList{QStringLiteral("accepted")});
        m_client->openReceiver(QStringLiteral("r"), QStringLiteral("sessions"), 5, false,
                               QString());
        QTRY_VERIFY(m_client->link(QStringLiteral("r")).opened);
        QCOMPARE(m_client->link(QStringLiteral("r")).echoedSessionFilter,
                 std::optional<QString>(QStringLiteral("B")));
        QTRY_COMPARE(m_client->link(QStringLiteral("r")).received.size(), 1);
    }

    void nextAvailableWithNoSessionTimesOut() {
        m_client->openReceiver(QStringLiteral("r"), QStringLiteral("sessions"), 5, false,
                               QString());
        QTRY_VERIFY(m_client->link(QStringLiteral("r")).closed);
        QCOMPARE(m_client->link(QStringLiteral("r")).errorCondition,
                 QStringLiteral("com.microsoft:timeout"));
    }

    void drainUsesUpTheCreditWhenNothingIsLeft() {
        m_client->openSender(QStringLiteral("s"), QStringLiteral("q1"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("only one"));
        QTRY_COMPARE(m_client->link(QStringLiteral("s")).outcomes.size(), 1);
        m_client->openReceiver(QStringLiteral("r"), QStringLiteral("q1"), 0);
        QTRY_VERIFY(m_client->link(QStringLiteral("r")).opened);
        m_client->drain(QStringLiteral("r"));
        QTRY_VERIFY(m_client->link(QStringLiteral("r")).drained);
        QCOMPARE(m_client->link(QStringLiteral("r")).received.size(), 1);
    }

    void sendingWithoutSessionIdToASessionQueueIsRejected() {
        m_client->openSender(QStringLiteral("s"), QStringLiteral("sessions"));
        m_client->send(QStringLiteral("s"), QByteArrayLiteral("no session"));
        QTRY_COMPARE(m_client->link(QStringLiteral("s")).outcomes.size(), 1);
        QVERIFY(m_client->link(QStringLiteral("s"))
                    .outcomes.first()
                    .startsWith(QStringLiteral("rejected:")));
    }
};

QTEST_GUILESS_MAIN(tst_ManagementAndSessions)
#include "tst_ManagementAndSessions.moc"
