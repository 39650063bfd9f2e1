#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;
using namespace std::chrono_literals;

namespace {

NamespaceConfig sessionQueue(Milliseconds lockDuration = 60s) {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("sq"));
    q.requiresSession = true;
    q.lockDuration = lockDuration;
    config.queues = {q};
    return config;
}

Result<Broker::ConsumerInfo> acceptSession(Broker& broker, std::optional<QString> session) {
    Broker::ConsumerOptions options;
    options.source = address(QStringLiteral("sq"));
    options.sessionFilter = session ? *session : QString();
    return broker.attachConsumer(options);
}

} // namespace

class tst_BrokerSessions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void messagesWithoutSessionAreRejected();
    void receiversMustUseSessionsExactlyWhenTheEntityDoes();
    void nextAvailablePicksAnUnlockedSessionWithMessages();
    void namedSessionIsLockedEvenWhenEmpty();
    void heldSessionCannotBeLockedAgain();
    void messagesAreFifoWithinTheSession();
    void stateIsKeptPerSessionAndNeedsTheLock();
    void sessionsAreEnumerated();
    void detachReleasesTheSession();
    void renewExtendsTheSessionLock();
    void sessionLockExpiryIsReported();
};

void tst_BrokerSessions::messagesWithoutSessionAreRejected() {
    Broker broker(sessionQueue(), nullptr);
    auto r = awaitVoid([&](VoidCompletion done) {
        broker.send(address(QStringLiteral("sq")), {message("x")}, done);
    });
    QVERIFY(r && !r->has_value());
    QCOMPARE(r->error().code, ErrorCode::InvalidInput);
    QCOMPARE(r->error().condition, QStringLiteral("amqp:not-allowed"));
}

void tst_BrokerSessions::receiversMustUseSessionsExactlyWhenTheEntityDoes() {
    NamespaceConfig config = sessionQueue();
    config.queues.append(queueNamed(QStringLiteral("plain")));
    Broker broker(config, nullptr);
    Broker::ConsumerOptions options;
    options.source = address(QStringLiteral("sq"));
    auto noFilter = broker.attachConsumer(options);
    QVERIFY(!noFilter);
    QCOMPARE(noFilter.error().condition, QStringLiteral("amqp:not-allowed"));
    options.source = address(QStringLiteral("plain"));
    options.sessionFilter = QStringLiteral("s");
    QVERIFY(!broker.attachConsumer(options));
    // The DLQ of a session queue is read without sessions.
    options.source = address(QStringLiteral("sq/$DeadLetterQueue"));
    options.sessionFilter.reset();
    QVERIFY(broker.attachConsumer(options));
    QVERIFY(!broker.requiresSession(QStringLiteral("sq/$DeadLetterQueue")));
    QVERIFY(broker.requiresSession(QStringLiteral("SQ")));
}

void tst_BrokerSessions::nextAvailablePicksAnUnlockedSessionWithMessages() {
    Broker broker(sessionQueue(), nullptr);
    auto none = acceptSession(broker, std::nullopt);
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::Timeout);
    QVERIFY(
        sendNow(broker, QStringLiteral("sq"),
                {message("a1", {}, QStringLiteral("a")), message("b1", {}, QStringLiteral("b"))}));
    auto first = acceptSession(broker, std::nullopt);
    QVERIFY(first);
    QCOMPARE(first->lockedSessionId, QStringLiteral("a"));
    QVERIFY(first->sessionLockedUntilMs > QDateTime::currentMSecsSinceEpoch());
    auto second = acceptSession(broker, std::nullopt);
    QVERIFY(second);
    QCOMPARE(second->lockedSessionId, QStringLiteral("b"));
    QVERIFY(!acceptSession(broker, std::nullopt));
    const auto fromA = broker.receive(first->id, 10);
    QCOMPARE(fromA.size(), 1);
    QCOMPARE(bodyOf(fromA[0].message), QStringLiteral("a1"));
}

void tst_BrokerSessions::namedSessionIsLockedEvenWhenEmpty() {
    Broker broker(sessionQueue(), nullptr);
    auto held = acceptSession(broker, QStringLiteral("empty"));
    QVERIFY(held);
    QCOMPARE(held->lockedSessionId, QStringLiteral("empty"));
    QVERIFY(broker.receive(held->id, 5).isEmpty());
    QSignalSpy available(&broker, &Broker::messagesAvailable);
    QVERIFY(sendNow(broker, QStringLiteral("sq"), {message("late", {}, QStringLiteral("empty"))}));
    QTRY_VERIFY(!available.isEmpty());
    QCOMPARE(broker.receive(held->id, 5).size(), 1);
}

void tst_BrokerSessions::heldSessionCannotBeLockedAgain() {
    Broker broker(sessionQueue(), nullptr);
    QVERIFY(acceptSession(broker, QStringLiteral("s")));
    auto again = acceptSession(broker, QStringLiteral("s"));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::SessionCannotBeLocked);
    QCOMPARE(again.error().condition, QStringLiteral("com.microsoft:session-cannot-be-locked"));
}

void tst_BrokerSessions::messagesAreFifoWithinTheSession() {
    Broker broker(sessionQueue(), nullptr);
    QList<AmqpMessage> batch;
    for (int i = 0; i < 5; ++i) {
        batch.append(message(QByteArray::number(i), {}, QStringLiteral("s")));
        batch.append(message("other", {}, QStringLiteral("t")));
    }
    QVERIFY(sendNow(broker, QStringLiteral("sq"), batch));
    auto held = acceptSession(broker, QStringLiteral("s"));
    const auto received = broker.receive(held->id, 100);
    QCOMPARE(received.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(bodyOf(received[i].message), QString::number(i));
        QCOMPARE(received[i].message.sessionId, QStringLiteral("s"));
    }
    // Abandoned messages go back to their place.
    QVERIFY(settleNow(broker, held->id, received[0].lockToken,
                      disposition(Disposition::Kind::Abandon)));
    const auto again = broker.receive(held->id, 1);
    QCOMPARE(bodyOf(again[0].message), QStringLiteral("0"));
}

void tst_BrokerSessions::stateIsKeptPerSessionAndNeedsTheLock() {
    Broker broker(sessionQueue(), nullptr);
    const auto notHeld = broker.sessionState(address(QStringLiteral("sq")), QStringLiteral("s"));
    QVERIFY(!notHeld);
    QCOMPARE(notHeld.error().code, ErrorCode::SessionLockLost);
    QVERIFY(acceptSession(broker, QStringLiteral("s")));
    QVERIFY(acceptSession(broker, QStringLiteral("t")));
    QCOMPARE(*broker.sessionState(address(QStringLiteral("sq")), QStringLiteral("s")),
             QByteArray());
    auto set = awaitVoid([&](VoidCompletion done) {
        broker.setSessionState(address(QStringLiteral("sq")), QStringLiteral("s"),
                               QByteArray("\x00\x01", 2), done);
    });
    QVERIFY(set && set->has_value());
    QCOMPARE(*broker.sessionState(address(QStringLiteral("sq")), QStringLiteral("s")),
             QByteArray("\x00\x01", 2));
    QCOMPARE(*broker.sessionState(address(QStringLiteral("sq")), QStringLiteral("t")),
             QByteArray());
}

void tst_BrokerSessions::sessionsAreEnumerated() {
    Broker broker(sessionQueue(), nullptr);
    QVERIFY(
        sendNow(broker, QStringLiteral("sq"),
                {message("1", {}, QStringLiteral("b")), message("2", {}, QStringLiteral("a"))}));
    auto stateful = acceptSession(broker, QStringLiteral("c"));
    auto set = awaitVoid([&](VoidCompletion done) {
        broker.setSessionState(address(QStringLiteral("sq")), QStringLiteral("c"), "s", done);
    });
    QVERIFY(set && set->has_value());
    broker.detachConsumer(stateful->id);
    (void)acceptSession(broker, QStringLiteral("empty-held")); // no messages, no state: not listed
    const auto all = broker.sessions(address(QStringLiteral("sq")), 0, 0, 100);
    QCOMPARE(*all, (QList<QString>{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    const auto page = broker.sessions(address(QStringLiteral("sq")), 0, 1, 1);
    QCOMPARE(*page, QList<QString>{QStringLiteral("b")});
}

void tst_BrokerSessions::detachReleasesTheSession() {
    Broker broker(sessionQueue(), nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("sq"), {message("x", {}, QStringLiteral("s"))}));
    auto held = acceptSession(broker, QStringLiteral("s"));
    QCOMPARE(broker.receive(held->id, 1).size(), 1);
    broker.detachConsumer(held->id);
    auto next = acceptSession(broker, std::nullopt);
    QVERIFY(next);
    QCOMPARE(next->lockedSessionId, QStringLiteral("s"));
    const auto again = broker.receive(next->id, 1);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again[0].message.deliveryCount, 2u);
}

void tst_BrokerSessions::renewExtendsTheSessionLock() {
    Broker broker(sessionQueue(10s), nullptr);
    auto held = acceptSession(broker, QStringLiteral("s"));
    const qint64 lockedAt = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > lockedAt); // the renewal must be visible
    const auto renewed =
        broker.renewSessionLock(address(QStringLiteral("sq")), QStringLiteral("s"));
    QVERIFY(renewed);
    QVERIFY(*renewed > held->sessionLockedUntilMs);
    const auto unheld =
        broker.renewSessionLock(address(QStringLiteral("sq")), QStringLiteral("nobody"));
    QVERIFY(!unheld);
    QCOMPARE(unheld.error().code, ErrorCode::SessionLockLost);
}

void tst_BrokerSessions::sessionLockExpiryIsReported() {
    Broker broker(sessionQueue(5s), nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("sq"), {message("x", {}, QStringLiteral("s"))}));
    QSignalSpy lost(&broker, &Broker::sessionLockLost);
    auto held = acceptSession(broker, QStringLiteral("s"));
    const auto locked = broker.receive(held->id, 1);
    QCOMPARE(locked.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 8000);
    QCOMPARE(lost.at(0).at(0).value<Broker::ConsumerId>(), held->id);
    const auto late =
        settleNow(broker, held->id, locked[0].lockToken, disposition(Disposition::Kind::Complete));
    QVERIFY(!late);
    QCOMPARE(late.error().code, ErrorCode::SessionLockLost);
    // The session is free again and its message is back.
    auto next = acceptSession(broker, std::nullopt);
    QVERIFY(next);
    QCOMPARE(broker.receive(next->id, 1).size(), 1);
}

QTEST_GUILESS_MAIN(tst_BrokerSessions)
#include "tst_BrokerSessions.moc"
