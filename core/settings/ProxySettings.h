#pragma once

#include "core/common/Result.h"

#include <QNetworkProxy>
#include <QString>

namespace busbar {

// How the app reaches namespaces and the management API: the user's choice in Settings ▸
// Network. System follows the desktop's configuration (environment, libproxy); None connects
// directly; Http tunnels with CONNECT (and proxies plain http:// requests); Socks5 tunnels
// every connection.
enum class ProxyMode { System, None, Http, Socks5 };

// The non-secret part of a proxy choice, as Settings keeps it. The password belongs to the
// SecretStore under kProxyPasswordSecretId, never here.
struct ProxyChoice {
    ProxyMode mode = ProxyMode::System;
    QString host;
    quint16 port = 0;
    QString userName; // optional

    // Http and Socks5 name a server; System and None ignore host, port and user name.
    [[nodiscard]] bool namesServer() const {
        return mode == ProxyMode::Http || mode == ProxyMode::Socks5;
    }
    // A server with a user name asks the SecretStore for its password.
    [[nodiscard]] bool needsPassword() const { return namesServer() && !userName.isEmpty(); }

    bool operator==(const ProxyChoice&) const = default;
};

// The SecretStore id of the proxy password (the store's ids are otherwise SavedConnection ids,
// which are UUIDs or letters and digits, so this cannot collide).
inline constexpr QLatin1StringView kProxyPasswordSecretId{"network-proxy-password"};

[[nodiscard]] QString proxyModeToString(ProxyMode mode);
// Unknown names (a hand-edited file) fall back to System, the default.
[[nodiscard]] ProxyMode proxyModeFromString(const QString& name);

// Each check explains what is wrong in a sentence the dialog shows next to the field. They
// apply only when the choice names a server.
[[nodiscard]] VoidResult validateProxyHost(const QString& host);
[[nodiscard]] VoidResult validateProxyPort(int port);
[[nodiscard]] VoidResult validateProxyUserName(const QString& userName);
// All three for a choice that names a server; always fine for System and None.
[[nodiscard]] VoidResult validateProxyChoice(const ProxyChoice& choice);

// The QNetworkProxy for Http/Socks5 (with `password` when there is a user name), NoProxy for
// None, DefaultProxy for System (whatever the application-wide setting says).
[[nodiscard]] QNetworkProxy toNetworkProxy(const ProxyChoice& choice, const QString& password = {});

// Makes `choice` the application-wide proxy that new sockets and QNetworkAccessManagers use:
// System turns on QNetworkProxyFactory's system configuration, the others set the
// application proxy (which turns the system configuration off). Connections already open keep
// the proxy they were opened with. Loopback hosts (the Local namespace) are never proxied by
// Qt's application proxy lookup.
void applyApplicationProxy(const ProxyChoice& choice, const QString& password = {});

} // namespace busbar
