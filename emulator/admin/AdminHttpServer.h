#pragma once

#include "core/common/Result.h"
#include "emulator/admin/AdminRequestHandler.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>

namespace busbar::emulator {

class Broker;

// The emulator's ATOM/XML management API over HTTP and HTTPS (Qt HttpServer), for one
// namespace: what ServiceBusAdministrationClient and Busbar's own admin client talk to.
// Both listeners share one AdminRequestHandler; it runs on the broker's thread, as the
// broker requires, because the server lives there too.
class AdminHttpServer final : public QObject {
    Q_OBJECT
public:
    AdminHttpServer(Broker* broker, const QString& namespaceName, const QList<SasRule>& sasRules,
                    QObject* parent = nullptr);
    ~AdminHttpServer() override;

    // Whether requests need a valid SAS token with the Manage right (default: yes).
    void setRequireAuthorization(bool required);

    // Port 0 picks a free port; the port in use is returned. Fails if the port is taken.
    Result<quint16> listenHttp(quint16 port, const QHostAddress& address = QHostAddress::LocalHost);
    // The configuration must hold the certificate and private key.
    Result<quint16> listenHttps(quint16 port, const QSslConfiguration& configuration,
                                const QHostAddress& address = QHostAddress::LocalHost);

    [[nodiscard]] AdminRequestHandler& handler() { return m_handler; }

private:
    class Endpoint;

    AdminRequestHandler m_handler;
    std::unique_ptr<Endpoint> m_http;
    std::unique_ptr<Endpoint> m_https;
};

} // namespace busbar::emulator
