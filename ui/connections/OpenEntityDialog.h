#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace busbar {

// "Open Entity by Path…": names a queue, or a topic's subscription, on a connected namespace,
// for credentials that cannot list entities (a key without Manage). The dialog only collects
// the path: Open emits openRequested and the owner checks the entity (through AMQP), then
// closes the dialog or shows why in it with showError(); the dialog stays open meanwhile.
class OpenEntityDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Queue, Subscription };

    explicit OpenEntityDialog(const QString& namespaceName, QWidget* parent = nullptr);

    // "orders", or "events/Subscriptions/audit"; empty while incomplete. A full subscription
    // path typed in the name field is taken as it is.
    [[nodiscard]] QString entityPath() const;
    [[nodiscard]] Kind kind() const;

    // While the owner checks the path: fields and Open disabled, "Checking…" shown.
    void setBusy(bool busy);
    // Why the path could not be opened (plain text, no secrets); the dialog stays open.
    void showError(const QString& message);

    // Open: asks the owner to open entityPath().
    void accept() override;

Q_SIGNALS:
    void openRequested(const QString& entityPath);

private:
    void updateState();

    QComboBox* m_kind = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_subscriptionLabel = nullptr;
    QLineEdit* m_subscription = nullptr;
    QLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace busbar
