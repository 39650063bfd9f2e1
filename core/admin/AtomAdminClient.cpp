#include "core/admin/AtomAdminClient.h"

#include "core/admin/AdminClientErrors.h"
#include "core/admin/AtomAdminClientCalls.h"
#include "core/admin/EntityValidator.h"
#include "core/auth/ConnectionString.h"
#include "core/auth/SasToken.h"
#include "core/auth/TokenProvider.h"
#include "core/servicebus/WhenFinished.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTimer>

#include <array>

namespace busbar {
namespace {

const char* const kTimedOutProperty = "busbar_timedOut";
// Error::condition of a failed TLS handshake (client-side; no AMQP condition applies).
constexpr QLatin1StringView kTlsHandshakeFailed{"busbar:tls-handshake-failed"};

} // namespace

using namespace admin_detail;

AdminClientOptions AdminClientOptions::fromConnectionString(const ConnectionString& connection) {
    AdminClientOptions options;
    options.baseUrl = connection.adminBaseUrl();
    options.keyName = connection.keyName();
    options.key = connection.key();
    options.sharedAccessSignature = connection.sharedAccessSignature();
    return options;
}

AtomAdminClient::AtomAdminClient(AdminClientOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this)) {
    // Without one, the manager asks the application proxy factory per request.
    if (m_options.proxy) {
        m_network->setProxy(*m_options.proxy);
    }
    if (!m_options.extraCaCertificatePath.isEmpty()) {
        const QList<QSslCertificate> extra =
            QSslCertificate::fromPath(m_options.extraCaCertificatePath, QSsl::Pem);
        if (extra.isEmpty()) {
            m_setupError = Error::invalidInput(
                QStringLiteral("The CA certificate file '%1' could not be read as PEM.")
                    .arg(m_options.extraCaCertificatePath));
        } else {
            // Verification stays on: the extra CA is trusted besides the system store.
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
            m_ssl = ssl;
        }
    }
    if (!m_options.baseUrl.isValid() || m_options.baseUrl.host().isEmpty()) {
        m_setupError = Error::invalidInput(
            QStringLiteral("The management endpoint URL is not valid: it needs a scheme and a "
                           "host, e.g. https://contoso.servicebus.windows.net/."));
    }
    m_options.pageSize = std::clamp(m_options.pageSize, 1, 100);
}

AtomAdminClient::~AtomAdminClient() = default;

QUrl AtomAdminClient::requestUrl(const QString& path, const QUrlQuery& query) const {
    QUrl url = m_options.baseUrl;
    QString basePath = url.path();
    if (!basePath.endsWith(QLatin1Char('/'))) {
        basePath += QLatin1Char('/');
    }
    // Decoded mode keeps '/' inside entity names as separators and escapes what must be.
    url.setPath(basePath + path, QUrl::DecodedMode);
    QUrlQuery full = query;
    full.addQueryItem(QStringLiteral("api-version"), m_options.apiVersion);
    url.setQuery(full);
    return url;
}

QFuture<VoidResult> AtomAdminClient::remove(const QString& path, const QString& subject) {
    return call<void>(Request{"DELETE", path, {}, {}, false, {}, subject},
                      [](const HttpReply&) -> VoidResult { return {}; });
}

void AtomAdminClient::send(Request request, ReplyHandler done, int attempt) {
    if (m_setupError) {
        done(fail(*m_setupError));
        return;
    }
    const QUrl url = requestUrl(request.path, request.query);
    authorize(url, [this, request = std::move(request), url, done = std::move(done),
                    attempt](Result<QString> authorization) mutable {
        if (!authorization) {
            done(fail(authorization.error()));
            return;
        }
        // Only reads are retried: a PUT or DELETE whose answer was lost may have been applied,
        // and repeating it would report 409 or 404 for what succeeded.
        const bool retryable = request.verb == "GET" && attempt < m_options.maxRetries;
        ReplyHandler handler = std::move(done);
        if (retryable) {
            handler = [this, request, handler, attempt](Result<HttpReply> reply) {
                if (reply || !reply.error().isRetryable() ||
                    reply.error().condition == kTlsHandshakeFailed) {
                    handler(std::move(reply));
                    return;
                }
                QTimer::singleShot(retryDelay(attempt), this, [this, request, handler, attempt] {
                    send(request, handler, attempt + 1);
                });
            };
        }
        dispatch(request, url, *authorization, std::move(handler));
    });
}

std::chrono::milliseconds AtomAdminClient::retryDelay(int attempt) const {
    // Exponential back-off with up to 50% jitter, so many clients do not retry in step.
    const qint64 base = m_options.retryDelay.count() << std::min(attempt, 10);
    const qint64 jitter = base > 1 ? QRandomGenerator::global()->bounded(base / 2) : 0;
    return std::chrono::milliseconds(base + jitter);
}

void AtomAdminClient::authorize(const QUrl& url, AuthorizationHandler done) {
    // SAS audiences are the request URL without its query, as the .NET client signs them.
    const QString audience = url.adjusted(QUrl::RemoveQuery).toString();
    if (m_options.tokenProvider) {
        whenFinished(m_options.tokenProvider->token(audience), this,
                     [done = std::move(done)](const Result<AccessToken>& token) {
                         if (!token) {
                             done(fail(token.error()));
                             return;
                         }
                         done(token->authorizationHeader());
                     });
        return;
    }
    if (!m_options.sharedAccessSignature.isEmpty()) {
        QString token = m_options.sharedAccessSignature.trimmed();
        if (!token.startsWith(QLatin1String("SharedAccessSignature "))) {
            token.prepend(QStringLiteral("SharedAccessSignature "));
        }
        done(token);
        return;
    }
    if (!m_options.keyName.isEmpty() && !m_options.key.isEmpty()) {
        const qint64 expiry = QDateTime::currentSecsSinceEpoch() + m_options.sasLifetime.count();
        done(SasToken::sign(audience, m_options.keyName, m_options.key, expiry));
        return;
    }
    done(fail(ErrorCode::Authentication,
              QStringLiteral("No credentials to manage entities with: give a connection string "
                             "with a key or a shared access signature, or sign in.")));
}

QString AtomAdminClient::supplementaryAuthorization(const QString& target,
                                                    const QString& authorization) const {
    if (m_options.tokenProvider || !m_options.sharedAccessSignature.isEmpty()) {
        return authorization; // bearer tokens and ready signatures are not per entity
    }
    QString audience = target;
    if (!audience.contains(QLatin1String("://"))) {
        audience = requestUrl(target).adjusted(QUrl::RemoveQuery).toString();
    }
    const qint64 expiry = QDateTime::currentSecsSinceEpoch() + m_options.sasLifetime.count();
    return SasToken::sign(audience, m_options.keyName, m_options.key, expiry);
}

void AtomAdminClient::dispatch(const Request& request, const QUrl& url,
                               const QString& authorization, ReplyHandler done) {
    QNetworkRequest http(url);
    // A redirect must not carry the Authorization header to another host.
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::ManualRedirectPolicy);
    http.setRawHeader("Authorization", authorization.toUtf8());
    if (!request.body.isEmpty()) {
        http.setRawHeader("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
    }
    if (request.ifMatch) {
        http.setRawHeader("If-Match", "*");
    }
    const std::array<QByteArray, 2> supplementaryHeaders{
        QByteArrayLiteral("ServiceBusSupplementaryAuthorization"),
        QByteArrayLiteral("ServiceBusDlqSupplementaryAuthorization")};
    for (qsizetype i = 0; i < request.forwardTargets.size() && i < 2; ++i) {
        if (!request.forwardTargets[i].isEmpty()) {
            http.setRawHeader(
                supplementaryHeaders[static_cast<size_t>(i)],
                supplementaryAuthorization(request.forwardTargets[i], authorization).toUtf8());
        }
    }
    if (m_ssl) {
        http.setSslConfiguration(*m_ssl);
    }

    QNetworkReply* reply = m_network->sendCustomRequest(http, request.verb, request.body);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty(kTimedOutProperty, true);
        reply->abort();
    });
    timer->start(m_options.timeout);

    connect(reply, &QNetworkReply::finished, this,
            [this, reply, subject = request.subject, host = url.host(), done = std::move(done)] {
                reply->deleteLater();
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->property(kTimedOutProperty).toBool()) {
                    Error error = Error::make(
                        ErrorCode::Timeout,
                        QStringLiteral("The management endpoint %1 did not answer within %2 s.")
                            .arg(host)
                            .arg(static_cast<double>(m_options.timeout.count()) / 1000.0));
                    done(fail(std::move(error)));
                    return;
                }
                if (status == 0) {
                    Error error =
                        Error::make(ErrorCode::Connection,
                                    QStringLiteral("Could not reach the management endpoint %1: %2")
                                        .arg(host, reply->errorString()));
                    error.description = reply->errorString();
                    if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
                        // An untrusted certificate does not heal by retrying.
                        error.condition = QString(kTlsHandshakeFailed);
                        error.message =
                            QStringLiteral("The TLS certificate of %1 was not accepted: %2 "
                                           "(add its CA as an extra CA certificate if you trust "
                                           "it)")
                                .arg(host, reply->errorString());
                    }
                    done(fail(std::move(error)));
                    return;
                }
                const QByteArray body = reply->readAll();
                if (status < 200 || status >= 300) {
                    done(fail(adminHttpError(status, body, subject)));
                    return;
                }
                done(HttpReply{status, body});
            });
}

// --- Namespace ---------------------------------------------------------------------------

QFuture<Result<NamespaceInfo>> AtomAdminClient::namespaceInfo() {
    return call<NamespaceInfo>(
        Request{"GET",
                QStringLiteral("$namespaceinfo"),
                {},
                {},
                false,
                {},
                QStringLiteral("the namespace")},
        [](const HttpReply& reply) { return AtomSerializer::parseNamespaceInfo(reply.body); });
}

} // namespace busbar
