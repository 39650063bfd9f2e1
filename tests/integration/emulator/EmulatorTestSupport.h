#pragma once

#include "core/amqp/TcpByteTransport.h"
#include "core/auth/SasToken.h"
#include "emulator/config/NamespaceConfig.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTcpSocket>

#include <memory>

#include "TestAmqpClient.h"

namespace busbar::test {

inline constexpr auto kKeyName = "RootManageSharedAccessKey";
inline constexpr auto kKey = "SAS_KEY_VALUE";

// A namespace with a queue, a session queue, and a listen-only rule.
inline emulator::EmulatorConfig testConfig() {
    emulator::NamespaceConfig ns;
    ns.sasRules.append(emulator::SasRule{QStringLiteral("listener"), QStringLiteral("LISTEN_KEY"),
                                         true, false, false});
    QueueDescription queue;
    queue.name = QStringLiteral("q1");
    ns.queues.append(queue);
    QueueDescription sessions;
    sessions.name = QStringLiteral("sessions");
    sessions.requiresSession = true;
    ns.queues.append(sessions);
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

inline QString token(const QString& audience,
                     const QString& keyName = QString::fromLatin1(kKeyName),
                     const QString& key = QString::fromLatin1(kKey),
                     qint64 lifetimeSeconds = 3600) {
    return SasToken::sign(audience, keyName, key,
                          QDateTime::currentSecsSinceEpoch() + lifetimeSeconds);
}

inline std::unique_ptr<TestAmqpClient> tcpClient(quint16 port) {
    auto* socket = new QTcpSocket;
    socket->connectToHost(QHostAddress::LocalHost, port);
    auto client = std::make_unique<TestAmqpClient>(std::make_unique<TcpByteTransport>(socket));
    client->open();
    return client;
}

} // namespace busbar::test
