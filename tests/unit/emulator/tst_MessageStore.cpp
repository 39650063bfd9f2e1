#include "emulator/store/InMemoryMessageStore.h"
#include "emulator/store/SqliteMessageStore.h"
#include "tests/unit/emulator/BrokerTestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace busbar;
using namespace busbar::emulator;
using namespace busbar::emulator::testing;
using namespace std::chrono_literals;

namespace {

// A broker over a SQLite file, torn down and reopened like a process restart.
struct Node {
    std::unique_ptr<SqliteMessageStore> store;
    std::unique_ptr<Broker> broker;

    Node(const QString& file, const NamespaceConfig& config = {})
        : store(std::make_unique<SqliteMessageStore>(file))
        , broker(std::make_unique<Broker>(config, store.get())) {}
    ~Node() {
        broker.reset();
        store.reset();
    }
};

StoredMessage storedMessage(qint64 sequenceNumber, const QByteArray& body) {
    StoredMessage m;
    m.sequenceNumber = sequenceNumber;
    m.enqueueSequenceNumber = sequenceNumber;
    m.enqueuedTimeMs = 1000 + sequenceNumber;
    m.expiresAtMs = std::numeric_limits<qint64>::max();
    m.messageIdText = QStringLiteral("id-%1").arg(sequenceNumber);
    m.message.setDataBody(body);
    m.sizeInBytes = body.size();
    return m;
}

} // namespace

class tst_MessageStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesAreGroupCommitted();
    void rawRowsRoundTrip();
    void reopenRecoversAcceptedMessagesAndDropsCompletedOnes();
    void locksAreNotPersisted();
    void settlementChangesArePersisted();
    void scheduledMessagesActivateAfterRestart();
    void runtimeEntitiesRulesAndSessionStateSurvive();
    void duplicateDetectionSurvivesRestart();
    void deletingAnEntityDeletesItsMessages();
    void inMemoryStoreReportsDurabilityLater();
    void unopenableFileFailsClearly();
    void acceptedMessagesSurviveSigkill();
    void manyMessagesFlowThroughTheDisk();

private:
    QTemporaryDir m_dir;
    int m_fileCounter = 0;
    QString nextFile() {
        return m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_fileCounter));
    }
};

void tst_MessageStore::writesAreGroupCommitted() {
    SqliteMessageStore store(nextFile());
    QVERIFY(store.isOpen());
    QVERIFY(store.load());
    int durable = 0;
    for (int i = 1; i <= 500; ++i) {
        const StoredMessage m = storedMessage(i, QByteArray(100, 'x'));
        store.insertMessage(QStringLiteral("q"), SubQueue::Main, m, m.message.encode());
        store.whenDurable([&durable](VoidResult r) { durable += r ? 1 : 0; });
    }
    QCOMPARE(durable, 0); // never re-entrant
    QTRY_COMPARE(durable, 500);
    // One event-loop turn of writes is one transaction (maybe two if the writer woke early).
    QVERIFY2(store.commitCount() <= 2, qPrintable(QString::number(store.commitCount())));
}

void tst_MessageStore::rawRowsRoundTrip() {
    const QString file = nextFile();
    {
        SqliteMessageStore store(file);
        QVERIFY(store.load());
        StoredMessage m = storedMessage(7, "payload");
        m.state = MessageState::Deferred;
        m.deliveryCount = 3;
        m.sessionId = QStringLiteral("s1");
        m.deadLetterSource = QStringLiteral("src");
        store.insertMessage(QStringLiteral("Orders"), SubQueue::DeadLetter, m, m.message.encode());
        store.saveSessionState(QStringLiteral("Orders"), QStringLiteral("s1"), "state");
        store.saveSequenceCounter(QStringLiteral("Orders"), SubQueue::DeadLetter, 1007);
        store.saveDuplicateId(QStringLiteral("Orders"), QStringLiteral("m-1"), 42);
        store.saveEntity(StoredEntity{StoredEntity::Kind::Queue, QStringLiteral("Orders"), "{}"});
        std::optional<VoidResult> done;
        store.whenDurable([&done](VoidResult r) { done = r; });
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->has_value());
    }
    SqliteMessageStore store(file);
    const auto snapshot = store.load();
    QVERIFY(snapshot);
    QCOMPARE(snapshot->messages.size(), 1);
    const RecoveredMessage& m = snapshot->messages.first();
    QCOMPARE(m.entityPath, QStringLiteral("Orders"));
    QCOMPARE(m.subQueue, SubQueue::DeadLetter);
    QCOMPARE(m.message.sequenceNumber, 7);
    QCOMPARE(m.message.state, MessageState::Deferred);
    QCOMPARE(m.message.deliveryCount, 3u);
    QCOMPARE(m.message.sessionId, QStringLiteral("s1"));
    QCOMPARE(m.message.messageIdText, QStringLiteral("id-7"));
    QCOMPARE(m.message.deadLetterSource, QStringLiteral("src"));
    QCOMPARE(AmqpMessage::decode(m.encoded)->dataPayload(), QByteArray("payload"));
    QCOMPARE(snapshot->sessionStates.size(), 1);
    QCOMPARE(snapshot->sessionStates.first().state, QByteArray("state"));
    QCOMPARE(snapshot->sequenceCounters.value(
                 sequenceCounterKey(QStringLiteral("Orders"), SubQueue::DeadLetter)),
             1007);
    QCOMPARE(snapshot->duplicateIds.size(), 1);
    QCOMPARE(snapshot->entities.size(), 1);
}

void tst_MessageStore::reopenRecoversAcceptedMessagesAndDropsCompletedOnes() {
    const QString file = nextFile();
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    qint64 lastSequenceNumber = 0;
    {
        Node node(file, config);
        Broker& broker = *node.broker;
        QList<AmqpMessage> batch;
        for (int i = 0; i < 10; ++i) {
            batch.append(message(QByteArray::number(i)));
        }
        QVERIFY(sendNow(broker, QStringLiteral("q"), batch));
        const auto consumer = attach(broker, QStringLiteral("q"));
        const auto locked = broker.receive(consumer, 5);
        QCOMPARE(locked.size(), 5);
        for (int i = 0; i < 3; ++i) { // messages 0, 1, 2 completed
            QVERIFY(settleNow(broker, consumer, locked[i].lockToken,
                              disposition(Disposition::Kind::Complete)));
        }
        QVERIFY(settleNow(broker, consumer, locked[3].lockToken,
                          disposition(Disposition::Kind::Defer)));
        QVERIFY(settleNow(broker, consumer, locked[4].lockToken,
                          disposition(Disposition::Kind::DeadLetter)));
        AmqpMessage later = message("scheduled");
        later.setAnnotation("x-opt-scheduled-enqueue-time",
                            QDateTime::currentDateTimeUtc().addSecs(3600));
        QVERIFY(sendNow(broker, QStringLiteral("q"), {later}));
        lastSequenceNumber =
            broker.peek(address(QStringLiteral("q")), 0, 100, std::nullopt)->last().sequenceNumber;
    }
    Node node(file, config);
    Broker& broker = *node.broker;
    const auto info = broker.runtimeInfo(QStringLiteral("q"));
    QVERIFY(info);
    QCOMPARE(info->counts.activeMessageCount, 5);
    QCOMPARE(info->counts.deferredMessageCount, 1);
    QCOMPARE(info->counts.deadLetterMessageCount, 1);
    QCOMPARE(info->counts.scheduledMessageCount, 1);
    const auto peeked = broker.peek(address(QStringLiteral("q")), 0, 100, std::nullopt);
    QStringList bodies;
    for (const StoredMessage& m : *peeked) {
        bodies.append(bodyOf(m));
    }
    QCOMPARE(bodies, (QStringList{QStringLiteral("3"), QStringLiteral("5"), QStringLiteral("6"),
                                  QStringLiteral("7"), QStringLiteral("8"), QStringLiteral("9"),
                                  QStringLiteral("scheduled")}));
    QCOMPARE(peeked->at(0).state, MessageState::Deferred);
    QCOMPARE(peeked->last().state, MessageState::Scheduled);
    // Sequence numbers never go back after a restart.
    QVERIFY(sendNow(broker, QStringLiteral("q"), {message("new")}));
    QVERIFY(broker.peek(address(QStringLiteral("q")), 0, 100, std::nullopt)->last().sequenceNumber >
            lastSequenceNumber);
    const auto dlq =
        broker.peek(address(QStringLiteral("q/$DeadLetterQueue")), 0, 10, std::nullopt);
    QCOMPARE(dlq->size(), 1);
    QCOMPARE(bodyOf(dlq->first()), QStringLiteral("4"));
}

void tst_MessageStore::locksAreNotPersisted() {
    const QString file = nextFile();
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    {
        Node node(file, config);
        QVERIFY(sendNow(*node.broker, QStringLiteral("q"), {message("a")}));
        const auto consumer = attach(*node.broker, QStringLiteral("q"));
        QCOMPARE(node.broker->receive(consumer, 1).size(), 1);
    }
    Node node(file, config);
    const auto consumer = attach(*node.broker, QStringLiteral("q"));
    const auto again = node.broker->receive(consumer, 1);
    QCOMPARE(again.size(), 1);
    QCOMPARE(bodyOf(again[0].message), QStringLiteral("a"));
}

void tst_MessageStore::settlementChangesArePersisted() {
    const QString file = nextFile();
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    {
        Node node(file, config);
        Broker& broker = *node.broker;
        QVERIFY(sendNow(broker, QStringLiteral("q"), {message("a")}));
        const auto consumer = attach(broker, QStringLiteral("q"));
        const auto locked = broker.receive(consumer, 1);
        Disposition abandon = disposition(Disposition::Kind::Abandon);
        abandon.propertiesToModify.entries.append(
            {QVariant(QStringLiteral("attempt")), QVariant::fromValue<qint32>(1)});
        QVERIFY(settleNow(broker, consumer, locked[0].lockToken, abandon));
    }
    Node node(file, config);
    const auto peeked = node.broker->peek(address(QStringLiteral("q")), 0, 10, std::nullopt);
    QCOMPARE(peeked->size(), 1);
    QCOMPARE(peeked->first().deliveryCount, 1u);
    QCOMPARE(peeked->first().message.applicationProperty(QStringLiteral("attempt")).toInt(), 1);
}

void tst_MessageStore::scheduledMessagesActivateAfterRestart() {
    const QString file = nextFile();
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    {
        Node node(file, config);
        AmqpMessage later = message("later");
        later.setAnnotation("x-opt-scheduled-enqueue-time",
                            QDateTime::currentDateTimeUtc().addMSecs(1500));
        QVERIFY(sendNow(*node.broker, QStringLiteral("q"), {later}));
    }
    Node node(file, config);
    QCOMPARE(node.broker->runtimeInfo(QStringLiteral("q"))->counts.scheduledMessageCount, 1);
    QTRY_COMPARE(node.broker->runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 1);
    // Its activation is stored too.
    node.broker.reset();
    node.store.reset();
    Node again(file, config);
    QCOMPARE(again.broker->runtimeInfo(QStringLiteral("q"))->counts.activeMessageCount, 1);
    QCOMPARE(again.broker->runtimeInfo(QStringLiteral("q"))->counts.scheduledMessageCount, 0);
}

void tst_MessageStore::runtimeEntitiesRulesAndSessionStateSurvive() {
    const QString file = nextFile();
    {
        Node node(file);
        Broker& broker = *node.broker;
        QueueDescription q = queueNamed(QStringLiteral("Runtime"));
        q.requiresSession = true;
        q.lockDuration = 5s;
        QVERIFY(broker.createQueue(q));
        TopicDescription t;
        t.name = QStringLiteral("events");
        QVERIFY(broker.createTopic(t));
        SubscriptionDescription s;
        s.topicName = QStringLiteral("events");
        s.name = QStringLiteral("audit");
        QVERIFY(broker.createSubscription(s));
        RuleDescription rule;
        rule.name = QStringLiteral("red");
        rule.filterKind = FilterKind::Sql;
        rule.sqlExpression = QStringLiteral("color = 'red'");
        QVERIFY(broker.createRule(QStringLiteral("events"), QStringLiteral("audit"), rule));

        Broker::ConsumerOptions options;
        options.source = address(QStringLiteral("runtime"));
        options.sessionFilter = QStringLiteral("s1");
        QVERIFY(broker.attachConsumer(options));
        auto saved = awaitVoid([&](VoidCompletion done) {
            broker.setSessionState(address(QStringLiteral("runtime")), QStringLiteral("s1"),
                                   "checkpoint", done);
        });
        QVERIFY(saved && saved->has_value());
    }
    Node node(file);
    Broker& broker = *node.broker;
    const auto q = broker.queue(QStringLiteral("runtime"));
    QVERIFY(q);
    QVERIFY(q->requiresSession);
    QCOMPARE(q->lockDuration, 5s);
    const auto rules = broker.rules(QStringLiteral("events"), QStringLiteral("audit"));
    QVERIFY(rules);
    QCOMPARE(rules->size(), 2);
    QCOMPARE(rules->at(1).sqlExpression, QStringLiteral("color = 'red'"));
    const auto sessions = broker.sessions(address(QStringLiteral("runtime")), 0, 0, 10);
    QCOMPARE(*sessions, QList<QString>{QStringLiteral("s1")});
    Broker::ConsumerOptions options;
    options.source = address(QStringLiteral("runtime"));
    options.sessionFilter = QStringLiteral("s1");
    QVERIFY(broker.attachConsumer(options));
    QCOMPARE(*broker.sessionState(address(QStringLiteral("runtime")), QStringLiteral("s1")),
             QByteArray("checkpoint"));
}

void tst_MessageStore::duplicateDetectionSurvivesRestart() {
    const QString file = nextFile();
    NamespaceConfig config;
    QueueDescription q = queueNamed(QStringLiteral("dedup"));
    q.requiresDuplicateDetection = true;
    config.queues = {q};
    {
        Node node(file, config);
        QVERIFY(
            sendNow(*node.broker, QStringLiteral("dedup"), {message("a", QStringLiteral("m-1"))}));
    }
    Node node(file, config);
    QVERIFY(
        sendNow(*node.broker, QStringLiteral("dedup"), {message("again", QStringLiteral("m-1"))}));
    QCOMPARE(node.broker->runtimeInfo(QStringLiteral("dedup"))->counts.activeMessageCount, 1);
}

void tst_MessageStore::deletingAnEntityDeletesItsMessages() {
    const QString file = nextFile();
    {
        Node node(file);
        QVERIFY(node.broker->createQueue(queueNamed(QStringLiteral("gone"))));
        QVERIFY(node.broker->createQueue(queueNamed(QStringLiteral("gone2"))));
        QVERIFY(sendNow(*node.broker, QStringLiteral("gone"), {message("a")}));
        QVERIFY(sendNow(*node.broker, QStringLiteral("gone2"), {message("b")}));
        QVERIFY(node.broker->deleteEntity(QStringLiteral("gone")));
        QVERIFY(node.broker->createQueue(queueNamed(QStringLiteral("gone"))));
        auto flushed = awaitVoid([&](VoidCompletion done) {
            node.broker->send(address(QStringLiteral("gone2")), {}, done);
        });
        QVERIFY(flushed && flushed->has_value());
    }
    Node node(file);
    QCOMPARE(node.broker->runtimeInfo(QStringLiteral("gone"))->messageCount, 0);
    QCOMPARE(node.broker->runtimeInfo(QStringLiteral("gone2"))->messageCount, 1);
}

void tst_MessageStore::inMemoryStoreReportsDurabilityLater() {
    InMemoryMessageStore store;
    QVERIFY(!store.isPersistent());
    bool called = false;
    store.whenDurable([&called](VoidResult r) { called = r.has_value(); });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

void tst_MessageStore::unopenableFileFailsClearly() {
    // open() creates missing directories; the constructor alone does not.
    const auto created =
        SqliteMessageStore::open(m_dir.filePath(QStringLiteral("new-dir/store.db")));
    QVERIFY(created);
    QVERIFY((*created)->isOpen());
    // A directory cannot be made under a plain file.
    QFile blocker(m_dir.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!SqliteMessageStore::open(m_dir.filePath(QStringLiteral("blocker/store.db"))));

    SqliteMessageStore store(m_dir.filePath(QStringLiteral("missing-dir/store.db")));
    QVERIFY(!store.isOpen());
    const auto loaded = store.load();
    QVERIFY(!loaded);
    QVERIFY(loaded.error().message.contains(QStringLiteral("message store")));
    std::optional<VoidResult> done;
    store.whenDurable([&done](VoidResult r) { done = r; });
    QTRY_VERIFY(done.has_value());
    QVERIFY(!done->has_value());
}

void tst_MessageStore::acceptedMessagesSurviveSigkill() {
#ifndef Q_OS_UNIX
    QSKIP("QProcess::kill() is SIGKILL only on Unix");
#else
    const QString file = nextFile();
    QProcess child;
    int lastSent = -1;
    QSet<int> completed;
    QSet<int> completing; // asked for; durable or not when the kill landed
    QByteArray pending;
    auto readLines = [&] {
        pending += child.readAllStandardOutput();
        qsizetype newline = -1;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QList<QByteArray> words = pending.left(newline).split(' ');
            pending.remove(0, newline + 1);
            if (words.size() == 2 && words[0] == "sent") {
                lastSent = std::max(lastSent, words[1].toInt());
            } else if (words.size() == 2 && words[0] == "completed") {
                completed.insert(words[1].toInt());
            } else if (words.size() == 2 && words[0] == "completing") {
                completing.insert(words[1].toInt());
            }
        }
    };
    connect(&child, &QProcess::readyReadStandardOutput, this, readLines);
    child.start(QStringLiteral(STORE_KILL_CHILD), {file});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(lastSent >= 2000 && completed.size() >= 200, 30000);
    child.kill(); // SIGKILL: no destructor, no final flush
    QVERIFY(child.waitForFinished());
    readLines(); // acknowledgements already written before the kill count too

    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Node node(file, config);
    const auto stored =
        node.broker->peek(address(QStringLiteral("q")), 0, 10'000'000, std::nullopt);
    QVERIFY(stored);
    QSet<int> present;
    for (const StoredMessage& m : *stored) {
        present.insert(m.message.dataPayload().toInt());
    }
    for (int n = 0; n <= lastSent; ++n) {
        if (completed.contains(n)) {
            QVERIFY2(!present.contains(n),
                     qPrintable(QStringLiteral("completed message %1 came back").arg(n)));
        } else if (!completing.contains(n)) {
            QVERIFY2(present.contains(n),
                     qPrintable(QStringLiteral("accepted message %1 was lost").arg(n)));
        }
    }
#endif
}

void tst_MessageStore::manyMessagesFlowThroughTheDisk() {
    // A smoke test of group commit under load, not a timed assertion: rates are printed.
    NamespaceConfig config;
    config.queues = {queueNamed(QStringLiteral("q"))};
    Node node(nextFile(), config);
    Broker& broker = *node.broker;
    const int total = 20'000;
    QList<AmqpMessage> batch;
    for (int i = 0; i < 100; ++i) {
        batch.append(message(QByteArray(1024, 'x')));
    }
    int durable = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < total / 100; ++i) {
        broker.send(address(QStringLiteral("q")), batch,
                    [&durable](VoidResult r) { durable += r ? 100 : 0; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(durable, total, 30000);
    const qint64 sendMs = std::max<qint64>(1, timer.restart());
    const auto consumer = attach(broker, QStringLiteral("q"));
    int completed = 0;
    int settledDurably = 0;
    for (;;) {
        const auto locked = broker.receive(consumer, 100);
        if (locked.isEmpty()) {
            break;
        }
        for (const LockedMessage& m : locked) {
            broker.settle(consumer, m.lockToken, disposition(Disposition::Kind::Complete),
                          [&settledDurably](VoidResult r) { settledDurably += r ? 1 : 0; });
            ++completed;
        }
    }
    QCOMPARE(completed, total);
    QTRY_COMPARE_WITH_TIMEOUT(settledDurably, total, 30000);
    const qint64 receiveMs = std::max<qint64>(1, timer.elapsed());
    qInfo("SQLite store: %lld durable sends/s, %lld durable completes/s, %lld commits",
          total * 1000 / sendMs, total * 1000 / receiveMs, node.store->commitCount());
}

QTEST_GUILESS_MAIN(tst_MessageStore)
#include "tst_MessageStore.moc"
