#pragma once

#include "core/auth/ConnectionString.h"
#include "core/jobs/Job.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"

#include <QFuture>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <memory>

namespace busbar::test {

using namespace std::chrono_literals;

inline constexpr int kJobAwaitMs = 60000;

template <typename T>
Result<T> await(const QFuture<Result<T>>& future) {
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, kJobAwaitMs)) {
        return fail(ErrorCode::Timeout, QStringLiteral("the test gave up waiting"));
    }
    if (future.resultCount() == 0) {
        return fail(ErrorCode::Cancelled, QStringLiteral("the future was cancelled"));
    }
    return future.result();
}

inline std::unique_ptr<AmqpServiceBusClient> clientFor(const QString& connectionString) {
    Result<ConnectionString> cs = ConnectionString::parse(connectionString);
    if (!cs) {
        return nullptr;
    }
    NamespaceConnectionOptions options;
    options.connectionString = *cs;
    auto client = std::make_unique<AmqpServiceBusClient>(options);
    client->setOperationTimeout(10s);
    return client;
}

inline QueueDescription queueNamed(const QString& name, bool duplicateDetection = false) {
    QueueDescription queue;
    queue.name = name;
    queue.lockDuration = std::chrono::milliseconds(5000); // interrupted jobs' locks run out fast
    queue.requiresDuplicateDetection = duplicateDetection;
    return queue;
}

inline OutgoingMessage textMessage(const QString& id, const QString& text) {
    OutgoingMessage m;
    m.messageId = id;
    m.body = text.toUtf8();
    return m;
}

// Sends `count` messages ("<prefix>-<i>") and dead-letters them, the even ones with reason
// "Even", the odd ones "Odd". Returns false on the first failure.
inline bool fillDeadLetterQueue(ServiceBusClient& client, const QString& queue,
                                const QString& prefix, int count) {
    QList<OutgoingMessage> batch;
    for (int i = 0; i < count; ++i) {
        OutgoingMessage m = textMessage(QStringLiteral("%1-%2").arg(prefix).arg(i),
                                        QStringLiteral("body %1").arg(i));
        m.setApplicationProperty(QStringLiteral("index"), QVariant::fromValue(qint32(i)));
        batch.append(m);
        if (batch.size() == 100 || i == count - 1) {
            if (!await(client.send(queue, batch))) {
                return false;
            }
            batch.clear();
        }
    }
    int moved = 0;
    while (moved < count) {
        const auto got = await(client.receive(queue, SubQueue::None, ReceiveMode::PeekLock,
                                              std::min(100, count - moved), 2s));
        if (!got || got->isEmpty()) {
            return false;
        }
        QList<QFuture<VoidResult>> pending;
        for (const ServiceBusMessage& m : *got) {
            const bool even = m.amqp.applicationProperty(QStringLiteral("index")).toInt() % 2 == 0;
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

// Every message of a (sub-)queue, by peeking.
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

inline QSet<QString> idsOf(const QList<ServiceBusMessage>& messages, int* duplicates = nullptr) {
    QSet<QString> ids;
    for (const ServiceBusMessage& m : messages) {
        if (ids.contains(m.messageId()) && duplicates) {
            ++*duplicates;
        }
        ids.insert(m.messageId());
    }
    return ids;
}

inline bool waitFinished(const Job& job, int ms = kJobAwaitMs) {
    return QTest::qWaitFor([&job] { return job.isFinished(); }, ms);
}

} // namespace busbar::test
