#pragma once

#include "core/auth/ConnectionString.h"

#include <QObject>
#include <QString>

#include <memory>

namespace busbar {

class AdminClient;
class AmqpServiceBusClient;
class AtomAdminClient;
class ServiceBusClient;
class TokenProvider;

// One open namespace: the messaging client and the management client made from the same
// credentials, and the connection state the status bar and the tree show. Lives on the GUI
// thread; the clients do their work elsewhere and never block it. Several can be open at once.
class NamespaceSession final : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Connected, Failed, Closed };
    Q_ENUM(State)

    // `id` is the saved connection's id (or a fresh one for an unsaved namespace); `name` is
    // what the tree shows. The connection string carries the key or signature.
    NamespaceSession(const QString& id, const QString& name, const ConnectionString& connection,
                     QObject* parent = nullptr);
    // Entra ID through a token provider (Azure CLI): `connection` names the endpoint only.
    NamespaceSession(const QString& id, const QString& name, const ConnectionString& connection,
                     std::shared_ptr<TokenProvider> tokenProvider, QObject* parent = nullptr);
    ~NamespaceSession() override;

    [[nodiscard]] const QString& id() const { return m_id; }
    [[nodiscard]] const QString& name() const { return m_name; }
    [[nodiscard]] QString host() const { return m_connection.host(); }
    // The entity an entity-scoped connection string names (EntityPath), or the subscription
    // of that topic the user chose (setEntityPath); empty for a namespace-wide string.
    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    // Refines a bare EntityPath to what it really names (scopedEntityPath() of the saved
    // connection): the tree reads it when the namespace is attached, so set it before. Ignored
    // for a namespace-wide string.
    void setEntityPath(const QString& path);
    // What the session connects with (it holds the key: never log it, only redacted()).
    [[nodiscard]] const ConnectionString& connectionString() const { return m_connection; }
    // The Entra ID token provider it was opened with; null for a key or a signature.
    [[nodiscard]] const std::shared_ptr<TokenProvider>& tokenProvider() const {
        return m_tokenProvider;
    }
    [[nodiscard]] State state() const { return m_state; }
    // Why the last attempt failed, in words for the user (no secrets); empty otherwise.
    [[nodiscard]] const QString& errorText() const { return m_error; }

    [[nodiscard]] ServiceBusClient* client() const;
    [[nodiscard]] AdminClient* admin() const;

    // Opens the AMQP connection; stateChanged follows. Calling it again retries after a failure.
    void open();
    // Closes the connection; the clients stay usable objects but every call fails.
    void close();

    [[nodiscard]] static QString stateText(State state);

Q_SIGNALS:
    void stateChanged(busbar::NamespaceSession::State state);

private:
    void setState(State state, const QString& error = {});

    QString m_id;
    QString m_name;
    ConnectionString m_connection;
    QString m_entityPath;
    std::shared_ptr<TokenProvider> m_tokenProvider;
    std::unique_ptr<AmqpServiceBusClient> m_client;
    AtomAdminClient* m_admin = nullptr; // child
    State m_state = State::Idle;
    int m_attempt = 0;
    QString m_error;
};

} // namespace busbar
