#pragma once

// Shared by the client fault tests: a client whose bytes go through a FaultProxy, and waiting
// on core futures while the proxy (on the test thread) keeps running.
#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/Await.h"

#include <QTest>

#include <chrono>
#include <memory>

namespace busbar::test {

inline constexpr int kFaultAwaitMs = 30000;

inline QByteArray describeError(const Error& error) {
    return error.toString().toUtf8();
}

inline OutgoingMessage messageWithId(const QString& id) {
    OutgoingMessage m;
    m.body = id.toUtf8();
    m.messageId = id;
    return m;
}

// A client of the emulator at `endpoints` that connects to `port` instead (a proxy's); quick
// to reconnect so tests stay short.
inline std::unique_ptr<AmqpServiceBusClient>
clientThrough(const emulator::InProcessEmulator::Endpoints& endpoints, quint16 port,
              std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const QString text = QString(endpoints.connectionString)
                             .replace(QStringLiteral(":%1;").arg(endpoints.amqpPort),
                                      QStringLiteral(":%1;").arg(port));
    Result<ConnectionString> cs = ConnectionString::parse(text);
    if (!cs) {
        return nullptr;
    }
    NamespaceConnectionOptions options;
    options.connectionString = *cs;
    options.reconnectBaseDelay = std::chrono::milliseconds(20);
    options.reconnectMaxDelay = std::chrono::milliseconds(200);
    options.transport = TransportType::AmqpPlain;
    auto client = std::make_unique<AmqpServiceBusClient>(options);
    client->setOperationTimeout(timeout);
    return client;
}

} // namespace busbar::test
