#pragma once

#include "core/common/Result.h"

#include <QFuture>
#include <QString>

namespace busbar {

// Where credentials live: SAS keys, SAS tokens, connection strings. Never the settings file.
//
// Every call is asynchronous because the OS keychain may prompt the user or wait on D-Bus; the
// GUI continues the futures with a context object. `id` is the SavedConnection id the secret
// belongs to. A missing secret is EntityNotFound; a keychain the platform cannot reach is
// NotSupported; a prompt the user dismissed is Cancelled. Error messages never contain the
// secret.
class SecretStore {
public:
    SecretStore() = default;
    virtual ~SecretStore() = default;
    SecretStore(const SecretStore&) = delete;
    SecretStore& operator=(const SecretStore&) = delete;

    // Whether secrets can be stored at all; when false the UI asks for the key each session.
    [[nodiscard]] virtual bool isAvailable() const = 0;

    [[nodiscard]] virtual QFuture<Result<QString>> readSecret(const QString& id) = 0;
    // Replaces any secret already stored under `id`.
    [[nodiscard]] virtual QFuture<VoidResult> writeSecret(const QString& id,
                                                          const QString& secret) = 0;
    // Succeeds when nothing was stored under `id`: the outcome the caller wanted holds.
    [[nodiscard]] virtual QFuture<VoidResult> removeSecret(const QString& id) = 0;
};

} // namespace busbar
