#include "emulator/server/InProcessEmulator.h"

#include "emulator/seed/DemoSeeder.h"
#include "emulator/server/EmulatorServer.h"

#include <QPromise>

#include <memory>

namespace busbar::emulator {

InProcessEmulator::InProcessEmulator() {
    m_thread.setObjectName(QStringLiteral("busbar-emulator"));
}

InProcessEmulator::~InProcessEmulator() {
    stop();
}

EmulatorOptions InProcessEmulator::ephemeralOptions() {
    EmulatorOptions options;
    options.inMemory = true;
    options.amqpPort = 0;
    options.httpPort = 0;
    return options;
}

Result<InProcessEmulator::Endpoints> InProcessEmulator::start(const EmulatorOptions& options) {
    stop();
    m_thread.start();
    auto* server = new EmulatorServer;
    server->moveToThread(&m_thread);
    Result<Endpoints> result =
        fail(ErrorCode::Internal, QStringLiteral("The emulator thread did not start."));
    // The server, its brokers and sockets must be created and used on the emulator thread.
    QMetaObject::invokeMethod(
        server,
        [server, &options, &result] {
            VoidResult started = server->start(options);
            if (!started) {
                result = fail(started.error());
                return;
            }
            Endpoints endpoints;
            endpoints.connectionString = server->connectionString(0, true);
            endpoints.adminUrl = server->adminUrl();
            endpoints.amqpPort = server->amqpPort();
            endpoints.tlsPort = server->tlsPort();
            endpoints.wsPort = server->wsPort();
            endpoints.wssPort = server->wssPort();
            result = endpoints;
        },
        Qt::BlockingQueuedConnection);
    if (!result) {
        QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        return result;
    }
    m_server = server;
    return result;
}

QFuture<VoidResult> InProcessEmulator::seedDemo() {
    auto promise = std::make_shared<QPromise<VoidResult>>();
    QFuture<VoidResult> future = promise->future();
    promise->start();
    EmulatorServer* server = m_server;
    if (server == nullptr) {
        promise->addResult(
            fail(ErrorCode::Internal, QStringLiteral("The emulator is not running.")));
        promise->finish();
        return future;
    }
    QMetaObject::invokeMethod(server, [server, promise] {
        Broker* broker = server->broker(0);
        if (broker == nullptr) {
            promise->addResult(
                fail(ErrorCode::Internal, QStringLiteral("The emulator serves no namespace.")));
            promise->finish();
            return;
        }
        seedDemoNamespace(*broker, [promise](VoidResult result) {
            promise->addResult(std::move(result));
            promise->finish();
        });
    });
    return future;
}

void InProcessEmulator::stop() {
    if (m_server) {
        EmulatorServer* server = std::exchange(m_server, nullptr);
        QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

} // namespace busbar::emulator
