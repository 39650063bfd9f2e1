#pragma once

#include "core/common/Result.h"

#include <QFuture>
#include <QString>
#include <QUrl>

namespace busbar {

// Where the built-in "Local namespace" can be reached once it runs.
struct LocalNamespaceEndpoints {
    QString connectionString; // with the emulator's key: the caller is the local user
    QUrl adminUrl;
};

// Starts the embedded emulator behind the "Local namespace" (the app implements it with the
// emulator library, which busbar_ui does not link). start() never blocks: the future resolves
// once the listeners are up and the demo content is in place; calling it again while running
// resolves with the same endpoints.
class LocalNamespaceHost {
public:
    virtual ~LocalNamespaceHost() = default;
    [[nodiscard]] virtual QFuture<Result<LocalNamespaceEndpoints>> start() = 0;
    // Where its data lives, for the log; empty when it keeps nothing on disk.
    [[nodiscard]] virtual QString dataDirectory() const = 0;
};

} // namespace busbar
