#include "ui/explorer/NamespaceSession.h"

#include "core/admin/AtomAdminClient.h"
#include "core/auth/TokenProvider.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"

#include <memory>
#include <optional>

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
    , m_connection(connection)
    , m_entityPath(connection.entityPath())
    , m_tokenProvider(tokenProvider) {
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

void NamespaceSession::setEntityPath(const QString& path) {
    if (!m_connection.entityPath().isEmpty() && !path.isEmpty()) {
        m_entityPath = path;
    }
}

void NamespaceSession::open() {
    if (m_state == State::Connecting || m_state == State::Connected) {
        return;
    }
    setState(State::Connecting);
    // The AMQP connection opens without credentials (SASL ANONYMOUS; tokens go per entity),
    // so the namespace info from the management API is what proves the key works.
    // A string scoped to one entity (EntityPath) usually carries a key without Manage, which
    // the management API refuses although the entity itself can be used: there the first
    // operation on the entity proves the key, and its error names the problem.
    const bool scoped = !m_connection.entityPath().isEmpty();
    const int attempt = ++m_attempt;
    auto remaining = std::make_shared<int>(scoped ? 1 : 2);
    const auto settle = [this, attempt, remaining](const std::optional<Error>& error) {
        if (attempt != m_attempt || m_state != State::Connecting) {
            return; // closed, failed or retried meanwhile
        }
        if (error) {
            setState(State::Failed, redactSecrets(error->message));
        } else if (--*remaining == 0) {
            setState(State::Connected);
        }
    };
    whenFinished(m_client->connect(), this, [settle](const VoidResult& opened) {
        settle(opened ? std::nullopt : std::optional<Error>(opened.error()));
    });
    if (scoped) {
        return;
    }
    whenFinished(m_admin->namespaceInfo(), this, [settle](const Result<NamespaceInfo>& info) {
        settle(info ? std::nullopt : std::optional<Error>(info.error()));
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
