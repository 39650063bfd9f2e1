// The resubmit ("repair") dialog in the real main window against the in-process emulator:
// one dead letter edited (body, a property added) and moved back; declining the confirmation
// starts nothing; a subscription's dead letters go to its topic; 50,000 selected sequence
// numbers open and start like three.
#include "core/jobs/ResubmitJob.h"
#include "ui/repair/MessageEditPane.h"
#include "ui/repair/RepairTargetBox.h"
#include "ui/repair/RepairTargetPicker.h"
#include "ui/repair/ResubmitDialog.h"
#include "ui/repair/ResubmitEdits.h"
#include "ui/send/ApplicationPropertiesTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>

#include "RepairTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_ResubmitDialog : public QObject {
    Q_OBJECT

private:
    RepairFixture m_fixture;

    ResubmitDialog* open(NamespaceSession* session, const QString& entity,
                         const QList<qint64>& seqs) {
        return qobject_cast<ResubmitDialog*>(
            m_fixture.actions()->resubmit(session, entity, SubQueue::DeadLetter, seqs));
    }

    // Clicks Resubmit with the confirmation answered yes: the id of the job it started, empty
    // unless exactly one started.
    QString resubmitConfirmed(ResubmitDialog* dialog) {
        QSignalSpy started(m_fixture.actions(), &RepairActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton"))->click();
        return started.size() == 1 ? started.constFirst().constFirst().toString() : QString();
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"edit", "decline", "big", "binary", "bulk", "xns", "xns-target"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
        emulator::TopicConfig topic;
        topic.description.name = QStringLiteral("events");
        emulator::SubscriptionConfig sub;
        sub.description.name = QStringLiteral("audit");
        topic.subscriptions.append(sub);
        ns.topics.append(topic);
        const QString error = m_fixture.start(ns);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_fixture.closeWindow(); }

    void oneMessageEditedIsMovedBackWithTheEdits() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("edit");
        const auto dlq = seedDeadLetters(client, queue, QStringLiteral("ed"), 3);
        QCOMPARE(dlq.size(), 3);
        const ServiceBusMessage chosen = dlq[1];

        ResubmitDialog* dialog = open(session, queue, {chosen.sequenceNumber});
        QVERIFY(dialog != nullptr);
        MessageEditPane* pane = dialog->messagePane();
        QVERIFY(pane != nullptr);
        QTRY_VERIFY(pane->hasMessage()); // peeked by the dialog itself
        auto* body = dialog->findChild<QPlainTextEdit*>(QStringLiteral("resubmitBodyEdit"));
        QCOMPARE(body->toPlainText(), QStringLiteral("body 1"));
        auto* mode = dialog->findChild<QComboBox*>(QStringLiteral("resubmitBodyMode"));
        auto* button = dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton"));
        auto* bodyError = dialog->findChild<QLabel*>(QStringLiteral("resubmitBodyError"));

        // JSON is checked as typed: a broken body blocks the button with the reason inline.
        mode->setCurrentIndex(1);
        body->setPlainText(QStringLiteral("{\"fixed\": "));
        QVERIFY(!bodyError->isHidden());
        QVERIFY(!button->isEnabled());
        body->setPlainText(QStringLiteral("{\"fixed\": true}"));
        QVERIFY(bodyError->isHidden());
        auto* table = dialog->findChild<ApplicationPropertiesTable*>(
            QStringLiteral("resubmitPropertiesTable"));
        // n typed int, and the dead-letter reason and description (stripped when sent).
        const QList<TypedProperty> shown = table->properties();
        QCOMPARE(shown.size(), 3);
        const auto n = std::find_if(shown.cbegin(), shown.cend(), [](const TypedProperty& p) {
            return p.name == QLatin1String("n");
        });
        QVERIFY(n != shown.cend());
        QCOMPARE(n->type, PropertyType::Int);
        QCOMPARE(n->value, QStringLiteral("1"));
        table->addProperty(
            {QStringLiteral("repaired"), PropertyType::Bool, QStringLiteral("true")});
        QTRY_VERIFY(button->isEnabled());
        auto* summary = dialog->findChild<QLabel*>(QStringLiteral("repairSummaryLabel"));
        QCOMPARE(summary->text(),
                 QStringLiteral("Resubmit 1 message from edit (dead-letter) to edit"));

        QSignalSpy started(m_fixture.actions(), &RepairActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        button->click();
        QCOMPARE(started.size(), 1);
        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        const ConfirmationRequest asked = m_fixture.prompt()->requests().constFirst();
        QVERIFY(asked.text.contains(
            QStringLiteral("Resubmit 1 message from edit (dead-letter) to edit")));
        QTRY_VERIFY(dialog->isHidden());

        const QString id = started.constFirst().constFirst().toString();
        const JobDescription description = m_fixture.jobs()->description(id);
        QCOMPARE(description.kind, QStringLiteral("resubmit"));
        // The edits are data in the description (what a resumed job applies), not a closure.
        const QJsonObject edits = description.options.value(ResubmitEdits::kOptionsKey).toObject();
        QCOMPARE(edits.value(QLatin1String("body")).toString(),
                 QStringLiteral("{\"fixed\": true}"));
        QCOMPARE(edits.value(QLatin1String("set")).toArray().size(), 1);
        Job* job = m_fixture.jobs()->job(id);
        QVERIFY(waitFinished(job));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->error().toString()));

        const auto active = peekAll(client, queue, SubQueue::None);
        QCOMPARE(active.size(), 1);
        const ServiceBusMessage& moved = active.constFirst();
        QCOMPARE(moved.messageId(), chosen.messageId()); // kept by default
        QCOMPARE(moved.amqp.dataPayload(), QByteArray("{\"fixed\": true}"));
        QCOMPARE(moved.amqp.applicationProperty(QStringLiteral("repaired")), QVariant(true));
        QCOMPARE(moved.amqp.applicationProperty(QStringLiteral("n")).toInt(), 1);
        QVERIFY(!moved.amqp.applicationProperty(QStringLiteral("DeadLetterReason")).isValid());
        QVERIFY(!moved.amqp.applicationProperty(QStringLiteral("DeadLetterErrorDescription"))
                     .isValid());
        QVERIFY(moved.deadLetterReason.isEmpty());
        const auto left = peekAll(client, queue, SubQueue::DeadLetter);
        QCOMPARE(idsOf(left), (QStringList{QStringLiteral("ed-0"), QStringLiteral("ed-2")}));
    }

    void aBinaryBodyIsKeptAsItIs() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("binary");
        const QByteArray bytes = QByteArray::fromHex("fffe000180") + QByteArray(" binary");
        OutgoingMessage message;
        message.messageId = QStringLiteral("bin-1");
        message.body = bytes;
        QVERIFY(await(client.send(queue, {message})));
        const auto got = await(client.receive(queue, SubQueue::None, ReceiveMode::PeekLock, 1, 2s));
        QVERIFY(got && got->size() == 1);
        QVERIFY(await(client.deadLetter(queue, SubQueue::None, got->constFirst(),
                                        QStringLiteral("Binary"), QString())));
        const auto dlq = peekAll(client, queue, SubQueue::DeadLetter);
        QCOMPARE(dlq.size(), 1);

        ResubmitDialog* dialog = open(session, queue, {dlq[0].sequenceNumber});
        QVERIFY(dialog != nullptr);
        QTRY_VERIFY(dialog->messagePane()->hasMessage());
        auto* body = dialog->findChild<QPlainTextEdit*>(QStringLiteral("resubmitBodyEdit"));
        QVERIFY(body->isReadOnly());
        QVERIFY(body->toPlainText().isEmpty());
        QVERIFY(body->placeholderText().contains(QStringLiteral("binary")));
        QVERIFY(!dialog->findChild<QComboBox*>(QStringLiteral("resubmitBodyMode"))->isEnabled());
        dialog->findChild<QLineEdit*>(QStringLiteral("resubmitSystem_subject"))
            ->setText(QStringLiteral("fixed"));

        const QString id = resubmitConfirmed(dialog);
        QVERIFY(!id.isEmpty());
        Job* job = m_fixture.jobs()->job(id);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->state(), JobState::Completed);
        const auto active = peekAll(client, queue, SubQueue::None);
        QCOMPARE(active.size(), 1);
        QCOMPARE(active.constFirst().amqp.dataPayload(), bytes); // byte for byte
        QCOMPARE(active.constFirst().amqp.properties.subject, QStringLiteral("fixed"));
    }

    void bulkEditsApplyToEveryMessage() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("bulk");
        const auto dlq = seedDeadLetters(client, queue, QStringLiteral("bk"), 4);
        QCOMPARE(dlq.size(), 4);

        ResubmitDialog* dialog =
            open(session, queue, {dlq[0].sequenceNumber, dlq[2].sequenceNumber});
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->bulkPane() != nullptr);
        dialog->findChild<ApplicationPropertiesTable*>(QStringLiteral("bulkSetPropertiesTable"))
            ->addProperty({QStringLiteral("batch"), PropertyType::Long, QStringLiteral("7")});
        dialog->findChild<QLineEdit*>(QStringLiteral("bulkRemovePropertiesEdit"))
            ->setText(QStringLiteral("n"));
        dialog->findChild<QCheckBox*>(QStringLiteral("bulkSubjectCheck"))->setChecked(true);
        dialog->findChild<QLineEdit*>(QStringLiteral("bulkSubjectEdit"))
            ->setText(QStringLiteral("replayed"));
        dialog->findChild<QCheckBox*>(QStringLiteral("bulkContentTypeCheck"))->setChecked(true);
        dialog->findChild<QLineEdit*>(QStringLiteral("bulkContentTypeEdit"))
            ->setText(QStringLiteral("text/plain"));

        const QString id = resubmitConfirmed(dialog);
        QVERIFY(!id.isEmpty());
        Job* job = m_fixture.jobs()->job(id);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->state(), JobState::Completed);

        const auto active = peekAll(client, queue, SubQueue::None);
        QCOMPARE(idsOf(active), (QStringList{QStringLiteral("bk-0"), QStringLiteral("bk-2")}));
        for (const ServiceBusMessage& m : active) {
            QCOMPARE(m.amqp.applicationProperty(QStringLiteral("batch")).userType(),
                     QMetaType::LongLong);
            QCOMPARE(m.amqp.applicationProperty(QStringLiteral("batch")).toLongLong(), 7);
            QVERIFY(!m.amqp.applicationProperty(QStringLiteral("n")).isValid());
            QCOMPARE(m.amqp.properties.subject, QStringLiteral("replayed"));
            QCOMPARE(m.amqp.properties.contentType, QByteArray("text/plain"));
        }
        QCOMPARE(idsOf(peekAll(client, queue, SubQueue::DeadLetter)),
                 (QStringList{QStringLiteral("bk-1"), QStringLiteral("bk-3")}));
    }

    void anotherOpenNamespaceCanBeTheTarget() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        NamespaceSession* other =
            m_fixture.openNamespace(QStringLiteral("emu-2"), QStringLiteral("second"));
        QVERIFY(other != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("xns");
        const auto dlq = seedDeadLetters(client, queue, QStringLiteral("xn"), 2);
        QCOMPARE(dlq.size(), 2);

        ResubmitDialog* dialog = open(session, queue, {dlq[1].sequenceNumber});
        QVERIFY(dialog != nullptr);
        QTRY_VERIFY(dialog->messagePane()->hasMessage());
        auto* namespaces = dialog->findChild<QComboBox*>(QStringLiteral("repairTargetNamespace"));
        QCOMPARE(namespaces->count(), 2);
        QCOMPARE(namespaces->itemText(0), QStringLiteral("emulator")); // the source first
        dialog->targetBox()->picker()->setTarget(other, QStringLiteral("xns-target"));
        QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("repairSummaryLabel"))->text(),
                 QStringLiteral("Resubmit 1 message from xns (dead-letter) to xns-target in "
                                "second"));

        const QString id = resubmitConfirmed(dialog);
        QVERIFY(!id.isEmpty());
        const JobDescription description = m_fixture.jobs()->description(id);
        QCOMPARE(description.sourceConnectionId, QStringLiteral("emu"));
        QCOMPARE(description.targetConnectionId, QStringLiteral("emu-2"));
        Job* job = m_fixture.jobs()->job(id);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->state(), JobState::Completed);
        QCOMPARE(idsOf(peekAll(*other->client(), QStringLiteral("xns-target"), SubQueue::None)),
                 QStringList{QStringLiteral("xn-1")});
        QCOMPARE(idsOf(peekAll(client, queue, SubQueue::DeadLetter)),
                 QStringList{QStringLiteral("xn-0")});
    }

    void decliningTheConfirmationStartsNothing() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("decline");
        const auto dlq = seedDeadLetters(client, queue, QStringLiteral("dc"), 2);
        QCOMPARE(dlq.size(), 2);

        ResubmitDialog* dialog =
            open(session, queue, {dlq[0].sequenceNumber, dlq[1].sequenceNumber});
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->bulkPane() != nullptr);
        QVERIFY(dialog->messagePane() == nullptr);
        QSignalSpy started(m_fixture.actions(), &RepairActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(false);
        dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton"))->click();

        QCOMPARE(m_fixture.prompt()->requests().size(), 1);
        const ConfirmationRequest asked = m_fixture.prompt()->requests().constFirst();
        QCOMPARE(asked.text,
                 QStringLiteral("Resubmit 2 messages from decline (dead-letter) to decline."));
        QCOMPARE(started.size(), 0);
        QVERIFY(m_fixture.jobs()->jobIds().isEmpty());
        QVERIFY(dialog->isVisible()); // the user may change something and try again
        QCOMPARE(peekAll(client, queue, SubQueue::DeadLetter).size(), 2);
        QVERIFY(peekAll(client, queue, SubQueue::None).isEmpty());
    }

    void aSubscriptionsDeadLettersGoToItsTopicByDefault() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        const QString subscription = QStringLiteral("events/Subscriptions/audit");
        ResubmitDialog* dialog = open(session, subscription, {11, 12});
        QVERIFY(dialog != nullptr);
        QCOMPARE(dialog->targetBox()->picker()->targetEntity(), QStringLiteral("events"));
        // Typing the subscription itself is refused, with the reason.
        dialog->targetBox()->picker()->setTarget(session, subscription);
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton"))->isEnabled());
        QVERIFY(dialog->errorText().contains(QStringLiteral("subscription")));
    }

    void fiftyThousandSelectedStartOneJob() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        QList<qint64> seqs;
        seqs.reserve(50000);
        for (qint64 i = 1; i <= 50000; ++i) {
            seqs.append(i * 3);
        }
        ResubmitDialog* dialog = open(session, QStringLiteral("big"), seqs);
        QVERIFY(dialog != nullptr);
        auto* summary = dialog->findChild<QLabel*>(QStringLiteral("repairSummaryLabel"));
        QVERIFY(summary->text().startsWith(QStringLiteral("Resubmit ")));
        QVERIFY(
            summary->text().endsWith(QStringLiteral(" messages from big (dead-letter) to big")));
        const QString id = resubmitConfirmed(dialog);
        QVERIFY(!id.isEmpty());
        const auto* job = qobject_cast<const ResubmitJob*>(m_fixture.jobs()->job(id));
        QVERIFY(job != nullptr);
        QCOMPARE(job->options().selection.sequenceNumbers.size(), 50000);
        // None of them exists: the job scans the empty dead-letter queue and ends.
        QVERIFY(waitFinished(job));
        QCOMPARE(job->state(), JobState::Completed);
    }
};

QTEST_MAIN(tst_ResubmitDialog)
#include "tst_ResubmitDialog.moc"
