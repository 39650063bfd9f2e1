#pragma once

#include <QList>
#include <QSsl>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

namespace busbar {

// The TLS settings NamespaceConnection uses: the system store, plus `extraCaFile` (PEM) when
// set, and the peer verified.
[[nodiscard]] QSslConfiguration probeTlsConfiguration(const QString& extraCaFile);

// "TLS 1.3; certificate CN=localhost issued by CN=Test CA; verified".
[[nodiscard]] QString describeTlsSession(QSsl::SslProtocol protocol,
                                         const QSslCertificate& certificate);

// Why a handshake was refused, for people: "TLS: the certificate for localhost does not match
// the host 127.0.0.1", "TLS: <Qt's reason> (certificate CN=x issued by CN=y)".
[[nodiscard]] QString describeSslErrors(const QList<QSslError>& errors, const QString& host,
                                        const QSslCertificate& peer);

} // namespace busbar
