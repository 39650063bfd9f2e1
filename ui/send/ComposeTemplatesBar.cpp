#include "ui/send/ComposeTemplatesBar.h"

#include "ui/widgets/FormFields.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace busbar {

using fields::button;

ComposeTemplatesBar::ComposeTemplatesBar(std::function<ComposeForm()> currentForm, QWidget* parent)
    : QWidget(parent)
    , m_currentForm(std::move(currentForm)) {
    m_names = new QComboBox(this);
    m_names->setObjectName(QStringLiteral("templates"));
    m_names->setAccessibleName(tr("Templates"));
    m_names->setEditable(true);
    m_names->setInsertPolicy(QComboBox::NoInsert);
    auto* loadButton = button(this, "loadTemplate", tr("Lo&ad"));
    auto* saveButton = button(this, "saveTemplate", tr("Sa&ve as template"));
    auto* removeButton = button(this, "deleteTemplate", tr("De&lete"));
    auto* label = new QLabel(tr("Te&mplate:"), this);
    label->setBuddy(m_names);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_names, 1);
    layout->addWidget(loadButton);
    layout->addWidget(saveButton);
    layout->addWidget(removeButton);
    connect(loadButton, &QPushButton::clicked, this, &ComposeTemplatesBar::load);
    connect(saveButton, &QPushButton::clicked, this, &ComposeTemplatesBar::save);
    connect(removeButton, &QPushButton::clicked, this, &ComposeTemplatesBar::remove);
    reload();
}

void ComposeTemplatesBar::setTemplates(const ComposeTemplates& templates) {
    m_templates = templates;
    reload();
}

void ComposeTemplatesBar::reload() {
    const QString current = m_names->currentText();
    m_names->clear();
    m_names->addItems(m_templates.names());
    m_names->setCurrentText(current);
}

void ComposeTemplatesBar::load() {
    const QString name = m_names->currentText();
    auto loaded = m_templates.load(name);
    if (!loaded) {
        Q_EMIT problem(loaded.error().message);
        return;
    }
    Q_EMIT loadRequested(*loaded, name);
}

void ComposeTemplatesBar::save() {
    const QString name = m_names->currentText();
    if (auto saved = m_templates.save(name, m_currentForm()); !saved) {
        Q_EMIT problem(saved.error().message);
        return;
    }
    reload();
    m_names->setCurrentText(name);
    Q_EMIT saved(name);
}

void ComposeTemplatesBar::remove() {
    if (auto removed = m_templates.remove(m_names->currentText()); !removed) {
        Q_EMIT problem(removed.error().message);
    }
    reload();
}

} // namespace busbar
