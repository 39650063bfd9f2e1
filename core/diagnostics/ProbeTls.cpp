#include "core/diagnostics/ProbeTls.h"

#include <QObject>
#include <QSslSocket>
#include <QStringList>

namespace busbar {

namespace {

QString nameOf(const QStringList& parts) {
    return parts.isEmpty() ? QObject::tr("(no common name)") : parts.join(QStringLiteral(", "));
}

QString subjectOf(const QSslCertificate& certificate) {
    return QStringLiteral("CN=") + nameOf(certificate.subjectInfo(QSslCertificate::CommonName));
}

QString issuerOf(const QSslCertificate& certificate) {
    return QStringLiteral("CN=") + nameOf(certificate.issuerInfo(QSslCertificate::CommonName));
}

// The names a certificate is valid for: its DNS and IP alternative names, else its CN.
QStringList namesOf(const QSslCertificate& certificate) {
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        if (it.key() == QSsl::DnsEntry || it.key() == QSsl::IpAddressEntry) {
            names.append(it.value());
        }
    }
    return names.isEmpty() ? certificate.subjectInfo(QSslCertificate::CommonName) : names;
}

QString protocolName(QSsl::SslProtocol protocol) {
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    default:
        return QStringLiteral("TLS");
    }
}

} // namespace

QSslConfiguration probeTlsConfiguration(const QString& extraCaFile) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!extraCaFile.isEmpty()) {
        tls.addCaCertificates(QSslCertificate::fromPath(extraCaFile, QSsl::Pem));
    }
    return tls;
}

QString describeTlsSession(QSsl::SslProtocol protocol, const QSslCertificate& certificate) {
    if (certificate.isNull()) {
        return protocolName(protocol) + QObject::tr("; verified");
    }
    return QObject::tr("%1; certificate %2 issued by %3; verified")
        .arg(protocolName(protocol), subjectOf(certificate), issuerOf(certificate));
}

QString describeSslErrors(const QList<QSslError>& errors, const QString& host,
                          const QSslCertificate& peer) {
    QStringList reasons;
    for (const QSslError& error : errors) {
        const QSslCertificate certificate =
            error.certificate().isNull() ? peer : error.certificate();
        if (error.error() == QSslError::HostNameMismatch) {
            reasons.append(QObject::tr("the certificate for %1 does not match the host %2")
                               .arg(namesOf(certificate).join(QStringLiteral(", ")), host));
        } else if (certificate.isNull()) {
            reasons.append(error.errorString());
        } else {
            reasons.append(
                QObject::tr("%1 (certificate %2 issued by %3)")
                    .arg(error.errorString(), subjectOf(certificate), issuerOf(certificate)));
        }
    }
    reasons.removeDuplicates();
    return QStringLiteral("TLS: ") + reasons.join(QStringLiteral("; "));
}

} // namespace busbar
