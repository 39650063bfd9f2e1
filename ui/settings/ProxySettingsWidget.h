#pragma once

#include "core/settings/ProxySettings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace busbar {

// Settings ▸ Network: the proxy mode, host, port, optional user name and password. Explains
// an invalid host, port or user name next to the field as it is typed. The password is only
// collected here (masked, never pre-filled); SettingsDialog stores it in the SecretStore.
class ProxySettingsWidget final : public QWidget {
    Q_OBJECT
public:
    // `canStorePassword` false (no keychain) disables the password field and says why.
    ProxySettingsWidget(const ProxyChoice& current, bool canStorePassword,
                        QWidget* parent = nullptr);

    [[nodiscard]] ProxyChoice choice() const;
    // Whether the user typed in the password field (an untouched field keeps the stored one).
    [[nodiscard]] bool passwordEdited() const { return m_passwordEdited; }
    [[nodiscard]] QString password() const;
    // True when every field the mode uses is valid.
    [[nodiscard]] bool isValid() const;

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    void updateState();
    // Shows `problem`'s message under a field, or hides the label when there is none.
    static void explain(QLabel* label, const VoidResult& problem);
    [[nodiscard]] VoidResult portProblem() const;

    QComboBox* m_mode = nullptr;
    QLineEdit* m_host = nullptr;
    QLineEdit* m_port = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_hostError = nullptr;
    QLabel* m_portError = nullptr;
    QLabel* m_userError = nullptr;
    bool m_canStorePassword = true;
    bool m_passwordEdited = false;
    bool m_valid = true;
};

} // namespace busbar
