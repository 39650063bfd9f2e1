#pragma once

#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/Await.h"

#include <QTest>

#include <chrono>
#include <memory>

namespace busbar::test {

inline constexpr int kAwaitMs = 20000;

// The in-process emulator with queues whose locks last 5 s (so expiry and renewal happen
// within a test), one of them session-enabled, and a client connected to it.
class LockEmulator final {
public:
    static constexpr std::chrono::milliseconds kLockDuration{5000};

    // "" on success, else why not.
    QString start(const QStringList& queues, const QStringList& sessionQueues = {},
                  std::chrono::milliseconds lockDuration = kLockDuration) {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.httpPort = -1;
        emulator::NamespaceConfig ns;
        const auto add = [&ns, lockDuration](const QString& name, bool sessions) {
            QueueDescription queue;
            queue.name = name;
            queue.lockDuration = lockDuration;
            queue.requiresSession = sessions;
            ns.queues.append(queue);
        };
        for (const QString& name : queues) {
            add(name, false);
        }
        for (const QString& name : sessionQueues) {
            add(name, true);
        }
        options.config.namespaces.append(ns);
        const auto started = m_emulator.start(options);
        if (!started) {
            return started.error().toString();
        }
        Result<ConnectionString> cs = ConnectionString::parse(started->connectionString);
        if (!cs) {
            return cs.error().toString();
        }
        NamespaceConnectionOptions connection;
        connection.connectionString = *cs;
        m_client = std::make_unique<AmqpServiceBusClient>(connection);
        m_client->setOperationTimeout(std::chrono::seconds(20));
        return {};
    }

    [[nodiscard]] AmqpServiceBusClient* client() const { return m_client.get(); }

    bool sendIds(const QString& queue, const QStringList& ids, const QString& sessionId = {}) {
        QList<OutgoingMessage> messages;
        for (const QString& id : ids) {
            OutgoingMessage message;
            message.messageId = id;
            message.subject = QStringLiteral("subject-") + id;
            message.body = id.toUtf8();
            message.sessionId = sessionId;
            messages.append(message);
        }
        return await(m_client->send(queue, messages), kAwaitMs).has_value();
    }

    QList<ServiceBusMessage> peekAll(const QString& queue, SubQueue subQueue = SubQueue::None) {
        const auto peeked = await(m_client->peek(queue, subQueue, 0, 100), kAwaitMs);
        return peeked ? *peeked : QList<ServiceBusMessage>{};
    }

private:
    // Declared first, so destroyed last: the client goes before the emulator it talks to.
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;
};

} // namespace busbar::test
