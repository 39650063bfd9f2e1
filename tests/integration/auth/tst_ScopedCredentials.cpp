// Credentials narrower than RootManageSharedAccessKey against the in-process emulator: an
// entity-scoped connection string (EntityPath with a Listen-only key, or a SAS token for one
// entity) still browses and receives that entity's messages; what it may not do fails at
// once with an error that says why (admin calls name the Manage claim); and every management
// request the broker refuses (no Listen claim, no such entity) resolves with a clear error
// instead of hanging until the timeout.
#include "core/admin/AtomAdminClient.h"
#include "core/auth/ConnectionString.h"
#include "core/auth/SasToken.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

#include <functional>
#include <memory>

#include "AuthTestSupport.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

const QString kListenKeyName = QStringLiteral("listen-only");
const QString kListenKey = QStringLiteral("LISTEN_KEY_VALUE");
const QString kSendKeyName = QStringLiteral("send-only");
const QString kSendKey = QStringLiteral("SEND_KEY_VALUE");

OutgoingMessage textMessage(const QString& id) {
    OutgoingMessage m;
    m.body = id.toUtf8();
    m.messageId = id;
    return m;
}

emulator::EmulatorConfig scopedConfig() {
    emulator::NamespaceConfig ns;
    ns.sasRules.append(emulator::SasRule{kListenKeyName, kListenKey, true, false, false});
    ns.sasRules.append(emulator::SasRule{kSendKeyName, kSendKey, false, true, false});
    for (const char* name : {"scoped", "other", "send-target"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        ns.queues.append(queue);
    }
    QueueDescription sessions;
    sessions.name = QStringLiteral("scoped-sessions");
    sessions.requiresSession = true;
    ns.queues.append(sessions);
    emulator::TopicConfig topic;
    topic.description.name = QStringLiteral("events");
    emulator::SubscriptionConfig sub;
    sub.description.topicName = QStringLiteral("events");
    sub.description.name = QStringLiteral("audit");
    topic.subscriptions.append(sub);
    ns.topics.append(topic);
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

using Operation = std::function<QFuture<VoidResult>(AmqpServiceBusClient&, const QString&)>;

// Each management read of the core, reduced to success or failure.
template <typename T>
QFuture<VoidResult> asVoid(QFuture<Result<T>> future) {
    return future.then([](const Result<T>& r) -> VoidResult {
        if (!r) {
            return fail(r.error());
        }
        return {};
    });
}

} // namespace

Q_DECLARE_METATYPE(Operation)

class tst_ScopedCredentials : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    ConnectionString m_root;
    std::unique_ptr<AmqpServiceBusClient> m_direct;

    // The emulator's string with another credential (and EntityPath when given).
    [[nodiscard]] ConnectionString withCredential(const QString& credential,
                                                  const QString& entityPath = {}) const {
        QString text = QStringLiteral("Endpoint=sb://localhost:%1;%2;UseDevelopmentEmulator=true")
                           .arg(m_endpoints.amqpPort)
                           .arg(credential);
        if (!entityPath.isEmpty()) {
            text += QStringLiteral(";EntityPath=") + entityPath;
        }
        return *ConnectionString::parse(text);
    }

    [[nodiscard]] static std::unique_ptr<AmqpServiceBusClient>
    clientFor(const ConnectionString& cs) {
        NamespaceConnectionOptions options;
        options.connectionString = cs;
        auto client = std::make_unique<AmqpServiceBusClient>(options);
        // Longer than any answer takes here, shorter than the test's wait: a request the
        // broker left unanswered would surface as Timeout, which the tests reject.
        client->setOperationTimeout(10s);
        return client;
    }

    [[nodiscard]] QString listenOnly() const {
        return QStringLiteral("SharedAccessKeyName=%1;SharedAccessKey=%2")
            .arg(kListenKeyName, kListenKey);
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = scopedConfig();
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : describe(endpoints.error()).constData());
        m_endpoints = *endpoints;
        QVERIFY(!m_endpoints.adminUrl.isEmpty());
        auto cs = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(cs);
        m_root = *cs;
        m_direct = clientFor(m_root);
        QList<OutgoingMessage> messages;
        for (int i = 0; i < 3; ++i) {
            messages.append(textMessage(QStringLiteral("scoped-%1").arg(i)));
        }
        const auto sent = await(m_direct->send(QStringLiteral("scoped"), messages), kAwaitMs);
        QVERIFY2(sent, sent ? "" : describe(sent.error()).constData());
    }

    void cleanupTestCase() {
        m_direct.reset();
        m_emulator.stop();
    }

    // EntityPath with a Listen-only key: peek and receive the entity, settle what was
    // received; sending is refused with Authorization, at once.
    void entityPathWithListenOnlyKeyBrowsesItsEntity() {
        const ConnectionString cs = withCredential(listenOnly(), QStringLiteral("scoped"));
        QCOMPARE(cs.entityPath(), QStringLiteral("scoped"));
        auto client = clientFor(cs);
        const auto peeked = await(client->peek(cs.entityPath(), SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY2(peeked, peeked ? "" : describe(peeked.error()).constData());
        QCOMPARE(peeked->size(), 3);
        QCOMPARE(peeked->first().messageId(), QStringLiteral("scoped-0"));
        const auto dlq =
            await(client->peek(cs.entityPath(), SubQueue::DeadLetter, 0, 10), kAwaitMs);
        QVERIFY2(dlq, dlq ? "" : describe(dlq.error()).constData());
        QVERIFY(dlq->isEmpty());

        const auto got =
            await(client->receive(cs.entityPath(), SubQueue::None, ReceiveMode::PeekLock, 1, 5s),
                  kAwaitMs);
        QVERIFY2(got, got ? "" : describe(got.error()).constData());
        QCOMPARE(got->size(), 1);
        const auto abandoned =
            await(client->abandon(cs.entityPath(), SubQueue::None, got->first()), kAwaitMs);
        QVERIFY2(abandoned, abandoned ? "" : describe(abandoned.error()).constData());

        const auto sent = await(
            client->send(cs.entityPath(), {textMessage(QStringLiteral("not-allowed"))}), kAwaitMs);
        QVERIFY2(!sent, "a Listen-only key sent a message");
        QVERIFY2(sent.error().code == ErrorCode::Authorization, describe(sent.error()).constData());
        const auto after =
            await(m_direct->peek(QStringLiteral("scoped"), SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY(after);
        QCOMPARE(after->size(), 3);
    }

    // The same string's admin calls: refused, and the error names the missing claim so the
    // UI can say which calls are unavailable instead of failing silently.
    void adminCallsSayTheyNeedManage() {
        ConnectionString cs = withCredential(listenOnly(), QStringLiteral("scoped"));
        cs.setAdminBaseUrl(m_endpoints.adminUrl);
        AdminClientOptions options = AdminClientOptions::fromConnectionString(cs);
        options.timeout = 10s;
        options.maxRetries = 0;
        AtomAdminClient admin(options);
        const auto queue = await(admin.getQueue(QStringLiteral("scoped")), kAwaitMs);
        QVERIFY2(!queue, "a Listen-only key read a queue description");
        QVERIFY2(queue.error().code == ErrorCode::Authentication ||
                     queue.error().code == ErrorCode::Authorization,
                 describe(queue.error()).constData());
        QVERIFY2(queue.error().message.contains(QStringLiteral("Manage")),
                 describe(queue.error()).constData());
        QVERIFY(!queue.error().message.contains(kListenKey));
        const auto queues = await(admin.listQueues(), kAwaitMs);
        QVERIFY(!queues);
        QCOMPARE(queues.error().code, queue.error().code);
    }

    // A SAS token signed for one entity: that entity works; any other is refused by CBS with
    // an error, not a hang.
    void entitySignatureIsLimitedToItsEntity() {
        const QString audience =
            QStringLiteral("sb://localhost:%1/scoped").arg(m_endpoints.amqpPort);
        const QString token = SasToken::sign(audience, kListenKeyName, kListenKey,
                                             QDateTime::currentSecsSinceEpoch() + 3600);
        const ConnectionString cs = withCredential(QStringLiteral("SharedAccessSignature=") + token,
                                                   QStringLiteral("scoped"));
        QVERIFY(cs.usesSharedAccessSignature());
        auto client = clientFor(cs);
        const auto peeked =
            await(client->peek(QStringLiteral("scoped"), SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY2(peeked, peeked ? "" : describe(peeked.error()).constData());
        QCOMPARE(peeked->size(), 3);

        QElapsedTimer clock;
        clock.start();
        const auto other =
            await(client->peek(QStringLiteral("other"), SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY2(!other, "a token for 'scoped' peeked 'other'");
        QVERIFY2(other.error().code == ErrorCode::Authentication ||
                     other.error().code == ErrorCode::Authorization,
                 describe(other.error()).constData());
        QVERIFY2(clock.elapsed() < 5000, QByteArray::number(clock.elapsed()).constData());
        QVERIFY(!other.error().toString().contains(token.section(QStringLiteral("sig="), 1)));
    }

    // Every management read on an entity the broker refuses resolves, quickly, with a clear
    // error: no Listen claim (Send-only key) and an entity that does not exist, for peek,
    // sessions, session state and rules; and the connection still serves the next request.
    void refusedManagementRequestsResolve_data() {
        QTest::addColumn<QString>("credential");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<Operation>("operation");
        QTest::addColumn<QList<ErrorCode>>("expected");
        const Operation peek = [](AmqpServiceBusClient& c, const QString& e) {
            return asVoid(c.peek(e, SubQueue::None, 0, 10));
        };
        const Operation sessions = [](AmqpServiceBusClient& c, const QString& e) {
            return asVoid(c.listSessions(e, QDateTime::fromSecsSinceEpoch(0, Qt::UTC), 0, 10));
        };
        const Operation state = [](AmqpServiceBusClient& c, const QString& e) {
            return asVoid(c.sessionState(e, QStringLiteral("s1")));
        };
        const Operation rules = [](AmqpServiceBusClient& c, const QString& e) {
            return asVoid(c.rules(e, 0, 10));
        };
        const QString root = QStringLiteral("SharedAccessKeyName=%1;SharedAccessKey=%2")
                                 .arg(m_root.keyName(), m_root.key());
        const QString sendOnly =
            QStringLiteral("SharedAccessKeyName=%1;SharedAccessKey=%2").arg(kSendKeyName, kSendKey);
        const QList<ErrorCode> denied{ErrorCode::Authorization, ErrorCode::Authentication};
        const QList<ErrorCode> missing{ErrorCode::EntityNotFound};
        QTest::newRow("peek, Send-only key")
            << sendOnly << QStringLiteral("send-target") << peek << denied;
        QTest::newRow("sessions, Send-only key")
            << sendOnly << QStringLiteral("scoped-sessions") << sessions << denied;
        QTest::newRow("session state, Send-only key")
            << sendOnly << QStringLiteral("scoped-sessions") << state << denied;
        QTest::newRow("rules, Listen-only key")
            << listenOnly() << QStringLiteral("events/Subscriptions/audit") << rules << denied;
        QTest::newRow("peek, no such queue")
            << root << QStringLiteral("does-not-exist") << peek << missing;
        QTest::newRow("sessions, no such queue")
            << root << QStringLiteral("does-not-exist") << sessions << missing;
        QTest::newRow("session state, no such queue")
            << root << QStringLiteral("does-not-exist") << state << missing;
        QTest::newRow("rules, no such subscription")
            << root << QStringLiteral("events/Subscriptions/none") << rules << missing;
        QTest::newRow("peek, no such sub-queue parent")
            << root << QStringLiteral("nothing/$DeadLetterQueue") << peek << missing;
    }

    void refusedManagementRequestsResolve() {
        QFETCH(QString, credential);
        QFETCH(QString, entity);
        QFETCH(Operation, operation);
        QFETCH(QList<ErrorCode>, expected);
        auto client = clientFor(withCredential(credential));
        QElapsedTimer clock;
        clock.start();
        const auto first = await(operation(*client, entity), kAwaitMs);
        QVERIFY2(!first, "the broker should have refused this request");
        QVERIFY2(expected.contains(first.error().code), describe(first.error()).constData());
        QVERIFY(!first.error().message.isEmpty());
        QVERIFY2(clock.elapsed() < 5000, QByteArray::number(clock.elapsed()).constData());
        // Twice in a row: a refused link left behind must not swallow the next request.
        const auto second = await(operation(*client, entity), kAwaitMs);
        QVERIFY(!second);
        QVERIFY2(expected.contains(second.error().code), describe(second.error()).constData());
        // And the connection still serves what the credential allows.
        if (credential == listenOnly()) {
            QVERIFY(await(client->peek(QStringLiteral("scoped"), SubQueue::None, 0, 1), kAwaitMs));
        } else if (credential.contains(kSendKeyName)) {
            QVERIFY(await(client->send(QStringLiteral("send-target"),
                                       {textMessage(QStringLiteral("after-refusal"))}),
                          kAwaitMs));
        } else {
            QVERIFY(await(client->peek(QStringLiteral("scoped"), SubQueue::None, 0, 1), kAwaitMs));
        }
    }
};

QTEST_GUILESS_MAIN(tst_ScopedCredentials)
#include "tst_ScopedCredentials.moc"
