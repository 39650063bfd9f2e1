#include "emulator/server/StoreFactory.h"

#include "emulator/store/InMemoryMessageStore.h"
#include "emulator/store/SqliteMessageStore.h"

#include <QDir>

namespace busbar::emulator {

Result<std::unique_ptr<MessageStore>> createMessageStore(const QString& namespaceName,
                                                         const QString& dataDirectory) {
    if (dataDirectory.isEmpty()) {
        return std::unique_ptr<MessageStore>(std::make_unique<InMemoryMessageStore>());
    }
    // One database per namespace, named after it (names are DNS labels: safe as file names).
    QString fileName = namespaceName;
    fileName.replace(QLatin1Char('/'), QLatin1Char('_'))
        .replace(QLatin1Char('\\'), QLatin1Char('_'));
    const QString path = QDir(dataDirectory).filePath(fileName + QStringLiteral(".sqlite"));
    Result<std::unique_ptr<SqliteMessageStore>> store = SqliteMessageStore::open(path);
    if (!store) {
        return fail(store.error());
    }
    return std::unique_ptr<MessageStore>(std::move(*store));
}

} // namespace busbar::emulator
