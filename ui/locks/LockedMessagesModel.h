#pragma once

#include "core/servicebus/LockKey.h"
#include "core/servicebus/LockTracker.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <functional>
#include <optional>

namespace busbar {

// Messages this client received, one row each, with their lock's live state: the rows a
// LockedMessagesView shows. Lock changes arrive batched from LockTracker (applyLockChanges)
// and become one dataChanged range per batch; seconds left are computed at paint time from
// the clock, so the countdown needs no model signal at all.
class LockedMessagesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SequenceColumn,
        MessageIdColumn,
        SubjectColumn,
        DeliveryCountColumn,
        StateColumn,
        CountdownColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role {
        RemainingMsRole = Qt::UserRole + 1, // qint64, clamped at 0; invalid without a lock
        FractionRole,                       // double 0..1 of the lock's granted duration
        LockStateRole,                      // int(LockState); invalid without a lock
        HasLockRole,                        // bool
        RenewalsRole,                       // int
        AutoRenewRole,                      // bool
        SettledRole,                        // bool: settled through this view
    };

    struct Row {
        ServiceBusMessage message;
        QString entityPath;
        SubQueue subQueue = SubQueue::None;
        bool hasLock = false; // false for received-and-deleted messages
        QString session;      // set when the message is locked by its session's lock
        LockKey key;
        LockState state = LockState::Held;
        qint64 lockedUntilMs = 0;
        qint64 grantedAtMs = 0; // when lockedUntil was granted: the bar's full length
        int renewals = 0;
        bool autoRenew = false;
        // Settled through this view: the delivery is over, whatever its lock does next. A
        // session message has no lock of its own (its key is the session's, which goes on
        // being held and renewed), so this is what stops its row counting down with it.
        bool settled = false;
        // A settle was sent and is not answered yet: a second one must wait for its answer
        // (two in flight for one delivery would race, and one of them must fail).
        bool settling = false;
        QString result;
    };

    using Clock = std::function<qint64()>; // ms since the Unix epoch

    explicit LockedMessagesModel(QObject* parent = nullptr);

    void setClock(Clock clock);
    [[nodiscard]] qint64 now() const { return m_clock(); }

    // Appends received messages; peek-locked ones get a lock row keyed like LockTracker's.
    void addMessages(const QString& entityPath, SubQueue subQueue,
                     const QList<ServiceBusMessage>& messages, bool locked, bool autoRenew);
    // Messages received from an accepted session: their lock is the session's, not their own.
    // Their rows show that lock (key LockKey::session) and follow its changes.
    void addSessionMessages(const QString& entityPath, const QString& sessionId,
                            const QList<ServiceBusMessage>& messages);
    void applyLockChanges(const QList<LockSnapshot>& changes);
    void setResult(int row, const QString& result);
    // The row's message was settled (completed, abandoned, deferred or dead-lettered): it
    // shows as settled from now on, grey with no countdown, and no longer follows its lock.
    void markSettled(int row);
    // A settle for the row's message is in flight (true) or was answered (false).
    void setSettling(int row, bool settling);
    void clear();

    [[nodiscard]] const Row& row(int row) const { return m_rows.at(row); }
    [[nodiscard]] std::optional<int> rowOf(const LockKey& key) const;
    [[nodiscard]] static LockKey keyFor(const QString& entityPath, SubQueue subQueue,
                                        const QUuid& lockToken);
    [[nodiscard]] static QString stateText(LockState state);
    // What a settled session message's row says in place of the session lock's state.
    [[nodiscard]] static QString settledText();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    // The last known state of a session lock, for session rows added after it changed.
    struct SessionLock {
        LockState state = LockState::Held;
        qint64 lockedUntilMs = 0;
        qint64 grantedAtMs = 0;
        int renewals = 0;
        bool autoRenew = false;
    };

    [[nodiscard]] qint64 remainingMs(const Row& row) const;
    // The state the row shows: Released once settled, else its lock's.
    [[nodiscard]] static LockState shownState(const Row& row);
    void applySessionLock(const LockSnapshot& change, qint64 now, int& top, int& bottom);

    QList<Row> m_rows;
    QHash<LockKey, int> m_rowOfKey;
    QHash<LockKey, SessionLock> m_sessionLocks;
    Clock m_clock;
};

} // namespace busbar
