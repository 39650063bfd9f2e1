#pragma once

#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/OutgoingMessage.h"
#include "emulator/broker/Broker.h"
#include "emulator/server/EmulatorServer.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/Await.h"

#include <QDateTime>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace busbar::test {

// An emulator on its own thread whose broker the test may fill directly (thousands of
// messages in a blink, no AMQP round trips), while the view under test talks to it over AMQP
// like the app does.
class SeededEmulator final {
public:
    SeededEmulator() { m_thread.setObjectName(QStringLiteral("test-emulator")); }
    ~SeededEmulator() { stop(); }

    // One namespace with these (non-session) queues; "" on success, else why not.
    QString start(const QStringList& queues, int maxSizeInMegabytes = 1024) {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.httpPort = -1;
        emulator::NamespaceConfig ns;
        for (const QString& name : queues) {
            QueueDescription queue;
            queue.name = name;
            queue.maxSizeInMegabytes = maxSizeInMegabytes;
            ns.queues.append(queue);
        }
        options.config.namespaces.append(ns);
        m_thread.start();
        m_server = new emulator::EmulatorServer;
        m_server->moveToThread(&m_thread);
        QString error;
        QMetaObject::invokeMethod(
            m_server,
            [this, &options, &error] {
                const VoidResult started = m_server->start(options);
                if (!started) {
                    error = started.error().toString();
                    return;
                }
                m_connectionString = m_server->connectionString(0, true);
            },
            Qt::BlockingQueuedConnection);
        return error;
    }

    void stop() {
        if (m_server) {
            emulator::EmulatorServer* server = m_server;
            m_server = nullptr;
            QMetaObject::invokeMethod(
                server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        }
        m_thread.quit();
        m_thread.wait();
    }

    std::unique_ptr<AmqpServiceBusClient> client() const {
        Result<ConnectionString> cs = ConnectionString::parse(m_connectionString);
        if (!cs) {
            return nullptr;
        }
        NamespaceConnectionOptions options;
        options.connectionString = *cs;
        auto client = std::make_unique<AmqpServiceBusClient>(options);
        client->setOperationTimeout(std::chrono::seconds(20));
        return client;
    }

    // Flags a seeding step sets when it is done (and whether it failed).
    struct Progress {
        std::atomic<bool> done{false};
        std::atomic<bool> failed{false};
    };

    // Sends `count` messages made by `make(i)`; then (when `reasonOf` is given) receives and
    // dead-letters every one with reasonOf(i), or (with `defer`) defers them.
    std::shared_ptr<Progress> seed(const QString& queue, int count,
                                   std::function<OutgoingMessage(int)> make,
                                   std::function<QString(int)> reasonOf = {}, bool defer = false) {
        auto progress = std::make_shared<Progress>();
        QList<AmqpMessage> batch;
        batch.reserve(count);
        for (int i = 0; i < count; ++i) {
            batch.append(make(i).toAmqp());
        }
        emulator::EntityAddress address;
        address.entityPath = queue;
        emulator::EmulatorServer* server = m_server;
        QMetaObject::invokeMethod(
            server, [server, address, batch, progress, count, reasonOf, defer] {
                emulator::Broker* broker = server->broker(0);
                broker->send(address, batch,
                             [broker, address, progress, count, reasonOf, defer](VoidResult sent) {
                                 if (!sent) {
                                     progress->failed = true;
                                     progress->done = true;
                                     return;
                                 }
                                 if (!reasonOf && !defer) {
                                     progress->done = true;
                                     return;
                                 }
                                 emulator::Broker::ConsumerOptions options;
                                 options.source = address;
                                 const auto consumer = broker->attachConsumer(options);
                                 const QList<emulator::LockedMessage> locked =
                                     consumer ? broker->receive(consumer->id, count)
                                              : QList<emulator::LockedMessage>{};
                                 if (locked.size() != count) {
                                     progress->failed = true;
                                     progress->done = true;
                                     return;
                                 }
                                 auto remaining = std::make_shared<int>(count);
                                 const auto id = consumer->id;
                                 for (int i = 0; i < count; ++i) {
                                     emulator::Disposition disposition;
                                     if (defer) {
                                         disposition.kind = emulator::Disposition::Kind::Defer;
                                     } else {
                                         disposition.kind = emulator::Disposition::Kind::DeadLetter;
                                         disposition.deadLetterReason = reasonOf(i);
                                         disposition.deadLetterDescription =
                                             QStringLiteral("Seeded dead letter %1").arg(i);
                                     }
                                     broker->settle(
                                         id, locked.at(i).lockToken, disposition,
                                         [broker, id, remaining, progress](VoidResult settled) {
                                             if (!settled) {
                                                 progress->failed = true;
                                             }
                                             if (--*remaining == 0) {
                                                 broker->detachConsumer(id);
                                                 progress->done = true;
                                             }
                                         });
                                 }
                             });
            });
        return progress;
    }

    // Schedules `count` messages an hour ahead.
    std::shared_ptr<Progress> schedule(const QString& queue, int count) {
        auto progress = std::make_shared<Progress>();
        QList<AmqpMessage> batch;
        for (int i = 0; i < count; ++i) {
            OutgoingMessage m;
            m.body = QByteArrayLiteral("later");
            m.messageId = QStringLiteral("scheduled-%1").arg(i);
            m.scheduledEnqueueTime = QDateTime::currentDateTimeUtc().addSecs(3600);
            batch.append(m.toAmqp());
        }
        emulator::EntityAddress address;
        address.entityPath = queue;
        emulator::EmulatorServer* server = m_server;
        QMetaObject::invokeMethod(server, [server, address, batch, progress] {
            server->broker(0)->scheduleMessages(address, batch,
                                                [progress](Result<QList<qint64>> scheduled) {
                                                    progress->failed = !scheduled.has_value();
                                                    progress->done = true;
                                                });
        });
        return progress;
    }

private:
    QThread m_thread;
    emulator::EmulatorServer* m_server = nullptr;
    QString m_connectionString;
};

// Peeks the main queue once so the client holds a token for the entity itself. The emulator
// checks a dead-letter queue's $management link against a claim for the entity ("orders"),
// while the client asks for "orders/$DeadLetterQueue": without this, a client whose first
// call is a DLQ peek is refused (and that peek never answers).
inline bool authorizeEntity(ServiceBusClient& client, const QString& queue) {
    return await(client.peek(queue, SubQueue::None, 0, 1), 20000).has_value();
}

inline OutgoingMessage jsonOrder(int i) {
    OutgoingMessage m;
    m.messageId = QStringLiteral("order-%1").arg(i);
    m.contentType = QStringLiteral("application/json");
    m.subject = i % 2 == 0 ? QStringLiteral("even") : QStringLiteral("odd");
    m.body = QStringLiteral(R"({"order":%1,"customer":"c-%2","lines":[1,2]})")
                 .arg(i)
                 .arg(i % 7)
                 .toUtf8();
    m.setApplicationProperty(QStringLiteral("index"), qint64(i));
    m.setApplicationProperty(QStringLiteral("region"),
                             i % 3 == 0 ? QStringLiteral("eu") : QStringLiteral("us"));
    return m;
}

} // namespace busbar::test
