#include "core/diagnostics/LogCategories.h"

namespace busbar {

Q_LOGGING_CATEGORY(lcAdmin, "busbar.admin")
Q_LOGGING_CATEGORY(lcAuth, "busbar.auth")
Q_LOGGING_CATEGORY(lcSettings, "busbar.settings")
Q_LOGGING_CATEGORY(lcDiagnostics, "busbar.diagnostics")
Q_LOGGING_CATEGORY(lcUi, "busbar.ui")

} // namespace busbar
