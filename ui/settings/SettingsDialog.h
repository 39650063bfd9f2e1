#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace busbar {

class Settings;

// Tools ▸ Settings…: the preferences a user changes by hand (auto-refresh, theme). Reads
// Settings when shown and writes them only on OK.
class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(Settings& settings, QWidget* parent = nullptr);

    void accept() override;

private:
    Settings& m_settings;
    QSpinBox* m_autoRefresh = nullptr;
    QComboBox* m_theme = nullptr;
};

} // namespace busbar
