#include "ui/explorer/NamespaceSession.h"

#include "core/admin/AtomAdminClient.h"
#include "core/auth/TokenProvider.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"

namespace busbar {

NamespaceSession::NamespaceSession(const QString& id, const QString& name,
                                   const ConnectionString& connection, QObject* parent)
    : NamespaceSession(id, name, connection, nullptr, parent) {}

NamespaceSession::NamespaceSession(const QString& id, const QString& name,
                                   const ConnectionString& connection,
                                   std::shared_ptr<TokenProvider> tokenProvider, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_name(name)
    , m_connection(connection) {
    setObjectName(QStringLiteral("namespaceSession:") + name);
    NamespaceConnectionOptions options;
    options.connectionString = connection;
    options.tokenProvider = tokenProvider;
    m_client = std::make_unique<AmqpServiceBusClient>(std::move(options));

    AdminClientOptions adminOptions = AdminClientOptions::fromConnectionString(connection);
    adminOptions.tokenProvider = std::move(tokenProvider);
    m_admin = new AtomAdminClient(std::move(adminOptions), this);
}

NamespaceSession::~NamespaceSession() {
    if (m_client) {
        m_client->connection().close();
    }
}

ServiceBusClient* NamespaceSession::client() const {
    return m_client.get();
}

AdminClient* NamespaceSession::admin() const {
    return m_admin;
}

void NamespaceSession::open() {
    if (m_state == State::Connecting || m_state == State::Connected) {
        return;
    }
    setState(State::Connecting);
    whenFinished(m_client->connect(), this, [this](const VoidResult& opened) {
        if (m_state != State::Connecting) {
            return; // closed meanwhile
        }
        if (opened) {
            setState(State::Connected);
        } else {
            setState(State::Failed, redactSecrets(opened.error().message));
        }
    });
}

void NamespaceSession::close() {
    if (m_state == State::Closed) {
        return;
    }
    m_client->connection().close();
    setState(State::Closed);
}

QString NamespaceSession::stateText(State state) {
    switch (state) {
    case State::Idle:
        return tr("not connected");
    case State::Connecting:
        return tr("connecting…");
    case State::Connected:
        return tr("connected");
    case State::Failed:
        return tr("connection failed");
    case State::Closed:
        return tr("disconnected");
    }
    return {};
}

void NamespaceSession::setState(State state, const QString& error) {
    m_error = error;
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace busbar
