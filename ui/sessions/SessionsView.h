#pragma once

#include "core/servicebus/LockTracker.h"

#include <QStringList>
#include <QWidget>

#include <chrono>

class QLabel;
class QListWidget;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace busbar {

class ConfirmationPrompt;
class LockTracker;
class LockedMessagesView;
class ServiceBusClient;
class SessionLockBar;
class SessionStateEditor;

// Sessions of a session-enabled queue or subscription: lists them, accepts one (named or the
// next available) and holds its lock live (auto-renewed through a LockTracker session lock),
// receives that session's messages into a Locked view, and edits its state.
class SessionsView final : public QWidget {
    Q_OBJECT
    Q_PROPERTY(QString acceptedSession READ acceptedSession NOTIFY sessionAccepted)
public:
    // `client` and `prompt` must outlive the view.
    SessionsView(ServiceBusClient* client, ConfirmationPrompt* prompt, const QString& entityPath,
                 QWidget* parent = nullptr);
    ~SessionsView() override;

    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    [[nodiscard]] const QStringList& sessions() const { return m_sessions; }
    [[nodiscard]] const QString& acceptedSession() const { return m_accepted; }
    [[nodiscard]] LockTracker* tracker() const { return m_tracker; }
    [[nodiscard]] LockedMessagesView* messagesView() const { return m_messages; }
    // Null until a session is accepted.
    [[nodiscard]] SessionStateEditor* stateEditor() const { return m_stateEditor; }
    // "s1 · 4.2 s · held", what the lock line shows now.
    [[nodiscard]] QString lockText() const;
    [[nodiscard]] SessionLockBar* lockBar() const { return m_lockBar; }
    // Session locks held by this view: 1 while an accepted session's lock is held, else 0.
    // Its messages are locked by that one lock, so they do not count on their own.
    [[nodiscard]] int heldLocks() const { return m_heldLocks; }
    void setMaxWait(std::chrono::milliseconds wait) { m_maxWait = wait; }

    void refresh();
    // Accepts `sessionId`, or the next available session when it is empty.
    void accept(const QString& sessionId);
    // Receives up to `count` messages of the accepted session into the messages view.
    void receive(int count);
    // Releases the accepted session's lock.
    void closeSession();

Q_SIGNALS:
    void sessionsListed(const QString& error);
    void sessionAccepted(const QString& sessionId);
    void acceptFailed(const QString& error);
    void receiveFinished(int count, const QString& error);
    void sessionClosed();
    void heldLocksChanged(int count);

private:
    void buildUi();
    void updateLockLine();
    void onLocksChanged(const QList<LockSnapshot>& changes);

    ServiceBusClient* m_client;
    ConfirmationPrompt* m_prompt;
    QString m_entityPath;
    QStringList m_sessions;
    QString m_accepted;
    std::chrono::milliseconds m_maxWait{5000};
    LockTracker* m_tracker = nullptr;
    QListWidget* m_list = nullptr;
    QLineEdit* m_sessionName = nullptr;
    QPushButton* m_acceptButton = nullptr;
    QPushButton* m_receiveButton = nullptr;
    QPushButton* m_closeButton = nullptr;
    QSpinBox* m_count = nullptr;
    SessionLockBar* m_lockBar = nullptr;
    qint64 m_lockedUntilMs = 0;
    qint64 m_grantedAtMs = 0; // when m_lockedUntilMs was granted: the bar's full length
    int m_heldLocks = 0;
    QLabel* m_status = nullptr;
    QTimer* m_lockTimer = nullptr;
    LockedMessagesView* m_messages = nullptr;
    SessionStateEditor* m_stateEditor = nullptr;
    QWidget* m_stateHost = nullptr;
};

} // namespace busbar
