#pragma once

#include "ui/send/ComposeForm.h"
#include "ui/send/ComposeTemplates.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace busbar {

class ApplicationPropertiesTable;
class ComposePropertiesPage;
class ComposeTemplatesBar;
class ServiceBusClient;

// Send… (ux.md journey 5): a body editor (text, JSON and XML checked as typed, or a file's
// bytes), content type, every system property, typed application properties, schedule and
// session; send once, N copies with an id pattern, or one message per file of a folder;
// templates to reuse. Sending is asynchronous through the client; progress and the result
// show inline, errors in the banner, never in a modal box. The dialog stays open after a
// send so the user can send again.
class ComposeDialog final : public QDialog {
    Q_OBJECT
public:
    // `targets`: the queues and topics the user may send to (the caller lists them).
    ComposeDialog(ServiceBusClient* client, const QStringList& targets, QWidget* parent = nullptr);

    void setTarget(const QString& target);
    [[nodiscard]] QString target() const;
    [[nodiscard]] ComposeForm form() const;
    void setForm(const ComposeForm& form);
    // Where templates are kept (the app's data dir unless a test points elsewhere).
    void setTemplates(const ComposeTemplates& templates);

    [[nodiscard]] bool isSending() const { return m_sending; }

public Q_SLOTS:
    void send();

Q_SIGNALS:
    // After the broker accepted every message of one send.
    void sent(const QString& target, int count);
    void sendFailed(const QString& message);

private:
    QWidget* buildBodyPage();
    QWidget* buildSendOptions();
    void revalidate();
    void showError(const QString& message);

    ServiceBusClient* m_client = nullptr;
    ComposeTemplatesBar* m_templates = nullptr;
    bool m_sending = false;

    QComboBox* m_target = nullptr;
    QComboBox* m_bodyMode = nullptr;
    QPlainTextEdit* m_body = nullptr;
    QLabel* m_bodyError = nullptr;
    QLineEdit* m_bodyFile = nullptr;
    QLineEdit* m_contentType = nullptr;
    ComposePropertiesPage* m_systemProperties = nullptr;
    ApplicationPropertiesTable* m_properties = nullptr;
    QRadioButton* m_sendOnce = nullptr;
    QRadioButton* m_sendCopies = nullptr;
    QRadioButton* m_sendFolder = nullptr;
    QSpinBox* m_copies = nullptr;
    QLineEdit* m_idPattern = nullptr;
    QLineEdit* m_folder = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_sendButton = nullptr;
};

} // namespace busbar
