#include "core/jobs/JobJournal.h"
#include "core/jobs/ResubmitJob.h"
#include "emulator/server/InProcessEmulator.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "JobsTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_ResubmitJob : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;
    QTemporaryDir m_dir;

    QString journalPath(const QString& name) const {
        return m_dir.filePath(name + QStringLiteral(".jsonl"));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        for (const char* name :
             {"selected", "filtered", "paused", "cancelled", "crash", "edited"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
        ns.queues.append(queueNamed(QStringLiteral("held")));
        ns.queues.append(queueNamed(QStringLiteral("journalled")));
        ns.queues.append(queueNamed(QStringLiteral("predeferred")));
        ns.queues.append(queueNamed(QStringLiteral("journalled-target")));
        ns.queues.append(queueNamed(QStringLiteral("filtered-target")));
        ns.queues.append(queueNamed(QStringLiteral("crash-target"), true));
        options.config.namespaces.append(ns);
        options.httpPort = -1;
        auto endpoints = m_emulator.start(options);
        QVERIFY2(endpoints, endpoints ? "" : qPrintable(endpoints.error().toString()));
        m_client = clientFor(endpoints->connectionString);
        QVERIFY(m_client);
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    void resubmitsSelectedMessagesAndKeepsTheRestInTheDeadLetterQueue() {
        const QString queue = QStringLiteral("selected");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("sel"), 20));
        const auto dlq = peekAll(*m_client, queue, SubQueue::DeadLetter);
        QCOMPARE(dlq.size(), 20);
        QList<qint64> chosen;
        QSet<QString> chosenIds;
        for (int i : {1, 4, 9, 15, 19}) {
            chosen.append(dlq[i].sequenceNumber);
            chosenIds.insert(dlq[i].messageId());
        }

        ResubmitOptions options;
        options.sourceEntity = queue;
        options.selection = MessageSelection::of(chosen);
        options.batchSize = 6; // several steps, some with only non-selected messages
        ResubmitJob job(m_client.get(), m_client.get(), options, journalPath(queue));
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.report().count(JobOutcome::Moved), 5);
        QCOMPARE(job.report().count(JobOutcome::Failed), 0);
        QCOMPARE(job.progress().done, 5);
        QCOMPARE(job.progress().total, 5);

        const auto active = peekAll(*m_client, queue, SubQueue::None);
        QCOMPARE(idsOf(active), chosenIds);
        for (const ServiceBusMessage& m : active) {
            QVERIFY(!m.amqp.applicationProperty(QStringLiteral("DeadLetterReason")).isValid());
            QCOMPARE(m.amqp.applicationProperty(QStringLiteral("index")).userType(),
                     QMetaType::Int);
        }
        const auto left = peekAll(*m_client, queue, SubQueue::DeadLetter);
        QCOMPARE(left.size(), 15);
        for (const ServiceBusMessage& m : left) {
            QVERIFY(!chosenIds.contains(m.messageId()));
            QCOMPARE(m.state, MessageState::Active); // deferred by the scan, then returned
        }
    }

    void holdsNonSelectedMessagesLockedPastTheLockDuration() {
        const QString queue = QStringLiteral("held");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("hd"), 30));
        // The test locks the one selected message itself, so the job has to wait for that
        // lock (5 s) to run out while it holds the 29 others: longer than their own locks.
        const auto all =
            await(m_client->receive(queue, SubQueue::DeadLetter, ReceiveMode::PeekLock, 30, 2s));
        QVERIFY(all && all->size() == 30);
        for (qsizetype i = 0; i + 1 < all->size(); ++i) {
            QVERIFY(await(m_client->abandon(queue, SubQueue::DeadLetter, all->at(i))));
        }
        const auto before = peekAll(*m_client, queue, SubQueue::DeadLetter);
        QCOMPARE(before.size(), 30);

        ResubmitOptions options;
        options.sourceEntity = queue;
        options.selection = MessageSelection::of({all->last().sequenceNumber});
        options.batchSize = 3;
        options.receiveWait = std::chrono::milliseconds(500);
        ResubmitJob job(m_client.get(), m_client.get(), options, journalPath(queue));
        QElapsedTimer clock;
        clock.start();
        job.start();
        // Keep the selected message locked well past the job's own lock duration.
        QVERIFY(QTest::qWaitFor([&clock] { return clock.elapsed() >= 3000; }, 10000));
        QVERIFY(!job.isFinished());
        QVERIFY(await(m_client->renewLock(queue, SubQueue::DeadLetter, {all->last().lockToken})));
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QVERIFY(clock.elapsed() > 6000);
        QCOMPARE(job.report().count(JobOutcome::Moved), 1);
        const auto left = peekAll(*m_client, queue, SubQueue::DeadLetter);
        QCOMPARE(left.size(), 29);
        for (qsizetype i = 0; i < left.size(); ++i) {
            QCOMPARE(left[i].state, MessageState::Active);
            // Locked once by the job, renewed, returned once: no lock ran out in between
            // (which would have delivered it again).
            QCOMPARE(left[i].deliveryCount, before[i].deliveryCount + 1);
        }
    }

    void replaysWithAFilterToAnotherQueue() {
        const QString queue = QStringLiteral("filtered");
        const QString target = QStringLiteral("filtered-target");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("flt"), 20));

        ResubmitOptions byReason;
        byReason.sourceEntity = queue;
        byReason.targetEntity = target;
        byReason.selection.mode = MessageSelection::Mode::Filter;
        byReason.selection.deadLetterReason = QStringLiteral("Even");
        ResubmitJob first(m_client.get(), m_client.get(), byReason, journalPath(queue));
        first.start();
        QVERIFY(waitFinished(first));
        QVERIFY2(first.state() == JobState::Completed, qPrintable(first.error().toString()));
        QCOMPARE(first.report().count(JobOutcome::Moved), 10);

        ResubmitOptions bySql = byReason;
        bySql.selection.deadLetterReason.reset();
        bySql.selection.sql = QStringLiteral("index < 4");
        ResubmitJob second(m_client.get(), m_client.get(), bySql,
                           journalPath(queue + QStringLiteral("-sql")));
        second.start();
        QVERIFY(waitFinished(second));
        QVERIFY2(second.state() == JobState::Completed, qPrintable(second.error().toString()));
        QCOMPARE(second.report().count(JobOutcome::Moved), 2); // 1 and 3: the odd ones left

        QSet<QString> expected;
        for (int i = 0; i < 20; i += 2) {
            expected.insert(QStringLiteral("flt-%1").arg(i));
        }
        expected.insert(QStringLiteral("flt-1"));
        expected.insert(QStringLiteral("flt-3"));
        int duplicates = 0;
        const auto moved = peekAll(*m_client, target, SubQueue::None);
        QCOMPARE(idsOf(moved, &duplicates), expected);
        QCOMPARE(duplicates, 0);
        QCOMPARE(peekAll(*m_client, queue, SubQueue::DeadLetter).size(), 8);
    }

    void editHookAndNewIds() {
        const QString queue = QStringLiteral("edited");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("ed"), 3));
        ResubmitOptions options;
        options.sourceEntity = queue;
        options.regenerateMessageIds = true;
        ResubmitJob job(m_client.get(), m_client.get(), options, journalPath(queue));
        job.setEditHook([](OutgoingMessage& m) {
            m.raw->setApplicationProperty(QStringLiteral("repaired"), true);
        });
        job.start();
        QVERIFY(waitFinished(job));
        QCOMPARE(job.state(), JobState::Completed);
        const auto active = peekAll(*m_client, queue, SubQueue::None);
        QCOMPARE(active.size(), 3);
        for (const ServiceBusMessage& m : active) {
            QVERIFY(!m.messageId().startsWith(QStringLiteral("ed-")));
            QCOMPARE(m.amqp.applicationProperty(QStringLiteral("repaired")), QVariant(true));
        }
        QVERIFY(peekAll(*m_client, queue, SubQueue::DeadLetter).isEmpty());
    }

    void pausesAndResumes() {
        const QString queue = QStringLiteral("paused");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("pa"), 60));
        ResubmitOptions options;
        options.sourceEntity = queue;
        options.batchSize = 5;
        ResubmitJob job(m_client.get(), m_client.get(), options, journalPath(queue));
        QSignalSpy states(&job, &Job::stateChanged);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.progress().done >= 5, 20000);
        job.pause();
        QCOMPARE(job.state(), JobState::Paused);
        // The step in flight ends, then nothing more happens while paused.
        QTRY_VERIFY(peekAll(*m_client, queue, SubQueue::None).size() == job.progress().done);
        const qint64 doneWhilePaused = job.progress().done;
        QVERIFY(doneWhilePaused < 60);
        QCOMPARE(peekAll(*m_client, queue, SubQueue::DeadLetter).size(), 60 - doneWhilePaused);
        job.resume();
        QVERIFY(waitFinished(job));
        QCOMPARE(job.state(), JobState::Completed);
        QCOMPARE(job.progress().done, 60);
        QCOMPARE(peekAll(*m_client, queue, SubQueue::None).size(), 60);
        QVERIFY(states.size() >= 4); // Running, Paused, Running, Completed
    }

    void cancelStopsBetweenSteps() {
        const QString queue = QStringLiteral("cancelled");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("ca"), 60));
        ResubmitOptions options;
        options.sourceEntity = queue;
        options.batchSize = 5;
        ResubmitJob job(m_client.get(), m_client.get(), options, journalPath(queue));
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.progress().done >= 5, 20000);
        job.cancel();
        QVERIFY(waitFinished(job));
        QCOMPARE(job.state(), JobState::Cancelled);
        const qint64 done = job.progress().done;
        QVERIFY(done < 60);
        // Nothing half done: what was moved is gone from the DLQ, the rest is still there.
        QCOMPARE(peekAll(*m_client, queue, SubQueue::None).size(), done);
        QCOMPARE(peekAll(*m_client, queue, SubQueue::DeadLetter).size(), 60 - done);
    }

    void resubmitsSelectedMessagesThatWereDeferredBefore() {
        const QString queue = QStringLiteral("predeferred");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("pd"), 6));
        const auto locked =
            await(m_client->receive(queue, SubQueue::DeadLetter, ReceiveMode::PeekLock, 2, 2s));
        QVERIFY(locked && locked->size() == 2);
        for (const ServiceBusMessage& m : *locked) {
            QVERIFY(await(m_client->defer(queue, SubQueue::DeadLetter, m)));
        }
        ResubmitOptions options;
        options.sourceEntity = queue;
        ResubmitJob job(m_client.get(), m_client.get(), options, journalPath(queue));
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QCOMPARE(job.progress().total, 6);
        QCOMPARE(job.report().count(JobOutcome::Moved), 6);
        QCOMPARE(peekAll(*m_client, queue, SubQueue::None).size(), 6);
        QVERIFY(peekAll(*m_client, queue, SubQueue::DeadLetter).isEmpty());
    }

    void removesMessagesJournalledAsSentWithoutSendingThemAgain() {
        const QString queue = QStringLiteral("journalled");
        const QString target = QStringLiteral("journalled-target");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("jr"), 6));
        const auto dlq = peekAll(*m_client, queue, SubQueue::DeadLetter);
        QCOMPARE(dlq.size(), 6);
        // Defer one of them, as a crash between lock and complete by sequence number may leave it.
        const auto locked =
            await(m_client->receive(queue, SubQueue::DeadLetter, ReceiveMode::PeekLock, 1, 2s));
        QVERIFY(locked && locked->size() == 1);
        QCOMPARE(locked->first().sequenceNumber, dlq[0].sequenceNumber);
        QVERIFY(await(m_client->defer(queue, SubQueue::DeadLetter, locked->first())));

        // An earlier run sent messages 0 and 3 (the target accepted them), then stopped.
        ResubmitOptions options;
        options.sourceEntity = queue;
        options.targetEntity = target;
        const QString path = journalPath(queue);
        {
            JobJournal journal;
            QVERIFY(journal.open(path));
            QVERIFY(journal.writeDefinition(options.toJson()));
            QVERIFY(journal.writeStep(QStringLiteral("sent"), dlq[0].sequenceNumber,
                                      dlq[0].messageId()));
            QVERIFY(journal.writeStep(QStringLiteral("sent"), dlq[3].sequenceNumber,
                                      dlq[3].messageId()));
        }
        ResubmitJob job(m_client.get(), m_client.get(), ResubmitOptions{}, path);
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QCOMPARE(job.report().count(JobOutcome::Moved), 6);

        const auto moved = peekAll(*m_client, target, SubQueue::None);
        QSet<QString> expected;
        for (int i : {1, 2, 4, 5}) {
            expected.insert(dlq[i].messageId());
        }
        QCOMPARE(idsOf(moved), expected); // 0 and 3 were not sent again
        QVERIFY(peekAll(*m_client, queue, SubQueue::DeadLetter).isEmpty());
    }

    void resumesFromTheJournalAfterACrashWithoutLossOrDuplicates() {
        const QString queue = QStringLiteral("crash");
        const QString target = QStringLiteral("crash-target");
        const int count = 200;
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("cr"), count));
        ResubmitOptions options;
        options.sourceEntity = queue;
        options.targetEntity = target;
        options.batchSize = 20;
        const QString journal = journalPath(queue);

        auto crashed =
            std::make_unique<ResubmitJob>(m_client.get(), m_client.get(), options, journal);
        crashed->start();
        QTRY_VERIFY_WITH_TIMEOUT(crashed->progress().done >= 50, 30000);
        crashed.reset(); // mid-step: sends and completions in flight are never journalled

        const auto fromJournal = ResubmitJob::optionsFromJournal(journal);
        QVERIFY(fromJournal);
        QCOMPARE(fromJournal->targetEntity, target);
        ResubmitJob resumed(m_client.get(), m_client.get(), ResubmitOptions{}, journal);
        resumed.start();
        QVERIFY(waitFinished(resumed, 120000));
        QVERIFY2(resumed.state() == JobState::Completed, qPrintable(resumed.error().toString()));

        int duplicates = 0;
        const auto moved = peekAll(*m_client, target, SubQueue::None);
        QCOMPARE(moved.size(), count);
        QCOMPARE(idsOf(moved, &duplicates).size(), count);
        QCOMPARE(duplicates, 0);
        QVERIFY(peekAll(*m_client, queue, SubQueue::DeadLetter).isEmpty());
    }
};

QTEST_MAIN(tst_ResubmitJob)
#include "tst_ResubmitJob.moc"
