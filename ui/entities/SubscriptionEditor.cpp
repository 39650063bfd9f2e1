#include "ui/entities/SubscriptionEditor.h"

#include "core/admin/AdminClient.h"

#include <QFormLayout>

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
    : DescriptionEditorBase(admin, mode, parent)
    , m_topic(topic) {
    setObjectName(QStringLiteral("subscriptionEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Subscription of %1").arg(topic)
                                        : tr("Edit Subscription of %1").arg(topic));
    const SubscriptionDescription d;
    addGeneralGroup(tr("up to 50 characters, no '/'"));
    auto* messages = addMessagesGroup(d.defaultMessageTimeToLive);
    addDeadLetterOnExpiry(messages, d.deadLetteringOnMessageExpiration);
    m_deadLetterOnFilterErrors = addBool(messages, "deadLetteringOnFilterEvaluationExceptions",
                                         tr("Dead-letter on filter evaluation errors"),
                                         d.deadLetteringOnFilterEvaluationExceptions);
    addLocksGroup(d.lockDuration, d.maxDeliveryCount);
    addSessionsGroup(d.requiresSession);
    addForwardingGroup();
    addAdvancedGroup(d.autoDeleteOnIdle, d.enableBatchedOperations);
    finishBuilding();
}

SubscriptionDescription SubscriptionEditor::read(QStringList* problems) const {
    SubscriptionDescription s;
    s.topicName = m_topic;
    readShared(s, problems);
    s.deadLetteringOnFilterEvaluationExceptions = m_deadLetterOnFilterErrors->isChecked();
    return s;
}

SubscriptionDescription SubscriptionEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void SubscriptionEditor::setDescription(const SubscriptionDescription& s) {
    showShared(s);
    m_deadLetterOnFilterErrors->setChecked(s.deadLetteringOnFilterEvaluationExceptions);
    revalidate();
}

void SubscriptionEditor::load(const QString& name) {
    m_name->setText(name);
    trackLoad<SubscriptionDescription>(
        m_admin->getSubscription(m_topic, name), tr("Loading subscription '%1'…").arg(name),
        [this](const SubscriptionDescription& s) { setDescription(s); });
}

QStringList SubscriptionEditor::collectProblems() const {
    QStringList problems;
    const SubscriptionDescription s = read(&problems);
    appendChecks(s, EntityValidator::checkChildName(s.name, tr("subscription")), &problems);
    return problems;
}

void SubscriptionEditor::submit() {
    const SubscriptionDescription s = description();
    auto future = mode() == Mode::Create ? m_admin->createSubscription(s)
                                         : m_admin->updateSubscription(s, m_extras);
    trackSave<SubscriptionDescription>(
        future, tr("Saving subscription '%1'…").arg(s.name),
        [this](const QString& name) { return tr("Saved subscription '%1'.").arg(name); });
}

void SubscriptionEditor::removeEntity() {
    const QString name = entityName();
    trackDelete(m_admin->deleteSubscription(m_topic, name), name,
                tr("Deleting subscription '%1'…").arg(name),
                tr("Deleted subscription '%1'.").arg(name));
}

QString SubscriptionEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
