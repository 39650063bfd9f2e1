#pragma once

// The compose dialog's small widget factories, shared by its pages: every field gets an
// object name (tests and screenshots find it) and an accessible name (screen readers).
#include <QLineEdit>
#include <QPushButton>
#include <QString>

namespace busbar::compose {

inline QLineEdit* lineEdit(QWidget* parent, const char* name, const QString& accessible,
                           const QString& placeholder = {}) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setAccessibleName(accessible);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// Not a default button: Enter in a field must not browse for files.
inline QPushButton* button(QWidget* parent, const char* name, const QString& text) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    b->setAutoDefault(false);
    return b;
}

} // namespace busbar::compose
