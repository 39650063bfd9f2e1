#include "ui/settings/SettingsDialog.h"

#include "core/servicebus/WhenFinished.h"
#include "core/settings/SecretStore.h"
#include "core/settings/Settings.h"
#include "ui/settings/ProxySettingsWidget.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace busbar {

SettingsDialog::SettingsDialog(Settings& settings, QWidget* parent)
    : SettingsDialog(settings, nullptr, parent) {}

SettingsDialog::SettingsDialog(Settings& settings, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_autoRefresh(new QSpinBox(this))
    , m_theme(new QComboBox(this))
    , m_proxy(new ProxySettingsWidget(settings.proxyChoice(),
                                      secrets != nullptr && secrets->isAvailable(), this))
    , m_proxyTest(new ProxyTestPanel(secrets, this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
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

    auto* network = new QGroupBox(tr("Network"), this);
    network->setObjectName(QStringLiteral("networkGroup"));
    auto* networkLayout = new QVBoxLayout(network);
    networkLayout->addWidget(m_proxy);
    networkLayout->addWidget(m_proxyTest);
    m_proxyTest->setChoiceValid(m_proxy->isValid());
    connect(m_proxy, &ProxySettingsWidget::validityChanged, m_proxyTest,
            &ProxyTestPanel::setChoiceValid);
    connect(m_proxyTest, &ProxyTestPanel::testRequested, this, [this] {
        m_proxyTest->run(m_proxy->choice(), m_proxy->password(), m_proxy->passwordEdited());
    });

    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOkButton"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("settingsCancelButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_proxy->isValid());
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_proxy, &ProxySettingsWidget::validityChanged, m_buttons->button(QDialogButtonBox::Ok),
            &QPushButton::setEnabled);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(network);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
}

void SettingsDialog::setProxyTester(ProxyTestPanel::Tester tester) {
    m_proxyTest->setTester(std::move(tester));
}

void SettingsDialog::accept() {
    if (!m_proxy->isValid()) {
        return; // the fields already say why
    }
    const ProxyChoice choice = m_proxy->choice();
    const bool hadPassword = m_settings.proxyChoice().needsPassword();
    QFuture<VoidResult> secretChange;
    if (choice.needsPassword() && m_proxy->passwordEdited() && m_secrets != nullptr) {
        secretChange =
            m_proxy->password().isEmpty()
                ? m_secrets->removeSecret(QString(kProxyPasswordSecretId))
                : m_secrets->writeSecret(QString(kProxyPasswordSecretId), m_proxy->password());
    } else if (!choice.needsPassword() && hadPassword && m_secrets != nullptr) {
        // No user name any more: a stored password would only linger in the keychain.
        secretChange = m_secrets->removeSecret(QString(kProxyPasswordSecretId));
    } else {
        save(false);
        return;
    }
    setBusy(true);
    whenFinished(secretChange, this, [this](const VoidResult& stored) {
        setBusy(false);
        if (!stored) {
            m_error->setText(tr("The proxy password could not be saved in the system keychain: "
                                "%1")
                                 .arg(stored.error().message));
            m_error->show();
            return;
        }
        save(true);
    });
}

void SettingsDialog::save(bool passwordChanged) {
    m_settings.setAutoRefreshInterval(std::chrono::seconds{m_autoRefresh->value()});
    m_settings.setTheme(m_theme->currentData().value<Theme>());
    const ProxyChoice choice = m_proxy->choice();
    const bool choiceChanged = m_settings.proxyChoice() != choice;
    if (auto stored = m_settings.setProxyChoice(choice); !stored) {
        m_error->setText(stored.error().message);
        m_error->show();
        return;
    }
    if (passwordChanged && !choiceChanged) {
        m_settings.announceProxyPasswordChange();
    }
    QDialog::accept();
}

void SettingsDialog::setBusy(bool busy) {
    m_buttons->setEnabled(!busy);
    m_proxy->setEnabled(!busy);
}

} // namespace busbar
