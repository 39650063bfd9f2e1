#pragma once

// Internal to emulator/admin: what AdminRequestHandler's source files share.

#include "emulator/admin/AdminRequestHandler.h"

#include <QStringList>
#include <QUrl>

namespace busbar::emulator::admin_detail {

inline constexpr int kMaxPageSize = 100;
inline const QByteArray kEntryType =
    QByteArrayLiteral("application/atom+xml;type=entry;charset=utf-8");
inline const QByteArray kFeedType =
    QByteArrayLiteral("application/atom+xml;type=feed;charset=utf-8");
inline const QByteArray kErrorType = QByteArrayLiteral("application/xml;charset=utf-8");

inline bool same(const QString& a, QLatin1StringView b) {
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

inline int statusFor(ErrorCode code) {
    switch (code) {
    case ErrorCode::EntityNotFound:
        return 404;
    case ErrorCode::EntityAlreadyExists:
        return 409;
    case ErrorCode::InvalidInput:
    case ErrorCode::Protocol:
        return 400;
    case ErrorCode::Authentication:
    case ErrorCode::Authorization:
        return 401;
    case ErrorCode::QuotaExceeded:
        return 403;
    case ErrorCode::ServerBusy:
        return 503;
    default:
        return 500;
    }
}

// Absolute forwarding URIs ("sb://ns/q", "https://ns/q") name the entity by their path.
inline QString entityPathOf(const QString& target) {
    if (!target.contains(QStringLiteral("://"))) {
        return target;
    }
    QString path = QUrl(target).path(QUrl::FullyDecoded);
    while (path.startsWith(u'/')) {
        path.remove(0, 1);
    }
    return path;
}

} // namespace busbar::emulator::admin_detail

namespace busbar::emulator {

struct AdminRequestHandler::Context {
    const AdminRequest& request;
    QString base; // "http://host:port/"
    QStringList segments;
    QString path; // segments joined
    QString apiVersion;
    int skip = 0;
    int top = admin_detail::kMaxPageSize;
    QString pagingError;

    // Create vs update is decided by If-Match alone (servicebus-management.md §1.4).
    [[nodiscard]] bool isUpdate() const { return !request.header("if-match").isEmpty(); }
    // The service echoes forwarding targets as absolute URIs (§1.7).
    [[nodiscard]] QString absolute(const QString& target) const {
        return target.isEmpty() || target.contains(QStringLiteral("://")) ? target : base + target;
    }
};

} // namespace busbar::emulator
