#include "core/admin/AdminClientErrors.h"

#include <QXmlStreamReader>

namespace busbar {

namespace {

// The service appends "TrackingId:…, SystemTracker:…, Timestamp:…" to every detail: useful
// in a bug report (kept in Error::description), noise in a message for people.
QString readableDetail(const QString& detail) {
    QString text = detail;
    const qsizetype tracking = text.indexOf(QLatin1String("TrackingId:"));
    if (tracking >= 0) {
        text.truncate(tracking);
    }
    text = text.trimmed();
    while (text.endsWith(QLatin1Char(',')) || text.endsWith(QLatin1Char(';'))) {
        text.chop(1);
        text = text.trimmed();
    }
    return text;
}

QString capitalized(QString text) {
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

QString withDetail(const QString& message, const QString& detail) {
    if (detail.isEmpty()) {
        return message + QLatin1Char('.');
    }
    return message + QStringLiteral(": ") + detail;
}

bool mentionsQuota(const QString& detail) {
    for (const char* word : {"quota", "exceed", "maximum", "limit"}) {
        if (detail.contains(QLatin1String(word), Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace

AdminErrorBody AdminErrorBody::parse(const QByteArray& body) {
    AdminErrorBody result;
    QXmlStreamReader reader(body);
    if (!reader.readNextStartElement() || reader.name() != QLatin1String("Error")) {
        return result;
    }
    while (reader.readNextStartElement()) {
        if (reader.name() == QLatin1String("Code")) {
            result.code = reader.readElementText().trimmed().toInt();
        } else if (reader.name() == QLatin1String("Detail")) {
            result.detail = reader.readElementText().trimmed();
        } else {
            reader.skipCurrentElement();
        }
    }
    return result;
}

Error adminHttpError(int status, const QByteArray& body, const QString& subject) {
    const AdminErrorBody parsed = AdminErrorBody::parse(body);
    const QString detail = readableDetail(parsed.detail);
    Error error;
    error.statusCode = status;
    error.description = parsed.detail;
    switch (status) {
    case 401:
        error.code = ErrorCode::Authentication;
        error.message = withDetail(
            QStringLiteral("The service refused the credentials for %1 (HTTP 401): check the key "
                           "name and key, that the token has not expired, and that it grants "
                           "Manage")
                .arg(subject),
            detail);
        break;
    case 403:
        if (mentionsQuota(detail) && !detail.contains(QLatin1String("40301"))) {
            error.code = ErrorCode::QuotaExceeded;
            error.message =
                withDetail(QStringLiteral("A quota was exceeded for %1").arg(subject), detail);
        } else {
            error.code = ErrorCode::Authorization;
            error.message = withDetail(
                QStringLiteral("Not allowed to manage %1 (HTTP 403)").arg(subject), detail);
        }
        break;
    case 404:
        error.code = ErrorCode::EntityNotFound;
        error.message = capitalized(subject) + QStringLiteral(" could not be found.");
        break;
    case 409:
        if (detail.contains(QLatin1String("40901"))) {
            error.code = ErrorCode::ServerBusy;
            error.message = withDetail(
                QStringLiteral("Another operation on %1 is in progress; try again").arg(subject),
                detail);
        } else {
            error.code = ErrorCode::EntityAlreadyExists;
            error.message = capitalized(subject) + QStringLiteral(" already exists.");
        }
        break;
    case 400:
        error.code = ErrorCode::InvalidInput;
        error.message = withDetail(
            QStringLiteral("The service rejected the request for %1").arg(subject), detail);
        break;
    case 408:
    case 504:
        error.code = ErrorCode::Timeout;
        error.message = withDetail(
            QStringLiteral("The service timed out on %1 (HTTP %2)").arg(subject).arg(status),
            detail);
        break;
    case 429:
    case 503:
        error.code = ErrorCode::ServerBusy;
        error.message = withDetail(
            QStringLiteral("The service is busy (HTTP %1); try again shortly").arg(status), detail);
        break;
    default:
        error.code = status >= 500 ? ErrorCode::Internal : ErrorCode::Protocol;
        error.message = withDetail(
            QStringLiteral("The service answered HTTP %1 for %2").arg(status).arg(subject), detail);
        break;
    }
    return error;
}

} // namespace busbar
