#pragma once

// Waiting for a core future in a test, pumping the event loop as QTRY does: shared by every
// test area that drives a ServiceBusClient (or any Result future) directly.

#include "core/common/Result.h"

#include <QFuture>
#include <QTest>

namespace busbar::test {

inline constexpr int kFixtureAwaitMs = 60000;

// The future's result, pumping the event loop meanwhile; a timeout or a cancelled future is
// an error like any other, so a test fails on it instead of hanging.
template <typename T>
Result<T> await(const QFuture<Result<T>>& future, int timeoutMs = kFixtureAwaitMs) {
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs)) {
        return fail(ErrorCode::Timeout, QStringLiteral("the test gave up waiting"));
    }
    if (future.resultCount() == 0) {
        return fail(ErrorCode::Cancelled, QStringLiteral("the future was cancelled"));
    }
    return future.result();
}

} // namespace busbar::test
