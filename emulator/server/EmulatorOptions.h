#pragma once

#include "emulator/config/NamespaceConfig.h"

#include <QHostAddress>
#include <QString>

namespace busbar::emulator {

// How busbar-emulator (or an embedding app or test) runs the emulator. Ports: 0 picks an
// ephemeral port, -1 disables that listener.
struct EmulatorOptions {
    // Namespaces to serve. Empty = one default namespace (sbemulatorns, RootManageSharedAccessKey
    // / SAS_KEY_VALUE, no entities), unless configPath names a Config.json.
    EmulatorConfig config;
    QString configPath;
    // Where durable stores live; empty or inMemory = nothing is written.
    QString dataDirectory;
    bool inMemory = false;

    QHostAddress bindAddress = QHostAddress::LocalHost;
    int amqpPort = 5672;
    int tlsPort = -1;
    int wsPort = -1;
    int wssPort = -1; // WebSockets over TLS (the service's 443); needs the TLS certificate
    int httpPort = 5300;
    int httpsPort = -1;
    QString tlsCertificatePath; // PEM; needed by tlsPort, wssPort and httpsPort
    QString tlsKeyPath;         // PEM, unencrypted

    bool seedDemo = false; // fill the first namespace with demo messages once started
};

} // namespace busbar::emulator
