#include "ui/entities/SubscriptionEditor.h"

#include "core/admin/AdminClient.h"
#include "core/admin/EntityValidator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace busbar {

SubscriptionEditor* SubscriptionEditor::createNew(AdminClient* admin, const QString& topic,
                                                  QWidget* parent) {
    auto* editor = new SubscriptionEditor(admin, Mode::Create, topic, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    return editor;
}

SubscriptionEditor* SubscriptionEditor::edit(AdminClient* admin, const QString& topic,
                                             const QString& name, QWidget* parent) {
    auto* editor = new SubscriptionEditor(admin, Mode::Edit, topic, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->load(name);
    return editor;
}

SubscriptionEditor::SubscriptionEditor(AdminClient* admin, Mode mode, const QString& topic,
                                       QWidget* parent)
    : EntityEditorBase(admin, mode, parent)
    , m_topic(topic) {
    setObjectName(QStringLiteral("subscriptionEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Subscription of %1").arg(topic)
                                        : tr("Edit Subscription of %1").arg(topic));
    const SubscriptionDescription d;
    auto* general = group(tr("General"));
    m_name->setPlaceholderText(tr("up to 50 characters, no '/'"));
    m_status = addStatus(general);
    m_userMetadata = addText(general, "userMetadata", tr("&User metadata:"), tr("up to 1024"));

    auto* messages = group(tr("Messages"));
    m_ttl = addDuration(messages, "defaultMessageTimeToLive", tr("Default message &TTL:"),
                        d.defaultMessageTimeToLive, tr("at least 1s"));
    m_deadLetterOnExpiry =
        addBool(messages, "deadLetteringOnMessageExpiration", tr("Dead-letter expired messages"),
                d.deadLetteringOnMessageExpiration);
    m_deadLetterOnFilterErrors = addBool(messages, "deadLetteringOnFilterEvaluationExceptions",
                                         tr("Dead-letter on filter evaluation errors"),
                                         d.deadLetteringOnFilterEvaluationExceptions);

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

    if (mode == Mode::Edit) {
        setNameEditable(false);
        m_requiresSession->setEnabled(false);
    }
    watchFields();
}

SubscriptionDescription SubscriptionEditor::read(QStringList* problems) const {
    SubscriptionDescription s;
    s.topicName = m_topic;
    s.name = m_name->text().trimmed();
    s.status = statusOf(m_status);
    s.userMetadata = m_userMetadata->text();
    s.defaultMessageTimeToLive = durationOf(m_ttl, s.defaultMessageTimeToLive, problems);
    s.deadLetteringOnMessageExpiration = m_deadLetterOnExpiry->isChecked();
    s.deadLetteringOnFilterEvaluationExceptions = m_deadLetterOnFilterErrors->isChecked();
    s.lockDuration = durationOf(m_lockDuration, s.lockDuration, problems);
    s.maxDeliveryCount = m_maxDeliveryCount->value();
    s.requiresSession = m_requiresSession->isChecked();
    s.forwardTo = m_forwardTo->text().trimmed();
    s.forwardDeadLetteredMessagesTo = m_forwardDeadLetteredTo->text().trimmed();
    s.autoDeleteOnIdle = durationOf(m_autoDeleteOnIdle, s.autoDeleteOnIdle, problems);
    s.enableBatchedOperations = m_batched->isChecked();
    return s;
}

SubscriptionDescription SubscriptionEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void SubscriptionEditor::setDescription(const SubscriptionDescription& s) {
    m_name->setText(s.name);
    setStatus(m_status, s.status);
    m_userMetadata->setText(s.userMetadata);
    setDuration(m_ttl, s.defaultMessageTimeToLive);
    m_deadLetterOnExpiry->setChecked(s.deadLetteringOnMessageExpiration);
    m_deadLetterOnFilterErrors->setChecked(s.deadLetteringOnFilterEvaluationExceptions);
    setDuration(m_lockDuration, s.lockDuration);
    m_maxDeliveryCount->setValue(s.maxDeliveryCount);
    m_requiresSession->setChecked(s.requiresSession);
    m_forwardTo->setText(s.forwardTo);
    m_forwardDeadLetteredTo->setText(s.forwardDeadLetteredMessagesTo);
    setDuration(m_autoDeleteOnIdle, s.autoDeleteOnIdle);
    m_batched->setChecked(s.enableBatchedOperations);
    revalidate();
}

void SubscriptionEditor::load(const QString& name) {
    m_name->setText(name);
    track<AtomItem<SubscriptionDescription>>(
        m_admin->getSubscription(m_topic, name), tr("Loading subscription '%1'…").arg(name),
        [this](const Result<AtomItem<SubscriptionDescription>>& item) {
            m_extras = item->extras;
            setDescription(item->description);
            showStatus(tr("Loaded."));
            markLoaded();
            Q_EMIT loaded();
        });
}

QStringList SubscriptionEditor::collectProblems() const {
    QStringList problems;
    const SubscriptionDescription s = read(&problems);
    if (const QString bad = EntityValidator::checkChildName(s.name, tr("subscription"));
        !bad.isEmpty()) {
        problems.append(bad);
    }
    for (const FieldProblem& problem : EntityValidator::check(s)) {
        problems.append(problem.message());
    }
    return problems;
}

void SubscriptionEditor::submit() {
    const SubscriptionDescription s = description();
    auto future = mode() == Mode::Create ? m_admin->createSubscription(s)
                                         : m_admin->updateSubscription(s, m_extras);
    track<AtomItem<SubscriptionDescription>>(
        future, tr("Saving subscription '%1'…").arg(s.name),
        [this](const Result<AtomItem<SubscriptionDescription>>& item) {
            m_extras = item->extras;
            showStatus(tr("Saved subscription '%1'.").arg(item->description.name));
            Q_EMIT saved(item->description.name);
        });
}

void SubscriptionEditor::removeEntity() {
    const QString name = entityName();
    track<void>(m_admin->deleteSubscription(m_topic, name),
                tr("Deleting subscription '%1'…").arg(name), [this, name](const VoidResult&) {
                    showStatus(tr("Deleted subscription '%1'.").arg(name));
                    Q_EMIT deleted(name);
                });
}

QString SubscriptionEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
