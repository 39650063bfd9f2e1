#pragma once

#include "core/settings/SecretStore.h"

#include <QHash>
#include <QMutex>

namespace busbar {

// A SecretStore in process memory, for tests and for sessions where the keychain is
// unavailable. Futures are already finished when returned. Thread-safe.
class InMemorySecretStore final : public SecretStore {
public:
    InMemorySecretStore() = default;

    [[nodiscard]] bool isAvailable() const override;
    [[nodiscard]] QFuture<Result<QString>> readSecret(const QString& id) override;
    [[nodiscard]] QFuture<VoidResult> writeSecret(const QString& id,
                                                  const QString& secret) override;
    [[nodiscard]] QFuture<VoidResult> removeSecret(const QString& id) override;

    // Lets tests exercise the "no keychain" path: every call then fails with NotSupported.
    void setAvailable(bool available);
    [[nodiscard]] qsizetype size() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, QString> m_secrets;
    bool m_available = true;
};

} // namespace busbar
