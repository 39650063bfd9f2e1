#include "core/settings/SavedConnection.h"

#include "core/auth/ConnectionString.h"

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

SavedConnection savedConnectionFor(const ConnectionString& connection, const QString& id,
                                   const QString& name) {
    SavedConnection saved;
    saved.id = id;
    saved.name = name;
    saved.endpointHost = connection.hasExplicitPort()
                             ? QStringLiteral("%1:%2").arg(connection.host()).arg(connection.port())
                             : connection.host();
    saved.entityPath = connection.entityPath();
    saved.keyName = connection.keyName();
    if (connection.isDevelopmentEmulator()) {
        saved.authKind = AuthKind::DevelopmentEmulator;
    } else if (connection.usesSharedAccessSignature()) {
        saved.authKind = AuthKind::SharedAccessSignature;
    } else {
        saved.authKind = AuthKind::SharedAccessKey;
    }
    return saved;
}

} // namespace busbar
