#include "core/settings/SavedConnection.h"

namespace busbar {

QString authKindToString(AuthKind kind) {
    switch (kind) {
    case AuthKind::SharedAccessKey:
        return QStringLiteral("shared-access-key");
    case AuthKind::SharedAccessSignature:
        return QStringLiteral("shared-access-signature");
    case AuthKind::AzureCli:
        return QStringLiteral("azure-cli");
    case AuthKind::DevelopmentEmulator:
        return QStringLiteral("development-emulator");
    }
    return QStringLiteral("shared-access-key");
}

AuthKind authKindFromString(const QString& name) {
    for (const AuthKind kind : {AuthKind::SharedAccessKey, AuthKind::SharedAccessSignature,
                                AuthKind::AzureCli, AuthKind::DevelopmentEmulator}) {
        if (authKindToString(kind) == name) {
            return kind;
        }
    }
    return AuthKind::SharedAccessKey;
}

} // namespace busbar
