#include "emulator/admin/AdminHttpServer.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QSslKey>

namespace busbar::emulator {

// One listener. QAbstractHttpServer (not QHttpServer's router) because entity paths may
// contain '/' and the API's routing is by segment, case-insensitive, which the handler does.
// In Qt 6.4 sslSetup() turns every later listen() of a server into TLS, hence one
// Endpoint per scheme.
class AdminHttpServer::Endpoint final : public QAbstractHttpServer {
public:
    Endpoint(const AdminHttpServer& server, bool secure)
        : m_server(server)
        , m_secure(secure) {}

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override {
        AdminRequest adminRequest;
        switch (request.method()) {
        case QHttpServerRequest::Method::Get:
            adminRequest.method = AdminRequest::Method::Get;
            break;
        case QHttpServerRequest::Method::Put:
            adminRequest.method = AdminRequest::Method::Put;
            break;
        case QHttpServerRequest::Method::Delete:
            adminRequest.method = AdminRequest::Method::Delete;
            break;
        default:
            adminRequest.method = AdminRequest::Method::Other;
            break;
        }
        adminRequest.url = request.url();
        adminRequest.headers = request.headers();
        adminRequest.body = request.body();
        adminRequest.secure = m_secure;

        const AdminResponse answer = m_server.dispatch(adminRequest);
        QHttpServerResponse response(
            answer.contentType.isEmpty() ? QByteArrayLiteral("text/plain") : answer.contentType,
            answer.body, static_cast<QHttpServerResponder::StatusCode>(answer.status));
        response.write(makeResponder(request, socket));
        return true;
    }

    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override {
        // Unreachable (handleRequest answers everything), but an answer beats a hung client.
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    const AdminHttpServer& m_server;
    bool m_secure;
};

AdminHttpServer::AdminHttpServer(Broker* broker, const QString& namespaceName,
                                 const QList<SasRule>& sasRules, QObject* parent)
    : QObject(parent) {
    addNamespace(broker, namespaceName, sasRules);
}

AdminHttpServer::~AdminHttpServer() = default;

void AdminHttpServer::addNamespace(Broker* broker, const QString& namespaceName,
                                   const QList<SasRule>& sasRules) {
    auto handler = std::make_unique<AdminRequestHandler>(broker, namespaceName, sasRules);
    handler->setRequireAuthorization(m_requireAuthorization);
    m_handlers.emplace_back(namespaceName, std::move(handler));
}

void AdminHttpServer::setRequireAuthorization(bool required) {
    m_requireAuthorization = required;
    for (auto& entry : m_handlers) {
        entry.second->setRequireAuthorization(required);
    }
}

AdminResponse AdminHttpServer::dispatch(const AdminRequest& request) const {
    // "<namespace>.localhost:5300" picks that namespace (the rule AMQP connections follow).
    const QString label =
        QString::fromUtf8(request.header("host")).section(u':', 0, 0).section(u'.', 0, 0);
    for (const auto& [name, handler] : m_handlers) {
        if (!label.isEmpty() && name.compare(label, Qt::CaseInsensitive) == 0) {
            return handler->handle(request);
        }
    }
    return m_handlers.front().second->handle(request);
}

namespace {

Result<quint16> listenOn(QAbstractHttpServer& server, const QHostAddress& address, quint16 port,
                         const QString& scheme) {
    const quint16 bound = server.listen(address, port);
    if (bound == 0) {
        return fail(ErrorCode::Connection,
                    QStringLiteral("The admin API cannot listen for %1 on %2:%3 (is the "
                                   "port in use?).")
                        .arg(scheme, address.toString())
                        .arg(port));
    }
    return bound;
}

} // namespace

Result<quint16> AdminHttpServer::listenHttp(quint16 port, const QHostAddress& address) {
    if (!m_http) {
        m_http = std::make_unique<Endpoint>(*this, false);
    }
    return listenOn(*m_http, address, port, QStringLiteral("HTTP"));
}

Result<quint16> AdminHttpServer::listenHttps(quint16 port, const QSslConfiguration& configuration,
                                             const QHostAddress& address) {
    if (configuration.localCertificate().isNull() || configuration.privateKey().isNull()) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("HTTPS for the admin API needs a certificate and its private key."));
    }
    if (!m_https) {
        m_https = std::make_unique<Endpoint>(*this, true);
        m_https->sslSetup(configuration);
    }
    return listenOn(*m_https, address, port, QStringLiteral("HTTPS"));
}

} // namespace busbar::emulator
