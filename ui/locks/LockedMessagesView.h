#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QWidget>

#include <chrono>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace busbar {

class ConfirmationPrompt;
class LockCountdownDelegate;
class LockTracker;
class LockedMessagesModel;
class ServiceBusClient;

// The "Locked" view of one entity (or sub-queue): messages received in peek-lock with their
// live lock countdowns, auto-renew, and settlement of a selection with a per-row result.
// Receive-and-delete asks first through the confirmation seam.
class LockedMessagesView final : public QWidget {
    Q_OBJECT
    Q_PROPERTY(int heldLocks READ heldLocks NOTIFY heldLocksChanged)
public:
    // `client` and `prompt` must outlive the view.
    LockedMessagesView(ServiceBusClient* client, ConfirmationPrompt* prompt,
                       const QString& entityPath, SubQueue subQueue = SubQueue::None,
                       QWidget* parent = nullptr);
    ~LockedMessagesView() override;

    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    [[nodiscard]] SubQueue subQueue() const { return m_subQueue; }
    [[nodiscard]] LockedMessagesModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] LockTracker* tracker() const { return m_tracker; }
    [[nodiscard]] LockCountdownDelegate* countdownDelegate() const { return m_delegate; }
    [[nodiscard]] int heldLocks() const { return m_heldLocks; }

    // Auto-renew applies to locks received from now on and to those already held.
    void setAutoRenew(bool enabled);
    [[nodiscard]] bool autoRenew() const;
    void setAutoRenewMaximum(std::chrono::seconds maximum);
    [[nodiscard]] std::chrono::seconds autoRenewMaximum() const;
    void setMaxWait(std::chrono::milliseconds wait) { m_maxWait = wait; }
    // Hides the receive and auto-renew controls, for a host that feeds the view itself
    // (the sessions view receives from its accepted session).
    void setReceiveControlsVisible(bool visible);

    // Peek-lock receive of up to `count` messages into the view.
    void receive(int count);
    // Shows messages received from an accepted session (settled like the others; their lock
    // is the session's, which the sessions view renews).
    void addSessionMessages(const QString& sessionId, const QList<ServiceBusMessage>& messages);
    // Asks, then receives and deletes up to `count` messages; false when the user declined.
    bool receiveAndDelete(int count);

    // Act on the selected rows (each reports in the Result column).
    void renewSelected();
    void completeSelected();
    void abandonSelected();
    void deferSelected();
    void deadLetterSelected(const QString& reason, const QString& description,
                            const AmqpMap& propertiesToModify = {});
    // Opens the dead-letter dialog for the selection.
    void deadLetterSelectedWithDialog();

Q_SIGNALS:
    void heldLocksChanged(int count);
    // A receive finished: how many messages arrived, or why it failed (empty when it worked).
    void receiveFinished(int count, const QString& error);
    // Every settle or renew of one action has answered.
    void actionFinished();

private:
    void buildUi();
    void settleSelected(const SettleRequest& request, const QString& doneText);
    [[nodiscard]] QList<int> selectedRows() const;
    [[nodiscard]] std::optional<std::chrono::milliseconds> autoRenewFor() const;
    void updateHeldLocks();
    void updateActions();
    void setBusy(const QString& text);

    ServiceBusClient* m_client;
    ConfirmationPrompt* m_prompt;
    QString m_entityPath;
    SubQueue m_subQueue;
    std::chrono::milliseconds m_maxWait{5000};
    LockedMessagesModel* m_model = nullptr;
    LockTracker* m_tracker = nullptr;
    LockCountdownDelegate* m_delegate = nullptr;
    QTableView* m_table = nullptr;
    QSpinBox* m_count = nullptr;
    QCheckBox* m_autoRenew = nullptr;
    QSpinBox* m_autoRenewSeconds = nullptr;
    QPushButton* m_receive = nullptr;
    QPushButton* m_receiveAndDelete = nullptr;
    QPushButton* m_renew = nullptr;
    QPushButton* m_complete = nullptr;
    QPushButton* m_abandon = nullptr;
    QPushButton* m_defer = nullptr;
    QPushButton* m_deadLetter = nullptr;
    QLabel* m_status = nullptr;
    int m_heldLocks = 0;
    int m_pending = 0;
};

} // namespace busbar
