#include "ui/entities/TopicEditor.h"

#include "core/admin/AdminClient.h"
#include "core/admin/EntityValidator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

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
    : EntityEditorBase(admin, mode, parent) {
    setObjectName(QStringLiteral("topicEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Topic") : tr("Edit Topic"));
    const TopicDescription d;
    auto* general = group(tr("General"));
    m_name->setPlaceholderText(tr("e.g. events (up to 260 characters)"));
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
    m_duplicateDetection =
        addBool(messages, "requiresDuplicateDetection",
                tr("Duplicate detection (fixed at creation)"), d.requiresDuplicateDetection);
    m_duplicateWindow =
        addDuration(messages, "duplicateDetectionHistoryTimeWindow", tr("Duplicate &window:"),
                    d.duplicateDetectionHistoryTimeWindow, tr("20s to 7d"));
    m_ordering = addBool(messages, "supportOrdering", tr("Support ordering"), d.supportOrdering);

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
        m_duplicateDetection->setEnabled(false);
        m_partitioning->setEnabled(false);
    }
    watchFields();
}

TopicDescription TopicEditor::read(QStringList* problems) const {
    TopicDescription t;
    t.name = m_name->text().trimmed();
    t.status = statusOf(m_status);
    t.userMetadata = m_userMetadata->text();
    t.defaultMessageTimeToLive = durationOf(m_ttl, t.defaultMessageTimeToLive, problems);
    t.maxSizeInMegabytes = m_maxSize->value();
    t.maxMessageSizeInKilobytes = m_maxMessageSize->value();
    t.requiresDuplicateDetection = m_duplicateDetection->isChecked();
    t.duplicateDetectionHistoryTimeWindow =
        durationOf(m_duplicateWindow, t.duplicateDetectionHistoryTimeWindow, problems);
    t.supportOrdering = m_ordering->isChecked();
    t.autoDeleteOnIdle = durationOf(m_autoDeleteOnIdle, t.autoDeleteOnIdle, problems);
    t.enableBatchedOperations = m_batched->isChecked();
    t.enablePartitioning = m_partitioning->isChecked();
    t.enableExpress = m_express->isChecked();
    return t;
}

TopicDescription TopicEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void TopicEditor::setDescription(const TopicDescription& t) {
    m_name->setText(t.name);
    setStatus(m_status, t.status);
    m_userMetadata->setText(t.userMetadata);
    setDuration(m_ttl, t.defaultMessageTimeToLive);
    m_maxSize->setValue(t.maxSizeInMegabytes);
    m_maxMessageSize->setValue(int(t.maxMessageSizeInKilobytes));
    m_duplicateDetection->setChecked(t.requiresDuplicateDetection);
    setDuration(m_duplicateWindow, t.duplicateDetectionHistoryTimeWindow);
    m_ordering->setChecked(t.supportOrdering);
    setDuration(m_autoDeleteOnIdle, t.autoDeleteOnIdle);
    m_batched->setChecked(t.enableBatchedOperations);
    m_partitioning->setChecked(t.enablePartitioning);
    m_express->setChecked(t.enableExpress);
    revalidate();
}

void TopicEditor::load(const QString& name) {
    m_name->setText(name);
    track<AtomItem<TopicDescription>>(m_admin->getTopic(name), tr("Loading topic '%1'…").arg(name),
                                      [this](const Result<AtomItem<TopicDescription>>& item) {
                                          m_extras = item->extras;
                                          setDescription(item->description);
                                          showStatus(tr("Loaded."));
                                          markLoaded();
                                          Q_EMIT loaded();
                                      });
}

QStringList TopicEditor::collectProblems() const {
    QStringList problems;
    const TopicDescription t = read(&problems);
    if (const QString bad = EntityValidator::checkEntityPath(t.name); !bad.isEmpty()) {
        problems.append(bad);
    }
    for (const FieldProblem& problem : EntityValidator::check(t)) {
        problems.append(problem.message());
    }
    return problems;
}

void TopicEditor::submit() {
    const TopicDescription t = description();
    auto future =
        mode() == Mode::Create ? m_admin->createTopic(t) : m_admin->updateTopic(t, m_extras);
    track<AtomItem<TopicDescription>>(future, tr("Saving topic '%1'…").arg(t.name),
                                      [this](const Result<AtomItem<TopicDescription>>& item) {
                                          m_extras = item->extras;
                                          showStatus(
                                              tr("Saved topic '%1'.").arg(item->description.name));
                                          Q_EMIT saved(item->description.name);
                                      });
}

void TopicEditor::removeEntity() {
    const QString name = entityName();
    track<void>(m_admin->deleteTopic(name), tr("Deleting topic '%1'…").arg(name),
                [this, name](const VoidResult&) {
                    showStatus(tr("Deleted topic '%1'.").arg(name));
                    Q_EMIT deleted(name);
                });
}

QString TopicEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
