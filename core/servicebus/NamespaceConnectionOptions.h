#pragma once

#include "core/auth/ConnectionString.h"
#include "core/auth/TokenProvider.h"

#include <QNetworkProxy>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace busbar {

class FrameTrace;

// How a NamespaceConnection reaches and authenticates to its namespace.
struct NamespaceConnectionOptions {
    ConnectionString connectionString;
    // Tokens for CBS put-token. Null: one made from the connection string (key or signature).
    std::shared_ptr<TokenProvider> tokenProvider;
    // PEM file of extra CAs trusted on top of the system store (a company proxy, a test CA).
    QString extraCaFile;
    // nullopt: the application default proxy (QNetworkProxy::applicationProxy()).
    std::optional<QNetworkProxy> proxy;
    // nullopt: connectionString.transport(). Tests use this to reach the emulator's WebSocket
    // listener, which the emulator form of the string would otherwise send to plain TCP.
    std::optional<TransportType> transport;
    // WebSockets over TLS (wss://, Azure) or plain (ws://, the emulator's listener).
    bool webSocketTls = true;
    // The idle-time-out we announce in open (what .NET sends).
    std::chrono::milliseconds idleTimeout{60000};
    // Back-off between reconnect attempts after a drop: base * 2^attempt, capped, +-20% jitter.
    std::chrono::milliseconds reconnectBaseDelay{500};
    std::chrono::milliseconds reconnectMaxDelay{30000};
    int maxReconnectAttempts = 8;
    // Where this connection's AMQP frames go while tracing is on. Null: FrameTrace::shared().
    std::shared_ptr<FrameTrace> frameTrace;
};

} // namespace busbar
