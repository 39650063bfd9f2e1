#pragma once

#include "core/common/Error.h"

#include <QByteArray>
#include <QString>

namespace busbar {

// The management API's error body, <Error><Code>404</Code><Detail>…</Detail></Error>
// (servicebus-management.md §1.5). Detail is empty when the body is not that shape.
struct AdminErrorBody {
    int code = 0;
    QString detail;

    [[nodiscard]] static AdminErrorBody parse(const QByteArray& body);
};

// Maps an HTTP failure of a management request to the taxonomy: 401 Authentication,
// 403 QuotaExceeded or Authorization, 404 EntityNotFound, 409 EntityAlreadyExists (or
// ServerBusy for a conflicting operation, SubCode=40901), 400 InvalidInput with the service's
// detail, 408/504 Timeout, 429/503 ServerBusy, other 5xx Internal. `subject` names what the
// request was about, e.g. "the queue 'orders'".
[[nodiscard]] Error adminHttpError(int status, const QByteArray& body, const QString& subject);

} // namespace busbar
