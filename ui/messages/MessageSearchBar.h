#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace busbar {

// The search box above a message table: plain text, or a SQL filter expression when the
// text starts with "sql:" or the SQL toggle is on. Asks for a search a moment after typing
// stops (or at once on Enter); the view answers with setError() when SQL does not parse.
class MessageSearchBar final : public QWidget {
    Q_OBJECT
public:
    explicit MessageSearchBar(QWidget* parent = nullptr);

    [[nodiscard]] QLineEdit* lineEdit() const { return m_edit; }
    [[nodiscard]] bool isSqlMode() const;
    // The expression or text without the "sql:" prefix.
    [[nodiscard]] QString query() const;
    [[nodiscard]] QString errorText() const;

    void setSqlMode(bool sql);
    void setError(const QString& message); // empty hides the error
    // A caveat about the results (not an error); empty hides it.
    void setNote(const QString& note);
    [[nodiscard]] QString noteText() const;
    void focusSearch();

Q_SIGNALS:
    void searchRequested(const QString& query, bool sql);

private:
    void emitSearch();

    QLineEdit* m_edit = nullptr;
    QToolButton* m_sqlToggle = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_note = nullptr;
    QTimer* m_debounce = nullptr;
};

} // namespace busbar
