#pragma once

#include <QNetworkProxy>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace busbar {

class ConnectionString;
class TokenProvider;

// Where the management API is and how to authorize against it. Exactly one credential is
// used, in this order: tokenProvider (Entra ID bearer tokens), sharedAccessSignature (a ready
// SAS token sent as given), keyName + key (a short-lived SAS token signed for each request's
// URL, servicebus-management.md §1.6). The key and the signature are secrets: never log them.
struct AdminClientOptions {
    QUrl baseUrl; // https://host/ for Azure, http://host:port/ for emulators
    QString keyName;
    QString key;
    QString sharedAccessSignature;
    std::shared_ptr<TokenProvider> tokenProvider;

    std::chrono::milliseconds timeout{60'000}; // per request
    // Reads (GET) failing with a retryable error (busy, timeout, connection) are repeated
    // up to maxRetries times, after retryDelay, doubled each time, plus jitter.
    int maxRetries = 2;
    std::chrono::milliseconds retryDelay{500};
    std::chrono::seconds sasLifetime{300}; // of the tokens signed per request
    QString extraCaCertificatePath;        // PEM, trusted besides the system store
    QString apiVersion = QStringLiteral("2021-05");
    int pageSize = 100; // $top of list requests; the service caps it at 100
    // The proxy requests go through; nullopt follows the application proxy (Settings ▸
    // Network, or the system's when the app uses the system configuration). NoProxy goes
    // direct. Its password, if any, is a secret: never log it.
    std::optional<QNetworkProxy> proxy;

    // Base URL and SAS credential from a parsed connection string (adminBaseUrl(), which a
    // caller may have overridden for busbar-emulator).
    [[nodiscard]] static AdminClientOptions
    fromConnectionString(const ConnectionString& connection);
};

} // namespace busbar
