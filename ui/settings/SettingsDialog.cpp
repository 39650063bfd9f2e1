#include "ui/settings/SettingsDialog.h"

#include "core/settings/Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace busbar {

SettingsDialog::SettingsDialog(Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_autoRefresh(new QSpinBox(this))
    , m_theme(new QComboBox(this)) {
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    // 0 is "Off"; anything between 1 and the minimum snaps up when saved (Settings clamps).
    m_autoRefresh->setObjectName(QStringLiteral("autoRefreshSpin"));
    m_autoRefresh->setRange(0, static_cast<int>(Settings::kMaxAutoRefresh.count()));
    m_autoRefresh->setSpecialValueText(tr("Off"));
    m_autoRefresh->setSuffix(tr(" s"));
    m_autoRefresh->setAccessibleName(tr("Auto-refresh interval in seconds"));
    m_autoRefresh->setValue(static_cast<int>(settings.autoRefreshInterval().count()));

    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), QVariant::fromValue(Theme::System));
    m_theme->addItem(tr("Light"), QVariant::fromValue(Theme::Light));
    m_theme->addItem(tr("Dark"), QVariant::fromValue(Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(QVariant::fromValue(settings.theme())));

    auto* form = new QFormLayout;
    form->addRow(tr("&Refresh counts every:"), m_autoRefresh);
    form->addRow(tr("&Theme:"), m_theme);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOkButton"));
    buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("settingsCancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::accept() {
    m_settings.setAutoRefreshInterval(std::chrono::seconds{m_autoRefresh->value()});
    m_settings.setTheme(m_theme->currentData().value<Theme>());
    QDialog::accept();
}

} // namespace busbar
