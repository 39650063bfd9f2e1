#pragma once

#include "emulator/server/InProcessEmulator.h"
#include "ui/connections/LocalNamespaceHost.h"

#include <QFuture>
#include <QMutex>

#include <optional>

namespace busbar {

// The Local namespace: busbar-emulator's library on its own thread, serving the demo
// namespace (resources/emulator/demo-config.json) on ephemeral loopback ports, seeded with the
// demo messages once. Durable under `dataDirectory` (demo data and whatever the user did
// survive restarts) unless it is empty. start() runs the blocking start-up on a worker
// thread, so the GUI thread never waits for it.
class EmbeddedLocalNamespace final : public LocalNamespaceHost {
public:
    // `configPath` is a Config.json (a resource path works); empty = the built-in demo config.
    explicit EmbeddedLocalNamespace(QString dataDirectory, QString configPath = {});
    ~EmbeddedLocalNamespace() override;
    EmbeddedLocalNamespace(const EmbeddedLocalNamespace&) = delete;
    EmbeddedLocalNamespace& operator=(const EmbeddedLocalNamespace&) = delete;

    [[nodiscard]] QFuture<Result<LocalNamespaceEndpoints>> start() override;
    [[nodiscard]] QString dataDirectory() const override { return m_dataDirectory; }

    // The resource holding the demo namespace's Config.json.
    static const QString kDemoConfigResource;

private:
    Result<LocalNamespaceEndpoints> startBlocking();

    QString m_dataDirectory;
    QString m_configPath;
    emulator::InProcessEmulator m_emulator;
    QMutex m_mutex; // guards m_started and the emulator between the worker and the owner
    std::optional<LocalNamespaceEndpoints> m_started;
    QFuture<Result<LocalNamespaceEndpoints>> m_starting;
};

} // namespace busbar
