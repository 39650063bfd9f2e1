// Purge… through the dialog against the emulator: dead-letter only, both, declined, the
// count in the confirmation and the typed name for big or unknown counts.
#include "core/jobs/JobOptionsJson.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLocale>
#include <QPointer>
#include <QRadioButton>

#include "MaintenanceTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_PurgeDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_fixture.start({QStringLiteral("dlq-only"), QStringLiteral("both"),
                                 QStringLiteral("declined"), QStringLiteral("many"),
                                 QStringLiteral("older")}));
    }
    void init() { m_fixture.init(); }
    void cleanup() { m_fixture.cleanup(); }
    void cleanupTestCase() { m_fixture.stop(); }

    void purgesTheDeadLetterQueueOnly() {
        const QString queue = QStringLiteral("dlq-only");
        QVERIFY(fill(queue, 6, 4));
        QPointer<QWidget> dialog =
            m_fixture.actions()->purge(m_fixture.session(), queue, SubQueue::DeadLetter);
        QVERIFY(dialog != nullptr);
        QVERIFY(child<QRadioButton>(dialog, "purgeDeadLetter")->isChecked());
        QTRY_COMPARE(child<QLabel>(dialog, "purgeCount")->text(),
                     QStringLiteral("6 message(s) from the dead-letter queue."));

        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        child<QPushButton>(dialog, "purgeButton")->click();
        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        const ConfirmationRequest& asked = m_fixture.prompt()->requests().constFirst();
        QVERIFY2(asked.text.contains(QStringLiteral("6 message(s)")) &&
                     asked.text.contains(QStringLiteral("dead-letter queue")) &&
                     asked.text.contains(queue),
                 qPrintable(asked.text));
        QVERIFY(asked.typedConfirmation.isEmpty()); // 6 is not many

        QCOMPARE(started.size(), 1);
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QTRY_VERIFY(dialog.isNull()); // closed and deleted once the job started
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::DeadLetter).size(), 0);
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::None).size(), 4);

        // The description can re-create the job.
        const JobDescription description =
            m_fixture.jobs()->description(started.last().at(0).toString());
        QCOMPARE(description.kind, QStringLiteral("purge"));
        QCOMPARE(description.sourceConnectionId, m_fixture.session()->id());
        const PurgeOptions options = purgeOptionsFromJson(description.options);
        QCOMPARE(options.entity, queue);
        QVERIFY(options.deadLetter);
        QVERIFY(!options.active);
    }

    void purgesBoth() {
        const QString queue = QStringLiteral("both");
        QVERIFY(fill(queue, 3, 2));
        QWidget* dialog = m_fixture.actions()->purge(m_fixture.session(), queue, SubQueue::None);
        QVERIFY(child<QRadioButton>(dialog, "purgeActive")->isChecked());
        child<QRadioButton>(dialog, "purgeBoth")->setChecked(true);
        QTRY_COMPARE(child<QLabel>(dialog, "purgeCount")->text(),
                     QStringLiteral("5 message(s) from the active and dead-letter queues."));

        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        child<QPushButton>(dialog, "purgeButton")->click();
        QVERIFY(m_fixture.prompt()->requests().constFirst().text.contains(
            QStringLiteral("5 message(s) from the active and dead-letter queues")));
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::DeadLetter).size(), 0);
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::None).size(), 0);
    }

    void decliningTheConfirmationDeletesNothing() {
        const QString queue = QStringLiteral("declined");
        QVERIFY(fill(queue, 3, 2));
        QWidget* dialog = m_fixture.actions()->purge(m_fixture.session(), queue, SubQueue::None);
        child<QRadioButton>(dialog, "purgeBoth")->setChecked(true);
        QTRY_COMPARE(child<QLabel>(dialog, "purgeCount")->text(),
                     QStringLiteral("5 message(s) from the active and dead-letter queues."));

        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(false);
        child<QPushButton>(dialog, "purgeButton")->click();
        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        QCOMPARE(started.size(), 0);
        QVERIFY(m_fixture.jobs()->jobIds().isEmpty());
        QVERIFY(dialog->isVisible()); // still there for another choice
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::DeadLetter).size(), 3);
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::None).size(), 2);
    }

    void manyOrAnUnknownNumberAsksForTheEntityName() {
        const QString queue = QStringLiteral("many");
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 1001; ++i) {
            batch.append(textMessage(QStringLiteral("m-%1").arg(i), QStringLiteral("b")));
            if (batch.size() == 250 || i == 1000) {
                QVERIFY(await(m_fixture.client().send(queue, batch)));
                batch.clear();
            }
        }
        QWidget* dialog = m_fixture.actions()->purge(m_fixture.session(), queue, SubQueue::None);
        QTRY_COMPARE(
            child<QLabel>(dialog, "purgeCount")->text(),
            QStringLiteral("%1 message(s) from the active queue.").arg(QLocale().toString(1001)));
        auto* purge = child<QPushButton>(dialog, "purgeButton");
        purge->click(); // the prompt answers no when not told otherwise
        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        QCOMPARE(m_fixture.prompt()->requests().constLast().typedConfirmation, queue);

        // Only older messages: how many is not known, so the name is asked for too.
        child<QCheckBox>(dialog, "purgeOnlyBefore")->setChecked(true);
        QVERIFY(child<QLabel>(dialog, "purgeCount")->text().startsWith(QStringLiteral("Unknown")));
        purge->click();
        QCOMPARE(m_fixture.prompt()->requests().size(), 2);
        const ConfirmationRequest& asked = m_fixture.prompt()->requests().constLast();
        QCOMPARE(asked.typedConfirmation, queue);
        QVERIFY2(asked.text.contains(QStringLiteral("not known")), qPrintable(asked.text));
        QVERIFY(m_fixture.jobs()->jobIds().isEmpty());
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::None).size(), 1001);
    }

    void onlyMessagesEnqueuedBeforeTheTimeArePurged() {
        const QString queue = QStringLiteral("older");
        QVERIFY(fill(queue, 0, 3));
        QWidget* dialog = m_fixture.actions()->purge(m_fixture.session(), queue, SubQueue::None);
        child<QCheckBox>(dialog, "purgeOnlyBefore")->setChecked(true);
        // An hour ago: the three messages are younger, so the purge leaves them.
        const QDateTime anHourAgo = QDateTime::currentDateTime().addSecs(-3600);
        child<QDateTimeEdit>(dialog, "purgeBefore")->setDateTime(anHourAgo);
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        child<QPushButton>(dialog, "purgeButton")->click();
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QCOMPARE(peekAll(m_fixture.client(), queue, SubQueue::None).size(), 3);
        const PurgeOptions options = purgeOptionsFromJson(
            m_fixture.jobs()->description(started.last().at(0).toString()).options);
        QVERIFY(options.enqueuedBefore.has_value());
        QCOMPARE(options.enqueuedBefore->toSecsSinceEpoch(), anHourAgo.toSecsSinceEpoch());
    }

    void purgesASubscription() {
        const QString subscription = QStringLiteral("events/Subscriptions/audit");
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 3; ++i) {
            batch.append(textMessage(QStringLiteral("ev-%1").arg(i), QStringLiteral("event")));
        }
        QVERIFY(await(m_fixture.client().send(QStringLiteral("events"), batch)));
        QWidget* dialog =
            m_fixture.actions()->purge(m_fixture.session(), subscription, SubQueue::None);
        // The subscription's own runtime counts.
        QTRY_COMPARE(child<QLabel>(dialog, "purgeCount")->text(),
                     QStringLiteral("3 message(s) from the active queue."));
        QSignalSpy started(m_fixture.actions(), &MaintenanceActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        child<QPushButton>(dialog, "purgeButton")->click();
        QVERIFY(m_fixture.prompt()->requests().constFirst().text.contains(subscription));
        Job* job = finishedJob(started, m_fixture.jobs());
        QVERIFY(job != nullptr);
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));
        QCOMPARE(peekAll(m_fixture.client(), subscription, SubQueue::None).size(), 0);
    }

private:
    // `deadLetters` dead-lettered messages, then `active` ones left active.
    bool fill(const QString& queue, int deadLetters, int active) {
        if (deadLetters > 0 && !fillDeadLetterQueue(m_fixture.client(), queue,
                                                    queue + QStringLiteral("-dl"), deadLetters)) {
            return false;
        }
        QList<OutgoingMessage> batch;
        for (int i = 0; i < active; ++i) {
            batch.append(
                textMessage(QStringLiteral("%1-a-%2").arg(queue).arg(i), QStringLiteral("active")));
        }
        return bool(await(m_fixture.client().send(queue, batch)));
    }

    MaintenanceFixture m_fixture;
};

QTEST_MAIN(tst_PurgeDialog)
#include "tst_PurgeDialog.moc"
