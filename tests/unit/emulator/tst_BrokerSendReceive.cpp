#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;
using namespace std::chrono_literals;

class tst_BrokerSendReceive : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sequenceNumbersStartAtOneAndIncrease();
    void peekLockLocksAndCountsTheDelivery();
    void completeDeletesTheMessage();
    void abandonMakesItAvailableAndMergesProperties();
    void maxDeliveryCountDeadLetters();
    void deferredMessagesAreReachableBySequenceNumberOnly();
    void deadLetterMovesWithReasonAndSource();
    void releaseRollsTheDeliveryCountBack();
    void receiveAndDeleteRemoves();
    void unknownOrForeignLockIsLockLost();
    void detachReleasesLocksAtOnce();
    void lockExpiryMakesTheMessageAvailableAgain();
    void renewLocksExtendsTheLock();
    void lockExpiryAtTheLimitDeadLetters();
    void renewedLockOutlivesItsFirstExpiry();
    void updateDispositionNeedsAKnownLock();
    void messagesAvailableIsOneSignalPerTurn();
    void competingConsumersAreAllNotified();
    void statusIsHonoured();
    void sizeLimitsAreEnforced();
    void entityNamesAreCaseInsensitive();
};

void tst_BrokerSendReceive::sequenceNumbersStartAtOneAndIncrease() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a"), message("b")}));
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("c")}));
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QVERIFY(peeked);
    QCOMPARE(peeked->size(), 3);
    QCOMPARE(peeked->at(0).sequenceNumber, 1);
    QCOMPARE(peeked->at(2).sequenceNumber, 3);
    QCOMPARE(bodyOf(peeked->at(2)), QStringLiteral("c"));
    QVERIFY(peeked->at(0).enqueuedTimeMs > 0);
}

void tst_BrokerSendReceive::peekLockLocksAndCountsTheDelivery() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.lockDuration = 30s;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a"), message("b")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    QVERIFY(consumer != 0);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const auto first = broker.receive(consumer, 1);
    QCOMPARE(first.size(), 1);
    QCOMPARE(first[0].message.deliveryCount, 1u);
    QVERIFY(!first[0].lockToken.isNull());
    QVERIFY(first[0].lockedUntilMs >= before + 30'000);
    const auto rest = broker.receive(consumer, 10);
    QCOMPARE(rest.size(), 1);
    QCOMPARE(bodyOf(rest[0].message), QStringLiteral("b"));
    QVERIFY(broker.receive(consumer, 10).isEmpty());
}

void tst_BrokerSendReceive::completeDeletesTheMessage() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 1);
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 1);
    QCOMPARE(locked.size(), 1);
    QVERIFY(
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Complete)));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->messageCount, 0);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->sizeInBytes, 0);
    // Settling twice is lock lost.
    const auto again =
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Complete));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::LockLost);
}

void tst_BrokerSendReceive::abandonMakesItAvailableAndMergesProperties() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    auto locked = broker.receive(consumer, 1);
    Disposition abandon = disposition(Disposition::Kind::Abandon);
    abandon.propertiesToModify.entries.append(
        {QVariant(QStringLiteral("reason")), QVariant(QStringLiteral("retry"))});
    QVERIFY(settleNow(broker, consumer, locked[0].lockToken, abandon));
    locked = broker.receive(consumer, 1);
    QCOMPARE(locked.size(), 1);
    QCOMPARE(locked[0].message.deliveryCount, 2u);
    QCOMPARE(locked[0].message.message.applicationProperty(QStringLiteral("reason")).toString(),
             QStringLiteral("retry"));
}

void tst_BrokerSendReceive::maxDeliveryCountDeadLetters() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.maxDeliveryCount = 2;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("poison")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto locked = broker.receive(consumer, 1);
        QCOMPARE(locked.size(), 1);
        QVERIFY(settleNow(broker, consumer, locked[0].lockToken,
                          disposition(Disposition::Kind::Abandon)));
    }
    QVERIFY(broker.receive(consumer, 1).isEmpty());
    const auto dlq =
        broker.peek(address(QStringLiteral("q/$DeadLetterQueue")), 0, 10, std::nullopt);
    QCOMPARE(dlq->size(), 1);
    const AmqpMessage& m = dlq->at(0).message;
    QCOMPARE(m.applicationProperty(QStringLiteral("DeadLetterReason")).toString(),
             QStringLiteral("MaxDeliveryCountExceeded"));
    QCOMPARE(m.applicationProperty(QStringLiteral("DeadLetterErrorDescription")).toString(),
             QStringLiteral("Message could not be consumed after 2 delivery attempts."));
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.deadLetterMessageCount, 1);
}

void tst_BrokerSendReceive::deferredMessagesAreReachableBySequenceNumberOnly() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("later")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 1);
    QVERIFY(
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Defer)));
    QVERIFY(broker.receive(consumer, 1).isEmpty());
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.deferredMessageCount, 1);
    const auto peeked = broker.peek(address(QStringLiteral("q")), 1, 10, std::nullopt);
    QCOMPARE(peeked->at(0).state, MessageState::Deferred);

    const qint64 sequenceNumber = locked[0].message.sequenceNumber;
    auto missing = await<QList<LockedMessage>>([&](Completion<QList<LockedMessage>> done) {
        broker.receiveBySequenceNumbers(address(QStringLiteral("q")), {sequenceNumber + 100},
                                        ReceiveMode::PeekLock, std::nullopt, done);
    });
    QVERIFY(missing && !missing->has_value());
    QCOMPARE(missing->error().code, ErrorCode::MessageNotFound);

    auto fetched = await<QList<LockedMessage>>([&](Completion<QList<LockedMessage>> done) {
        broker.receiveBySequenceNumbers(address(QStringLiteral("q")), {sequenceNumber},
                                        ReceiveMode::PeekLock, std::nullopt, done);
    });
    QVERIFY(fetched && fetched->has_value());
    QCOMPARE((*fetched)->size(), 1);
    const QUuid token = (*fetched)->at(0).lockToken;
    auto completed = awaitVoid([&](VoidCompletion done) {
        broker.updateDisposition(address(QStringLiteral("q")), {token},
                                 disposition(Disposition::Kind::Complete), std::nullopt, done);
    });
    QVERIFY(completed && completed->has_value());
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->messageCount, 0);
}

void tst_BrokerSendReceive::deadLetterMovesWithReasonAndSource() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("x"), message("bad")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 2);
    Disposition dl = disposition(Disposition::Kind::DeadLetter);
    dl.deadLetterReason = QStringLiteral("Invalid");
    dl.deadLetterDescription = QStringLiteral("Broken payload");
    dl.propertiesToModify.entries.append(
        {QVariant(QStringLiteral("checkedBy")), QVariant(QStringLiteral("test"))});
    QVERIFY(settleNow(broker, consumer, locked[1].lockToken, dl));
    const auto dlq =
        broker.peek(address(QStringLiteral("q/$DeadLetterQueue")), 0, 10, std::nullopt);
    QCOMPARE(dlq->size(), 1);
    const StoredMessage& m = dlq->at(0);
    QCOMPARE(m.sequenceNumber, 1); // the DLQ has its own sequence
    QCOMPARE(m.enqueueSequenceNumber, 2);
    QCOMPARE(m.deadLetterSource, QStringLiteral("q"));
    QCOMPARE(m.message.annotation("x-opt-deadletter-source").toString(), QStringLiteral("q"));
    QCOMPARE(m.message.applicationProperty(QStringLiteral("DeadLetterReason")).toString(),
             QStringLiteral("Invalid"));
    QCOMPARE(m.message.applicationProperty(QStringLiteral("DeadLetterErrorDescription")).toString(),
             QStringLiteral("Broken payload"));
    QCOMPARE(m.message.applicationProperty(QStringLiteral("checkedBy")).toString(),
             QStringLiteral("test"));

    // The DLQ is received like a queue.
    const auto dlqConsumer = attach(broker, QStringLiteral("q/$deadletterqueue"));
    QVERIFY(dlqConsumer != 0);
    QCOMPARE(broker.receive(dlqConsumer, 5).size(), 1);
}

void tst_BrokerSendReceive::releaseRollsTheDeliveryCountBack() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    auto locked = broker.receive(consumer, 1);
    QVERIFY(
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Release)));
    locked = broker.receive(consumer, 1);
    QCOMPARE(locked.size(), 1);
    QCOMPARE(locked[0].message.deliveryCount, 1u);
}

void tst_BrokerSendReceive::receiveAndDeleteRemoves() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a"), message("b")}));
    const auto consumer = attach(broker, QStringLiteral("q"), ReceiveMode::ReceiveAndDelete);
    const auto received = broker.receive(consumer, 5);
    QCOMPARE(received.size(), 2);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->messageCount, 0);
}

void tst_BrokerSendReceive::unknownOrForeignLockIsLockLost() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto owner = attach(broker, QStringLiteral("q"));
    const auto other = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(owner, 1);
    auto foreign =
        settleNow(broker, other, locked[0].lockToken, disposition(Disposition::Kind::Complete));
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().code, ErrorCode::LockLost);
    QCOMPARE(foreign.error().condition, QStringLiteral("com.microsoft:message-lock-lost"));
    auto unknown =
        settleNow(broker, owner, QUuid::createUuid(), disposition(Disposition::Kind::Complete));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::LockLost);
}

void tst_BrokerSendReceive::detachReleasesLocksAtOnce() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto first = attach(broker, QStringLiteral("q"));
    QCOMPARE(broker.receive(first, 1).size(), 1);
    broker.detachConsumer(first);
    const auto second = attach(broker, QStringLiteral("q"));
    const auto again = broker.receive(second, 1);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again[0].message.deliveryCount, 2u);
}

void tst_BrokerSendReceive::lockExpiryMakesTheMessageAvailableAgain() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.lockDuration = 5s; // the cloud minimum
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    QSignalSpy available(&broker, &Broker::messagesAvailable);
    const auto consumer = attach(broker, QStringLiteral("q"));
    QTRY_VERIFY(!available.isEmpty()); // the attach
    available.clear();
    const auto locked = broker.receive(consumer, 1);
    QCOMPARE(locked.size(), 1);
    QVERIFY(broker.receive(consumer, 1).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!available.isEmpty(), 8000);
    const auto again = broker.receive(consumer, 1);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again[0].message.deliveryCount, 2u);
    auto stale =
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Complete));
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, ErrorCode::LockLost);
}

void tst_BrokerSendReceive::lockExpiryAtTheLimitDeadLetters() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.lockDuration = 5s;
    q.maxDeliveryCount = 1;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    QCOMPARE(broker.receive(consumer, 1).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        broker.runtimeInfo(QStringLiteral("q"))->counts.deadLetterMessageCount, 1, 8000);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 0);
}

void tst_BrokerSendReceive::renewedLockOutlivesItsFirstExpiry() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.lockDuration = 5s;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a"), message("b")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 2);
    QCOMPARE(locked.size(), 2);
    const qint64 firstExpiry = locked[0].lockedUntilMs;
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() >= firstExpiry - 3000, 5000);
    QVERIFY(broker.renewLocks(address(QStringLiteral("q")), {locked[0].lockToken}));
    // Past the first expiry: the other lock is gone, the renewed one still holds.
    // receive() has side effects: accumulate, as QTRY evaluates its condition once more at the end.
    qsizetype released = 0;
    QTRY_VERIFY_WITH_TIMEOUT((released += broker.receive(consumer, 5).size()) >= 1, 8000);
    QCOMPARE(released, 1);
    QVERIFY(QDateTime::currentMSecsSinceEpoch() >= firstExpiry);
    QVERIFY(
        settleNow(broker, consumer, locked[0].lockToken, disposition(Disposition::Kind::Complete)));
}

void tst_BrokerSendReceive::updateDispositionNeedsAKnownLock() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 1);
    auto unknown = awaitVoid([&](VoidCompletion done) {
        broker.updateDisposition(address(QStringLiteral("q")), {QUuid::createUuid()},
                                 disposition(Disposition::Kind::Complete), std::nullopt, done);
    });
    QVERIFY(unknown && !unknown->has_value());
    QCOMPARE(unknown->error().code, ErrorCode::LockLost);
    // A link lock may be settled through management too (newer SDKs do after a detach).
    Disposition dl = disposition(Disposition::Kind::DeadLetter);
    dl.deadLetterReason = QStringLiteral("r");
    auto settled = awaitVoid([&](VoidCompletion done) {
        broker.updateDisposition(address(QStringLiteral("q")), {locked[0].lockToken}, dl,
                                 std::nullopt, done);
    });
    QVERIFY(settled && settled->has_value());
    QCOMPARE(broker.runtimeInfo(QStringLiteral("q"))->counts.deadLetterMessageCount, 1);
}

void tst_BrokerSendReceive::renewLocksExtendsTheLock() {
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("q"));
    q.lockDuration = 10s;
    config.queues = {q};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
    const auto consumer = attach(broker, QStringLiteral("q"));
    const auto locked = broker.receive(consumer, 1);
    const qint64 lockedAt = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > lockedAt); // the renewal must be visible
    const auto renewed = broker.renewLocks(address(QStringLiteral("q")), {locked[0].lockToken});
    QVERIFY(renewed);
    QVERIFY(renewed->at(0) > locked[0].lockedUntilMs);
    const auto unknown = broker.renewLocks(address(QStringLiteral("q")), {QUuid::createUuid()});
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::LockLost);
}

void tst_BrokerSendReceive::messagesAvailableIsOneSignalPerTurn() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    const auto consumer = attach(broker, QStringLiteral("q"));
    QSignalSpy available(&broker, &Broker::messagesAvailable);
    QTRY_COMPARE(available.size(), 1); // the attach itself
    available.clear();
    QList<AmqpMessage> batch;
    for (int i = 0; i < 100; ++i) {
        batch.append(message(QByteArray::number(i)));
    }
    broker.send(address(QStringLiteral("q")), batch, {});
    QTRY_COMPARE(available.size(), 1);
    // Let every event posted so far run: still one signal.
    bool drained = false;
    QTimer::singleShot(0, this, [&drained] { drained = true; });
    QTRY_VERIFY(drained);
    QCOMPARE(available.size(), 1);
    const auto ids = available.at(0).at(0).value<QList<Broker::ConsumerId>>();
    QCOMPARE(ids, QList<Broker::ConsumerId>{consumer});
}

void tst_BrokerSendReceive::competingConsumersAreAllNotified() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Broker broker(config, nullptr);
    const auto a = attach(broker, QStringLiteral("q"));
    const auto b = attach(broker, QStringLiteral("q"));
    QSignalSpy available(&broker, &Broker::messagesAvailable);
    QTRY_VERIFY(!available.isEmpty());
    available.clear();
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("1"), message("2")}));
    QTRY_VERIFY(!available.isEmpty());
    auto ids = available.at(0).at(0).value<QList<Broker::ConsumerId>>();
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<Broker::ConsumerId>{a, b}));
    QCOMPARE(broker.receive(a, 1).size(), 1);
    QCOMPARE(broker.receive(b, 1).size(), 1);

    // A receiver with a large credit takes its share, not everything, and is asked back.
    QList<AmqpMessage> batch;
    for (int i = 0; i < 10; ++i) {
        batch.append(message(QByteArray::number(i)));
    }
    QVERIFY(sendNow(broker, QStringLiteral("q"), batch));
    available.clear();
    QCOMPARE(broker.receive(a, 100).size(), 5); // half of 10
    QCOMPARE(broker.receive(b, 100).size(), 3); // half of the 5 left, rounded up
    QTRY_VERIFY(!available.isEmpty());
    QCOMPARE(broker.receive(a, 100).size(), 1);
    QCOMPARE(broker.receive(b, 100).size(), 1);
}

void tst_BrokerSendReceive::statusIsHonoured() {
    NamespaceConfig config;
    QueueDescription disabled = queueNamed(QStringLiteral("off"));
    disabled.status = EntityStatus::Disabled;
    QueueDescription sendOff = queueNamed(QStringLiteral("sendoff"));
    sendOff.status = EntityStatus::SendDisabled;
    QueueDescription receiveOff = queueNamed(QStringLiteral("receiveoff"));
    receiveOff.status = EntityStatus::ReceiveDisabled;
    config.queues = {disabled, sendOff, receiveOff};
    Broker broker(config, nullptr);

    for (const QString& name : {QStringLiteral("off"), QStringLiteral("sendoff")}) {
        auto r = awaitVoid(
            [&](VoidCompletion done) { broker.send(address(name), {message("a")}, done); });
        QVERIFY(r && !r->has_value());
        QCOMPARE(r->error().code, ErrorCode::EntityDisabled);
    }
    QVERIFY(sendNow(broker, QStringLiteral("receiveoff"), {message("a")}));
    for (const QString& name : {QStringLiteral("off"), QStringLiteral("receiveoff")}) {
        Broker::ConsumerOptions options;
        options.source = address(name);
        const auto attached = broker.attachConsumer(options);
        QVERIFY(!attached);
        QCOMPARE(attached.error().code, ErrorCode::EntityDisabled);
    }
    QVERIFY(attach(broker, QStringLiteral("sendoff")) != 0);
}

void tst_BrokerSendReceive::sizeLimitsAreEnforced() {
    NamespaceConfig config;
    QueueDescription small = queueNamed(QStringLiteral("small"));
    small.maxMessageSizeInKilobytes = 1;
    QueueDescription full = queueNamed(QStringLiteral("full"));
    full.maxSizeInMegabytes = 1;
    full.maxMessageSizeInKilobytes = 1024;
    config.queues = {small, full};
    Broker broker(config, nullptr);
    auto tooLarge = awaitVoid([&](VoidCompletion done) {
        broker.send(address(QStringLiteral("small")), {message(QByteArray(2048, 'x'))}, done);
    });
    QVERIFY(tooLarge && !tooLarge->has_value());
    QCOMPARE(tooLarge->error().code, ErrorCode::MessageTooLarge);
    QVERIFY(sendNow(broker, QStringLiteral("full"), {message(QByteArray(600 * 1024, 'x'))}));
    auto quota = awaitVoid([&](VoidCompletion done) {
        broker.send(address(QStringLiteral("full")), {message(QByteArray(600 * 1024, 'y'))}, done);
    });
    QVERIFY(quota && !quota->has_value());
    QCOMPARE(quota->error().code, ErrorCode::QuotaExceeded);
    QCOMPARE(broker.runtimeInfo(QStringLiteral("full"))->counts.activeMessageCount, 1);
}

void tst_BrokerSendReceive::entityNamesAreCaseInsensitive() {
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("Orders"))};
    Broker broker(config, nullptr);
    QVERIFY(sendNow(broker, QStringLiteral("ORDERS"), {message("a")}));
    const auto resolved = broker.resolve(address(QStringLiteral("orders/$deadletterqueue")));
    QVERIFY(resolved);
    QCOMPARE(resolved->entityPath, QStringLiteral("Orders"));
    QCOMPARE(resolved->subQueue, SubQueue::DeadLetter);
    const auto missing = broker.resolve(address(QStringLiteral("nope")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::EntityNotFound);
    QCOMPARE(missing.error().message,
             QStringLiteral("The messaging entity 'nope' could not be found."));
}

QTEST_GUILESS_MAIN(tst_BrokerSendReceive)
#include "tst_BrokerSendReceive.moc"
