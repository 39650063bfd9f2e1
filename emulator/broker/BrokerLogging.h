#pragma once

#include <QLoggingCategory>

namespace busbar::emulator {

Q_DECLARE_LOGGING_CATEGORY(lcBroker)

} // namespace busbar::emulator
