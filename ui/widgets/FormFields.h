#pragma once

// Small widget factories for dialogs' forms: every field gets an object name (tests and
// screenshots find it) and an accessible name (screen readers).
#include <QLineEdit>
#include <QPushButton>
#include <QString>

namespace busbar::fields {

inline QLineEdit* lineEdit(QWidget* parent, const char* name, const QString& accessible,
                           const QString& placeholder = {}) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setAccessibleName(accessible);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// Never the default button: Enter in a field is the dialog's action, not this one's.
inline QPushButton* button(QWidget* parent, const char* name, const QString& text) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    b->setAutoDefault(false);
    return b;
}

} // namespace busbar::fields
