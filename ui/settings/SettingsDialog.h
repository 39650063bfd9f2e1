#pragma once

#include "ui/settings/ProxyTestPanel.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;
class QDialogButtonBox;

namespace busbar {

class ProxySettingsWidget;
class SecretStore;
class Settings;

// Tools ▸ Settings…: the preferences a user changes by hand (auto-refresh, theme, network
// proxy). Reads Settings when shown and writes them only on OK. A new proxy password goes to
// the SecretStore first; only once it is stored are the settings written and the dialog
// closed, so the applied proxy never pairs a new choice with an old password. A failed write
// is explained in the dialog, which stays open.
class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(Settings& settings, QWidget* parent = nullptr);
    // `secrets` null: no keychain, the proxy password cannot be set.
    SettingsDialog(Settings& settings, SecretStore* secrets, QWidget* parent = nullptr);

    void accept() override;

    // Offers Network ▸ Test: connects through the proxy as edited (ProxyTestPanel::Tester).
    void setProxyTester(ProxyTestPanel::Tester tester);
    [[nodiscard]] ProxyTestPanel* proxyTestPanel() const { return m_proxyTest; }

private:
    void save(bool passwordChanged);
    void setBusy(bool busy);

    Settings& m_settings;
    SecretStore* m_secrets = nullptr;
    QSpinBox* m_autoRefresh = nullptr;
    QComboBox* m_theme = nullptr;
    ProxySettingsWidget* m_proxy = nullptr;
    ProxyTestPanel* m_proxyTest = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace busbar
