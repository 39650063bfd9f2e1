#include "core/jobs/PurgeJob.h"
#include "emulator/server/InProcessEmulator.h"

#include <QSignalSpy>
#include <QTest>

#include "JobsTestSupport.h"
#include "NoBatchDeleteClient.h"

using namespace busbar;
using namespace busbar::test;

namespace {

bool sendTexts(ServiceBusClient& client, const QString& queue, const QString& prefix, int count) {
    QList<OutgoingMessage> batch;
    for (int i = 0; i < count; ++i) {
        batch.append(textMessage(QStringLiteral("%1-%2").arg(prefix).arg(i), QStringLiteral("x")));
        if (batch.size() == 100 || i == count - 1) {
            if (!await(client.send(queue, batch))) {
                return false;
            }
            batch.clear();
        }
    }
    return true;
}

// Defers `count` active messages of `queue`.
bool deferSome(ServiceBusClient& client, const QString& queue, int count) {
    const auto got = await(client.receive(queue, SubQueue::None, ReceiveMode::PeekLock, count, 2s));
    if (!got || got->size() != count) {
        return false;
    }
    for (const ServiceBusMessage& m : *got) {
        if (!await(client.defer(queue, SubQueue::None, m))) {
            return false;
        }
    }
    return true;
}

} // namespace

class tst_PurgeJob : public QObject {
    Q_OBJECT

private:
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;

    // Everything before now, then `newer` more messages after the returned bound.
    QDateTime sendOlderThenNewer(const QString& queue, int older, int newer) {
        if (!sendTexts(*m_client, queue, QStringLiteral("old"), older)) {
            return {};
        }
        const auto all = peekAll(*m_client, queue, SubQueue::None);
        if (all.isEmpty() || !all.last().enqueuedTime) {
            return {};
        }
        const QDateTime bound = all.last().enqueuedTime->addMSecs(1);
        // The next enqueue must be stamped at or after the bound.
        if (!QTest::qWaitFor([&] { return QDateTime::currentDateTimeUtc() > bound; }, 1000) ||
            !sendTexts(*m_client, queue, QStringLiteral("new"), newer)) {
            return {};
        }
        return bound;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        for (const char* name : {"batch", "fallback", "older-batch", "older-fallback"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
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

    void purgesActiveDeferredAndDeadLettersWithBatchDelete() {
        const QString queue = QStringLiteral("batch");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("dl"), 30));
        QVERIFY(sendTexts(*m_client, queue, QStringLiteral("m"), 1200));
        QVERIFY(deferSome(*m_client, queue, 5));

        PurgeOptions options;
        options.entity = queue;
        options.deadLetter = true;
        PurgeJob job(m_client.get(), options);
        QSignalSpy progress(&job, &Job::progressChanged);
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QVERIFY(!job.usedFallback());
        QCOMPARE(job.progress().done, 1230);
        QCOMPARE(job.progress().total, 1230);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().value<JobProgress>().done, 1230);
        QVERIFY(peekAll(*m_client, queue, SubQueue::None).isEmpty());
        QVERIFY(peekAll(*m_client, queue, SubQueue::DeadLetter).isEmpty());
    }

    void fallsBackToReceiveAndDeleteWhenBatchDeleteIsNotSupported() {
        const QString queue = QStringLiteral("fallback");
        QVERIFY(fillDeadLetterQueue(*m_client, queue, QStringLiteral("dl"), 20));
        QVERIFY(sendTexts(*m_client, queue, QStringLiteral("m"), 300));
        QVERIFY(deferSome(*m_client, queue, 3));

        NoBatchDeleteClient noBatchDelete(*m_client);
        PurgeOptions options;
        options.entity = queue;
        options.deadLetter = true;
        PurgeJob job(&noBatchDelete, options);
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QVERIFY(job.usedFallback());
        QCOMPARE(noBatchDelete.batchDeleteCalls, 1); // not asked again for the DLQ
        QCOMPARE(job.report().count(JobOutcome::Deleted), 320);
        QSet<qint64> sequenceNumbers;
        for (const JobReportEntry& e : job.report().entries) {
            QVERIFY(e.sequenceNumber > 0);
            QVERIFY(!e.messageId.isEmpty());
            sequenceNumbers.insert(e.sequenceNumber);
        }
        QCOMPARE(sequenceNumbers.size(), 320);
        QVERIFY(peekAll(*m_client, queue, SubQueue::None).isEmpty());
        QVERIFY(peekAll(*m_client, queue, SubQueue::DeadLetter).isEmpty());
    }

    void purgesOnlyOlderMessages_data() {
        QTest::addColumn<bool>("fallback");
        QTest::newRow("batch delete") << false;
        QTest::newRow("receive") << true;
    }

    void purgesOnlyOlderMessages() {
        QFETCH(bool, fallback);
        const QString queue =
            fallback ? QStringLiteral("older-fallback") : QStringLiteral("older-batch");
        const QDateTime bound = sendOlderThenNewer(queue, 10, 5);
        QVERIFY(bound.isValid());
        NoBatchDeleteClient noBatchDelete(*m_client);
        PurgeOptions options;
        options.entity = queue;
        options.enqueuedBefore = bound;
        PurgeJob job(fallback ? static_cast<ServiceBusClient*>(&noBatchDelete) : m_client.get(),
                     options);
        job.start();
        QVERIFY(waitFinished(job));
        QVERIFY2(job.state() == JobState::Completed, qPrintable(job.error().toString()));
        QCOMPARE(job.progress().done, 10);
        const auto left = peekAll(*m_client, queue, SubQueue::None);
        QCOMPARE(left.size(), 5);
        for (const ServiceBusMessage& m : left) {
            QVERIFY(m.messageId().startsWith(QStringLiteral("new-")));
        }
    }
};

QTEST_MAIN(tst_PurgeJob)
#include "tst_PurgeJob.moc"
