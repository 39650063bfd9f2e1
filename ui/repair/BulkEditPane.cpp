#include "ui/repair/BulkEditPane.h"

#include "ui/send/ApplicationPropertiesTable.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

BulkEditPane::BulkEditPane(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("bulkEditPane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Set these application properties on every message:"), this));
    m_set = new ApplicationPropertiesTable(this);
    m_set->setObjectName(QStringLiteral("bulkSetPropertiesTable"));
    layout->addWidget(m_set, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("bulkAddProperty"));
    auto* remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("bulkRemoveRow"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto* form = new QFormLayout;
    m_remove = new QLineEdit(this);
    m_remove->setObjectName(QStringLiteral("bulkRemovePropertiesEdit"));
    m_remove->setPlaceholderText(tr("names, separated by commas"));
    form->addRow(tr("Remove properties:"), m_remove);
    const auto optional = [this, form](const QString& label, const QString& name, QCheckBox*& check,
                                       QLineEdit*& edit) {
        auto* row = new QHBoxLayout;
        check = new QCheckBox(label, this);
        check->setObjectName(name + QStringLiteral("Check"));
        edit = new QLineEdit(this);
        edit->setObjectName(name + QStringLiteral("Edit"));
        edit->setEnabled(false);
        connect(check, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(check, &QCheckBox::toggled, this, &BulkEditPane::changed);
        connect(edit, &QLineEdit::textChanged, this, &BulkEditPane::changed);
        row->addWidget(check);
        row->addWidget(edit, 1);
        form->addRow(row);
    };
    optional(tr("Set subject:"), QStringLiteral("bulkSubject"), m_setSubject, m_subject);
    optional(tr("Set content type:"), QStringLiteral("bulkContentType"), m_setContentType,
             m_contentType);
    layout->addLayout(form);

    connect(add, &QPushButton::clicked, m_set, [this] { m_set->addProperty(); });
    connect(remove, &QPushButton::clicked, m_set, &ApplicationPropertiesTable::removeSelected);
    connect(m_set, &ApplicationPropertiesTable::propertiesChanged, this, &BulkEditPane::changed);
    connect(m_remove, &QLineEdit::textChanged, this, &BulkEditPane::changed);
}

Result<ResubmitEdits> BulkEditPane::edits() const {
    ResubmitEdits edits;
    for (const TypedProperty& property : m_set->properties()) {
        if (!property.name.trimmed().isEmpty() || !property.value.isEmpty()) {
            edits.setProperties.append(property);
        }
    }
    for (const QString& name : m_remove->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty()) {
            edits.removeProperties.append(name.trimmed());
        }
    }
    if (m_setSubject->isChecked()) {
        edits.systemProperties.insert(QStringLiteral("subject"), m_subject->text());
    }
    if (m_setContentType->isChecked()) {
        edits.systemProperties.insert(QStringLiteral("contentType"), m_contentType->text());
    }
    if (auto valid = edits.validate(); !valid) {
        return fail(valid.error());
    }
    return edits;
}

} // namespace busbar
