#include "ui/settings/ProxyTestPanel.h"

#include "core/auth/ConnectionString.h"
#include "core/servicebus/WhenFinished.h"
#include "core/settings/SecretStore.h"
#include "ui/connections/ConnectDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

ProxyTestPanel::ProxyTestPanel(SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_test(new QPushButton(tr("&Test"), this))
    , m_steps(new QListWidget(this))
    , m_result(new QLabel(this)) {
    setObjectName(QStringLiteral("proxyTestPanel"));
    m_test->setObjectName(QStringLiteral("proxyTestButton"));
    m_test->setToolTip(tr("Connect to the selected namespace (or the Local namespace) through "
                          "this proxy, without saving it"));
    m_steps->setObjectName(QStringLiteral("proxyTestStepsList"));
    m_steps->setAccessibleName(tr("Proxy test steps"));
    m_steps->setWordWrap(true);
    m_steps->setMaximumHeight(140);
    m_steps->hide();
    m_result->setObjectName(QStringLiteral("proxyTestResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_test);
    buttonRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttonRow);
    layout->addWidget(m_steps);
    layout->addWidget(m_result);

    connect(m_test, &QPushButton::clicked, this, &ProxyTestPanel::testRequested);
    hide();
}

void ProxyTestPanel::setTester(Tester tester) {
    m_tester = std::move(tester);
    setVisible(static_cast<bool>(m_tester));
}

void ProxyTestPanel::setChoiceValid(bool valid) {
    m_choiceValid = valid;
    m_test->setEnabled(valid && !m_running);
}

QString ProxyTestPanel::describe(const ProxyChoice& choice) {
    switch (choice.mode) {
    case ProxyMode::System:
        return tr("the system's proxy settings");
    case ProxyMode::None:
        return tr("no proxy");
    case ProxyMode::Http:
        return tr("the HTTP proxy %1:%2").arg(choice.host).arg(choice.port);
    case ProxyMode::Socks5:
        return tr("the SOCKS5 proxy %1:%2").arg(choice.host).arg(choice.port);
    }
    return {};
}

void ProxyTestPanel::run(const ProxyChoice& choice, const QString& password, bool passwordEdited) {
    if (!m_tester || !m_choiceValid) {
        return;
    }
    const int run = ++m_run;
    m_running = true;
    m_test->setEnabled(false);
    m_steps->clear();
    m_steps->show();
    m_result->setText(tr("Testing through %1…").arg(describe(choice)));
    if (!choice.needsPassword() || passwordEdited || m_secrets == nullptr ||
        !m_secrets->isAvailable()) {
        start(choice, password, run);
        return;
    }
    // The password kept in the keychain; without one the proxy's refusal will say so.
    whenFinished(m_secrets->readSecret(QString(kProxyPasswordSecretId)), this,
                 [this, choice, run](const Result<QString>& stored) {
                     if (run == m_run) {
                         start(choice, stored ? *stored : QString(), run);
                     }
                 });
}

void ProxyTestPanel::start(const ProxyChoice& choice, const QString& password, int run) {
    const QString through = describe(choice);
    m_tester(
        toNetworkProxy(choice, password), this,
        [this, run](const ProbeStep& step) {
            if (run == m_run) {
                showStep(step);
            }
        },
        [this, run, through](bool ok, const QString& text) {
            // Always name the proxy: a failure is about it as much as about the namespace.
            conclude(run, ok, tr("Through %1: %2").arg(through, text));
        });
}

void ProxyTestPanel::showStep(const ProbeStep& step) {
    QListWidgetItem* item = nullptr;
    for (int row = 0; row < m_steps->count(); ++row) {
        if (m_steps->item(row)->data(Qt::UserRole).toInt() == int(step.kind)) {
            item = m_steps->item(row);
        }
    }
    if (item == nullptr) {
        item = new QListWidgetItem(m_steps);
        item->setData(Qt::UserRole, int(step.kind));
    }
    item->setText(redactSecrets(ConnectDialog::stepText(step)));
    item->setData(Qt::UserRole + 1, int(step.status));
    item->setToolTip(item->text());
    m_steps->scrollToItem(item);
}

void ProxyTestPanel::conclude(int run, bool ok, const QString& text) {
    if (run != m_run) {
        return;
    }
    m_running = false;
    m_test->setEnabled(m_choiceValid);
    const QString shown = redactSecrets(ok ? tr("✓ %1").arg(text) : tr("✗ %1").arg(text));
    m_result->setText(shown);
    Q_EMIT finished(ok, shown);
}

} // namespace busbar
