#include "ui/entities/QueueEditor.h"

#include "core/admin/AdminClient.h"

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
    : DescriptionEditorBase(admin, mode, parent) {
    setObjectName(QStringLiteral("queueEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Queue") : tr("Edit Queue"));
    const QueueDescription d;
    addGeneralGroup(tr("e.g. orders or sales/orders (up to 260 characters)"));
    auto* messages = addMessagesGroup(d.defaultMessageTimeToLive);
    addSizeLimits(messages, d.maxSizeInMegabytes, d.maxMessageSizeInKilobytes);
    addDeadLetterOnExpiry(messages, d.deadLetteringOnMessageExpiration);
    addDuplicateDetection(messages, d.requiresDuplicateDetection,
                          d.duplicateDetectionHistoryTimeWindow);
    addLocksGroup(d.lockDuration, d.maxDeliveryCount);
    addSessionsGroup(d.requiresSession);
    addForwardingGroup();
    auto* advanced = addAdvancedGroup(d.autoDeleteOnIdle, d.enableBatchedOperations);
    addPartitioningAndExpress(advanced, d.enablePartitioning, d.enableExpress);
    finishBuilding();
}

QueueDescription QueueEditor::read(QStringList* problems) const {
    QueueDescription q;
    readShared(q, problems);
    return q;
}

QueueDescription QueueEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void QueueEditor::setDescription(const QueueDescription& q) {
    showShared(q);
    revalidate();
}

void QueueEditor::load(const QString& name) {
    m_name->setText(name);
    trackLoad<QueueDescription>(m_admin->getQueue(name), tr("Loading queue '%1'…").arg(name),
                                [this](const QueueDescription& q) { setDescription(q); });
}

QStringList QueueEditor::collectProblems() const {
    QStringList problems;
    const QueueDescription q = read(&problems);
    appendChecks(q, EntityValidator::checkEntityPath(q.name), &problems);
    return problems;
}

void QueueEditor::submit() {
    const QueueDescription q = description();
    auto future =
        mode() == Mode::Create ? m_admin->createQueue(q) : m_admin->updateQueue(q, m_extras);
    trackSave<QueueDescription>(
        future,
        mode() == Mode::Create ? tr("Creating queue '%1'…").arg(q.name)
                               : tr("Saving queue '%1'…").arg(q.name),
        [this](const QString& name) { return tr("Saved queue '%1'.").arg(name); });
}

void QueueEditor::removeEntity() {
    const QString name = entityName();
    trackDelete(m_admin->deleteQueue(name), name, tr("Deleting queue '%1'…").arg(name),
                tr("Deleted queue '%1'.").arg(name));
}

QString QueueEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
