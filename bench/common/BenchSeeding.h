#pragma once

// What the benchmarks share: waiting on a client call from the bench's own thread, and
// filling a queue with numbered messages of one size.

#include "core/common/Result.h"
#include "core/servicebus/OutgoingMessage.h"
#include "core/servicebus/ServiceBusClient.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <algorithm>

namespace busbar::bench {

// The bench thread may block: it is not a GUI thread, and the client works on its own.
template <typename T>
Result<T> wait(QFuture<Result<T>> future) {
    future.waitForFinished();
    if (future.resultCount() == 0) {
        return fail(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    }
    return future.result();
}

// `n` messages of `size` bytes with ids prefix<first>, prefix<first + 1>, ...
inline QList<OutgoingMessage> batchOf(int n, int size, const QString& prefix, int first) {
    QList<OutgoingMessage> messages;
    messages.reserve(n);
    const QByteArray body(size, 'x');
    for (int i = 0; i < n; ++i) {
        OutgoingMessage m;
        m.body = body;
        m.messageId = prefix + QString::number(first + i);
        messages.append(m);
    }
    return messages;
}

// Sends `count` messages to `queue` in batches of 1000, ids "<queue>-<i>".
inline VoidResult seed(ServiceBusClient& client, const QString& queue, int count, int size) {
    for (int sent = 0; sent < count; sent += 1000) {
        const int n = std::min(1000, count - sent);
        if (VoidResult r =
                wait(client.send(queue, batchOf(n, size, queue + QLatin1Char('-'), sent)));
            !r) {
            return r;
        }
    }
    return {};
}

} // namespace busbar::bench
