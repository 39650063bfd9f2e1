// Malformed $management bodies (wrong types, missing keys, no map at all) must answer 400
// with a description naming the problem, never crash or pass as a 200/500, and the
// connection must stay usable for the next request.
#include "emulator/server/EmulatorServer.h"

#include <QTest>

#include <proton/types.hpp>

#include <functional>
#include <map>
#include <vector>

#include "EmulatorTestSupport.h"

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::test;

namespace {

using Body = std::map<std::string, proton::value>;

const QString kQueue = QStringLiteral("q1");
const QString kSessions = QStringLiteral("sessions");
const QString kSubscription = QStringLiteral("t1/Subscriptions/s1");

struct BadRequest {
    const char* tag;
    QString entity;
    const char* operation;
    std::function<proton::value()> body;
    QString namedInDescription; // a fragment the statusDescription must carry
};

std::vector<proton::uuid> oneToken() {
    return {proton::uuid::random()};
}

const std::vector<BadRequest>& badRequests() {
    static const std::vector<BadRequest> cases{
        {"peek from-sequence-number as a string", kQueue, "com.microsoft:peek-message",
         [] {
             return proton::value(Body{{"from-sequence-number", proton::value(std::string("1"))},
                                       {"message-count", proton::value(int32_t(1))}});
         },
         QStringLiteral("from-sequence-number")},
        {"peek message-count missing", kQueue, "com.microsoft:peek-message",
         [] {
             return proton::value(Body{{"from-sequence-number", proton::value(int64_t(1))}});
         },
         QStringLiteral("message-count")},
        {"peek body is a string", kQueue, "com.microsoft:peek-message",
         [] { return proton::value(std::string("from-sequence-number=1")); },
         QStringLiteral("from-sequence-number")},
        {"peek body is a list", kQueue, "com.microsoft:peek-message",
         [] {
             return proton::value(
                 std::vector<proton::value>{proton::value(int64_t(1)), proton::value(int32_t(1))});
         },
         QStringLiteral("from-sequence-number")},
        {"peek without a body", kQueue, "com.microsoft:peek-message",
         [] { return proton::value(); }, QStringLiteral("from-sequence-number")},
        {"renew-lock lock-tokens not an array", kQueue, "com.microsoft:renew-lock",
         [] {
             return proton::value(
                 Body{{"lock-tokens", proton::value(std::string("not-a-lock-token"))}});
         },
         QStringLiteral("lock-tokens")},
        {"update-disposition unknown status", kQueue, "com.microsoft:update-disposition",
         [] {
             return proton::value(
                 Body{{"disposition-status", proton::value(std::string("exploded"))},
                      {"lock-tokens", proton::value(oneToken())}});
         },
         QStringLiteral("exploded")},
        {"receive-by-sequence-number numbers as a string", kQueue,
         "com.microsoft:receive-by-sequence-number",
         [] {
             return proton::value(Body{{"sequence-numbers", proton::value(std::string("1,2"))},
                                       {"receiver-settle-mode", proton::value(uint32_t(1))}});
         },
         QStringLiteral("sequence-numbers")},
        {"receive-by-sequence-number numbers as strings", kQueue,
         "com.microsoft:receive-by-sequence-number",
         [] {
             return proton::value(
                 Body{{"sequence-numbers", proton::value(std::vector<std::string>{"1", "2"})}});
         },
         QStringLiteral("sequence-numbers")},
        {"schedule-message with bytes that are not AMQP", kQueue, "com.microsoft:schedule-message",
         [] {
             const std::string garbage = "this is not an AMQP message";
             Body entry{{"message", proton::value(proton::binary(garbage))},
                        {"message-id", proton::value(std::string("m-1"))}};
             return proton::value(Body{
                 {"messages", proton::value(std::vector<proton::value>{proton::value(entry)})}});
         },
         QStringLiteral("message")},
        {"add-rule with an invalid SQL expression", kSubscription, "com.microsoft:add-rule",
         [] {
             Body sql{{"expression", proton::value(std::string("color = = 'red' AND ((("))}};
             Body description{{"sql-filter", proton::value(sql)}};
             return proton::value(Body{{"rule-name", proton::value(std::string("broken"))},
                                       {"rule-description", proton::value(description)}});
         },
         QStringLiteral("expected an expression")},
        {"set-session-state with a number as state", kSessions, "com.microsoft:set-session-state",
         [] {
             return proton::value(Body{{"session-id", proton::value(std::string("s-1"))},
                                       {"session-state", proton::value(int32_t(42))}});
         },
         QStringLiteral("session-state")},
    };
    return cases;
}

EmulatorConfig configWithSubscription() {
    EmulatorConfig config = testConfig();
    TopicConfig topic;
    topic.description.name = QStringLiteral("t1");
    SubscriptionConfig subscription;
    subscription.description.topicName = QStringLiteral("t1");
    subscription.description.name = QStringLiteral("s1");
    topic.subscriptions.append(subscription);
    config.namespaces.first().topics.append(topic);
    return config;
}

} // namespace

class tst_ManagementBadInput : public QObject {
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
        options.config = configWithSubscription();
        options.inMemory = true;
        options.amqpPort = 0;
        options.httpPort = -1;
        QVERIFY(m_server->start(options));
        m_client = tcpClient(m_server->amqpPort());
        QTRY_VERIFY(m_client->isOpen());
        authorize(kQueue);
        authorize(kSessions);
        authorize(kSubscription);
        QTRY_COMPARE(m_client->cbsStatusCodes(), (QList<int>{202, 202, 202}));
    }
    void cleanup() {
        m_client.reset();
        m_server.reset();
    }

    void malformedBodyIsABadRequest_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < badRequests().size(); ++i) {
            QTest::newRow(badRequests()[i].tag) << int(i);
        }
    }
    void malformedBodyIsABadRequest() {
        QFETCH(int, index);
        const BadRequest& bad = badRequests().at(size_t(index));

        m_client->request(bad.entity, QString::fromLatin1(bad.operation), bad.body(),
                          proton::message_id(std::string("bad")));
        QTRY_COMPARE(m_client->responses(bad.entity).size(), 1);
        const TestAmqpClient::Response response = m_client->responses(bad.entity).first();
        QCOMPARE(response.statusCode, 400);
        QVERIFY2(response.errorCondition == QLatin1String("com.microsoft:argument-error") ||
                     response.errorCondition == QLatin1String("amqp:decode-error"),
                 qPrintable(response.errorCondition));
        QVERIFY2(response.statusDescription.contains(bad.namedInDescription, Qt::CaseInsensitive),
                 qPrintable(response.statusDescription));
        QCOMPARE(proton::get<std::string>(response.message.correlation_id()), std::string("bad"));

        // The link and the connection survive: a valid peek on the queue still answers.
        m_client->request(kQueue, QStringLiteral("com.microsoft:peek-message"),
                          proton::value(Body{{"from-sequence-number", proton::value(int64_t(1))},
                                             {"message-count", proton::value(int32_t(1))}}),
                          proton::message_id(std::string("after")));
        const int expected = bad.entity == kQueue ? 2 : 1;
        QTRY_COMPARE(m_client->responses(kQueue).size(), expected);
        const TestAmqpClient::Response after = m_client->responses(kQueue).last();
        QCOMPARE(proton::get<std::string>(after.message.correlation_id()), std::string("after"));
        QCOMPARE(after.statusCode, 204);
        QVERIFY(m_client->isOpen());
        QCOMPARE(m_server->connectionCount(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ManagementBadInput)
#include "tst_ManagementBadInput.moc"
