#include "ui/settings/ProxySettingsWidget.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace busbar {

namespace {

QLabel* errorLabel(const QString& name, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    // The palette's link colour stands out in both themes without a hard-coded red.
    label->setForegroundRole(QPalette::Link);
    label->hide();
    return label;
}

} // namespace

ProxySettingsWidget::ProxySettingsWidget(const ProxyChoice& current, bool canStorePassword,
                                         QWidget* parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_hostError(errorLabel(QStringLiteral("proxyHostError"), this))
    , m_portError(errorLabel(QStringLiteral("proxyPortError"), this))
    , m_userError(errorLabel(QStringLiteral("proxyUserError"), this))
    , m_canStorePassword(canStorePassword) {
    setObjectName(QStringLiteral("proxySettings"));

    m_mode->setObjectName(QStringLiteral("proxyModeCombo"));
    m_mode->setAccessibleName(tr("Proxy"));
    m_mode->addItem(tr("System settings"), int(ProxyMode::System));
    m_mode->addItem(tr("No proxy"), int(ProxyMode::None));
    m_mode->addItem(tr("HTTP (CONNECT)"), int(ProxyMode::Http));
    m_mode->addItem(tr("SOCKS5"), int(ProxyMode::Socks5));
    m_mode->setCurrentIndex(m_mode->findData(int(current.mode)));

    m_host->setObjectName(QStringLiteral("proxyHostEdit"));
    m_host->setAccessibleName(tr("Proxy host"));
    m_host->setPlaceholderText(tr("proxy.contoso.com"));
    m_host->setText(current.host);

    m_port->setObjectName(QStringLiteral("proxyPortEdit"));
    m_port->setAccessibleName(tr("Proxy port"));
    m_port->setPlaceholderText(tr("3128"));
    m_port->setMaxLength(5);
    if (current.port != 0) {
        m_port->setText(QString::number(current.port));
    }

    m_user->setObjectName(QStringLiteral("proxyUserEdit"));
    m_user->setAccessibleName(tr("Proxy user name"));
    m_user->setPlaceholderText(tr("Optional"));
    m_user->setText(current.userName);

    m_password->setObjectName(QStringLiteral("proxyPasswordEdit"));
    m_password->setAccessibleName(tr("Proxy password"));
    m_password->setEchoMode(QLineEdit::Password);
    if (canStorePassword) {
        // Never pre-filled: the stored password stays in the keychain unless replaced.
        m_password->setPlaceholderText(current.needsPassword()
                                           ? tr("Unchanged (kept in the system keychain)")
                                           : tr("Kept in the system keychain"));
    } else {
        m_password->setEnabled(false);
        m_password->setPlaceholderText(tr("No system keychain: cannot be saved"));
    }

    auto* note = new QLabel(
        tr("New connections use the proxy at once; namespaces already open keep theirs until "
           "you close and reopen them. Local (loopback) addresses are never proxied."),
        this);
    note->setObjectName(QStringLiteral("proxyNote"));
    note->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Proxy:"), m_mode);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(QString(), m_hostError);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(QString(), m_portError);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(QString(), m_userError);
    form->addRow(tr("Pass&word:"), m_password);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(note);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ProxySettingsWidget::updateState);
    for (QLineEdit* edit : {m_host, m_port, m_user}) {
        connect(edit, &QLineEdit::textChanged, this, &ProxySettingsWidget::updateState);
    }
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_passwordEdited = true; });
    updateState();
}

ProxyChoice ProxySettingsWidget::choice() const {
    ProxyChoice choice;
    choice.mode = static_cast<ProxyMode>(m_mode->currentData().toInt());
    if (choice.namesServer()) {
        choice.host = m_host->text().trimmed();
        choice.port = portProblem() ? quint16(m_port->text().trimmed().toUInt()) : quint16(0);
        choice.userName = m_user->text().trimmed();
    }
    return choice;
}

QString ProxySettingsWidget::password() const {
    return m_password->text();
}

bool ProxySettingsWidget::isValid() const {
    return m_valid;
}

VoidResult ProxySettingsWidget::portProblem() const {
    bool ok = false;
    const QString text = m_port->text().trimmed();
    const uint port = text.toUInt(&ok);
    if (text.isEmpty()) {
        return fail(ErrorCode::InvalidInput, tr("Enter the proxy's port (often 3128 or 8080 for "
                                                "HTTP, 1080 for SOCKS5)."));
    }
    if (!ok) {
        return fail(ErrorCode::InvalidInput, tr("The port is a number between 1 and 65535."));
    }
    return validateProxyPort(port > 65535 ? 0 : int(port));
}

void ProxySettingsWidget::updateState() {
    const bool server = choice().namesServer();
    for (QWidget* field : {static_cast<QWidget*>(m_host), static_cast<QWidget*>(m_port),
                           static_cast<QWidget*>(m_user)}) {
        field->setEnabled(server);
    }
    m_password->setEnabled(server && m_canStorePassword);

    const VoidResult host = server ? validateProxyHost(m_host->text().trimmed()) : VoidResult{};
    const VoidResult port = server ? portProblem() : VoidResult{};
    const VoidResult user = server ? validateProxyUserName(m_user->text().trimmed()) : VoidResult{};
    explain(m_hostError, host);
    explain(m_portError, port);
    explain(m_userError, user);

    const bool valid = host && port && user;
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

void ProxySettingsWidget::explain(QLabel* label, const VoidResult& problem) {
    label->setText(problem ? QString() : problem.error().message);
    label->setVisible(!problem);
}

} // namespace busbar
