#pragma once

#include "core/common/Result.h"
#include "emulator/store/MessageStore.h"

#include <QString>

#include <memory>

namespace busbar::emulator {

// The store for one namespace: durable under `dataDirectory` when one is given and a durable
// store is built in, otherwise in memory.
Result<std::unique_ptr<MessageStore>> createMessageStore(const QString& namespaceName,
                                                         const QString& dataDirectory);

} // namespace busbar::emulator
