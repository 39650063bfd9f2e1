#include "ui/locks/LockedMessagesModel.h"

#include <QDateTime>

#include <algorithm>

namespace busbar {

LockedMessagesModel::LockedMessagesModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

void LockedMessagesModel::setClock(Clock clock) {
    m_clock = std::move(clock);
}

LockKey LockedMessagesModel::keyFor(const QString& entityPath, SubQueue subQueue,
                                    const QUuid& lockToken) {
    // The address, not the path: a DLQ lock is a different lock from the queue's.
    return LockKey::message(lockToken, entityAddress(entityPath, subQueue));
}

void LockedMessagesModel::addMessages(const QString& entityPath, SubQueue subQueue,
                                      const QList<ServiceBusMessage>& messages, bool locked,
                                      bool autoRenew) {
    if (messages.isEmpty()) {
        return;
    }
    const qint64 now = m_clock();
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(messages.size()) - 1);
    for (const ServiceBusMessage& message : messages) {
        Row row;
        row.message = message;
        row.entityPath = entityPath;
        row.subQueue = subQueue;
        row.hasLock = locked && !message.lockToken.isNull();
        if (row.hasLock) {
            row.key = keyFor(entityPath, subQueue, message.lockToken);
            row.lockedUntilMs =
                message.lockedUntil ? message.lockedUntil->toMSecsSinceEpoch() : now;
            row.grantedAtMs = now;
            row.autoRenew = autoRenew;
            m_rowOfKey.insert(row.key, static_cast<int>(m_rows.size()));
        }
        m_rows.append(row);
    }
    endInsertRows();
}

void LockedMessagesModel::addSessionMessages(const QString& entityPath, const QString& sessionId,
                                             const QList<ServiceBusMessage>& messages) {
    if (messages.isEmpty()) {
        return;
    }
    const qint64 now = m_clock();
    const LockKey key = LockKey::session(sessionId, entityPath);
    const auto known = m_sessionLocks.constFind(key);
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(messages.size()) - 1);
    for (const ServiceBusMessage& message : messages) {
        Row row;
        row.message = message;
        row.entityPath = entityPath;
        row.session = sessionId;
        // The row shows the session lock: its time left, its state, its bar's length.
        row.hasLock = true;
        row.key = key;
        if (known != m_sessionLocks.cend()) {
            row.state = known->state;
            row.lockedUntilMs = known->lockedUntilMs;
            row.grantedAtMs = known->grantedAtMs;
            row.renewals = known->renewals;
            row.autoRenew = known->autoRenew;
        } else {
            row.lockedUntilMs =
                message.lockedUntil ? message.lockedUntil->toMSecsSinceEpoch() : now;
            row.grantedAtMs = now;
        }
        m_rows.append(row);
    }
    endInsertRows();
}

void LockedMessagesModel::applyLockChanges(const QList<LockSnapshot>& changes) {
    int top = -1;
    int bottom = -1;
    const qint64 now = m_clock();
    for (const LockSnapshot& change : changes) {
        if (change.key.kind == LockKey::Kind::Session) {
            applySessionLock(change, now, top, bottom);
            continue;
        }
        const auto found = m_rowOfKey.constFind(change.key);
        if (found == m_rowOfKey.cend()) {
            continue; // another view's lock
        }
        Row& row = m_rows[*found];
        const qint64 until = change.lockedUntil.isValid() ? change.lockedUntil.toMSecsSinceEpoch()
                                                          : row.lockedUntilMs;
        if (until != row.lockedUntilMs) {
            row.grantedAtMs = now;
            row.lockedUntilMs = until;
        }
        row.state = change.state;
        row.renewals = change.renewals;
        row.autoRenew = change.autoRenew;
        if (change.state == LockState::Lost) {
            // Never a silent failure: the row itself says the lock is gone and why.
            row.result =
                change.error ? tr("Lock lost: %1").arg(change.error->message) : tr("Lock lost");
        }
        top = top < 0 ? *found : std::min(top, *found);
        bottom = std::max(bottom, *found);
    }
    if (top >= 0) {
        Q_EMIT dataChanged(index(top, StateColumn), index(bottom, ResultColumn));
    }
}

void LockedMessagesModel::applySessionLock(const LockSnapshot& change, qint64 now, int& top,
                                           int& bottom) {
    SessionLock& lock = m_sessionLocks[change.key];
    const qint64 until =
        change.lockedUntil.isValid() ? change.lockedUntil.toMSecsSinceEpoch() : lock.lockedUntilMs;
    if (until != lock.lockedUntilMs) {
        lock.grantedAtMs = now;
        lock.lockedUntilMs = until;
    }
    lock.state = change.state;
    lock.renewals = change.renewals;
    lock.autoRenew = change.autoRenew;
    // A session view holds a handful of rows; a scan is cheaper than another index.
    for (int r = 0; r < m_rows.size(); ++r) {
        Row& row = m_rows[r];
        if (row.key != change.key || row.settled) {
            continue; // a settled message's row keeps saying so while the session goes on
        }
        row.state = lock.state;
        row.lockedUntilMs = lock.lockedUntilMs;
        row.grantedAtMs = lock.grantedAtMs;
        row.renewals = lock.renewals;
        row.autoRenew = lock.autoRenew;
        if (change.state == LockState::Lost && row.result.isEmpty()) {
            row.result = change.error ? tr("Session lock lost: %1").arg(change.error->message)
                                      : tr("Session lock lost");
        }
        top = top < 0 ? r : std::min(top, r);
        bottom = std::max(bottom, r);
    }
    if (change.state == LockState::Lost || change.state == LockState::Released) {
        m_sessionLocks.remove(change.key); // final; a new accept starts afresh
    }
}

void LockedMessagesModel::setResult(int row, const QString& result) {
    if (row < 0 || row >= m_rows.size()) {
        return;
    }
    m_rows[row].result = result;
    Q_EMIT dataChanged(index(row, ResultColumn), index(row, ResultColumn));
}

void LockedMessagesModel::markSettled(int row) {
    if (row < 0 || row >= m_rows.size() || m_rows[row].settled) {
        return;
    }
    m_rows[row].settled = true;
    Q_EMIT dataChanged(index(row, StateColumn), index(row, ResultColumn));
}

void LockedMessagesModel::setSettling(int row, bool settling) {
    if (row >= 0 && row < m_rows.size()) {
        m_rows[row].settling = settling;
    }
}

void LockedMessagesModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_rowOfKey.clear();
    m_sessionLocks.clear();
    endResetModel();
}

std::optional<int> LockedMessagesModel::rowOf(const LockKey& key) const {
    const auto found = m_rowOfKey.constFind(key);
    if (found == m_rowOfKey.cend()) {
        return std::nullopt;
    }
    return *found;
}

QString LockedMessagesModel::stateText(LockState state) {
    switch (state) {
    case LockState::Held:
        return tr("held");
    case LockState::Renewing:
        return tr("renewing");
    case LockState::ExpiringSoon:
        return tr("expiring");
    case LockState::AutoRenewTimeout:
        return tr("auto-renew ended");
    case LockState::Lost:
        return tr("lost");
    case LockState::Released:
        return tr("released");
    }
    return {};
}

QString LockedMessagesModel::settledText() {
    return tr("settled");
}

LockState LockedMessagesModel::shownState(const Row& row) {
    // A lock lost before the settlement answered stays lost: the row says why in Result.
    return row.settled && row.state != LockState::Lost ? LockState::Released : row.state;
}

qint64 LockedMessagesModel::remainingMs(const Row& row) const {
    const LockState state = shownState(row);
    if (state == LockState::Lost || state == LockState::Released) {
        return 0;
    }
    return std::max<qint64>(0, row.lockedUntilMs - m_clock());
}

int LockedMessagesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LockedMessagesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockedMessagesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case RemainingMsRole:
        return row.hasLock ? QVariant(remainingMs(row)) : QVariant();
    case FractionRole: {
        if (!row.hasLock) {
            return {};
        }
        const qint64 span = std::max<qint64>(1, row.lockedUntilMs - row.grantedAtMs);
        return std::clamp(static_cast<double>(remainingMs(row)) / static_cast<double>(span), 0.0,
                          1.0);
    }
    case LockStateRole:
        return row.hasLock ? QVariant(static_cast<int>(shownState(row))) : QVariant();
    case HasLockRole:
        return row.hasLock;
    case SettledRole:
        return row.settled;
    case RenewalsRole:
        return row.renewals;
    case AutoRenewRole:
        return row.autoRenew;
    case Qt::TextAlignmentRole:
        if (index.column() == SequenceColumn || index.column() == DeliveryCountColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case SequenceColumn:
        return row.message.sequenceNumber;
    case MessageIdColumn:
        return row.message.messageId();
    case SubjectColumn:
        return row.message.amqp.properties.subject;
    case DeliveryCountColumn:
        return row.message.deliveryCount;
    case StateColumn:
        if (!row.session.isEmpty()) {
            // Settled, the message is done with whatever the session lock does next.
            return tr("session %1 · %2")
                .arg(row.session, row.settled ? settledText() : stateText(row.state));
        }
        return row.hasLock ? stateText(shownState(row)) : tr("deleted");
    case CountdownColumn: {
        if (!row.hasLock) {
            return QString();
        }
        if (row.settled && !row.session.isEmpty()) {
            return settledText();
        }
        if (const LockState state = shownState(row);
            state == LockState::Lost || state == LockState::Released) {
            return stateText(state);
        }
        return tr("%1 s").arg(static_cast<double>(remainingMs(row)) / 1000.0, 0, 'f', 1);
    }
    case ResultColumn:
        return row.result;
    default:
        return {};
    }
}

QVariant LockedMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case SequenceColumn:
        return tr("Sequence");
    case MessageIdColumn:
        return tr("Message ID");
    case SubjectColumn:
        return tr("Subject");
    case DeliveryCountColumn:
        return tr("Deliveries");
    case StateColumn:
        return tr("Lock");
    case CountdownColumn:
        return tr("Time left");
    case ResultColumn:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace busbar
