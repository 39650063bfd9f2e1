#pragma once

#include "core/common/Result.h"
#include "emulator/server/EmulatorOptions.h"

#include <QFuture>
#include <QString>
#include <QThread>
#include <QUrl>

namespace busbar::emulator {

class EmulatorServer;

// Runs an EmulatorServer on its own thread, for tests and for the app's "Local namespace":
// start() returns once every listener is up, stop() (or the destructor) shuts it down and
// joins the thread. Talk to it only through the connection string and URLs it returns.
class InProcessEmulator final {
public:
    struct Endpoints {
        QString connectionString; // with the key: the caller is the local user
        QUrl adminUrl;            // empty when the admin API is not running
        quint16 amqpPort = 0;
        quint16 tlsPort = 0;
        quint16 wsPort = 0;
        quint16 wssPort = 0;
    };

    InProcessEmulator();
    ~InProcessEmulator();
    InProcessEmulator(const InProcessEmulator&) = delete;
    InProcessEmulator& operator=(const InProcessEmulator&) = delete;

    // In memory, plain AMQP and HTTP on ephemeral loopback ports, one default namespace.
    [[nodiscard]] static EmulatorOptions ephemeralOptions();

    Result<Endpoints> start(const EmulatorOptions& options = ephemeralOptions());
    void stop();
    // Fills the first namespace with the demo content (seedDemoNamespace) on the emulator's
    // thread; resolves when it is durable. A namespace that already holds demo messages is
    // left alone. Fails at once when the emulator is not running.
    QFuture<VoidResult> seedDemo();
    [[nodiscard]] bool isRunning() const { return m_server != nullptr; }

private:
    QThread m_thread;
    EmulatorServer* m_server = nullptr;
};

} // namespace busbar::emulator
