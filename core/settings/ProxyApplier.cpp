#include "core/settings/ProxyApplier.h"

#include "core/servicebus/WhenFinished.h"
#include "core/settings/SecretStore.h"
#include "core/settings/Settings.h"

namespace busbar {

ProxyApplier::ProxyApplier(Settings& settings, SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets) {
    connect(&m_settings, &Settings::proxyChoiceChanged, this, &ProxyApplier::apply);
    apply(m_settings.proxyChoice());
}

void ProxyApplier::apply(const ProxyChoice& choice) {
    const quint64 generation = ++m_generation;
    m_applied = choice;
    applyApplicationProxy(choice);
    Q_EMIT proxyApplied(false);
    if (!choice.needsPassword() || m_secrets == nullptr || !m_secrets->isAvailable()) {
        return;
    }
    whenFinished(m_secrets->readSecret(QString(kProxyPasswordSecretId)), this,
                 [this, choice, generation](const Result<QString>& password) {
                     // A missing or unreadable password leaves the choice applied without one;
                     // the proxy's 407 then names it in the connection error.
                     if (generation != m_generation || !password || password->isEmpty()) {
                         return;
                     }
                     applyApplicationProxy(choice, *password);
                     Q_EMIT proxyApplied(true);
                 });
}

} // namespace busbar
