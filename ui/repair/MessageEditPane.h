#pragma once

#include "core/servicebus/ServiceBusMessage.h"
#include "ui/repair/ResubmitEdits.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace busbar {

class ApplicationPropertiesTable;

// Editing the one message being resubmitted: its body (text, or JSON checked as typed; a
// binary body is kept as it is), its system properties and its typed application
// properties. edits() holds only what differs from the message, so an untouched property of
// a type the form cannot show (a symbol, a ulong) goes out exactly as it came.
class MessageEditPane final : public QWidget {
    Q_OBJECT
public:
    explicit MessageEditPane(QWidget* parent = nullptr);

    void setMessage(const ServiceBusMessage& message);
    [[nodiscard]] bool hasMessage() const { return m_loaded; }
    // What the user changed; an error naming the first invalid field.
    [[nodiscard]] Result<ResubmitEdits> edits() const;

Q_SIGNALS:
    void changed();

private:
    void checkBody();

    bool m_loaded = false;
    bool m_binary = false;
    bool m_valueBody = false;
    QString m_originalBody;
    QHash<QString, QString> m_originalSystem;
    QList<TypedProperty> m_originalProperties;

    QComboBox* m_bodyMode = nullptr;
    QPlainTextEdit* m_body = nullptr;
    QLabel* m_bodyError = nullptr;
    QHash<QString, QLineEdit*> m_system;
    ApplicationPropertiesTable* m_properties = nullptr;
};

} // namespace busbar
