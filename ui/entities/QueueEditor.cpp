#include "ui/entities/QueueEditor.h"

#include "core/admin/AdminClient.h"
#include "core/admin/EntityValidator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace busbar {

QueueEditor* QueueEditor::createNew(AdminClient* admin, QWidget* parent) {
    auto* editor = new QueueEditor(admin, Mode::Create, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    return editor;
}

QueueEditor* QueueEditor::edit(AdminClient* admin, const QString& name, QWidget* parent) {
    auto* editor = new QueueEditor(admin, Mode::Edit, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->load(name);
    return editor;
}

QueueEditor::QueueEditor(AdminClient* admin, Mode mode, QWidget* parent)
    : EntityEditorBase(admin, mode, parent) {
    setObjectName(QStringLiteral("queueEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Queue") : tr("Edit Queue"));
    const QueueDescription d;
    auto* general = group(tr("General"));
    m_name->setPlaceholderText(tr("e.g. orders or sales/orders (up to 260 characters)"));
    m_status = addStatus(general);
    m_userMetadata = addText(general, "userMetadata", tr("&User metadata:"), tr("up to 1024"));

    auto* messages = group(tr("Messages"));
    m_ttl = addDuration(messages, "defaultMessageTimeToLive", tr("Default message &TTL:"),
                        d.defaultMessageTimeToLive, tr("at least 1s"));
    m_maxSize = addInt(messages, "maxSizeInMegabytes", tr("Max si&ze (MB):"), d.maxSizeInMegabytes,
                       1, 81920, tr("default 1024 · 1024–5120 (Standard)"));
    m_maxMessageSize = addInt(messages, "maxMessageSizeInKilobytes", tr("Max &message (KB):"),
                              int(d.maxMessageSizeInKilobytes), 1, 102400,
                              tr("default 256 · Premium up to 102400"));
    m_deadLetterOnExpiry =
        addBool(messages, "deadLetteringOnMessageExpiration", tr("Dead-letter expired messages"),
                d.deadLetteringOnMessageExpiration);
    m_duplicateDetection =
        addBool(messages, "requiresDuplicateDetection",
                tr("Duplicate detection (fixed at creation)"), d.requiresDuplicateDetection);
    m_duplicateWindow =
        addDuration(messages, "duplicateDetectionHistoryTimeWindow", tr("Duplicate &window:"),
                    d.duplicateDetectionHistoryTimeWindow, tr("20s to 7d"));

    auto* locks = group(tr("Locks && delivery"));
    m_lockDuration =
        addDuration(locks, "lockDuration", tr("&Lock duration:"), d.lockDuration, tr("5s to 5m"));
    m_maxDeliveryCount = addInt(locks, "maxDeliveryCount", tr("Max &delivery count:"),
                                d.maxDeliveryCount, 1, 2000000000, tr("default 10 · at least 1"));

    auto* sessions = group(tr("Sessions"));
    m_requiresSession = addBool(sessions, "requiresSession",
                                tr("Requires sessions (fixed at creation)"), d.requiresSession);

    auto* forwarding = group(tr("Forwarding"));
    m_forwardTo = addText(forwarding, "forwardTo", tr("&Forward to:"), tr("a queue or topic"));
    m_forwardDeadLetteredTo = addText(forwarding, "forwardDeadLetteredMessagesTo",
                                      tr("Forward dead-&lettered to:"), tr("a queue or topic"));

    auto* advanced = group(tr("Advanced"));
    m_autoDeleteOnIdle = addDuration(advanced, "autoDeleteOnIdle", tr("&Auto-delete on idle:"),
                                     d.autoDeleteOnIdle, tr("at least 5m"));
    m_batched = addBool(advanced, "enableBatchedOperations", tr("Batched operations"),
                        d.enableBatchedOperations);
    m_partitioning = addBool(advanced, "enablePartitioning", tr("Partitioning (fixed at creation)"),
                             d.enablePartitioning);
    m_express = addBool(advanced, "enableExpress", tr("Express"), d.enableExpress);

    if (mode == Mode::Edit) {
        setNameEditable(false);
        for (QCheckBox* fixed : {m_duplicateDetection, m_requiresSession, m_partitioning}) {
            fixed->setEnabled(false);
        }
    }
    watchFields();
}

QueueDescription QueueEditor::read(QStringList* problems) const {
    QueueDescription q;
    q.name = m_name->text().trimmed();
    q.status = statusOf(m_status);
    q.userMetadata = m_userMetadata->text();
    q.defaultMessageTimeToLive = durationOf(m_ttl, q.defaultMessageTimeToLive, problems);
    q.maxSizeInMegabytes = m_maxSize->value();
    q.maxMessageSizeInKilobytes = m_maxMessageSize->value();
    q.deadLetteringOnMessageExpiration = m_deadLetterOnExpiry->isChecked();
    q.requiresDuplicateDetection = m_duplicateDetection->isChecked();
    q.duplicateDetectionHistoryTimeWindow =
        durationOf(m_duplicateWindow, q.duplicateDetectionHistoryTimeWindow, problems);
    q.lockDuration = durationOf(m_lockDuration, q.lockDuration, problems);
    q.maxDeliveryCount = m_maxDeliveryCount->value();
    q.requiresSession = m_requiresSession->isChecked();
    q.forwardTo = m_forwardTo->text().trimmed();
    q.forwardDeadLetteredMessagesTo = m_forwardDeadLetteredTo->text().trimmed();
    q.autoDeleteOnIdle = durationOf(m_autoDeleteOnIdle, q.autoDeleteOnIdle, problems);
    q.enableBatchedOperations = m_batched->isChecked();
    q.enablePartitioning = m_partitioning->isChecked();
    q.enableExpress = m_express->isChecked();
    return q;
}

QueueDescription QueueEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void QueueEditor::setDescription(const QueueDescription& q) {
    m_name->setText(q.name);
    setStatus(m_status, q.status);
    m_userMetadata->setText(q.userMetadata);
    setDuration(m_ttl, q.defaultMessageTimeToLive);
    m_maxSize->setValue(q.maxSizeInMegabytes);
    m_maxMessageSize->setValue(int(q.maxMessageSizeInKilobytes));
    m_deadLetterOnExpiry->setChecked(q.deadLetteringOnMessageExpiration);
    m_duplicateDetection->setChecked(q.requiresDuplicateDetection);
    setDuration(m_duplicateWindow, q.duplicateDetectionHistoryTimeWindow);
    setDuration(m_lockDuration, q.lockDuration);
    m_maxDeliveryCount->setValue(q.maxDeliveryCount);
    m_requiresSession->setChecked(q.requiresSession);
    m_forwardTo->setText(q.forwardTo);
    m_forwardDeadLetteredTo->setText(q.forwardDeadLetteredMessagesTo);
    setDuration(m_autoDeleteOnIdle, q.autoDeleteOnIdle);
    m_batched->setChecked(q.enableBatchedOperations);
    m_partitioning->setChecked(q.enablePartitioning);
    m_express->setChecked(q.enableExpress);
    revalidate();
}

void QueueEditor::load(const QString& name) {
    m_name->setText(name);
    track<AtomItem<QueueDescription>>(m_admin->getQueue(name), tr("Loading queue '%1'…").arg(name),
                                      [this](const Result<AtomItem<QueueDescription>>& item) {
                                          m_extras = item->extras;
                                          setDescription(item->description);
                                          showStatus(tr("Loaded."));
                                          markLoaded();
                                          Q_EMIT loaded();
                                      });
}

QStringList QueueEditor::collectProblems() const {
    QStringList problems;
    const QueueDescription q = read(&problems);
    if (const QString bad = EntityValidator::checkEntityPath(q.name); !bad.isEmpty()) {
        problems.append(bad);
    }
    for (const FieldProblem& problem : EntityValidator::check(q)) {
        problems.append(problem.message());
    }
    return problems;
}

void QueueEditor::submit() {
    const QueueDescription q = description();
    auto future =
        mode() == Mode::Create ? m_admin->createQueue(q) : m_admin->updateQueue(q, m_extras);
    track<AtomItem<QueueDescription>>(
        future,
        mode() == Mode::Create ? tr("Creating queue '%1'…").arg(q.name)
                               : tr("Saving queue '%1'…").arg(q.name),
        [this](const Result<AtomItem<QueueDescription>>& item) {
            m_extras = item->extras;
            showStatus(tr("Saved queue '%1'.").arg(item->description.name));
            Q_EMIT saved(item->description.name);
        });
}

void QueueEditor::removeEntity() {
    const QString name = entityName();
    track<void>(m_admin->deleteQueue(name), tr("Deleting queue '%1'…").arg(name),
                [this, name](const VoidResult&) {
                    showStatus(tr("Deleted queue '%1'.").arg(name));
                    Q_EMIT deleted(name);
                });
}

QString QueueEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
