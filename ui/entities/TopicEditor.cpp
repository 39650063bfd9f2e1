#include "ui/entities/TopicEditor.h"

#include "core/admin/AdminClient.h"

#include <QFormLayout>

namespace busbar {

TopicEditor* TopicEditor::createNew(AdminClient* admin, QWidget* parent) {
    auto* editor = new TopicEditor(admin, Mode::Create, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    return editor;
}

TopicEditor* TopicEditor::edit(AdminClient* admin, const QString& name, QWidget* parent) {
    auto* editor = new TopicEditor(admin, Mode::Edit, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->load(name);
    return editor;
}

TopicEditor::TopicEditor(AdminClient* admin, Mode mode, QWidget* parent)
    : DescriptionEditorBase(admin, mode, parent) {
    setObjectName(QStringLiteral("topicEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Topic") : tr("Edit Topic"));
    const TopicDescription d;
    addGeneralGroup(tr("e.g. events (up to 260 characters)"));
    auto* messages = addMessagesGroup(d.defaultMessageTimeToLive);
    addSizeLimits(messages, d.maxSizeInMegabytes, d.maxMessageSizeInKilobytes);
    addDuplicateDetection(messages, d.requiresDuplicateDetection,
                          d.duplicateDetectionHistoryTimeWindow);
    m_ordering = addBool(messages, "supportOrdering", tr("Support ordering"), d.supportOrdering);
    auto* advanced = addAdvancedGroup(d.autoDeleteOnIdle, d.enableBatchedOperations);
    addPartitioningAndExpress(advanced, d.enablePartitioning, d.enableExpress);
    finishBuilding();
}

TopicDescription TopicEditor::read(QStringList* problems) const {
    TopicDescription t;
    readShared(t, problems);
    t.supportOrdering = m_ordering->isChecked();
    return t;
}

TopicDescription TopicEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void TopicEditor::setDescription(const TopicDescription& t) {
    showShared(t);
    m_ordering->setChecked(t.supportOrdering);
    revalidate();
}

void TopicEditor::load(const QString& name) {
    m_name->setText(name);
    trackLoad<TopicDescription>(m_admin->getTopic(name), tr("Loading topic '%1'…").arg(name),
                                [this](const TopicDescription& t) { setDescription(t); });
}

QStringList TopicEditor::collectProblems() const {
    QStringList problems;
    const TopicDescription t = read(&problems);
    appendChecks(t, EntityValidator::checkEntityPath(t.name), &problems);
    return problems;
}

void TopicEditor::submit() {
    const TopicDescription t = description();
    auto future =
        mode() == Mode::Create ? m_admin->createTopic(t) : m_admin->updateTopic(t, m_extras);
    trackSave<TopicDescription>(
        future, tr("Saving topic '%1'…").arg(t.name),
        [this](const QString& name) { return tr("Saved topic '%1'.").arg(name); });
}

void TopicEditor::removeEntity() {
    const QString name = entityName();
    trackDelete(m_admin->deleteTopic(name), name, tr("Deleting topic '%1'…").arg(name),
                tr("Deleted topic '%1'.").arg(name));
}

QString TopicEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
