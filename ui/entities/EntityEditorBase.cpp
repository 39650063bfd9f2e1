#include "ui/entities/EntityEditorBase.h"

#include "ui/entities/DurationText.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace busbar {

namespace {

// A field with its default and limits beside it, so nobody has to look them up.
QWidget* withHint(QWidget* field, const QString& hint) {
    if (hint.isEmpty()) {
        return field;
    }
    auto* row = new QWidget(field->parentWidget());
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    field->setParent(row);
    layout->addWidget(field, 1);
    auto* label = new QLabel(hint, row);
    label->setObjectName(field->objectName() + QStringLiteral("Hint"));
    label->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(label);
    field->setToolTip(hint);
    return row;
}

} // namespace

EntityEditorBase::EntityEditorBase(AdminClient* admin, Mode mode, QWidget* parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_mode(mode) {
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::AlternateBase);
    m_banner->hide();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("groups"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0);
    m_progress->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(mode == Mode::Create ? tr("&Create") : tr("&Save"),
                                QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("save"));
    m_delete = buttons->addButton(tr("&Delete…"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("delete"));
    m_delete->setVisible(false);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));
    // The buttons act; the dialog stays open so the result can be read inline.
    disconnect(buttons, nullptr, this, nullptr);
    connect(m_save, &QPushButton::clicked, this, &EntityEditorBase::save);
    connect(m_delete, &QPushButton::clicked, this, &EntityEditorBase::deleteEntity);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    layout->addLayout(statusRow);
    layout->addWidget(buttons);

    m_name = addText(group(tr("General")), "name", tr("&Name:"));
}

void EntityEditorBase::setConfirmationPrompt(ConfirmationPrompt* prompt) {
    m_prompt = prompt;
    m_delete->setVisible(m_prompt != nullptr && m_mode == Mode::Edit);
}

QFormLayout* EntityEditorBase::group(const QString& title) {
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->tabText(i) == title) {
            return qobject_cast<QFormLayout*>(m_tabs->widget(i)->layout());
        }
    }
    auto* page = new QWidget(m_tabs);
    page->setObjectName(title);
    auto* form = new QFormLayout(page);
    m_tabs->addTab(page, title);
    return form;
}

QLineEdit* EntityEditorBase::addText(QFormLayout* form, const char* name, const QString& label,
                                     const QString& hint) {
    auto* edit = new QLineEdit(form->parentWidget());
    edit->setObjectName(QLatin1String(name));
    edit->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    form->addRow(label, withHint(edit, hint));
    return edit;
}

QLineEdit* EntityEditorBase::addDuration(QFormLayout* form, const char* name, const QString& label,
                                         Milliseconds defaultValue, const QString& limits) {
    QString hint = tr("default %1").arg(DurationText::format(defaultValue));
    if (!limits.isEmpty()) {
        hint += QStringLiteral(" · ") + limits;
    }
    auto* edit = addText(form, name, label, hint);
    edit->setPlaceholderText(tr("e.g. 30s, 5m, 1d, PT1M, never"));
    setDuration(edit, defaultValue);
    return edit;
}

QSpinBox* EntityEditorBase::addInt(QFormLayout* form, const char* name, const QString& label,
                                   int defaultValue, int minimum, int maximum,
                                   const QString& hint) {
    auto* spin = new QSpinBox(form->parentWidget());
    spin->setObjectName(QLatin1String(name));
    spin->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    spin->setRange(minimum, maximum);
    spin->setValue(defaultValue);
    form->addRow(label, withHint(spin, hint.isEmpty() ? tr("default %1").arg(defaultValue) : hint));
    return spin;
}

QCheckBox* EntityEditorBase::addBool(QFormLayout* form, const char* name, const QString& label,
                                     bool defaultValue) {
    auto* box = new QCheckBox(label, form->parentWidget());
    box->setObjectName(QLatin1String(name));
    box->setChecked(defaultValue);
    box->setToolTip(defaultValue ? tr("default on") : tr("default off"));
    form->addRow(box);
    return box;
}

QComboBox* EntityEditorBase::addStatus(QFormLayout* form) {
    auto* combo = new QComboBox(form->parentWidget());
    combo->setObjectName(QStringLiteral("entityStatus"));
    combo->setAccessibleName(tr("Status"));
    combo->addItems({tr("Active"), tr("Disabled"), tr("Send disabled"), tr("Receive disabled")});
    form->addRow(tr("S&tatus:"), combo);
    return combo;
}

Milliseconds EntityEditorBase::durationOf(const QLineEdit* field, Milliseconds fallback,
                                          QStringList* problems) {
    const auto parsed = DurationText::parse(field->text());
    if (!parsed) {
        problems->append(
            QStringLiteral("%1: %2").arg(field->accessibleName(), parsed.error().message));
        return fallback;
    }
    return *parsed;
}

void EntityEditorBase::setDuration(QLineEdit* field, Milliseconds value) {
    field->setText(DurationText::format(value));
}

EntityStatus EntityEditorBase::statusOf(const QComboBox* field) {
    return EntityStatus(field->currentIndex());
}

void EntityEditorBase::setStatus(QComboBox* field, EntityStatus status) {
    field->setCurrentIndex(int(status));
}

QStringList EntityEditorBase::problems() const {
    return collectProblems();
}

void EntityEditorBase::watchFields() {
    for (auto* edit : findChildren<QLineEdit*>()) {
        connect(edit, &QLineEdit::textChanged, this, &EntityEditorBase::revalidate);
    }
    for (auto* edit : findChildren<QPlainTextEdit*>()) {
        connect(edit, &QPlainTextEdit::textChanged, this, &EntityEditorBase::revalidate);
    }
    for (auto* spin : findChildren<QSpinBox*>()) {
        connect(spin, &QSpinBox::valueChanged, this, &EntityEditorBase::revalidate);
    }
    for (auto* box : findChildren<QCheckBox*>()) {
        connect(box, &QCheckBox::toggled, this, &EntityEditorBase::revalidate);
    }
    for (auto* combo : findChildren<QComboBox*>()) {
        connect(combo, &QComboBox::currentIndexChanged, this, &EntityEditorBase::revalidate);
    }
    revalidate();
}

void EntityEditorBase::setNameEditable(bool editable) {
    m_name->setReadOnly(!editable);
}

void EntityEditorBase::revalidate() {
    refreshInlineErrors();
    const QStringList now = collectProblems();
    m_banner->setText(now.join(QLatin1Char('\n')));
    m_banner->setVisible(!now.isEmpty());
    m_save->setEnabled(now.isEmpty() && !m_busy && (m_loaded || m_mode == Mode::Create));
    m_delete->setEnabled(!m_busy);
}

void EntityEditorBase::markLoaded() {
    m_loaded = true;
    revalidate();
}

void EntityEditorBase::setBusy(bool busy, const QString& doing) {
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy) {
        m_status->setText(doing);
    }
    // Fields are read-only while a request is out, so what is saved is what was shown.
    m_tabs->setEnabled(!busy);
    m_save->setEnabled(!busy && collectProblems().isEmpty() &&
                       (m_loaded || m_mode == Mode::Create));
    m_delete->setEnabled(!busy);
}

void EntityEditorBase::failWith(const QString& message) {
    m_status->clear();
    m_banner->setText(message);
    m_banner->show();
    Q_EMIT failed(message);
}

void EntityEditorBase::showStatus(const QString& text) {
    m_status->setText(text);
}

void EntityEditorBase::save() {
    if (m_busy || m_admin == nullptr || (m_mode == Mode::Edit && !m_loaded)) {
        return;
    }
    const QStringList now = collectProblems();
    if (!now.isEmpty()) {
        revalidate();
        return;
    }
    submit();
}

void EntityEditorBase::deleteEntity() {
    if (m_busy || m_admin == nullptr || m_prompt == nullptr) {
        return;
    }
    ConfirmationRequest request;
    request.title = tr("Delete %1 '%2'?").arg(entityKind(), entityName());
    request.text =
        tr("The %1 '%2' and every message in it will be deleted.").arg(entityKind(), entityName());
    request.details = tr("This cannot be undone.");
    request.confirmLabel = tr("Delete");
    request.typedConfirmation = entityName();
    if (!m_prompt->confirm(this, request)) {
        showStatus(tr("Nothing was deleted."));
        return;
    }
    removeEntity();
}

} // namespace busbar
