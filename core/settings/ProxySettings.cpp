#include "core/settings/ProxySettings.h"

#include "core/settings/Settings.h"

#include <QHostAddress>
#include <QNetworkProxyFactory>
#include <QRegularExpression>

namespace busbar {

QString proxyModeToString(ProxyMode mode) {
    switch (mode) {
    case ProxyMode::System:
        return QStringLiteral("system");
    case ProxyMode::None:
        return QStringLiteral("none");
    case ProxyMode::Http:
        return QStringLiteral("http");
    case ProxyMode::Socks5:
        return QStringLiteral("socks5");
    }
    return QStringLiteral("system");
}

ProxyMode proxyModeFromString(const QString& name) {
    if (name == QLatin1String("none")) {
        return ProxyMode::None;
    }
    if (name == QLatin1String("http")) {
        return ProxyMode::Http;
    }
    if (name == QLatin1String("socks5")) {
        return ProxyMode::Socks5;
    }
    return ProxyMode::System;
}

VoidResult validateProxyHost(const QString& host) {
    if (host.trimmed().isEmpty()) {
        return fail(ErrorCode::InvalidInput, QStringLiteral("Enter the proxy's host name or IP "
                                                            "address (\"proxy.contoso.com\")."));
    }
    if (host.contains(QLatin1String("://")) || host.contains(QLatin1Char('/'))) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Enter the host name alone, without a scheme or path; the "
                                   "port has its own field."));
    }
    // An IP address (v4 or v6), or a DNS name: labels of letters, digits and '-'.
    if (QHostAddress address; address.setAddress(host)) {
        return {};
    }
    static const QRegularExpression dnsName(
        QStringLiteral("^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$"));
    if (!dnsName.match(host).hasMatch()) {
        return fail(ErrorCode::InvalidInput,
                    host.contains(QLatin1Char(':'))
                        ? QStringLiteral("Enter the host without a port; the port has its own "
                                         "field.")
                        : QStringLiteral("The proxy host must be a host name (letters, digits, "
                                         "'-' and '.') or an IP address."));
    }
    return {};
}

VoidResult validateProxyPort(int port) {
    if (port < 1 || port > 65535) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The proxy port must be between 1 and 65535 (often 3128 or "
                                   "8080 for HTTP, 1080 for SOCKS5)."));
    }
    return {};
}

VoidResult validateProxyUserName(const QString& userName) {
    if (Settings::looksLikeSecret(userName)) {
        // Never echoed: it may be the secret itself.
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The user name looks like a password or key; the password "
                                   "has its own field and goes to the system keychain."));
    }
    if (userName.contains(QLatin1Char('\n')) || userName.size() > 256) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The user name must be one line of at most 256 characters."));
    }
    return {};
}

VoidResult validateProxyChoice(const ProxyChoice& choice) {
    if (!choice.namesServer()) {
        return {};
    }
    if (auto host = validateProxyHost(choice.host); !host) {
        return host;
    }
    if (auto port = validateProxyPort(choice.port); !port) {
        return port;
    }
    return validateProxyUserName(choice.userName);
}

QNetworkProxy toNetworkProxy(const ProxyChoice& choice, const QString& password) {
    switch (choice.mode) {
    case ProxyMode::System:
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case ProxyMode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case ProxyMode::Http:
    case ProxyMode::Socks5:
        break;
    }
    QNetworkProxy proxy(choice.mode == ProxyMode::Http ? QNetworkProxy::HttpProxy
                                                       : QNetworkProxy::Socks5Proxy,
                        choice.host, choice.port);
    if (!choice.userName.isEmpty()) {
        proxy.setUser(choice.userName);
        proxy.setPassword(password);
    }
    return proxy;
}

void applyApplicationProxy(const ProxyChoice& choice, const QString& password) {
    if (choice.mode == ProxyMode::System) {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        return;
    }
    // Setting the application proxy also turns the system configuration off.
    QNetworkProxy::setApplicationProxy(toNetworkProxy(choice, password));
}

} // namespace busbar
