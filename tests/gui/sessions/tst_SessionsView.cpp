#include "core/servicebus/LockTracker.h"
#include "ui/locks/LockCountdownDelegate.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/sessions/SessionLockBar.h"
#include "ui/sessions/SessionStateEditor.h"
#include "ui/sessions/SessionsView.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "../locks/LocksTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_SessionsView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start(
            {}, {QStringLiteral("sq"), QStringLiteral("next"), QStringLiteral("live"),
                 QStringLiteral("settle"), QStringLiteral("twice")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_emulator.sendIds(QStringLiteral("sq"),
                                   {QStringLiteral("a1"), QStringLiteral("a2")},
                                   QStringLiteral("alpha")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("sq"), {QStringLiteral("b1")},
                                   QStringLiteral("beta")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("next"), {QStringLiteral("n1")},
                                   QStringLiteral("gamma")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("live"),
                                   {QStringLiteral("d1"), QStringLiteral("d2")},
                                   QStringLiteral("delta")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("settle"),
                                   {QStringLiteral("e1"), QStringLiteral("e2")},
                                   QStringLiteral("epsilon")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("twice"), {QStringLiteral("z1")},
                                   QStringLiteral("zeta")));
    }

    void listsTheSessions() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("sq"));
        QSignalSpy listed(&view, &SessionsView::sessionsListed);
        view.refresh();
        QVERIFY(listed.wait(kAwaitMs));
        QCOMPARE(listed.at(0).at(0).toString(), QString());
        QStringList sessions = view.sessions();
        sessions.sort();
        QCOMPARE(sessions, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    }

    void acceptNextAvailable() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("next"));
        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept({});
        QVERIFY(accepted.wait(kAwaitMs));
        QCOMPARE(view.acceptedSession(), QStringLiteral("gamma"));
        QVERIFY(view.stateEditor());
        QSignalSpy closed(&view, &SessionsView::sessionClosed);
        view.closeSession();
        QVERIFY(closed.wait(kAwaitMs));
        QTRY_VERIFY(view.lockText().contains(QStringLiteral("No session")));
    }

    // A 5 s session lock stays ours for 12 s (renewed by the tracker), and its messages can
    // be received into the locked view and completed.
    void sessionLockIsRenewedAndMessagesSettle() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("sq"));
        view.setMaxWait(std::chrono::seconds(3));
        view.resize(900, 500);
        view.show();
        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept(QStringLiteral("alpha"));
        QVERIFY(accepted.wait(kAwaitMs));
        QTRY_VERIFY(view.lockText().contains(QStringLiteral("Session alpha")));
        QVERIFY2(view.lockText().contains(QStringLiteral(" s · ")), qPrintable(view.lockText()));
        int renewals = 0;
        bool lost = false;
        connect(view.tracker(), &LockTracker::locksChanged, this,
                [&](const QList<LockSnapshot>& changes) {
                    for (const LockSnapshot& change : changes) {
                        renewals = std::max(renewals, change.renewals);
                        lost = lost || change.state == LockState::Lost;
                    }
                });
        QTRY_VERIFY_WITH_TIMEOUT(lost || renewals >= 3, 25000);
        QVERIFY(!lost);
        QVERIFY(!view.lockText().contains(QStringLiteral("lost")));

        QSignalSpy received(&view, &SessionsView::receiveFinished);
        view.receive(2);
        QVERIFY(received.wait(kAwaitMs));
        QCOMPARE(received.at(0).at(1).toString(), QString());
        LockedMessagesView* messages = view.messagesView();
        QVERIFY(!messages->findChild<QWidget*>(QStringLiteral("receive"))->isVisible());
        QTRY_VERIFY(messages->model()->rowCount() >= 1);
        QVERIFY(messages->model()
                    ->index(0, LockedMessagesModel::StateColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("session alpha · ")));
        messages->table()->selectionModel()->select(messages->model()->index(0, 0),
                                                    QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
        const QString completedId = messages->model()->row(0).message.messageId();
        messages->completeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(
            messages->model()->index(0, LockedMessagesModel::ResultColumn).data().toString(),
            QStringLiteral("Completed"), kAwaitMs);
        const auto left = await(m_emulator.client()->peek(QStringLiteral("sq"), SubQueue::None, 0,
                                                          10, QStringLiteral("alpha")));
        QVERIFY(left);
        for (const ServiceBusMessage& message : *left) {
            QVERIFY(message.messageId() != completedId);
        }
        QCOMPARE(left->size(), 1);
    }

    // The session header is a live countdown bar; the messages received in the session show
    // the session lock's time left and state (they are locked by it), follow its renewals,
    // and are released with it; the view counts the session lock as one lock held.
    void sessionLockIsShownLiveOnTheBarAndTheMessages() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("live"));
        view.setMaxWait(std::chrono::seconds(3));
        view.resize(900, 500);
        view.show();
        SessionLockBar* bar = view.lockBar();
        QVERIFY(bar != nullptr);
        QVERIFY(!bar->state());
        QCOMPARE(bar->colour(),
                 LockCountdownDelegate::colourFor(LockCountdownDelegate::Tone::Gone));
        QCOMPARE(view.heldLocks(), 0);
        QSignalSpy heldChanged(&view, &SessionsView::heldLocksChanged);

        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept(QStringLiteral("delta"));
        QVERIFY(accepted.wait(kAwaitMs));
        QTRY_COMPARE(view.heldLocks(), 1);
        QCOMPARE(heldChanged.last().at(0).toInt(), 1);
        QVERIFY(bar->state().has_value());
        QVERIFY2(bar->text().startsWith(QStringLiteral("Session delta · ")),
                 qPrintable(bar->text()));
        QVERIFY(bar->fraction() > 0.0);
        QVERIFY(bar->colour() !=
                LockCountdownDelegate::colourFor(LockCountdownDelegate::Tone::Gone));

        QSignalSpy received(&view, &SessionsView::receiveFinished);
        view.receive(2);
        QVERIFY(received.wait(kAwaitMs));
        QCOMPARE(received.at(0).at(1).toString(), QString());
        LockedMessagesModel* model = view.messagesView()->model();
        QTRY_VERIFY(model->rowCount() >= 1);
        const QModelIndex countdown = model->index(0, LockedMessagesModel::CountdownColumn);
        QVERIFY(countdown.data(LockedMessagesModel::HasLockRole).toBool());
        QVERIFY2(countdown.data().toString().endsWith(QStringLiteral(" s")),
                 qPrintable(countdown.data().toString()));
        QCOMPARE(model->row(0).key,
                 LockKey::session(QStringLiteral("delta"), QStringLiteral("live")));
        const auto sessionUntil = [&] {
            return view.tracker()
                ->snapshot(LockKey::session(QStringLiteral("delta"), QStringLiteral("live")))
                ->lockedUntil.toMSecsSinceEpoch();
        };
        QCOMPARE(model->row(0).lockedUntilMs, sessionUntil());

        // The tracker renews the 5 s session lock; the rows follow each renewal.
        const qint64 firstUntil = model->row(0).lockedUntilMs;
        QTRY_VERIFY_WITH_TIMEOUT(model->row(0).lockedUntilMs > firstUntil, 15000);
        QTRY_COMPARE(model->row(0).lockedUntilMs, sessionUntil());
        QVERIFY(model->row(0).renewals >= 1);
        QVERIFY(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong() > 0);
        QVERIFY(!bar->text().contains(QStringLiteral("lost")));

        // Released: the bar goes grey, the rows say so, nothing is counted any more.
        QSignalSpy closed(&view, &SessionsView::sessionClosed);
        view.closeSession();
        QVERIFY(closed.wait(kAwaitMs));
        QTRY_COMPARE(view.heldLocks(), 0);
        QCOMPARE(heldChanged.last().at(0).toInt(), 0);
        QTRY_COMPARE(countdown.data().toString(), QStringLiteral("released"));
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 0);
        QVERIFY(model->index(0, LockedMessagesModel::StateColumn)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("released")));
        QVERIFY(!bar->state());
        QCOMPARE(bar->text(), QStringLiteral("No session accepted"));
        QCOMPARE(bar->colour(),
                 LockCountdownDelegate::colourFor(LockCountdownDelegate::Tone::Gone));
    }

    // A completed message of an accepted session is done with: its row shows it settled (grey,
    // no countdown) and stops following the session lock, while the session and its other
    // message go on counting down and being renewed.
    void aSettledSessionMessageShowsSettledWhileTheSessionCountsDown() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("settle"));
        view.setMaxWait(std::chrono::seconds(3));
        view.resize(900, 500);
        view.show();
        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept(QStringLiteral("epsilon"));
        QVERIFY(accepted.wait(kAwaitMs));
        LockedMessagesView* messages = view.messagesView();
        LockedMessagesModel* model = messages->model();
        QSignalSpy received(&view, &SessionsView::receiveFinished);
        for (int attempt = 0; attempt < 3 && model->rowCount() < 2; ++attempt) {
            view.receive(2 - model->rowCount());
            QVERIFY(received.wait(kAwaitMs));
            QCOMPARE(received.last().at(1).toString(), QString());
        }
        QCOMPARE(model->rowCount(), 2);

        messages->table()->selectionModel()->select(
            model->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        messages->completeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(0, LockedMessagesModel::ResultColumn).data().toString(),
            QStringLiteral("Completed"), kAwaitMs);

        const QModelIndex settled = model->index(0, LockedMessagesModel::CountdownColumn);
        const QModelIndex held = model->index(1, LockedMessagesModel::CountdownColumn);
        const auto checkRows = [&] {
            QCOMPARE(settled.data().toString(), QStringLiteral("settled"));
            QCOMPARE(model->index(0, LockedMessagesModel::StateColumn).data().toString(),
                     QStringLiteral("session epsilon · settled"));
            QVERIFY(settled.data(LockedMessagesModel::SettledRole).toBool());
            QCOMPARE(settled.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 0);
            QCOMPARE(settled.data(LockedMessagesModel::FractionRole).toDouble(), 0.0);
            QCOMPARE(LockCountdownDelegate::toneFor(settled), LockCountdownDelegate::Tone::Gone);
            // The session's other message is still held by the session lock.
            QVERIFY(!held.data(LockedMessagesModel::SettledRole).toBool());
            QVERIFY2(held.data().toString().endsWith(QStringLiteral(" s")),
                     qPrintable(held.data().toString()));
            QVERIFY(held.data(LockedMessagesModel::RemainingMsRole).toLongLong() > 0);
            QVERIFY(LockCountdownDelegate::toneFor(held) != LockCountdownDelegate::Tone::Gone);
            QVERIFY(model->index(1, LockedMessagesModel::StateColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("session epsilon · ")));
            // And so is the session itself: its bar still counts down.
            QVERIFY(view.lockBar()->state().has_value());
            QVERIFY2(view.lockText().contains(QStringLiteral(" s · ")),
                     qPrintable(view.lockText()));
            QVERIFY(view.lockBar()->colour() !=
                    LockCountdownDelegate::colourFor(LockCountdownDelegate::Tone::Gone));
            QCOMPARE(view.heldLocks(), 1);
        };
        checkRows();
        if (QTest::currentTestFailed()) {
            return;
        }

        // The tracker renews the 5 s session lock: the held row follows, the settled one not.
        const qint64 settledUntil = model->row(0).lockedUntilMs;
        const qint64 heldUntil = model->row(1).lockedUntilMs;
        QTRY_VERIFY_WITH_TIMEOUT(model->row(1).lockedUntilMs > heldUntil, 15000);
        QCOMPARE(model->row(0).lockedUntilMs, settledUntil);
        checkRows();
        if (QTest::currentTestFailed()) {
            return;
        }

        // A second settlement is refused on the row, not sent.
        QSignalSpy finished(messages, &LockedMessagesView::actionFinished);
        messages->completeSelected();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(model->index(0, LockedMessagesModel::ResultColumn).data().toString(),
                 QStringLiteral("Not settled: already settled"));
    }

    // A quick second click while the row still says Settling…: refused on the row at once,
    // not sent, and the first settle's answer still decides the row.
    void aSecondSettleWhileTheFirstIsInFlightIsRefused() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("twice"));
        view.setMaxWait(std::chrono::seconds(3));
        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept(QStringLiteral("zeta"));
        QVERIFY(accepted.wait(kAwaitMs));
        LockedMessagesView* messages = view.messagesView();
        LockedMessagesModel* model = messages->model();
        QSignalSpy received(&view, &SessionsView::receiveFinished);
        for (int attempt = 0; attempt < 3 && model->rowCount() < 1; ++attempt) {
            view.receive(1);
            QVERIFY(received.wait(kAwaitMs));
        }
        QCOMPARE(model->rowCount(), 1);
        messages->table()->selectionModel()->select(
            model->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QModelIndex result = model->index(0, LockedMessagesModel::ResultColumn);

        QSignalSpy finished(messages, &LockedMessagesView::actionFinished);
        messages->completeSelected();
        QCOMPARE(result.data().toString(), QStringLiteral("Settling…"));
        QVERIFY(model->row(0).settling);
        messages->completeSelected();
        // The second one ends at once (nothing sent); the first is still in flight.
        QCOMPARE(finished.count(), 1);
        QCOMPARE(result.data().toString(), QStringLiteral("Not settled: already being settled"));
        QVERIFY(!model->row(0).settled);

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kAwaitMs);
        QCOMPARE(result.data().toString(), QStringLiteral("Completed"));
        QVERIFY(model->row(0).settled);
        QVERIFY(!model->row(0).settling);
        QVERIFY(m_emulator.peekAll(QStringLiteral("twice")).isEmpty());
        // And once settled, a third click says so as before.
        messages->completeSelected();
        QCOMPARE(finished.count(), 3);
        QCOMPARE(result.data().toString(), QStringLiteral("Not settled: already settled"));
    }

private:
    LockEmulator m_emulator;
    ScriptedConfirmationPrompt m_prompt;
};

QTEST_MAIN(tst_SessionsView)
#include "tst_SessionsView.moc"
