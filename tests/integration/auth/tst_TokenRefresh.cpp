// CBS token refresh against the in-process emulator, which detaches a link the moment the
// token it was authorized with expires (servicebus-amqp.md §4.4): with tokens that live a few
// seconds, links kept open for several lifetimes keep working because the core put-tokens a
// new one before expiry; a provider that hands back the old token shows the broker does
// enforce it.
#include "core/auth/ConnectionString.h"
#include "core/auth/SasKeyTokenProvider.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"

#include <QTest>
#include <QUuid>

#include <memory>

#include "AuthTestSupport.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

namespace {

// Long enough for a put-token round trip to land well before expiry (the refresh comes a
// quarter of the lifetime early), short enough to outlive a few tokens in a test.
constexpr int kTokenLifetimeSeconds = 6;
const QString kKeyName = QStringLiteral("RootManageSharedAccessKey");
const QString kKey = QStringLiteral("SAS_KEY_VALUE");

OutgoingMessage textMessage(const QString& id) {
    OutgoingMessage m;
    m.body = id.toUtf8();
    m.messageId = id;
    return m;
}

emulator::EmulatorConfig refreshConfig() {
    emulator::NamespaceConfig ns;
    for (const char* name : {"held-receiver", "sender", "stale", "flaky-provider"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        ns.queues.append(queue);
    }
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

} // namespace

class tst_TokenRefresh : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    ConnectionString m_connectionString;
    std::unique_ptr<AmqpServiceBusClient> m_direct; // hour-long tokens: seeds and checks

    std::unique_ptr<AmqpServiceBusClient> clientWith(std::shared_ptr<TokenProvider> tokens) {
        NamespaceConnectionOptions options;
        options.connectionString = m_connectionString;
        options.tokenProvider = std::move(tokens);
        auto client = std::make_unique<AmqpServiceBusClient>(options);
        client->setOperationTimeout(15s);
        return client;
    }

    [[nodiscard]] QString audience(const QString& entity) const {
        return QStringLiteral("sb://") + m_connectionString.host() + QLatin1Char('/') + entity;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = refreshConfig();
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : describe(endpoints.error()).constData());
        auto cs = ConnectionString::parse(endpoints->connectionString);
        QVERIFY(cs);
        m_connectionString = *cs;
        QCOMPARE(m_connectionString.keyName(), kKeyName);
        NamespaceConnectionOptions options2;
        options2.connectionString = m_connectionString;
        m_direct = std::make_unique<AmqpServiceBusClient>(options2);
    }

    void cleanupTestCase() {
        m_direct.reset();
        m_emulator.stop();
    }

    // The schedule itself: hour-long tokens as refreshDelay() says; tokens under its 30 s
    // floor a quarter of their lifetime (at most 5 s) before expiry, never at it.
    void renewalDelayLeavesALead_data() {
        QTest::addColumn<qint64>("lifetimeMs");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("1 h: as refreshDelay") << qint64(3'600'000) << qint64(3'240'000);
        QTest::newRow("1 min: as refreshDelay") << qint64(60'000) << qint64(30'000);
        QTest::newRow("30 s: 5 s early") << qint64(30'000) << qint64(25'000);
        QTest::newRow("10 s: a quarter early") << qint64(10'000) << qint64(7'500);
        QTest::newRow("6 s") << qint64(6'000) << qint64(4'500);
        QTest::newRow("expired") << qint64(0) << qint64(0);
    }

    void renewalDelayLeavesALead() {
        QFETCH(qint64, lifetimeMs);
        QFETCH(qint64, expectedMs);
        QCOMPARE(renewalDelay(std::chrono::milliseconds(lifetimeMs)).count(), expectedMs);
        QVERIFY(renewalDelay(std::chrono::milliseconds(lifetimeMs)) <=
                refreshDelay(std::chrono::milliseconds(lifetimeMs)));
    }

    // A SasKeyTokenProvider with short-lived tokens hands out a new token at the moment the
    // connection renews (not the cached one, which would expire under the links).
    void shortLivedSasKeyTokensAreRenewedInTime() {
        qint64 now = 1'700'000'000'400; // not on a whole second: expiry is rounded down
        SasKeyTokenProvider provider(kKeyName, kKey, std::chrono::seconds(kTokenLifetimeSeconds));
        provider.setClock([&now] { return now; });
        const QString resource = audience(QStringLiteral("sender"));
        const auto first = await(provider.token(resource), kAwaitMs);
        QVERIFY(first);
        const qint64 leftMs = first->expiresAtEpochSeconds * 1000 - now;
        QCOMPARE(leftMs, qint64(kTokenLifetimeSeconds) * 1000 - 400);
        // The engine renews after renewalDelay() of what is left, from when the put-token
        // was answered (a little later still).
        now += renewalDelay(std::chrono::milliseconds(leftMs)).count();
        const auto renewed = await(provider.token(resource), kAwaitMs);
        QVERIFY(renewed);
        QVERIFY(renewed->expiresAtEpochSeconds > first->expiresAtEpochSeconds);
        QVERIFY(renewed->token != first->token);
        // Just before that moment the cached one still comes back.
        SasKeyTokenProvider again(kKeyName, kKey, std::chrono::seconds(kTokenLifetimeSeconds));
        qint64 t = 1'700'000'000'400;
        again.setClock([&t] { return t; });
        const auto a = await(again.token(resource), kAwaitMs);
        t += renewalDelay(std::chrono::milliseconds(leftMs)).count() - 1;
        const auto b = await(again.token(resource), kAwaitMs);
        QVERIFY(a && b);
        QCOMPARE(b->token, a->token);
    }

    // A receive waiting on an empty queue spans several token lifetimes: the link is never
    // detached (the receive would fail), and the message sent at the end arrives on it.
    void heldReceiverOutlivesItsTokens() {
        auto tokens = std::make_shared<ShortLivedTokenProvider>(kKeyName, m_connectionString.key(),
                                                                kTokenLifetimeSeconds);
        auto client = clientWith(tokens);
        const QString queue = QStringLiteral("held-receiver");
        auto waiting = client->receive(queue, SubQueue::None, ReceiveMode::PeekLock, 1, 60s);
        QTRY_VERIFY_WITH_TIMEOUT(tokens->calls(audience(queue)) >= 1, kAwaitMs);
        // The third put-token comes after the first token expired (two renewals, each a
        // quarter of a lifetime early): the link has lived past an expiry.
        QTRY_VERIFY_WITH_TIMEOUT(tokens->calls(audience(queue)) >= 3,
                                 4 * kTokenLifetimeSeconds * 1000);
        QVERIFY2(!waiting.isFinished(),
                 waiting.isFinished() && waiting.resultCount() > 0 && !waiting.result()
                     ? describe(waiting.result().error()).constData()
                     : "the receive ended early");

        const auto sent =
            await(m_direct->send(queue, {textMessage(QStringLiteral("late"))}), kAwaitMs);
        QVERIFY2(sent, sent ? "" : describe(sent.error()).constData());
        const auto got = await(waiting, kAwaitMs);
        QVERIFY2(got, got ? "" : describe(got.error()).constData());
        QCOMPARE(got->size(), 1);
        QCOMPARE(got->first().messageId(), QStringLiteral("late"));
        const auto done = await(client->complete(queue, SubQueue::None, got->first()), kAwaitMs);
        QVERIFY2(done, done ? "" : describe(done.error()).constData());
    }

    // Send and peek (entity and $management links, one audience) before and after the first
    // token's expiry plus the broker's check: both keep working on the refreshed token.
    void sendAndPeekAfterExpiry() {
        auto tokens = std::make_shared<ShortLivedTokenProvider>(kKeyName, m_connectionString.key(),
                                                                kTokenLifetimeSeconds);
        auto client = clientWith(tokens);
        const QString queue = QStringLiteral("sender");
        const auto first =
            await(client->send(queue, {textMessage(QStringLiteral("s-1"))}), kAwaitMs);
        QVERIFY2(first, first ? "" : describe(first.error()).constData());
        const auto peeked = await(client->peek(queue, SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY2(peeked, peeked ? "" : describe(peeked.error()).constData());
        QCOMPARE(peeked->size(), 1);
        const int before = tokens->calls(audience(queue));
        QVERIFY(before >= 1);
        // Wait for renewals alone (no operation runs meanwhile), past the first expiry.
        QTRY_VERIFY_WITH_TIMEOUT(tokens->calls(audience(queue)) >= before + 2,
                                 4 * kTokenLifetimeSeconds * 1000);

        const auto second =
            await(client->send(queue, {textMessage(QStringLiteral("s-2"))}), kAwaitMs);
        QVERIFY2(second, second ? "" : describe(second.error()).constData());
        const auto again = await(client->peek(queue, SubQueue::None, 0, 10), kAwaitMs);
        QVERIFY2(again, again ? "" : describe(again.error()).constData());
        QCOMPARE(again->size(), 2);
        QCOMPARE(again->at(1).messageId(), QStringLiteral("s-2"));
    }

    // The first refresh fails with a retryable error (the token service was busy): the core
    // keeps the token in place, tries again before it expires, and the held receiver lives on.
    void failedRefreshIsRetriedBeforeExpiry() {
        auto tokens = std::make_shared<ShortLivedTokenProvider>(kKeyName, m_connectionString.key(),
                                                                kTokenLifetimeSeconds);
        tokens->failCall(2);
        auto client = clientWith(tokens);
        const QString queue = QStringLiteral("flaky-provider");
        auto waiting = client->receive(queue, SubQueue::None, ReceiveMode::PeekLock, 1, 60s);
        // Call 2 failed, call 3 is its retry, call 4 the refresh of that new token: by then the
        // first token has expired.
        QTRY_VERIFY_WITH_TIMEOUT(tokens->calls(audience(queue)) >= 4,
                                 4 * kTokenLifetimeSeconds * 1000);
        QVERIFY2(!waiting.isFinished(),
                 waiting.isFinished() && waiting.resultCount() > 0 && !waiting.result()
                     ? describe(waiting.result().error()).constData()
                     : "the receive ended early");
        const auto sent =
            await(m_direct->send(queue, {textMessage(QStringLiteral("still-here"))}), kAwaitMs);
        QVERIFY2(sent, sent ? "" : describe(sent.error()).constData());
        const auto got = await(waiting, kAwaitMs);
        QVERIFY2(got, got ? "" : describe(got.error()).constData());
        QCOMPARE(got->size(), 1);
        QCOMPARE(got->first().messageId(), QStringLiteral("still-here"));
    }

    // The control: a provider that keeps returning the first token. The core still asks in
    // time, but the token it puts expires anyway, and the broker detaches the held receiver:
    // the receive fails with an authorization error instead of waiting on a dead link.
    void staleTokensAreEnforcedByTheBroker() {
        auto tokens = std::make_shared<ShortLivedTokenProvider>(
            kKeyName, m_connectionString.key(), kTokenLifetimeSeconds, /*renew=*/false);
        auto client = clientWith(tokens);
        const QString queue = QStringLiteral("stale");
        auto waiting = client->receive(queue, SubQueue::None, ReceiveMode::PeekLock, 1, 60s);
        const auto got = await(waiting, 4 * kTokenLifetimeSeconds * 1000);
        QVERIFY2(!got, "the receive succeeded on an expired token");
        QVERIFY2(got.error().code == ErrorCode::Authorization ||
                     got.error().code == ErrorCode::Authentication,
                 describe(got.error()).constData());
        QVERIFY(tokens->calls(audience(queue)) >= 2); // it did try to renew
    }
};

QTEST_GUILESS_MAIN(tst_TokenRefresh)
#include "tst_TokenRefresh.moc"
