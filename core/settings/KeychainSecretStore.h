#pragma once

#include "core/settings/SecretStore.h"

#include <atomic>

namespace busbar {

// A SecretStore in the operating system's keychain (Secret Service or KWallet on Linux,
// Credential Manager on Windows, Keychain on macOS) through QtKeychain. Never falls back to
// a plain-text file. Calls must come from a thread with an event loop (the GUI thread): the
// keychain jobs finish through it.
class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Busbar"));

    // Optimistic: true until a call found no keychain backend, or a write failed, on this
    // system; from then on the UI should ask for keys per session instead.
    [[nodiscard]] bool isAvailable() const override;
    [[nodiscard]] QFuture<Result<QString>> readSecret(const QString& id) override;
    [[nodiscard]] QFuture<VoidResult> writeSecret(const QString& id,
                                                  const QString& secret) override;
    [[nodiscard]] QFuture<VoidResult> removeSecret(const QString& id) override;

private:
    QString m_service;
    // Shared with jobs that may finish after a call returned.
    std::shared_ptr<std::atomic<bool>> m_backendMissing;
};

} // namespace busbar
