#include "emulator/store/MessageStore.h"

namespace busbar::emulator {

QString sequenceCounterKey(const QString& entityPath, SubQueue subQueue) {
    return entityPath.toLower() + QLatin1Char('|') + QString::number(static_cast<int>(subQueue));
}

} // namespace busbar::emulator
