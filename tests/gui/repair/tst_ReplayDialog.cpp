// The replay dialog in the real main window against the in-process emulator: the count of
// "all" from the runtime counts, a filtered replay by SQL and by a reason picked from those
// seen (only matching dead letters move, the rest stay), and a bad SQL expression shown
// inline with nothing started.
#include "ui/repair/ReplayDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>

#include "RepairTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_ReplayDialog : public QObject {
    Q_OBJECT

private:
    RepairFixture m_fixture;

    ReplayDialog* open(NamespaceSession* session, const QString& entity) {
        return qobject_cast<ReplayDialog*>(
            m_fixture.actions()->replay(session, entity, SubQueue::DeadLetter));
    }

    // Starts the dialog's job (confirmed) and waits for it; its id, empty on failure.
    QString replay(ReplayDialog* dialog) {
        QSignalSpy started(m_fixture.actions(), &RepairActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        auto* button = dialog->findChild<QPushButton*>(QStringLiteral("replayButton"));
        if (!button->isEnabled()) {
            return {};
        }
        button->click();
        if (started.size() != 1) {
            return {};
        }
        const QString id = started.constFirst().constFirst().toString();
        Job* job = m_fixture.jobs()->job(id);
        if (!waitFinished(job) || job->state() != JobState::Completed) {
            return {};
        }
        return id;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"sql", "reason", "bad"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
        const QString error = m_fixture.start(ns);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_fixture.closeWindow(); }

    void aSqlFilterReplaysOnlyTheMatchingDeadLetters() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("sql");
        QVERIFY(fillDeadLetterQueue(client, queue, QStringLiteral("sq"), 10, QStringLiteral("n")));

        ReplayDialog* dialog = open(session, queue);
        QVERIFY(dialog != nullptr);
        auto* summary = dialog->findChild<QLabel*>(QStringLiteral("repairSummaryLabel"));
        // "All" names the number once the management client has read the runtime count.
        QTRY_COMPARE(dialog->knownCount(), 10);
        QCOMPARE(summary->text(),
                 QStringLiteral("Replay all 10 messages from sql (dead-letter) to sql"));

        dialog->findChild<QRadioButton*>(QStringLiteral("replayFilterRadio"))->setChecked(true);
        dialog->findChild<QLineEdit*>(QStringLiteral("replaySqlEdit"))
            ->setText(QStringLiteral("n >= 6"));
        QVERIFY(dialog->sqlError().isEmpty());
        QCOMPARE(summary->text(),
                 QStringLiteral("Replay the matching messages from sql (dead-letter) to sql"));
        const QString id = replay(dialog);
        QVERIFY(!id.isEmpty());
        QVERIFY(m_fixture.prompt()->requests().constFirst().text.contains(QStringLiteral("sql")));
        QCOMPARE(m_fixture.jobs()->job(id)->report().count(JobOutcome::Moved), 4);

        QCOMPARE(idsOf(peekAll(client, queue, SubQueue::None)),
                 (QStringList{QStringLiteral("sq-6"), QStringLiteral("sq-7"),
                              QStringLiteral("sq-8"), QStringLiteral("sq-9")}));
        const auto left = peekAll(client, queue, SubQueue::DeadLetter);
        QCOMPARE(left.size(), 6);
        for (const ServiceBusMessage& m : left) {
            QVERIFY(m.amqp.applicationProperty(QStringLiteral("n")).toInt() < 6);
        }
    }

    void aReasonPickedFromThoseSeenReplaysOnlyThose() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("reason");
        QVERIFY(fillDeadLetterQueue(client, queue, QStringLiteral("rs"), 6, QStringLiteral("n")));

        ReplayDialog* dialog = open(session, queue);
        QVERIFY(dialog != nullptr);
        QTRY_COMPARE(dialog->knownReasons().size(), 2);
        QVERIFY(dialog->knownReasons().contains(QStringLiteral("Even")));
        dialog->findChild<QRadioButton*>(QStringLiteral("replayFilterRadio"))->setChecked(true);
        auto* reasons = dialog->findChild<QComboBox*>(QStringLiteral("replayReasonCombo"));
        reasons->setCurrentIndex(reasons->findText(QStringLiteral("Odd")));
        QVERIFY(!replay(dialog).isEmpty());

        QCOMPARE(
            idsOf(peekAll(client, queue, SubQueue::None)),
            (QStringList{QStringLiteral("rs-1"), QStringLiteral("rs-3"), QStringLiteral("rs-5")}));
        const auto left = peekAll(client, queue, SubQueue::DeadLetter);
        QCOMPARE(idsOf(left), (QStringList{QStringLiteral("rs-0"), QStringLiteral("rs-2"),
                                           QStringLiteral("rs-4")}));
        for (const ServiceBusMessage& m : left) {
            QCOMPARE(m.deadLetterReason, QStringLiteral("Even"));
        }
    }

    void aBadSqlFilterIsShownInlineAndStartsNothing() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("bad");
        QVERIFY(fillDeadLetterQueue(client, queue, QStringLiteral("bd"), 2, QStringLiteral("n")));

        ReplayDialog* dialog = open(session, queue);
        QVERIFY(dialog != nullptr);
        dialog->findChild<QRadioButton*>(QStringLiteral("replayFilterRadio"))->setChecked(true);
        auto* sql = dialog->findChild<QLineEdit*>(QStringLiteral("replaySqlEdit"));
        sql->setText(QStringLiteral("n >= AND ("));
        QVERIFY(dialog->sqlError().startsWith(QStringLiteral("Invalid SQL filter")));
        QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("replaySqlError"))->isHidden());
        auto* button = dialog->findChild<QPushButton*>(QStringLiteral("replayButton"));
        QVERIFY(!button->isEnabled());

        QSignalSpy started(m_fixture.actions(), &RepairActions::jobStarted);
        m_fixture.prompt()->enqueueAnswer(true);
        dialog->submit(); // even when asked directly
        QCOMPARE(started.size(), 0);
        QVERIFY(m_fixture.prompt()->requests().isEmpty());
        QVERIFY(m_fixture.jobs()->jobIds().isEmpty());
        QVERIFY(dialog->isVisible());

        // Fixing the expression clears the error and enables the button again.
        sql->setText(QStringLiteral("n >= 1"));
        QVERIFY(dialog->sqlError().isEmpty());
        QVERIFY(button->isEnabled());
        QCOMPARE(peekAll(client, queue, SubQueue::DeadLetter).size(), 2);
    }

    void aTimeRangeAndTextMakeTheSelection() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ReplayDialog* dialog = open(session, QStringLiteral("bad"));
        QVERIFY(dialog != nullptr);
        dialog->findChild<QRadioButton*>(QStringLiteral("replayFilterRadio"))->setChecked(true);
        // A filter with nothing set is refused: "all" is the other choice.
        QVERIFY(!dialog->request());
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("replayButton"))->isEnabled());
        QVERIFY(dialog->errorText().contains(QStringLiteral("filter")));

        const QDateTime from =
            QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05Z"), Qt::ISODate);
        const QDateTime before = from.addDays(1);
        dialog->findChild<QCheckBox*>(QStringLiteral("replayFromCheck"))->setChecked(true);
        dialog->findChild<QDateTimeEdit*>(QStringLiteral("replayFromEdit"))->setDateTime(from);
        dialog->findChild<QCheckBox*>(QStringLiteral("replayBeforeCheck"))->setChecked(true);
        dialog->findChild<QDateTimeEdit*>(QStringLiteral("replayBeforeEdit"))->setDateTime(before);
        dialog->findChild<QLineEdit*>(QStringLiteral("replayTextEdit"))
            ->setText(QStringLiteral("timeout"));
        const Result<RepairRequest> request = dialog->request();
        QVERIFY(request.has_value());
        const MessageSelection& selection = request->options.selection;
        QCOMPARE(selection.mode, MessageSelection::Mode::Filter);
        QCOMPARE(selection.enqueuedFrom, std::optional<QDateTime>(from));
        QCOMPARE(selection.enqueuedBefore, std::optional<QDateTime>(before));
        QCOMPARE(selection.text, QStringLiteral("timeout"));
        QVERIFY(!selection.deadLetterReason.has_value());
        QVERIFY(selection.sql.isEmpty());
        QCOMPARE(request->count, -1); // unknown until the job has looked
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("replayButton"))->isEnabled());
    }
};

QTEST_MAIN(tst_ReplayDialog)
#include "tst_ReplayDialog.moc"
