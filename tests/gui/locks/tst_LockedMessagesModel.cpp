#include "ui/locks/DeadLetterDialog.h"
#include "ui/locks/LockCountdownDelegate.h"
#include "ui/locks/LockedMessagesModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace busbar;

namespace {

constexpr qint64 kStart = 1'800'000'000'000;

ServiceBusMessage lockedMessage(qint64 sequence, qint64 lockedUntilMs) {
    ServiceBusMessage message;
    message.sequenceNumber = sequence;
    message.amqp.properties.messageId = QStringLiteral("m%1").arg(sequence);
    message.amqp.properties.subject = QStringLiteral("s%1").arg(sequence);
    message.deliveryCount = 2;
    message.lockToken = QUuid::createUuid();
    message.lockedUntil = QDateTime::fromMSecsSinceEpoch(lockedUntilMs, Qt::UTC);
    return message;
}

LockSnapshot snapshotOf(const LockedMessagesModel& model, int row, LockState state,
                        qint64 lockedUntilMs) {
    LockSnapshot snapshot;
    snapshot.key = model.row(row).key;
    snapshot.state = state;
    snapshot.lockedUntil = QDateTime::fromMSecsSinceEpoch(lockedUntilMs, Qt::UTC);
    return snapshot;
}

} // namespace

class tst_LockedMessagesModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_now = kStart;
        m_model = std::make_unique<LockedMessagesModel>();
        m_model->setClock([this] { return m_now; });
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ServiceBusMessage> messages;
        for (int i = 0; i < 5; ++i) {
            messages.append(lockedMessage(100 + i, kStart + 30'000));
        }
        m_model->addMessages(QStringLiteral("orders"), SubQueue::None, messages, true, false);
    }
    void cleanup() {
        m_tester.reset();
        m_model.reset();
    }

    void rowsShowTheMessageAndItsLock() {
        QCOMPARE(m_model->rowCount(), 5);
        QCOMPARE(m_model->columnCount(), int(LockedMessagesModel::ColumnCount));
        QCOMPARE(m_model->index(1, LockedMessagesModel::SequenceColumn).data().toLongLong(), 101);
        QCOMPARE(m_model->index(1, LockedMessagesModel::MessageIdColumn).data().toString(),
                 QStringLiteral("m101"));
        QCOMPARE(m_model->index(1, LockedMessagesModel::SubjectColumn).data().toString(),
                 QStringLiteral("s101"));
        QCOMPARE(m_model->index(1, LockedMessagesModel::DeliveryCountColumn).data().toInt(), 2);
        QCOMPARE(m_model->index(1, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("held"));
        QCOMPARE(m_model->index(1, LockedMessagesModel::CountdownColumn).data().toString(),
                 QStringLiteral("30.0 s"));
        QCOMPARE(m_model->row(1).key.entityPath, QStringLiteral("orders"));
        QCOMPARE(m_model->rowOf(m_model->row(3).key), 3);
    }

    void countdownFollowsTheClock() {
        const QModelIndex countdown = m_model->index(0, LockedMessagesModel::CountdownColumn);
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 30'000);
        QCOMPARE(countdown.data(LockedMessagesModel::FractionRole).toDouble(), 1.0);
        m_now += 27'500;
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 2'500);
        QCOMPARE(countdown.data().toString(), QStringLiteral("2.5 s"));
        QVERIFY(qAbs(countdown.data(LockedMessagesModel::FractionRole).toDouble() - 2.5 / 30) <
                1e-9);
        m_now += 10'000;
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 0);
    }

    void aBatchOfLockChangesIsOneDataChangedRange() {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_now += 20'000;
        m_model->applyLockChanges({snapshotOf(*m_model, 1, LockState::Renewing, kStart + 30'000),
                                   snapshotOf(*m_model, 3, LockState::Held, kStart + 50'000)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 3);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(),
                 int(LockedMessagesModel::StateColumn));
        QCOMPARE(m_model->index(1, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("renewing"));
        // A renewed lock's bar starts full again from the renewal.
        const QModelIndex renewed = m_model->index(3, LockedMessagesModel::CountdownColumn);
        QCOMPARE(renewed.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 30'000);
        QCOMPARE(renewed.data(LockedMessagesModel::FractionRole).toDouble(), 1.0);
        // Another view's locks are ignored without a signal.
        LockSnapshot foreign;
        foreign.key = LockKey::message(QUuid::createUuid(), QStringLiteral("orders"));
        m_model->applyLockChanges({foreign});
        QCOMPARE(changed.size(), 1);
    }

    void aLostLockSaysSoOnItsRow() {
        LockSnapshot lost = snapshotOf(*m_model, 2, LockState::Lost, kStart + 30'000);
        lost.error = Error::make(ErrorCode::LockLost, QStringLiteral("The lock expired."));
        m_model->applyLockChanges({lost});
        QCOMPARE(m_model->index(2, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("lost"));
        QCOMPARE(m_model->index(2, LockedMessagesModel::CountdownColumn).data().toString(),
                 QStringLiteral("lost"));
        QCOMPARE(m_model->index(2, LockedMessagesModel::ResultColumn).data().toString(),
                 QStringLiteral("Lock lost: The lock expired."));
        QCOMPARE(m_model->index(2, LockedMessagesModel::CountdownColumn)
                     .data(LockedMessagesModel::RemainingMsRole)
                     .toLongLong(),
                 0);
    }

    void deletedMessagesHaveNoLock() {
        m_model->addMessages(QStringLiteral("orders"), SubQueue::None, {lockedMessage(200, kStart)},
                             false, false);
        QCOMPARE(m_model->rowCount(), 6);
        QVERIFY(!m_model->index(5, 0).data(LockedMessagesModel::HasLockRole).toBool());
        QCOMPARE(m_model->index(5, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("deleted"));
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->rowOf(LockKey{}));
    }

    // A session's messages are locked by the session lock: their rows show its time left and
    // state, follow its renewals, and go with it; other rows are left alone.
    void sessionRowsFollowTheSessionLock() {
        const LockKey session = LockKey::session(QStringLiteral("s1"), QStringLiteral("orders"));
        LockSnapshot held;
        held.key = session;
        held.lockedUntil = QDateTime::fromMSecsSinceEpoch(kStart + 10'000, Qt::UTC);
        m_model->applyLockChanges({held});
        m_model->addSessionMessages(QStringLiteral("orders"), QStringLiteral("s1"),
                                    {lockedMessage(300, kStart + 1), lockedMessage(301, kStart)});
        QCOMPARE(m_model->rowCount(), 7);
        const QModelIndex countdown = m_model->index(5, LockedMessagesModel::CountdownColumn);
        QVERIFY(countdown.data(LockedMessagesModel::HasLockRole).toBool());
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 10'000);
        QCOMPARE(countdown.data().toString(), QStringLiteral("10.0 s"));
        QCOMPARE(m_model->index(6, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("session s1 · held"));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_now += 8'000;
        LockSnapshot renewing = held;
        renewing.state = LockState::Renewing;
        m_model->applyLockChanges({renewing});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 5);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 6);
        QCOMPARE(m_model->index(6, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("session s1 · renewing"));
        QCOMPARE(countdown.data().toString(), QStringLiteral("2.0 s"));

        LockSnapshot renewed = held;
        renewed.lockedUntil = QDateTime::fromMSecsSinceEpoch(m_now + 10'000, Qt::UTC);
        renewed.renewals = 1;
        m_model->applyLockChanges({renewed});
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 10'000);
        QCOMPARE(countdown.data(LockedMessagesModel::FractionRole).toDouble(), 1.0);
        // Message rows keep their own locks.
        QCOMPARE(m_model->index(0, LockedMessagesModel::CountdownColumn).data().toString(),
                 QStringLiteral("22.0 s"));

        LockSnapshot released = renewed;
        released.state = LockState::Released;
        m_model->applyLockChanges({released});
        QCOMPARE(countdown.data().toString(), QStringLiteral("released"));
        QCOMPARE(countdown.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 0);
        QCOMPARE(m_model->index(0, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("held"));
    }

    // A settled session message is done with: its row says so (grey, nothing left) and no
    // longer follows the session lock, which its sibling still shows counting down; a settled
    // message row shows its lock released at once, before the tracker says so.
    void settledRowsStopCountingDown() {
        const LockKey session = LockKey::session(QStringLiteral("s1"), QStringLiteral("orders"));
        LockSnapshot held;
        held.key = session;
        held.lockedUntil = QDateTime::fromMSecsSinceEpoch(kStart + 10'000, Qt::UTC);
        m_model->applyLockChanges({held});
        m_model->addSessionMessages(QStringLiteral("orders"), QStringLiteral("s1"),
                                    {lockedMessage(300, kStart), lockedMessage(301, kStart)});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->markSettled(5);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 5);
        m_model->markSettled(5); // once is enough
        QCOMPARE(changed.size(), 1);

        const QModelIndex settled = m_model->index(5, LockedMessagesModel::CountdownColumn);
        const QModelIndex sibling = m_model->index(6, LockedMessagesModel::CountdownColumn);
        const auto settledShowsSettled = [&] {
            QCOMPARE(settled.data().toString(), QStringLiteral("settled"));
            QCOMPARE(m_model->index(5, LockedMessagesModel::StateColumn).data().toString(),
                     QStringLiteral("session s1 · settled"));
            QVERIFY(settled.data(LockedMessagesModel::SettledRole).toBool());
            QCOMPARE(settled.data(LockedMessagesModel::RemainingMsRole).toLongLong(), 0);
            QCOMPARE(settled.data(LockedMessagesModel::FractionRole).toDouble(), 0.0);
            QCOMPARE(LockCountdownDelegate::toneFor(settled), LockCountdownDelegate::Tone::Gone);
        };
        settledShowsSettled();
        QCOMPARE(sibling.data().toString(), QStringLiteral("10.0 s"));
        QVERIFY(!sibling.data(LockedMessagesModel::SettledRole).toBool());
        QCOMPARE(LockCountdownDelegate::toneFor(sibling), LockCountdownDelegate::Tone::Healthy);

        // The session lock is renewed: the sibling follows, the settled row does not.
        m_now += 6'000;
        LockSnapshot renewed = held;
        renewed.lockedUntil = QDateTime::fromMSecsSinceEpoch(m_now + 10'000, Qt::UTC);
        renewed.renewals = 1;
        changed.clear();
        m_model->applyLockChanges({renewed});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 6);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 6);
        QCOMPARE(sibling.data().toString(), QStringLiteral("10.0 s"));
        QCOMPARE(m_model->row(6).renewals, 1);
        QCOMPARE(m_model->row(5).renewals, 0);
        settledShowsSettled();

        // Lost later, the session says so on the sibling; the settled row stays settled.
        LockSnapshot lost = renewed;
        lost.state = LockState::Lost;
        m_model->applyLockChanges({lost});
        QCOMPARE(sibling.data().toString(), QStringLiteral("lost"));
        QCOMPARE(m_model->index(6, LockedMessagesModel::ResultColumn).data().toString(),
                 QStringLiteral("Session lock lost"));
        settledShowsSettled();
        QCOMPARE(m_model->index(5, LockedMessagesModel::ResultColumn).data().toString(), QString());

        // A message with its own lock: released on the row at once.
        m_model->markSettled(0);
        QCOMPARE(m_model->index(0, LockedMessagesModel::CountdownColumn).data().toString(),
                 QStringLiteral("released"));
        QCOMPARE(m_model->index(0, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("released"));
        QCOMPARE(m_model->index(0, LockedMessagesModel::CountdownColumn)
                     .data(LockedMessagesModel::RemainingMsRole)
                     .toLongLong(),
                 0);
        QCOMPARE(m_model->index(1, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("held"));
    }

    void toneChangesAsExpiryNears() {
        using Tone = LockCountdownDelegate::Tone;
        QCOMPARE(LockCountdownDelegate::toneFor(LockState::Held, 50'000, 0.8), Tone::Healthy);
        QCOMPARE(LockCountdownDelegate::toneFor(LockState::Held, 10'000, 0.15), Tone::Warning);
        QCOMPARE(LockCountdownDelegate::toneFor(LockState::Renewing, 4'000, 0.8), Tone::Critical);
        QCOMPARE(LockCountdownDelegate::toneFor(LockState::Lost, 40'000, 0.8), Tone::Gone);
        QCOMPARE(LockCountdownDelegate::toneFor(LockState::Held, 0, 0.0), Tone::Gone);
        QCOMPARE(LockCountdownDelegate::toneFor(std::nullopt, 1'000, 1.0), Tone::Gone);
        QVERIFY(LockCountdownDelegate::colourFor(Tone::Healthy) !=
                LockCountdownDelegate::colourFor(Tone::Warning));
        QVERIFY(LockCountdownDelegate::colourFor(Tone::Critical) !=
                LockCountdownDelegate::colourFor(Tone::Gone));
    }

    void delegateRepaintsOnlyWhileShown() {
        QTableView view;
        view.setModel(m_model.get());
        LockCountdownDelegate delegate;
        delegate.attach(&view, LockedMessagesModel::CountdownColumn, 100);
        QCOMPARE(view.itemDelegateForColumn(LockedMessagesModel::CountdownColumn), &delegate);
        QVERIFY(delegate.repaintTimer().isActive());
        QVERIFY(!QTest::qWaitFor([&] { return delegate.repaints() > 0; }, 300));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(delegate.repaints() >= 2);
        view.grab(); // paints every row through the delegate without crashing
    }

    void deadLetterDialogParsesProperties() {
        DeadLetterDialog dialog(2);
        dialog.setReason(QStringLiteral("r"));
        dialog.setDescription(QStringLiteral("d"));
        dialog.setPropertiesText(QStringLiteral("a = 1\n\nb=two=2\n"));
        const std::optional<AmqpMap> properties = dialog.properties();
        QVERIFY(properties);
        QCOMPARE(properties->entries.size(), 2);
        QCOMPARE(properties->entries.at(0).first.toString(), QStringLiteral("a"));
        QCOMPARE(properties->entries.at(0).second.toString(), QStringLiteral("1"));
        QCOMPARE(properties->entries.at(1).second.toString(), QStringLiteral("two=2"));
        dialog.setPropertiesText(QStringLiteral("ok=1\nbroken"));
        QVERIFY(!dialog.properties());
        QCOMPARE(dialog.problem(), QStringLiteral("Line 2: expected key=value"));
        QCOMPARE(dialog.reason(), QStringLiteral("r"));
        QCOMPARE(dialog.description(), QStringLiteral("d"));
    }

private:
    qint64 m_now = kStart;
    std::unique_ptr<LockedMessagesModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(tst_LockedMessagesModel)
#include "tst_LockedMessagesModel.moc"
