#include "emulator/server/StoreFactory.h"

#include "emulator/amqp/AmqpLog.h"
#include "emulator/store/InMemoryMessageStore.h"

namespace busbar::emulator {

Result<std::unique_ptr<MessageStore>> createMessageStore(const QString& namespaceName,
                                                         const QString& dataDirectory) {
    if (!dataDirectory.isEmpty()) {
        // Hook: the SQLite store plugs in here once emulator/store provides it.
        qCWarning(lcEmulatorAmqp) << "No durable store is built in; namespace" << namespaceName
                                  << "runs in memory despite --data" << dataDirectory;
    }
    return std::unique_ptr<MessageStore>(std::make_unique<InMemoryMessageStore>());
}

} // namespace busbar::emulator
