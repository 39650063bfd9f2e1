#include "core/servicebus/LockTracker.h"
#include "ui/locks/LockCountdownDelegate.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "LocksTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {

constexpr int kLockWaitMs = 15000; // a 5 s lock plus the tracker's tick and a broker reply

QString resultOf(const LockedMessagesView& view, int row) {
    return view.model()->index(row, LockedMessagesModel::ResultColumn).data().toString();
}

QString stateOf(const LockedMessagesView& view, int row) {
    return view.model()->index(row, LockedMessagesModel::StateColumn).data().toString();
}

qint64 remainingOf(const LockedMessagesView& view, int row) {
    return view.model()
        ->index(row, LockedMessagesModel::CountdownColumn)
        .data(LockedMessagesModel::RemainingMsRole)
        .toLongLong();
}

int rowOfId(const LockedMessagesView& view, const QString& id) {
    for (int r = 0; r < view.model()->rowCount(); ++r) {
        if (view.model()->row(r).message.messageId() == id) {
            return r;
        }
    }
    return -1;
}

void selectRow(LockedMessagesView& view, int row) {
    view.table()->selectionModel()->select(view.model()->index(row, 0),
                                           QItemSelectionModel::ClearAndSelect |
                                               QItemSelectionModel::Rows);
}

} // namespace

class tst_LockedMessagesView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start(
            {QStringLiteral("expire"), QStringLiteral("renew"), QStringLiteral("complete"),
             QStringLiteral("abandon"), QStringLiteral("defer"), QStringLiteral("deadletter"),
             QStringLiteral("rad"), QStringLiteral("lostsettle"), QStringLiteral("renewnow")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void countdownDecreasesAndTheRowTurnsLostWhenTheLockExpires();
    void autoRenewKeepsAFiveSecondLockFor30Seconds();
    void renewNowMovesTheLockForward();
    void completeRemovesTheMessage();
    void abandonUnlocksTheMessage();
    void deferKeepsTheMessageAsDeferred();
    void deadLetterMovesItWithReasonAndProperties();
    void settlingALostLockSaysSoOnTheRow();
    void receiveAndDeleteAsksFirstNamingEntityAndCount();

private:
    // A shown view over `queue` holding `ids`, received in peek-lock.
    std::unique_ptr<LockedMessagesView> receiveInto(const QString& queue, const QStringList& ids,
                                                    bool autoRenew) {
        if (!m_emulator.sendIds(queue, ids)) {
            return nullptr;
        }
        auto view = std::make_unique<LockedMessagesView>(m_emulator.client(), &m_prompt, queue);
        view->setAutoRenew(autoRenew);
        view->setMaxWait(std::chrono::seconds(3));
        view->resize(900, 400);
        view->show();
        QSignalSpy received(view.get(), &LockedMessagesView::receiveFinished);
        // Several receives: the broker may hand out fewer than asked in one go.
        while (view->model()->rowCount() < ids.size()) {
            received.clear();
            view->receive(static_cast<int>(ids.size()) - view->model()->rowCount());
            if (!received.wait(kAwaitMs) || !received.at(0).at(1).toString().isEmpty()) {
                return nullptr;
            }
            if (received.at(0).at(0).toInt() == 0) {
                return nullptr;
            }
        }
        return view;
    }

    LockEmulator m_emulator;
    ScriptedConfirmationPrompt m_prompt;
};

void tst_LockedMessagesView::countdownDecreasesAndTheRowTurnsLostWhenTheLockExpires() {
    auto view = receiveInto(QStringLiteral("expire"), {QStringLiteral("e1")}, false);
    QVERIFY(view);
    QCOMPARE(view->heldLocks(), 1);
    QSignalSpy held(view.get(), &LockedMessagesView::heldLocksChanged);
    const qint64 first = remainingOf(*view, 0);
    QVERIFY2(first > 0 && first <= 5000, qPrintable(QString::number(first)));
    QTRY_VERIFY_WITH_TIMEOUT(remainingOf(*view, 0) < first - 500, kLockWaitMs);
    // The repaint timer runs while the view is shown.
    const int repaints = view->countdownDelegate()->repaints();
    QTRY_VERIFY(view->countdownDelegate()->repaints() > repaints);
    const int interval = view->countdownDelegate()->repaintTimer().interval();
    QVERIFY(interval >= 100 && interval <= 250);

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*view, 0), QStringLiteral("lost"), kLockWaitMs);
    QCOMPARE(remainingOf(*view, 0), 0);
    QCOMPARE(view->model()->index(0, LockedMessagesModel::CountdownColumn).data().toString(),
             QStringLiteral("lost"));
    QVERIFY(resultOf(*view, 0).startsWith(QStringLiteral("Lock lost")));
    QCOMPARE(view->heldLocks(), 0);
    QVERIFY(!held.isEmpty());
    QCOMPARE(held.last().at(0).toInt(), 0);
}

void tst_LockedMessagesView::autoRenewKeepsAFiveSecondLockFor30Seconds() {
    auto view = receiveInto(QStringLiteral("renew"), {QStringLiteral("r1")}, true);
    QVERIFY(view);
    view->setAutoRenewMaximum(std::chrono::seconds(120));
    QSet<qint64> lockedUntil;
    QList<LockState> badStates;
    connect(view->tracker(), &LockTracker::locksChanged, this,
            [&](const QList<LockSnapshot>& changes) {
                for (const LockSnapshot& change : changes) {
                    lockedUntil.insert(change.lockedUntil.toMSecsSinceEpoch());
                    if (change.state != LockState::Held && change.state != LockState::Renewing) {
                        badStates.append(change.state);
                    }
                }
            });
    QElapsedTimer elapsed;
    elapsed.start();
    // Thirty seconds of a 5 s lock, failing at once if the lock ever leaves Held/Renewing.
    QTRY_VERIFY_WITH_TIMEOUT(!badStates.isEmpty() || elapsed.elapsed() >= 30000, 40000);
    QVERIFY2(badStates.isEmpty(), qPrintable(LockedMessagesModel::stateText(badStates.value(0))));
    QVERIFY2(lockedUntil.size() >= 5, qPrintable(QString::number(lockedUntil.size())));
    QVERIFY(view->model()->row(0).renewals >= 5);
    const QString state = stateOf(*view, 0);
    QVERIFY2(state == QStringLiteral("held") || state == QStringLiteral("renewing"),
             qPrintable(state));
    QCOMPARE(view->heldLocks(), 1);
    // The lock is still ours: completing works.
    selectRow(*view, 0);
    view->completeSelected();
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(*view, 0), QStringLiteral("Completed"), kAwaitMs);
    QTRY_COMPARE(view->heldLocks(), 0);
    QVERIFY(m_emulator.peekAll(QStringLiteral("renew")).isEmpty());
}

void tst_LockedMessagesView::renewNowMovesTheLockForward() {
    auto view = receiveInto(QStringLiteral("renewnow"), {QStringLiteral("n1")}, false);
    QVERIFY(view);
    const qint64 before = view->model()->row(0).lockedUntilMs;
    // Let a second of the 5 s lock go by, so the renewed lock ends visibly later.
    QTRY_VERIFY_WITH_TIMEOUT(remainingOf(*view, 0) < 3800, kLockWaitMs);
    selectRow(*view, 0);
    QSignalSpy finished(view.get(), &LockedMessagesView::actionFinished);
    view->renewSelected();
    QVERIFY(finished.wait(kAwaitMs));
    QVERIFY2(resultOf(*view, 0).startsWith(QStringLiteral("Renewed until")),
             qPrintable(resultOf(*view, 0)));
    QTRY_VERIFY(view->model()->row(0).lockedUntilMs > before + 500);
    QVERIFY(remainingOf(*view, 0) > 3800);
    QCOMPARE(stateOf(*view, 0), QStringLiteral("held"));
}

void tst_LockedMessagesView::completeRemovesTheMessage() {
    auto view =
        receiveInto(QStringLiteral("complete"), {QStringLiteral("c1"), QStringLiteral("c2")}, true);
    QVERIFY(view);
    const int row = rowOfId(*view, QStringLiteral("c1"));
    selectRow(*view, row);
    QSignalSpy finished(view.get(), &LockedMessagesView::actionFinished);
    view->completeSelected();
    QVERIFY(finished.wait(kAwaitMs));
    QCOMPARE(resultOf(*view, row), QStringLiteral("Completed"));
    QTRY_COMPARE(stateOf(*view, row), QStringLiteral("released"));
    QCOMPARE(view->heldLocks(), 1);
    const QList<ServiceBusMessage> left = m_emulator.peekAll(QStringLiteral("complete"));
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.at(0).messageId(), QStringLiteral("c2"));
}

void tst_LockedMessagesView::abandonUnlocksTheMessage() {
    auto view = receiveInto(QStringLiteral("abandon"), {QStringLiteral("a1")}, true);
    QVERIFY(view);
    selectRow(*view, 0);
    view->abandonSelected();
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(*view, 0), QStringLiteral("Abandoned"), kAwaitMs);
    const QList<ServiceBusMessage> peeked = m_emulator.peekAll(QStringLiteral("abandon"));
    QCOMPARE(peeked.size(), 1);
    QCOMPARE(peeked.at(0).state, MessageState::Active);
    // Unlocked at once (the view's auto-renew would otherwise keep it locked): it can be
    // received again, one delivery later.
    const auto again =
        await(m_emulator.client()->receive(QStringLiteral("abandon"), SubQueue::None,
                                           ReceiveMode::PeekLock, 1, std::chrono::seconds(3)),
              kAwaitMs);
    QVERIFY(again);
    QCOMPARE(again->size(), 1);
    QCOMPARE(again->at(0).messageId(), QStringLiteral("a1"));
    QVERIFY(again->at(0).deliveryCount > view->model()->row(0).message.deliveryCount);
}

void tst_LockedMessagesView::deferKeepsTheMessageAsDeferred() {
    auto view = receiveInto(QStringLiteral("defer"), {QStringLiteral("d1")}, true);
    QVERIFY(view);
    selectRow(*view, 0);
    view->deferSelected();
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(*view, 0), QStringLiteral("Deferred"), kAwaitMs);
    const QList<ServiceBusMessage> peeked = m_emulator.peekAll(QStringLiteral("defer"));
    QCOMPARE(peeked.size(), 1);
    QCOMPARE(peeked.at(0).messageId(), QStringLiteral("d1"));
    QCOMPARE(peeked.at(0).state, MessageState::Deferred);
}

void tst_LockedMessagesView::deadLetterMovesItWithReasonAndProperties() {
    auto view = receiveInto(QStringLiteral("deadletter"), {QStringLiteral("x1")}, true);
    QVERIFY(view);
    selectRow(*view, 0);
    AmqpMap properties;
    properties.entries.append(
        {QVariant(QStringLiteral("repairedBy")), QVariant(QStringLiteral("busbar"))});
    view->deadLetterSelected(QStringLiteral("BadOrder"), QStringLiteral("no customer"), properties);
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(*view, 0), QStringLiteral("Dead-lettered"), kAwaitMs);
    QVERIFY(m_emulator.peekAll(QStringLiteral("deadletter")).isEmpty());
    const QList<ServiceBusMessage> dlq =
        m_emulator.peekAll(QStringLiteral("deadletter"), SubQueue::DeadLetter);
    QCOMPARE(dlq.size(), 1);
    QCOMPARE(dlq.at(0).messageId(), QStringLiteral("x1"));
    QCOMPARE(dlq.at(0).deadLetterReason, QStringLiteral("BadOrder"));
    QCOMPARE(dlq.at(0).deadLetterDescription, QStringLiteral("no customer"));
    bool found = false;
    for (const auto& [key, value] : dlq.at(0).amqp.applicationProperties.entries) {
        if (key.toString() == QStringLiteral("repairedBy")) {
            found = value.toString() == QStringLiteral("busbar");
        }
    }
    QVERIFY(found);
}

void tst_LockedMessagesView::settlingALostLockSaysSoOnTheRow() {
    auto view = receiveInto(QStringLiteral("lostsettle"), {QStringLiteral("l1")}, false);
    QVERIFY(view);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*view, 0), QStringLiteral("lost"), kLockWaitMs);
    selectRow(*view, 0);
    QSignalSpy finished(view.get(), &LockedMessagesView::actionFinished);
    view->completeSelected();
    QCOMPARE(finished.size(), 1);
    QVERIFY(resultOf(*view, 0).contains(QStringLiteral("lock was lost")));
    // Nothing was settled: the message is still on the queue.
    QCOMPARE(m_emulator.peekAll(QStringLiteral("lostsettle")).size(), 1);
}

void tst_LockedMessagesView::receiveAndDeleteAsksFirstNamingEntityAndCount() {
    QVERIFY(m_emulator.sendIds(QStringLiteral("rad"),
                               {QStringLiteral("k1"), QStringLiteral("k2"), QStringLiteral("k3")}));
    LockedMessagesView view(m_emulator.client(), &m_prompt, QStringLiteral("rad"));
    view.setMaxWait(std::chrono::seconds(3));
    const qsizetype asked = m_prompt.requests().size();
    m_prompt.enqueueAnswer(false);
    QVERIFY(!view.receiveAndDelete(3));
    QCOMPARE(m_prompt.requests().size(), asked + 1);
    const ConfirmationRequest& request = m_prompt.requests().last();
    QVERIFY(request.title.contains(QStringLiteral("rad")));
    QVERIFY(request.text.contains(QStringLiteral("rad")));
    QVERIFY(request.text.contains(QStringLiteral("3")));
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(m_emulator.peekAll(QStringLiteral("rad")).size(), 3);

    int total = 0;
    while (total < 3) {
        QSignalSpy received(&view, &LockedMessagesView::receiveFinished);
        m_prompt.enqueueAnswer(true);
        QVERIFY(view.receiveAndDelete(3 - total));
        QVERIFY(received.wait(kAwaitMs));
        QVERIFY(received.at(0).at(1).toString().isEmpty());
        QVERIFY(received.at(0).at(0).toInt() > 0);
        total += received.at(0).at(0).toInt();
    }
    QCOMPARE(view.model()->rowCount(), 3);
    QCOMPARE(resultOf(view, 0), QStringLiteral("Received and deleted"));
    QCOMPARE(stateOf(view, 0), QStringLiteral("deleted"));
    QCOMPARE(view.heldLocks(), 0);
    QVERIFY(m_emulator.peekAll(QStringLiteral("rad")).isEmpty());
}

QTEST_MAIN(tst_LockedMessagesView)
#include "tst_LockedMessagesView.moc"
