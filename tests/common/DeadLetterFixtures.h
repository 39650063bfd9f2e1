#pragma once

// Test fixtures shared by the jobs' integration and fault tests (tests/integration/jobs,
// tests/fault/jobs) and the repair GUI tests (tests/gui/repair): dead letters seeded into a
// queue, and an entity read back, through any ServiceBusClient (usually one on the emulator).

#include "core/admin/EntityDescriptions.h"
#include "core/servicebus/OutgoingMessage.h"
#include "core/servicebus/ServiceBusClient.h"
#include "tests/common/Await.h"

#include <algorithm>
#include <chrono>

namespace busbar::test {

// A queue whose locks run out after 5 s, so the locks of an interrupted job (or of a message
// the test leaves locked) do not hold a test up for the default minute.
inline QueueDescription queueNamed(const QString& name, bool duplicateDetection = false) {
    QueueDescription queue;
    queue.name = name;
    queue.lockDuration = std::chrono::milliseconds(5000);
    queue.requiresDuplicateDetection = duplicateDetection;
    return queue;
}

inline OutgoingMessage textMessage(const QString& id, const QString& text) {
    OutgoingMessage m;
    m.messageId = id;
    m.body = text.toUtf8();
    return m;
}

// Sends `count` messages (id "<prefix>-<i>", body "body <i>", the int32 application property
// `indexProperty` = i) and dead-letters them: the even ones with reason "Even", the odd ones
// "Odd", description "made by the test". Returns false on the first failure.
inline bool fillDeadLetterQueue(ServiceBusClient& client, const QString& queue,
                                const QString& prefix, int count,
                                const QString& indexProperty = QStringLiteral("index")) {
    using namespace std::chrono_literals;
    constexpr int kChunk = 100; // a send or a receive of many more would meet the size limits
    QList<OutgoingMessage> batch;
    for (int i = 0; i < count; ++i) {
        OutgoingMessage m = textMessage(QStringLiteral("%1-%2").arg(prefix).arg(i),
                                        QStringLiteral("body %1").arg(i));
        m.setApplicationProperty(indexProperty, QVariant::fromValue(qint32(i)));
        batch.append(m);
        if (batch.size() == kChunk || i == count - 1) {
            if (!await(client.send(queue, batch))) {
                return false;
            }
            batch.clear();
        }
    }
    int moved = 0;
    while (moved < count) {
        const auto got = await(client.receive(queue, SubQueue::None, ReceiveMode::PeekLock,
                                              std::min(kChunk, count - moved), 2s));
        if (!got || got->isEmpty()) {
            return false;
        }
        QList<QFuture<VoidResult>> pending;
        for (const ServiceBusMessage& m : *got) {
            const bool even = m.amqp.applicationProperty(indexProperty).toInt() % 2 == 0;
            pending.append(client.deadLetter(queue, SubQueue::None, m,
                                             even ? QStringLiteral("Even") : QStringLiteral("Odd"),
                                             QStringLiteral("made by the test")));
        }
        for (const auto& p : pending) {
            if (!await(p)) {
                return false;
            }
        }
        moved += int(got->size());
    }
    return true;
}

// Every message of a (sub-)queue, by peeking page after page.
inline QList<ServiceBusMessage> peekAll(ServiceBusClient& client, const QString& entity,
                                        SubQueue subQueue) {
    QList<ServiceBusMessage> all;
    qint64 from = 0;
    for (;;) {
        const auto page = await(client.peek(entity, subQueue, from, 250));
        if (!page || page->isEmpty()) {
            return all;
        }
        all.append(*page);
        from = page->last().sequenceNumber + 1;
    }
}

} // namespace busbar::test
