#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QUrl>

namespace busbar {

// How the AMQP connection reaches the broker.
enum class TransportType {
    AmqpTls,        // amqps, port 5671: Azure's default
    AmqpPlain,      // plain TCP, port 5672: UseDevelopmentEmulator=true
    AmqpWebSockets, // wss://host:443/$servicebus/websocket
};

// A Service Bus connection string (servicebus-amqp.md §2), e.g.
//   Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=...
// parse() is as liberal as the .NET and Python parsers (keys in any case, unknown keys and
// empty segments ignored); toString() writes the exact spellings the case-sensitive JS
// parser needs. The key and signature are credentials: log redacted().toString() only.
class ConnectionString final {
public:
    // Errors are InvalidInput, name the problem and say what to write instead; they never
    // contain the key or the signature.
    [[nodiscard]] static Result<ConnectionString> parse(const QString& text);

    // The namespace host, lower-case: "contoso.servicebus.windows.net".
    [[nodiscard]] const QString& host() const { return m_host; }
    // The port written in Endpoint, else 5672 for the emulator, 443 for WebSockets, 5671.
    [[nodiscard]] int port() const;
    // Whether Endpoint named a port.
    [[nodiscard]] bool hasExplicitPort() const { return m_explicitPort >= 0; }
    // The host, as the SDKs' FullyQualifiedNamespace (no scheme, no port).
    [[nodiscard]] const QString& fullyQualifiedNamespace() const { return m_host; }
    // "sb://host[:port]/", the port only when Endpoint named one.
    [[nodiscard]] QUrl endpointUrl() const;

    [[nodiscard]] const QString& keyName() const { return m_keyName; }
    [[nodiscard]] const QString& key() const { return m_key; }
    // The whole token text, "SharedAccessSignature sr=...".
    [[nodiscard]] const QString& sharedAccessSignature() const { return m_sharedAccessSignature; }
    [[nodiscard]] bool usesSharedAccessSignature() const {
        return !m_sharedAccessSignature.isEmpty();
    }
    // EntityPath, or empty when the string is for the whole namespace.
    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    [[nodiscard]] bool isDevelopmentEmulator() const { return m_developmentEmulator; }
    // The emulator always means plain TCP; otherwise TransportType picks TLS or WebSockets.
    [[nodiscard]] TransportType transport() const;

    // Where the ATOM management API lives: https://host/ for Azure, http://host:5300/ for
    // the Microsoft emulator. busbar-emulator serves it elsewhere, so callers that know
    // better set it explicitly; the override is not part of the connection string text.
    [[nodiscard]] QUrl adminBaseUrl() const;
    void setAdminBaseUrl(const QUrl& url) { m_adminBaseUrl = url; }

    // The canonical text: Endpoint, SharedAccessKeyName, SharedAccessKey,
    // SharedAccessSignature, EntityPath, UseDevelopmentEmulator=true, TransportType (only
    // when WebSockets) in that order. Parses back to an equal value.
    [[nodiscard]] QString toString() const;
    // A copy whose key and signature read "***": safe for logs, titles and bug reports.
    [[nodiscard]] ConnectionString redacted() const;

    friend bool operator==(const ConnectionString&, const ConnectionString&) = default;

private:
    QString m_host;
    int m_explicitPort = -1;
    QString m_keyName;
    QString m_key;
    QString m_sharedAccessSignature;
    QString m_entityPath;
    bool m_developmentEmulator = false;
    bool m_webSockets = false;
    QUrl m_adminBaseUrl;
};

// Hides the values of SharedAccessKey=, SharedAccessSignature= and sig= anywhere in `text`
// (connection strings, token text, URLs in log lines) behind "***".
[[nodiscard]] QString redactSecrets(QString text);

} // namespace busbar
