#include "ui/sessions/SessionsView.h"

#include "core/servicebus/LockTracker.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/sessions/SessionLockBar.h"
#include "ui/sessions/SessionStateEditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace busbar {

namespace {
// A session is held while the user works in it; half an hour bounds a forgotten tab.
constexpr std::chrono::minutes kSessionAutoRenew{30};
} // namespace

SessionsView::SessionsView(ServiceBusClient* client, ConfirmationPrompt* prompt,
                           const QString& entityPath, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_prompt(prompt)
    , m_entityPath(entityPath) {
    m_tracker = new LockTracker(
        [this](const LockKey& key) {
            return m_client->renewSessionLock(m_entityPath, key.sessionId);
        },
        this);
    connect(m_tracker, &LockTracker::locksChanged, this, &SessionsView::onLocksChanged);
    buildUi();
}

SessionsView::~SessionsView() = default;

void SessionsView::buildUi() {
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("sessions"));
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    m_sessionName = new QLineEdit(this);
    m_sessionName->setObjectName(QStringLiteral("sessionName"));
    m_sessionName->setPlaceholderText(tr("Session id (empty: next available)"));
    m_acceptButton = new QPushButton(tr("Accept"), this);
    m_acceptButton->setObjectName(QStringLiteral("acceptSession"));
    m_closeButton = new QPushButton(tr("Release"), this);
    m_closeButton->setEnabled(false);
    m_count = new QSpinBox(this);
    m_count->setRange(1, 1000);
    m_count->setValue(10);
    m_receiveButton = new QPushButton(tr("Receive"), this);
    m_receiveButton->setObjectName(QStringLiteral("receiveFromSession"));
    m_receiveButton->setEnabled(false);
    m_lockBar = new SessionLockBar(this);
    m_lockBar->setObjectName(QStringLiteral("sessionLock"));
    m_lockBar->setLock(std::nullopt, 0, 0.0, tr("No session accepted"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(refreshButton);
    leftLayout->addWidget(m_list, 1);

    auto* acceptRow = new QHBoxLayout;
    acceptRow->addWidget(m_sessionName, 1);
    acceptRow->addWidget(m_acceptButton);
    acceptRow->addWidget(m_closeButton);
    acceptRow->addSpacing(12);
    acceptRow->addWidget(m_count);
    acceptRow->addWidget(m_receiveButton);

    m_messages = new LockedMessagesView(m_client, m_prompt, m_entityPath, SubQueue::None, this);
    m_messages->setReceiveControlsVisible(false); // a session entity receives through accept
    m_stateHost = new QWidget(this);
    auto* stateLayout = new QVBoxLayout(m_stateHost);
    stateLayout->setContentsMargins(0, 0, 0, 0);
    auto* tabs = new QTabWidget(this);
    tabs->addTab(m_messages, tr("Messages"));
    tabs->addTab(m_stateHost, tr("State"));

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(acceptRow);
    rightLayout->addWidget(m_lockBar);
    rightLayout->addWidget(tabs, 1);
    rightLayout->addWidget(m_status);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    // One timer for the one countdown this view shows; 200 ms reads as a smooth bar.
    m_lockTimer = new QTimer(this);
    m_lockTimer->setInterval(200);
    connect(m_lockTimer, &QTimer::timeout, this, &SessionsView::updateLockLine);

    connect(refreshButton, &QPushButton::clicked, this, &SessionsView::refresh);
    connect(m_list, &QListWidget::currentTextChanged, m_sessionName, &QLineEdit::setText);
    connect(m_acceptButton, &QPushButton::clicked, this,
            [this] { accept(m_sessionName->text().trimmed()); });
    connect(m_closeButton, &QPushButton::clicked, this, &SessionsView::closeSession);
    connect(m_receiveButton, &QPushButton::clicked, this, [this] { receive(m_count->value()); });
}

void SessionsView::refresh() {
    whenFinished(
        m_client->listSessions(m_entityPath, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), 0, 100),
        this, [this](const Result<QStringList>& listed) {
            if (!listed) {
                m_status->setText(tr("Listing failed: %1").arg(listed.error().message));
                Q_EMIT sessionsListed(listed.error().message);
                return;
            }
            m_sessions = *listed;
            m_list->clear();
            m_list->addItems(m_sessions);
            m_status->setText(tr("%n session(s)", nullptr, static_cast<int>(m_sessions.size())));
            Q_EMIT sessionsListed({});
        });
}

void SessionsView::accept(const QString& sessionId) {
    if (!m_accepted.isEmpty()) {
        closeSession();
    }
    m_acceptButton->setEnabled(false);
    m_status->setText(sessionId.isEmpty() ? tr("Waiting for the next session…")
                                          : tr("Accepting %1…").arg(sessionId));
    whenFinished(
        m_client->acceptSession(m_entityPath,
                                sessionId.isEmpty() ? std::nullopt : std::optional(sessionId),
                                ReceiveMode::PeekLock),
        this, [this](const Result<AcceptedSession>& accepted) {
            m_acceptButton->setEnabled(true);
            if (!accepted) {
                m_status->setText(tr("Accept failed: %1").arg(accepted.error().message));
                Q_EMIT acceptFailed(accepted.error().message);
                return;
            }
            m_accepted = accepted->sessionId;
            m_grantedAtMs = QDateTime::currentMSecsSinceEpoch();
            m_lockedUntilMs = accepted->lockedUntil.toMSecsSinceEpoch();
            m_tracker->track(LockKey::session(m_accepted, m_entityPath), accepted->lockedUntil,
                             std::chrono::milliseconds(kSessionAutoRenew));
            delete m_stateEditor;
            m_stateEditor = new SessionStateEditor(m_client, m_entityPath, m_accepted, m_stateHost);
            m_stateHost->layout()->addWidget(m_stateEditor);
            m_stateEditor->load();
            m_receiveButton->setEnabled(true);
            m_closeButton->setEnabled(true);
            m_lockTimer->start();
            m_status->setText(tr("Session %1 accepted").arg(m_accepted));
            // The messages' rows follow the session lock from the first paint on.
            if (const auto lock = m_tracker->snapshot(LockKey::session(m_accepted, m_entityPath))) {
                m_messages->model()->applyLockChanges({*lock});
            }
            onLocksChanged({});
            Q_EMIT sessionAccepted(m_accepted);
        });
}

void SessionsView::receive(int count) {
    if (m_accepted.isEmpty()) {
        Q_EMIT receiveFinished(0, tr("No session accepted."));
        return;
    }
    const QString sessionId = m_accepted;
    whenFinished(m_client->receiveFromSession(m_entityPath, sessionId, count, m_maxWait), this,
                 [this, sessionId](const Result<ServiceBusClient::Messages>& received) {
                     if (!received) {
                         m_status->setText(tr("Receive failed: %1").arg(received.error().message));
                         Q_EMIT receiveFinished(0, received.error().message);
                         return;
                     }
                     m_messages->addSessionMessages(sessionId, *received);
                     Q_EMIT receiveFinished(static_cast<int>(received->size()), {});
                 });
}

void SessionsView::closeSession() {
    if (m_accepted.isEmpty()) {
        return;
    }
    const QString sessionId = m_accepted;
    m_accepted.clear();
    m_receiveButton->setEnabled(false);
    m_closeButton->setEnabled(false);
    whenFinished(m_client->closeSession(m_entityPath, sessionId), this,
                 [this, sessionId](const VoidResult& closed) {
                     m_tracker->release(LockKey::session(sessionId, m_entityPath));
                     m_status->setText(closed
                                           ? tr("Session %1 released").arg(sessionId)
                                           : tr("Release failed: %1").arg(closed.error().message));
                     Q_EMIT sessionClosed();
                 });
}

QString SessionsView::lockText() const {
    return m_lockBar->text();
}

void SessionsView::onLocksChanged(const QList<LockSnapshot>& changes) {
    const LockKey key = LockKey::session(m_accepted, m_entityPath);
    for (const LockSnapshot& change : changes) {
        if (change.key == key && change.lockedUntil.isValid() &&
            change.lockedUntil.toMSecsSinceEpoch() != m_lockedUntilMs) {
            m_lockedUntilMs = change.lockedUntil.toMSecsSinceEpoch();
            m_grantedAtMs = QDateTime::currentMSecsSinceEpoch();
        }
    }
    // Messages received in the session are locked by its lock: they expire with it.
    if (!changes.isEmpty()) {
        m_messages->model()->applyLockChanges(changes);
    }
    updateLockLine();
    const int held = m_tracker->heldCount();
    if (held != m_heldLocks) {
        m_heldLocks = held;
        Q_EMIT heldLocksChanged(held);
    }
}

void SessionsView::updateLockLine() {
    if (m_accepted.isEmpty()) {
        m_lockTimer->stop();
        m_lockBar->setLock(std::nullopt, 0, 0.0, tr("No session accepted"));
        return;
    }
    const std::optional<LockSnapshot> lock =
        m_tracker->snapshot(LockKey::session(m_accepted, m_entityPath));
    if (!lock) {
        // Lost and released locks are forgotten by the tracker after one publication.
        m_lockTimer->stop();
        m_lockBar->setLock(LockState::Lost, 0, 0.0, tr("Session %1 · lock lost").arg(m_accepted));
        return;
    }
    const qint64 until = lock->lockedUntil.toMSecsSinceEpoch();
    const qint64 left = std::max<qint64>(0, until - QDateTime::currentMSecsSinceEpoch());
    const qint64 span = std::max<qint64>(1, until - m_grantedAtMs);
    m_lockBar->setLock(lock->state, left, static_cast<double>(left) / static_cast<double>(span),
                       tr("Session %1 · %2 s · %3")
                           .arg(m_accepted)
                           .arg(static_cast<double>(left) / 1000.0, 0, 'f', 1)
                           .arg(LockedMessagesModel::stateText(lock->state)));
}

} // namespace busbar
