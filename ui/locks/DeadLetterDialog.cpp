#include "ui/locks/DeadLetterDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

DeadLetterDialog::DeadLetterDialog(int messageCount, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Dead-letter %n message(s)", nullptr, messageCount));
    auto* form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("deadLetterReason"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("deadLetterDescription"));
    m_properties = new QPlainTextEdit(this);
    m_properties->setObjectName(QStringLiteral("propertiesToModify"));
    m_properties->setPlaceholderText(tr("key=value, one per line"));
    form->addRow(tr("Reason"), m_reason);
    form->addRow(tr("Description"), m_description);
    form->addRow(tr("Properties to modify"), m_properties);
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problem"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Dead-letter"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_properties, &QPlainTextEdit::textChanged, this, &DeadLetterDialog::validate);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(buttons);
}

QString DeadLetterDialog::reason() const {
    return m_reason->text();
}

QString DeadLetterDialog::description() const {
    return m_description->text();
}

std::optional<AmqpMap> DeadLetterDialog::properties() const {
    AmqpMap map;
    m_problem.clear();
    const QStringList lines = m_properties->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            m_problem = tr("Line %1: expected key=value").arg(i + 1);
            return std::nullopt;
        }
        map.entries.append(
            {QVariant(line.left(eq).trimmed()), QVariant(line.mid(eq + 1).trimmed())});
    }
    return map;
}

void DeadLetterDialog::setReason(const QString& reason) {
    m_reason->setText(reason);
}

void DeadLetterDialog::setDescription(const QString& description) {
    m_description->setText(description);
}

void DeadLetterDialog::setPropertiesText(const QString& text) {
    m_properties->setPlainText(text);
}

void DeadLetterDialog::validate() {
    const bool ok = properties().has_value();
    m_problemLabel->setText(m_problem);
    m_ok->setEnabled(ok);
}

} // namespace busbar
