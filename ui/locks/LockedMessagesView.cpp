#include "ui/locks/LockedMessagesView.h"

#include "core/servicebus/LockTracker.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/locks/LockCountdownDelegate.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <initializer_list>

namespace busbar {

namespace {

QString entityTitle(const QString& entityPath, SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return QObject::tr("%1 (dead-letter)").arg(entityPath);
    case SubQueue::TransferDeadLetter:
        return QObject::tr("%1 (transfer dead-letter)").arg(entityPath);
    case SubQueue::None:
        break;
    }
    return entityPath;
}

} // namespace

LockedMessagesView::LockedMessagesView(ServiceBusClient* client, ConfirmationPrompt* prompt,
                                       const QString& entityPath, SubQueue subQueue,
                                       QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_prompt(prompt)
    , m_entityPath(entityPath)
    , m_subQueue(subQueue) {
    m_model = new LockedMessagesModel(this);
    // Every lock of this view is on the same entity and sub-queue, so the key's token is all
    // the renew needs. The continuation runs on the client's thread (no context): the tracker
    // brings the answer back to its own thread with whenFinished.
    m_tracker = new LockTracker(
        [this](const LockKey& key) -> QFuture<Result<QDateTime>> {
            return m_client->renewLock(m_entityPath, m_subQueue, {key.lockToken})
                .then([](const Result<QList<QDateTime>>& renewed) -> Result<QDateTime> {
                    if (!renewed) {
                        return std::unexpected(renewed.error());
                    }
                    if (renewed->isEmpty()) {
                        return fail(ErrorCode::Protocol,
                                    QStringLiteral("The broker returned no locked-until time."));
                    }
                    return renewed->constFirst();
                });
        },
        this);
    connect(m_tracker, &LockTracker::locksChanged, this,
            [this](const QList<LockSnapshot>& changes) {
                m_model->applyLockChanges(changes);
                updateHeldLocks();
            });
    buildUi();
}

LockedMessagesView::~LockedMessagesView() = default;

void LockedMessagesView::buildUi() {
    auto* title = new QLabel(entityTitle(m_entityPath, m_subQueue), this);
    title->setObjectName(QStringLiteral("entityTitle"));
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("receiveCount"));
    m_count->setRange(1, 1000);
    m_count->setValue(10);
    m_receive = new QPushButton(tr("Receive"), this);
    m_receive->setObjectName(QStringLiteral("receive"));
    m_receive->setToolTip(tr("Receive in peek-lock: the messages stay on the entity, locked"));
    m_receiveAndDelete = new QPushButton(tr("Receive and delete…"), this);
    m_receiveAndDelete->setObjectName(QStringLiteral("receiveAndDelete"));
    m_autoRenew = new QCheckBox(tr("Auto-renew for"), this);
    m_autoRenew->setObjectName(QStringLiteral("autoRenew"));
    m_autoRenew->setChecked(true);
    m_autoRenewSeconds = new QSpinBox(this);
    m_autoRenewSeconds->setObjectName(QStringLiteral("autoRenewMaximum"));
    m_autoRenewSeconds->setRange(5, 24 * 3600);
    m_autoRenewSeconds->setValue(300);
    m_autoRenewSeconds->setSuffix(tr(" s"));

    auto* receiveRow = new QHBoxLayout;
    receiveRow->addWidget(title, 1);
    receiveRow->addWidget(m_count);
    receiveRow->addWidget(m_receive);
    receiveRow->addWidget(m_receiveAndDelete);
    receiveRow->addSpacing(12);
    receiveRow->addWidget(m_autoRenew);
    receiveRow->addWidget(m_autoRenewSeconds);

    const auto button = [this](const QString& text, const char* name) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        return b;
    };
    m_renew = button(tr("Renew now"), "renewNow");
    m_complete = button(tr("Complete"), "complete");
    m_abandon = button(tr("Abandon"), "abandon");
    m_defer = button(tr("Defer"), "defer");
    m_deadLetter = button(tr("Dead-letter…"), "deadLetter");
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    auto* actionRow = new QHBoxLayout;
    for (QPushButton* b : {m_renew, m_complete, m_abandon, m_defer, m_deadLetter}) {
        actionRow->addWidget(b);
    }
    actionRow->addStretch(1);
    actionRow->addWidget(m_status);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("lockedMessages"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(LockedMessagesModel::CountdownColumn, 160);
    m_delegate = new LockCountdownDelegate(this);
    m_delegate->attach(m_table, LockedMessagesModel::CountdownColumn);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(receiveRow);
    layout->addLayout(actionRow);
    layout->addWidget(m_table, 1);

    connect(m_receive, &QPushButton::clicked, this, [this] { receive(m_count->value()); });
    connect(m_receiveAndDelete, &QPushButton::clicked, this,
            [this] { receiveAndDelete(m_count->value()); });
    connect(m_autoRenew, &QCheckBox::toggled, this, [this](bool on) { setAutoRenew(on); });
    connect(m_autoRenewSeconds, &QSpinBox::valueChanged, this,
            [this](int seconds) { setAutoRenewMaximum(std::chrono::seconds(seconds)); });
    connect(m_renew, &QPushButton::clicked, this, &LockedMessagesView::renewSelected);
    connect(m_complete, &QPushButton::clicked, this, &LockedMessagesView::completeSelected);
    connect(m_abandon, &QPushButton::clicked, this, &LockedMessagesView::abandonSelected);
    connect(m_defer, &QPushButton::clicked, this, &LockedMessagesView::deferSelected);
    connect(m_deadLetter, &QPushButton::clicked, this,
            &LockedMessagesView::deadLetterSelectedWithDialog);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LockedMessagesView::updateActions);
    updateActions();
}

void LockedMessagesView::setAutoRenew(bool enabled) {
    if (m_autoRenew->isChecked() != enabled) {
        m_autoRenew->setChecked(enabled); // re-enters through toggled
        return;
    }
    m_autoRenewSeconds->setEnabled(enabled);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const LockedMessagesModel::Row& row = m_model->row(r);
        if (row.hasLock && m_tracker->snapshot(row.key)) {
            m_tracker->setAutoRenew(row.key, autoRenewFor());
        }
    }
}

void LockedMessagesView::setReceiveControlsVisible(bool visible) {
    for (QWidget* w : std::initializer_list<QWidget*>{m_count, m_receive, m_receiveAndDelete,
                                                      m_autoRenew, m_autoRenewSeconds}) {
        w->setVisible(visible);
    }
}

bool LockedMessagesView::autoRenew() const {
    return m_autoRenew->isChecked();
}

void LockedMessagesView::setAutoRenewMaximum(std::chrono::seconds maximum) {
    if (m_autoRenewSeconds->value() != static_cast<int>(maximum.count())) {
        m_autoRenewSeconds->setValue(static_cast<int>(maximum.count()));
        return; // re-enters through valueChanged
    }
    setAutoRenew(autoRenew());
}

std::chrono::seconds LockedMessagesView::autoRenewMaximum() const {
    return std::chrono::seconds(m_autoRenewSeconds->value());
}

std::optional<std::chrono::milliseconds> LockedMessagesView::autoRenewFor() const {
    if (!m_autoRenew->isChecked()) {
        return std::nullopt;
    }
    return std::chrono::milliseconds(autoRenewMaximum());
}

void LockedMessagesView::receive(int count) {
    setBusy(tr("Receiving…"));
    m_receive->setEnabled(false);
    whenFinished(
        m_client->receive(m_entityPath, m_subQueue, ReceiveMode::PeekLock, count, m_maxWait), this,
        [this](const Result<ServiceBusClient::Messages>& received) {
            m_receive->setEnabled(true);
            if (!received) {
                setBusy(tr("Receive failed: %1").arg(received.error().message));
                Q_EMIT receiveFinished(0, received.error().message);
                return;
            }
            m_model->addMessages(m_entityPath, m_subQueue, *received, true, autoRenew());
            for (const ServiceBusMessage& message : *received) {
                if (message.lockToken.isNull() || !message.lockedUntil) {
                    continue;
                }
                m_tracker->track(
                    LockedMessagesModel::keyFor(m_entityPath, m_subQueue, message.lockToken),
                    *message.lockedUntil, autoRenewFor());
            }
            setBusy(tr("Received %n message(s)", nullptr, static_cast<int>(received->size())));
            updateHeldLocks();
            Q_EMIT receiveFinished(static_cast<int>(received->size()), {});
        });
}

void LockedMessagesView::addSessionMessages(const QString& sessionId,
                                            const QList<ServiceBusMessage>& messages) {
    m_model->addSessionMessages(m_entityPath, sessionId, messages);
}

bool LockedMessagesView::receiveAndDelete(int count) {
    ConfirmationRequest request;
    const QString title = entityTitle(m_entityPath, m_subQueue);
    request.title = tr("Receive and delete from %1?").arg(title);
    request.text = tr("Up to %n message(s) will be received from %1 and removed from it for "
                      "good.",
                      nullptr, count)
                       .arg(title);
    request.details = tr("Received-and-deleted messages cannot be put back.");
    request.confirmLabel = tr("Receive and delete");
    if (!m_prompt || !m_prompt->confirm(this, request)) {
        return false;
    }
    setBusy(tr("Receiving and deleting…"));
    whenFinished(m_client->receive(m_entityPath, m_subQueue, ReceiveMode::ReceiveAndDelete, count,
                                   m_maxWait),
                 this, [this](const Result<ServiceBusClient::Messages>& received) {
                     if (!received) {
                         setBusy(tr("Receive failed: %1").arg(received.error().message));
                         Q_EMIT receiveFinished(0, received.error().message);
                         return;
                     }
                     const int first = m_model->rowCount();
                     m_model->addMessages(m_entityPath, m_subQueue, *received, false, false);
                     for (int r = first; r < m_model->rowCount(); ++r) {
                         m_model->setResult(r, tr("Received and deleted"));
                     }
                     setBusy(tr("Received and deleted %n message(s)", nullptr,
                                static_cast<int>(received->size())));
                     Q_EMIT receiveFinished(static_cast<int>(received->size()), {});
                 });
    return true;
}

QList<int> LockedMessagesView::selectedRows() const {
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& index : selected) {
        rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void LockedMessagesView::updateHeldLocks() {
    const int held = m_tracker->heldCount();
    if (held != m_heldLocks) {
        m_heldLocks = held;
        Q_EMIT heldLocksChanged(held);
    }
}

void LockedMessagesView::updateActions() {
    const bool any = m_table->selectionModel()->hasSelection();
    for (QPushButton* b : {m_renew, m_complete, m_abandon, m_defer, m_deadLetter}) {
        b->setEnabled(any);
    }
}

void LockedMessagesView::setBusy(const QString& text) {
    m_status->setText(text);
}

} // namespace busbar
