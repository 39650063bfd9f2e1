#pragma once

#include <QString>
#include <QStringList>

namespace busbar {

// How a saved connection authenticates. The credential itself (SAS key, SAS token) lives in
// the SecretStore under the connection's id; the settings only remember which kind it is.
enum class AuthKind {
    SharedAccessKey,       // a SAS policy key; tokens are signed locally
    SharedAccessSignature, // a ready SAS token
    AzureCli,              // Entra ID tokens from `az account get-access-token`
    DevelopmentEmulator,   // the local emulator's well-known key
};

[[nodiscard]] QString authKindToString(AuthKind kind);
// Unknown names map to SharedAccessKey, the most common kind, so an old or edited settings
// file still loads.
[[nodiscard]] AuthKind authKindFromString(const QString& name);

// What the app remembers about a namespace the user connected to. Deliberately no field for
// a key, a signature or a full connection string: those belong to the SecretStore.
struct SavedConnection {
    QString id;           // stable identifier; also the SecretStore id of its credential
    QString name;         // shown in the namespace tree
    QString colourTag;    // "#rrggbb" or empty; tells production from local at a glance
    QString endpointHost; // "contoso.servicebus.windows.net" or "localhost:5672"
    // Set when the connection string was scoped to one entity (EntityPath): that path, or
    // "topic/Subscriptions/name" when the user said a bare path is a topic and which of its
    // subscriptions to open (see scopedEntityPath).
    QString entityPath;
    QString keyName; // SAS policy name, e.g. "RootManageSharedAccessKey"
    AuthKind authKind = AuthKind::SharedAccessKey;
    // Entities the user opened with "Open Entity by Path…" (a key without Manage cannot list
    // them), shown again whenever the namespace is opened: queue or subscription paths only.
    QStringList openedEntities;

    friend bool operator==(const SavedConnection&, const SavedConnection&) = default;
};

class ConnectionString;

// What to remember about `connection` under `name` and `id`: everything but the credential.
// The caller keeps the credential by writing connection.toString() to the SecretStore under
// the same id.
[[nodiscard]] SavedConnection savedConnectionFor(const ConnectionString& connection,
                                                 const QString& id, const QString& name);

// "orders/Subscriptions/audit": the path of a topic's subscription, as the tree and the
// broker name it.
[[nodiscard]] QString subscriptionEntityPath(const QString& topic, const QString& subscription);
// Whether `path` names a subscription ("topic/Subscriptions/name", "Subscriptions" in any
// case, both names non-empty).
[[nodiscard]] bool isSubscriptionPath(const QString& path);

// Adds `path` to saved.openedEntities unless it is there already (in any case) or is the
// connection's own scoped entity; whether it was added.
bool rememberOpenedEntity(SavedConnection& saved, const QString& path);
// Removes `path` (in any case) from saved.openedEntities; whether it was there.
bool forgetOpenedEntity(SavedConnection& saved, const QString& path);

// The entity an entity-scoped connection opens. A bare EntityPath could be a queue or a topic,
// and only the management API (which a scoped, Listen-only key usually cannot call) tells
// them apart, so the connect dialog asks and keeps the answer in saved.entityPath: the
// string's EntityPath itself (a queue, or a path already naming a subscription), or one of
// its subscriptions. That is used when it is the string's entity or below it; anything else
// (a string edited since) falls back to the string's EntityPath. Empty for a namespace-wide
// string.
[[nodiscard]] QString scopedEntityPath(const SavedConnection& saved,
                                       const ConnectionString& connection);

} // namespace busbar
