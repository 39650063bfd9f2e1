#pragma once

#include "core/common/Result.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace busbar {

// Calls `callback(Result<T>)` on `context`'s thread once `future` finishes, unless `context`
// is destroyed first: then nothing is called. Use it instead of QFuture::then(context, ...),
// which in Qt 6.4 asserts (debug) or misbehaves when the context dies before the future
// finishes (qfuture_impl.h: Q_ASSERT(context) in Continuation::create). A future cancelled
// without a result (its QPromise destroyed unfinished) reports ErrorCode::Cancelled.
template <typename T, typename Callback>
void whenFinished(const QFuture<Result<T>>& future, QObject* context, Callback&& callback) {
    auto* watcher = new QFutureWatcher<Result<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         const QFuture<Result<T>> done = watcher->future();
                         if (done.resultCount() == 0) {
                             callback(Result<T>(fail(ErrorCode::Cancelled,
                                                     QStringLiteral("The operation was cancelled "
                                                                    "before it finished."))));
                             return;
                         }
                         callback(done.result());
                     });
    watcher->setFuture(future);
}

} // namespace busbar
