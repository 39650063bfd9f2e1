#pragma once

#include "core/common/Result.h"
#include "emulator/admin/AdminRequestHandler.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>
#include <utility>
#include <vector>

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

    // Serves another namespace on the same listeners: a request whose Host starts with
    // "<namespaceName>." ("ns2.localhost:5300") goes to it, like AMQP connections do;
    // every other host reaches the namespace given to the constructor.
    void addNamespace(Broker* broker, const QString& namespaceName, const QList<SasRule>& sasRules);

    // Whether requests need a valid SAS token with the Manage right (default: yes).
    void setRequireAuthorization(bool required);

    // Port 0 picks a free port; the port in use is returned. Fails if the port is taken.
    Result<quint16> listenHttp(quint16 port, const QHostAddress& address = QHostAddress::LocalHost);
    // The configuration must hold the certificate and private key.
    Result<quint16> listenHttps(quint16 port, const QSslConfiguration& configuration,
                                const QHostAddress& address = QHostAddress::LocalHost);

    // The constructor's namespace.
    [[nodiscard]] AdminRequestHandler& handler() { return *m_handlers.front().second; }

private:
    class Endpoint;

    [[nodiscard]] AdminResponse dispatch(const AdminRequest& request) const;

    std::vector<std::pair<QString, std::unique_ptr<AdminRequestHandler>>> m_handlers;
    bool m_requireAuthorization = true;
    std::unique_ptr<Endpoint> m_http;
    std::unique_ptr<Endpoint> m_https;
};

} // namespace busbar::emulator
