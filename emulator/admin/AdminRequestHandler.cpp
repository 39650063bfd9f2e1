#include "emulator/admin/AdminRequestHandler.h"

#include "core/admin/XmlElement.h"
#include "core/admin/XsdDateTime.h"
#include "emulator/admin/AdminRequestContext.h"
#include "emulator/broker/Broker.h"

#include <QDateTime>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

namespace busbar::emulator {

using namespace admin_detail;

QByteArray AdminRequest::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

AdminRequestHandler::AdminRequestHandler(Broker* broker, QString namespaceName,
                                         QList<SasRule> sasRules)
    : m_broker(broker)
    , m_namespaceName(std::move(namespaceName))
    , m_sasRules(sasRules)
    , m_validator(
          [sasRules](const QString& keyName) -> std::optional<QString> {
              for (const auto& rule : sasRules) {
                  if (rule.keyName == keyName) {
                      return rule.key;
                  }
              }
              return std::nullopt;
          },
          [&sasRules] {
              QStringList names;
              for (const auto& rule : sasRules) {
                  names.append(rule.keyName);
              }
              return names;
          }())
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); }) {}

AdminResponse AdminRequestHandler::errorResponse(int status, const QString& detail,
                                                 const QString& path) {
    const QString tracked =
        QStringLiteral("%1 TrackingId:%2, SystemTracker:%3, Timestamp:%4")
            .arg(detail, QUuid::createUuid().toString(QUuid::WithoutBraces), path,
                 XsdDateTime::formatSeconds(QDateTime::currentDateTimeUtc()));
    return {status, kErrorType, AtomSerializer::errorBody(status, tracked)};
}

AdminResponse AdminRequestHandler::fromError(const Error& error, const QString& path) {
    return errorResponse(statusFor(error.code), error.message, path);
}

AdminResponse AdminRequestHandler::handle(const AdminRequest& request) const {
    Context context{request, {}, {}, {}, {}, 0, kMaxPageSize, {}};
    const QByteArray host = request.header("host");
    context.base = (request.secure ? QStringLiteral("https://") : QStringLiteral("http://")) +
                   (host.isEmpty() ? QStringLiteral("localhost") : QString::fromUtf8(host)) + u'/';
    context.segments = request.url.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    context.path = context.segments.join(u'/');
    context.apiVersion = QStringLiteral("2021-05");
    const auto items = QUrlQuery(request.url).queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items) {
        bool ok = true;
        if (key == u"api-version") {
            context.apiVersion = value;
        } else if (key == u"$skip") {
            context.skip = value.toInt(&ok);
            ok = ok && context.skip >= 0;
        } else if (key == u"$top") {
            context.top = std::min(value.toInt(&ok), kMaxPageSize);
            ok = ok && context.top >= 0;
        }
        if (!ok) {
            context.pagingError =
                QStringLiteral("The query parameter %1 must be a non-negative integer, got '%2'.")
                    .arg(key, value);
        }
    }

    if (request.method == AdminRequest::Method::Other) {
        return errorResponse(405,
                             QStringLiteral("The method is not supported; use GET, PUT or DELETE."),
                             context.path);
    }
    if (context.segments.size() == 1 &&
        same(context.segments.first(), QLatin1StringView("health"))) {
        return {200, QByteArrayLiteral("text/plain;charset=utf-8"), QByteArrayLiteral("OK")};
    }
    if (AdminResponse denied = checkAuthorization(context); denied.status != 0) {
        return denied;
    }
    return route(context);
}

AdminResponse AdminRequestHandler::checkAuthorization(const Context& context) const {
    if (!m_requireAuthorization) {
        return {0, {}, {}};
    }
    const QString header = QString::fromUtf8(context.request.header("authorization")).trimmed();
    const auto unauthorized = [&](const QString& why) {
        return errorResponse(401, QStringLiteral("Unauthorized: %1").arg(why), context.path);
    };
    if (header.isEmpty()) {
        return unauthorized(
            QStringLiteral("the Authorization header with a SharedAccessSignature is missing."));
    }
    if (header.startsWith(QStringLiteral("Bearer "), Qt::CaseInsensitive)) {
        return unauthorized(QStringLiteral(
            "Microsoft Entra ID tokens are not supported; use a SharedAccessSignature."));
    }
    const auto token = m_validator.validate(header, m_clock());
    if (!token) {
        return unauthorized(token.error().message);
    }
    const auto rule = std::find_if(m_sasRules.cbegin(), m_sasRules.cend(),
                                   [&](const SasRule& r) { return r.keyName == token->keyName(); });
    if (rule == m_sasRules.cend() || !rule->manage) {
        return unauthorized(
            QStringLiteral("the Manage claim is required for this operation (key '%1').")
                .arg(token->keyName()));
    }
    // Scope by path only: clients may sign for "localhost" while connecting to 127.0.0.1, and
    // the JS SDK signs the whole request URL, query included ("…/q?api-version=2021-05").
    QString resource = token->resource();
    if (!resource.contains(QStringLiteral("://"))) {
        resource.prepend(QStringLiteral("sb://"));
    }
    QString scope = QUrl(resource).path(QUrl::FullyDecoded);
    while (scope.startsWith(u'/')) {
        scope.remove(0, 1);
    }
    while (scope.endsWith(u'/')) {
        scope.chop(1);
    }
    const bool covered = scope.isEmpty() || context.path.compare(scope, Qt::CaseInsensitive) == 0 ||
                         context.path.startsWith(scope + u'/', Qt::CaseInsensitive);
    if (!covered) {
        return unauthorized(QStringLiteral("the token's resource '%1' does not cover '%2'.")
                                .arg(token->resource(), context.path));
    }
    return {0, {}, {}};
}

AdminResponse AdminRequestHandler::checkSupplementary(const Context& context,
                                                      const QByteArray& header,
                                                      const QString& target) const {
    const QByteArray value = context.request.header(header);
    if (!m_requireAuthorization || target.isEmpty() || value.isEmpty()) {
        return {0, {}, {}};
    }
    const auto token = m_validator.validate(QString::fromUtf8(value).trimmed(), m_clock());
    if (!token) {
        return errorResponse(401,
                             QStringLiteral("Unauthorized: the %1 token for '%2' is not valid: %3")
                                 .arg(QString::fromLatin1(header), target, token.error().message),
                             context.path);
    }
    return {0, {}, {}};
}

AdminResponse AdminRequestHandler::route(const Context& context) const {
    const QStringList& s = context.segments;
    const auto method = context.request.method;
    const auto notAllowed = [&] {
        return errorResponse(405,
                             QStringLiteral("The method is not allowed on '%1'.").arg(context.path),
                             context.path);
    };
    if (s.isEmpty()) {
        return errorResponse(404, QStringLiteral("No resource was named."), context.path);
    }
    if (!context.pagingError.isEmpty()) {
        return errorResponse(400, context.pagingError, context.path);
    }
    if (s.size() == 1 && same(s[0], QLatin1StringView("$namespaceinfo"))) {
        return method == AdminRequest::Method::Get ? namespaceInfo(context) : notAllowed();
    }
    if (same(s[0], QLatin1StringView("$Resources"))) {
        if (s.size() == 2 && same(s[1], QLatin1StringView("Queues"))) {
            return method == AdminRequest::Method::Get ? listQueues(context) : notAllowed();
        }
        if (s.size() == 2 && same(s[1], QLatin1StringView("Topics"))) {
            return method == AdminRequest::Method::Get ? listTopics(context) : notAllowed();
        }
        return errorResponse(404,
                             QStringLiteral("Unknown resource collection '%1'.").arg(context.path),
                             context.path);
    }

    qsizetype split = -1;
    for (qsizetype i = 1; i < s.size(); ++i) {
        if (same(s[i], QLatin1StringView("Subscriptions"))) {
            split = i;
            break;
        }
    }
    if (split < 0) {
        switch (method) {
        case AdminRequest::Method::Get:
            return getEntity(context, context.path);
        case AdminRequest::Method::Put:
            return putEntity(context, context.path);
        default:
            break;
        }
        if (auto deleted = m_broker->deleteEntity(context.path); !deleted) {
            return fromError(deleted.error(), context.path);
        }
        return {200, kEntryType, {}};
    }

    const QString topic = s.mid(0, split).join(u'/');
    const QStringList rest = s.mid(split + 1);
    if (rest.isEmpty()) {
        return method == AdminRequest::Method::Get ? listSubscriptions(context, topic)
                                                   : notAllowed();
    }
    const QString& subscription = rest[0];
    if (rest.size() == 1) {
        switch (method) {
        case AdminRequest::Method::Get:
            return getSubscription(context, topic, subscription);
        case AdminRequest::Method::Put:
            return putSubscription(context, topic, subscription);
        default:
            break;
        }
        const QString path = topic + QStringLiteral("/Subscriptions/") + subscription;
        if (auto deleted = m_broker->deleteEntity(path); !deleted) {
            return fromError(deleted.error(), context.path);
        }
        return {200, kEntryType, {}};
    }
    if (!same(rest[1], QLatin1StringView("Rules")) || rest.size() > 3) {
        return errorResponse(404, QStringLiteral("Unknown resource '%1'.").arg(context.path),
                             context.path);
    }
    if (rest.size() == 2) {
        return method == AdminRequest::Method::Get ? listRules(context, topic, subscription)
                                                   : notAllowed();
    }
    const QString& rule = rest[2];
    switch (method) {
    case AdminRequest::Method::Get:
        return getRule(context, topic, subscription, rule);
    case AdminRequest::Method::Put:
        return putRule(context, topic, subscription, rule);
    default:
        break;
    }
    if (auto deleted = m_broker->deleteRule(topic, subscription, rule); !deleted) {
        return fromError(deleted.error(), context.path);
    }
    return {200, kEntryType, {}};
}

AtomEntryMeta AdminRequestHandler::meta(const Context& context, const QString& path,
                                        const QString& title,
                                        const EntityRuntimeInfo& runtime) const {
    AtomEntryMeta m;
    m.id = context.base + path + QStringLiteral("?api-version=") + context.apiVersion;
    m.selfHref = m.id;
    m.title = title;
    m.published = runtime.createdAt.isValid() ? runtime.createdAt : QDateTime::currentDateTimeUtc();
    m.updated = runtime.updatedAt.isValid() ? runtime.updatedAt : m.published;
    m.author = m_namespaceName;
    return m;
}

AdminResponse AdminRequestHandler::feed(const Context& context, const QString& title,
                                        QList<AtomEntry> entries) const {
    const qsizetype total = entries.size();
    const qsizetype from = std::min<qsizetype>(context.skip, total);
    const qsizetype count = std::min<qsizetype>(context.top, total - from);
    AtomFeedMeta m;
    m.title = title;
    const QString self = context.base + context.path;
    m.id = self + QStringLiteral("?$skip=%1&$top=%2&api-version=%3")
                      .arg(context.skip)
                      .arg(context.top)
                      .arg(context.apiVersion);
    m.selfHref = m.id;
    if (from + count < total && count > 0) {
        m.nextHref = self + QStringLiteral("?%24skip=%1&%24top=%2&api-version=%3")
                                .arg(from + count)
                                .arg(context.top)
                                .arg(context.apiVersion);
    }
    m.updated = QDateTime::currentDateTimeUtc();
    QList<AtomEntry> page = entries.mid(from, count);
    for (auto& entry : page) {
        entry.meta.xmlBase = m.id;
    }
    return {200, kFeedType, AtomSerializer::feed(m, page)};
}

} // namespace busbar::emulator
