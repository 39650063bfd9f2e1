#include "core/settings/SavedConnection.h"

#include "core/auth/ConnectionString.h"

#include <QStringList>

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

QString subscriptionEntityPath(const QString& topic, const QString& subscription) {
    return topic + QStringLiteral("/Subscriptions/") + subscription;
}

bool isSubscriptionPath(const QString& path) {
    const QStringList parts = path.split(QLatin1Char('/'));
    return parts.size() == 3 && !parts.at(0).isEmpty() && !parts.at(2).isEmpty() &&
           parts.at(1).compare(QLatin1String("Subscriptions"), Qt::CaseInsensitive) == 0;
}

bool rememberOpenedEntity(SavedConnection& saved, const QString& path) {
    if (path.isEmpty() || saved.entityPath.compare(path, Qt::CaseInsensitive) == 0 ||
        saved.openedEntities.contains(path, Qt::CaseInsensitive)) {
        return false;
    }
    saved.openedEntities.append(path);
    return true;
}

bool forgetOpenedEntity(SavedConnection& saved, const QString& path) {
    return saved.openedEntities.removeIf([&path](const QString& opened) {
        return opened.compare(path, Qt::CaseInsensitive) == 0;
    }) > 0;
}

QString scopedEntityPath(const SavedConnection& saved, const ConnectionString& connection) {
    const QString& given = connection.entityPath();
    if (given.isEmpty() || saved.entityPath.isEmpty()) {
        return given;
    }
    if (saved.entityPath.compare(given, Qt::CaseInsensitive) == 0) {
        return given;
    }
    // Only a subscription of the string's own entity (its topic) refines it.
    if (isSubscriptionPath(saved.entityPath) && !isSubscriptionPath(given) &&
        saved.entityPath.section(QLatin1Char('/'), 0, 0).compare(given, Qt::CaseInsensitive) == 0) {
        return saved.entityPath;
    }
    return given;
}

} // namespace busbar
