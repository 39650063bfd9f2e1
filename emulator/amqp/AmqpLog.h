#pragma once

#include <QLoggingCategory>

namespace busbar::emulator {
Q_DECLARE_LOGGING_CATEGORY(lcEmulatorAmqp)
} // namespace busbar::emulator
