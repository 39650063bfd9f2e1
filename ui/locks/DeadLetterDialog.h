#pragma once

#include "core/amqp/AmqpTypes.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QPlainTextEdit;
class QLabel;
class QPushButton;

namespace busbar {

// Asks for what a dead-letter carries: reason, description and application properties to
// modify ("key=value" per line, values kept as text).
class DeadLetterDialog final : public QDialog {
    Q_OBJECT
public:
    explicit DeadLetterDialog(int messageCount, QWidget* parent = nullptr);

    [[nodiscard]] QString reason() const;
    [[nodiscard]] QString description() const;
    // Nullopt (with problem() set) when a line is not "key=value".
    [[nodiscard]] std::optional<AmqpMap> properties() const;
    [[nodiscard]] const QString& problem() const { return m_problem; }

    void setReason(const QString& reason);
    void setDescription(const QString& description);
    void setPropertiesText(const QString& text);

private:
    void validate();

    QLineEdit* m_reason = nullptr;
    QLineEdit* m_description = nullptr;
    QPlainTextEdit* m_properties = nullptr;
    QLabel* m_problemLabel = nullptr;
    QPushButton* m_ok = nullptr;
    mutable QString m_problem;
};

} // namespace busbar
