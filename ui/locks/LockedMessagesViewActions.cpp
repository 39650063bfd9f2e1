// LockedMessagesView's actions on a selection: renew now and the four settlements, each
// reporting per row what happened.
#include "core/servicebus/LockTracker.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/locks/DeadLetterDialog.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"

#include <memory>

namespace busbar {

namespace {

bool isLockLost(const Error& error) {
    return error.code == ErrorCode::LockLost || error.code == ErrorCode::SessionLockLost;
}

} // namespace

void LockedMessagesView::renewSelected() {
    QList<int> rows;
    QList<QUuid> tokens;
    for (int r : selectedRows()) {
        const LockedMessagesModel::Row& row = m_model->row(r);
        if (!row.session.isEmpty()) {
            // Its lock is the session's, which the sessions view renews.
            m_model->setResult(r, tr("Not renewed: held by the session lock"));
            continue;
        }
        if (row.settled) {
            m_model->setResult(r, tr("Not renewed: already settled"));
            continue;
        }
        if (!row.hasLock || row.state == LockState::Lost || row.state == LockState::Released) {
            m_model->setResult(r, row.hasLock ? tr("Not renewed: the lock is %1")
                                                    .arg(LockedMessagesModel::stateText(row.state))
                                              : tr("Not renewed: no lock"));
            continue;
        }
        rows.append(r);
        tokens.append(row.message.lockToken);
    }
    if (tokens.isEmpty()) {
        Q_EMIT actionFinished();
        return;
    }
    ++m_pending;
    whenFinished(m_client->renewLock(m_entityPath, m_subQueue, tokens), this,
                 [this, rows](const Result<QList<QDateTime>>& renewed) {
                     --m_pending;
                     for (int i = 0; i < rows.size(); ++i) {
                         const LockKey key = m_model->row(rows.at(i)).key;
                         if (!renewed) {
                             if (isLockLost(renewed.error())) {
                                 m_tracker->markLost(key, renewed.error());
                             }
                             m_model->setResult(
                                 rows.at(i), tr("Renew failed: %1").arg(renewed.error().message));
                         } else if (i < renewed->size()) {
                             m_tracker->updateLockedUntil(key, renewed->at(i));
                             m_model->setResult(rows.at(i),
                                                tr("Renewed until %1")
                                                    .arg(renewed->at(i).toLocalTime().toString(
                                                        QStringLiteral("HH:mm:ss"))));
                         }
                     }
                     Q_EMIT actionFinished();
                 });
}

void LockedMessagesView::completeSelected() {
    settleSelected(SettleRequest{SettleKind::Complete, {}, {}, {}}, tr("Completed"));
}

void LockedMessagesView::abandonSelected() {
    settleSelected(SettleRequest{SettleKind::Abandon, {}, {}, {}}, tr("Abandoned"));
}

void LockedMessagesView::deferSelected() {
    settleSelected(SettleRequest{SettleKind::Defer, {}, {}, {}}, tr("Deferred"));
}

void LockedMessagesView::deadLetterSelected(const QString& reason, const QString& description,
                                            const AmqpMap& propertiesToModify) {
    settleSelected(SettleRequest{SettleKind::DeadLetter, reason, description, propertiesToModify},
                   tr("Dead-lettered"));
}

void LockedMessagesView::deadLetterSelectedWithDialog() {
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    DeadLetterDialog dialog(static_cast<int>(rows.size()), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const std::optional<AmqpMap> properties = dialog.properties();
    if (!properties) {
        setBusy(dialog.problem());
        return;
    }
    deadLetterSelected(dialog.reason(), dialog.description(), *properties);
}

void LockedMessagesView::settleSelected(const SettleRequest& request, const QString& doneText) {
    const QList<int> rows = selectedRows();
    int waiting = 0;
    auto remaining = std::make_shared<int>(0);
    for (int r : rows) {
        const LockedMessagesModel::Row& row = m_model->row(r);
        if (row.settled) {
            // The broker would refuse a second settlement of one delivery.
            m_model->setResult(r, tr("Not settled: already settled"));
            continue;
        }
        if (row.settling) {
            // A quick second click: the first settle's answer decides the row.
            m_model->setResult(r, tr("Not settled: already being settled"));
            continue;
        }
        if (!row.session.isEmpty()) {
            ++waiting;
            ++*remaining;
            m_model->setSettling(r, true);
            m_model->setResult(r, tr("Settling…"));
            const qint64 sequence = row.message.sequenceNumber;
            whenFinished(m_client->settle(m_entityPath, m_subQueue, row.message, request), this,
                         [this, r, sequence, doneText, remaining](const VoidResult& settled) {
                             // Rows are only ever appended, so the index still holds.
                             if (r < m_model->rowCount() &&
                                 m_model->row(r).message.sequenceNumber == sequence) {
                                 m_model->setSettling(r, false);
                                 if (settled) {
                                     // Done with, while the session lock is still held.
                                     m_model->markSettled(r);
                                 }
                                 m_model->setResult(
                                     r, settled ? doneText
                                                : tr("Failed: %1").arg(settled.error().message));
                             }
                             if (--*remaining == 0) {
                                 --m_pending;
                                 Q_EMIT actionFinished();
                             }
                         });
            continue;
        }
        if (!row.hasLock) {
            m_model->setResult(r, tr("Not settled: the message was already deleted"));
            continue;
        }
        if (row.state == LockState::Lost || row.state == LockState::Released) {
            // Say so on the row rather than sending a settle the broker must refuse.
            m_model->setResult(r, row.state == LockState::Lost
                                      ? tr("Not settled: the lock was lost")
                                      : tr("Not settled: already settled"));
            continue;
        }
        ++waiting;
        ++*remaining;
        m_model->setSettling(r, true);
        m_model->setResult(r, tr("Settling…"));
        const LockKey key = row.key;
        whenFinished(m_client->settle(m_entityPath, m_subQueue, row.message, request), this,
                     [this, key, doneText, remaining](const VoidResult& settled) {
                         const std::optional<int> at = m_model->rowOf(key);
                         if (at) {
                             m_model->setSettling(*at, false);
                         }
                         if (settled) {
                             m_tracker->release(key);
                             if (at) {
                                 m_model->markSettled(*at);
                                 m_model->setResult(*at, doneText);
                             }
                         } else if (isLockLost(settled.error())) {
                             m_tracker->markLost(key, settled.error());
                             if (at) {
                                 m_model->setResult(
                                     *at, tr("Lock lost: %1").arg(settled.error().message));
                             }
                         } else if (at) {
                             m_model->setResult(*at, tr("Failed: %1").arg(settled.error().message));
                         }
                         if (--*remaining == 0) {
                             --m_pending;
                             updateHeldLocks();
                             Q_EMIT actionFinished();
                         }
                     });
    }
    if (waiting == 0) {
        Q_EMIT actionFinished();
        return;
    }
    ++m_pending;
}

} // namespace busbar
