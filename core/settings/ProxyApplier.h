#pragma once

#include "core/settings/ProxySettings.h"

#include <QObject>

namespace busbar {

class SecretStore;
class Settings;

// Keeps the application-wide proxy in step with Settings ▸ Network: applies the stored choice
// at construction (the app's start) and again whenever Settings reports a new one, so new AMQP
// connections and admin clients use it. Connections already open keep theirs until reopened.
//
// A choice with a user name needs its password from the SecretStore, which answers
// asynchronously: the choice is applied at once without it (so traffic goes the chosen way),
// then again with it when the keychain answers. An answer overtaken by a newer choice is
// dropped. The password is never logged.
class ProxyApplier final : public QObject {
    Q_OBJECT
public:
    // `secrets` may be null (no keychain): a proxy user then goes without a password.
    ProxyApplier(Settings& settings, SecretStore* secrets, QObject* parent = nullptr);

    // What was applied last (without its password).
    [[nodiscard]] const ProxyChoice& applied() const { return m_applied; }

Q_SIGNALS:
    // After each application; `withPassword` is true once the stored password was used.
    void proxyApplied(bool withPassword);

private:
    void apply(const ProxyChoice& choice);

    Settings& m_settings;
    SecretStore* m_secrets;
    ProxyChoice m_applied;
    quint64 m_generation = 0;
};

} // namespace busbar
