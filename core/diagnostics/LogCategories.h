#pragma once

#include <QLoggingCategory>

namespace busbar {

// Logging categories per area, so one rule can turn an area up or down (QT_LOGGING_RULES,
// e.g. "busbar.*.debug=true" or "busbar.admin=false"). Areas that already define their own
// keep them: busbar.amqp (ConnectionEngine), busbar.amqp.frames (FrameTrace, debug only and
// off by default), busbar.jobs.manager, busbar.emulator.*. None of them ever logs a secret.
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)       // "busbar.admin": the management (ATOM) client
Q_DECLARE_LOGGING_CATEGORY(lcAuth)        // "busbar.auth": tokens, connection strings
Q_DECLARE_LOGGING_CATEGORY(lcSettings)    // "busbar.settings": settings and the keychain
Q_DECLARE_LOGGING_CATEGORY(lcDiagnostics) // "busbar.diagnostics": connection tests
Q_DECLARE_LOGGING_CATEGORY(lcUi)          // "busbar.ui": the window and its views

} // namespace busbar
