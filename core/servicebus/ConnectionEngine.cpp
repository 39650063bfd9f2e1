#include "core/amqp/AmqpDriver.h"
#include "core/amqp/ProtonAccess.h"
#include "core/amqp/TcpByteTransport.h"
#include "core/amqp/WebSocketByteTransport.h"
#include "core/auth/SasKeyTokenProvider.h"
#include "core/auth/SasTokenProvider.h"
#include "core/diagnostics/FrameTrace.h"
#include "core/servicebus/ConnectionEnginePrivate.h"

#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <proton/connection.hpp>
#include <proton/connection_options.hpp>
#include <proton/delivery.hpp>
#include <proton/error_condition.hpp>
#include <proton/messaging_handler.hpp>
#include <proton/receiver.hpp>
#include <proton/sender.hpp>
#include <proton/tracker.hpp>
#include <proton/transport.hpp>

namespace busbar {

Q_LOGGING_CATEGORY(lcAmqp, "busbar.amqp")

Error connectionError(const QString& message) {
    return Error::make(ErrorCode::Connection, message);
}

// Forwards Proton's events to the engine by C handle. on_error is overridden because the
// default throws, and an exception must never unwind through the driver.
class ConnectionEngine::Handler final : public proton::messaging_handler {
public:
    explicit Handler(ConnectionEngine* engine)
        : m_engine(engine) {}

    void on_connection_open(proton::connection&) override { m_engine->onConnectionOpened(); }
    void on_sender_open(proton::sender& s) override { m_engine->onLinkOpened(cLink(s)); }
    void on_receiver_open(proton::receiver& r) override { m_engine->onLinkOpened(cLink(r)); }
    void on_sender_close(proton::sender& s) override { closed(s); }
    void on_receiver_close(proton::receiver& r) override { closed(r); }
    void on_sendable(proton::sender& s) override { m_engine->onSendable(cLink(s)); }
    void on_tracker_accept(proton::tracker& t) override {
        m_engine->onOutcome(cDelivery(t), false);
    }
    void on_tracker_reject(proton::tracker& t) override {
        m_engine->onOutcome(cDelivery(t), false);
    }
    void on_tracker_release(proton::tracker& t) override {
        m_engine->onOutcome(cDelivery(t), false);
    }
    void on_tracker_settle(proton::tracker& t) override { m_engine->onOutcome(cDelivery(t), true); }
    void on_delivery_settle(proton::delivery& d) override {
        m_engine->onReceiverSettled(cDelivery(d));
    }
    void on_transport_error(proton::transport& t) override {
        m_engine->onTransportError(QString::fromStdString(t.error().what()));
    }
    void on_connection_error(proton::connection& c) override {
        m_engine->onTransportError(QString::fromStdString(c.error().what()));
    }
    void on_sender_error(proton::sender&) override {}
    void on_receiver_error(proton::receiver&) override {}
    void on_session_error(proton::session&) override {}
    void on_error(const proton::error_condition&) override {}

private:
    void closed(const proton::link& link) {
        const proton::error_condition error = link.error();
        m_engine->onLinkClosed(cLink(link), QString::fromStdString(error.name()),
                               QString::fromStdString(error.description()));
    }

    ConnectionEngine* m_engine;
};

ConnectionEngine::ConnectionEngine(NamespaceConnectionOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_host(m_options.connectionString.host())
    , m_containerId(QStringLiteral("busbar-") +
                    QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))
    , m_reconnectTimer(this)
    , m_deadlines(this) {
    m_tokens = m_options.tokenProvider;
    if (!m_tokens) {
        const ConnectionString& cs = m_options.connectionString;
        if (cs.usesSharedAccessSignature()) {
            m_tokens = std::make_shared<SasTokenProvider>(cs.sharedAccessSignature());
        } else {
            m_tokens = std::make_shared<SasKeyTokenProvider>(cs.keyName(), cs.key());
        }
    }
    m_handler = std::make_unique<Handler>(this);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Backoff) {
            startConnecting();
        }
    });
}

ConnectionEngine::~ConnectionEngine() {
    shutdown();
}

void ConnectionEngine::shutdown() {
    if (m_state == State::Closed) {
        return;
    }
    m_state = State::Closed;
    m_reconnectTimer.stop();
    failEverything(Error::make(ErrorCode::Cancelled, QStringLiteral("The connection was closed.")));
    // Everything was answered; what is left would only find nothing to do.
    m_deadlines.clear();
    // Received-and-deleted messages kept from a dropped link that no receive() took since.
    for (auto it = m_leftovers.cbegin(); it != m_leftovers.cend(); ++it) {
        qCWarning(lcAmqp) << it->size() << "received-and-deleted messages from" << it.key()
                          << "were never taken by a receive call";
    }
    m_leftovers.clear();
    if (m_driver) {
        // The driver goes first: it refers to the handler.
        m_driver->disconnect(this);
        delete m_driver;
        m_driver = nullptr;
    }
}

void ConnectionEngine::process() {
    if (m_driver) {
        m_driver->scheduleProcess();
    }
}

void ConnectionEngine::open(Pending<void> pending) {
    ensureConnected([pending](VoidResult r) { resolve(pending, std::move(r)); });
}

void ConnectionEngine::ensureConnected(Done done) {
    switch (m_state) {
    case State::Open:
        done({});
        return;
    case State::Closed:
        done(fail(ErrorCode::Cancelled, QStringLiteral("The connection was closed.")));
        return;
    case State::Connecting:
    case State::Backoff:
        m_openWaiters.append(std::move(done));
        return;
    case State::Idle:
        m_openWaiters.append(std::move(done));
        startConnecting();
        return;
    }
}

void ConnectionEngine::startConnecting() {
    m_state = State::Connecting;
    ++m_generation;
    m_lastTransportError.clear();
    std::unique_ptr<ByteTransport> transport = makeTransport();
    m_driver = new AmqpDriver(std::move(transport), m_containerId, this);
    m_driver->setBeforeDispatch([this] { readDeliveries(); });
    m_driver->setFrameTrace(m_options.frameTrace ? m_options.frameTrace : FrameTrace::shared(),
                            m_host);
    connect(m_driver, &AmqpDriver::finished, this, &ConnectionEngine::onDriverFinished);
    // Proton announces half the configured idle timeout (notes/proton-connection-driver.md),
    // so configure twice what the open frame should say.
    proton::connection_options options;
    options.handler(*m_handler)
        .container_id(m_containerId.toStdString())
        .virtual_host(m_host.toStdString())
        .idle_timeout(proton::duration(2 * m_options.idleTimeout.count()))
        .sasl_enabled(true)
        .sasl_allowed_mechs("ANONYMOUS");
    qCInfo(lcAmqp) << "connecting to" << m_host << "port" << m_options.connectionString.port();
    m_driver->connect(options);
}

std::unique_ptr<ByteTransport> ConnectionEngine::makeTransport() {
    const ConnectionString& cs = m_options.connectionString;
    const TransportType type = m_options.transport.value_or(cs.transport());
    const auto port = quint16(cs.port());
    const QNetworkProxy proxy =
        m_options.proxy.value_or(QNetworkProxy(QNetworkProxy::DefaultProxy));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_options.extraCaFile.isEmpty()) {
        tls.addCaCertificates(QSslCertificate::fromPath(m_options.extraCaFile, QSsl::Pem));
    }
    const auto rememberSslErrors = [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& e : errors) {
            texts << e.errorString();
        }
        m_lastTransportError = QStringLiteral("TLS: ") + texts.join(QStringLiteral("; "));
    };

    if (type == TransportType::AmqpWebSockets) {
        auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest);
        socket->setProxy(proxy);
        if (m_options.webSocketTls) {
            socket->setSslConfiguration(tls);
        }
        connect(socket, &QWebSocket::sslErrors, this, rememberSslErrors);
        auto transport = std::make_unique<WebSocketByteTransport>(socket);
        ByteTransport* raw = transport.get();
        connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), raw,
                [this, socket, raw](QAbstractSocket::SocketError) {
                    if (m_lastTransportError.isEmpty()) {
                        m_lastTransportError = socket->errorString();
                    }
                    if (socket->state() == QAbstractSocket::UnconnectedState) {
                        raw->abort();
                    }
                });
        QWebSocketHandshakeOptions handshake;
        handshake.setSubprotocols({QStringLiteral("AMQPWSB10")});
        QUrl url;
        url.setScheme(m_options.webSocketTls ? QStringLiteral("wss") : QStringLiteral("ws"));
        url.setHost(m_host);
        url.setPort(port);
        url.setPath(QStringLiteral("/$servicebus/websocket"));
        socket->open(url, handshake);
        return transport;
    }
    if (type == TransportType::AmqpTls) {
        auto* socket = new QSslSocket;
        socket->setProxy(proxy);
        socket->setSslConfiguration(tls);
        connect(socket, &QSslSocket::sslErrors, this, rememberSslErrors);
        auto transport = std::make_unique<TcpByteTransport>(socket);
        // SNI and host name verification use this name.
        socket->connectToHostEncrypted(m_host, port);
        return transport;
    }
    auto* socket = new QTcpSocket;
    socket->setProxy(proxy);
    auto transport = std::make_unique<TcpByteTransport>(socket);
    socket->connectToHost(m_host, port);
    return transport;
}

void ConnectionEngine::onConnectionOpened() {
    qCInfo(lcAmqp) << "connected to" << m_host;
    m_state = State::Open;
    m_reconnectAttempt = 0;
    const QList<Done> waiters = std::exchange(m_openWaiters, {});
    for (const Done& done : waiters) {
        done({});
    }
}

void ConnectionEngine::onTransportError(const QString& text) {
    if (m_lastTransportError.isEmpty()) {
        m_lastTransportError = text;
    }
}

void ConnectionEngine::onDriverFinished() {
    const bool wasOpen = m_state == State::Open;
    QString reason = m_lastTransportError;
    if (reason.isEmpty() && m_driver && m_driver->transport()) {
        reason = m_driver->transport()->errorString();
    }
    qCWarning(lcAmqp) << "connection to" << m_host << "ended:" << reason;
    const Error error =
        connectionError((wasOpen ? QStringLiteral("The connection to %1 was lost")
                                 : QStringLiteral("Could not connect to %1"))
                            .arg(m_host) +
                        (reason.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + reason));
    const bool hadLinks = !m_links.isEmpty();
    failEverything(error);
    if (m_driver) {
        AmqpDriver* driver = std::exchange(m_driver, nullptr);
        driver->disconnect(this);
        driver->deleteLater();
    }
    if (m_state == State::Closed) {
        return;
    }
    // Reconnect in the background only for a connection that was in use; links re-attach
    // lazily when the next operation needs them.
    const bool retrying = m_reconnectAttempt > 0;
    if ((wasOpen && hadLinks) ||
        (retrying && m_reconnectAttempt < m_options.maxReconnectAttempts)) {
        scheduleReconnect();
    } else {
        m_state = State::Idle;
        m_reconnectAttempt = 0;
    }
}

void ConnectionEngine::scheduleReconnect() {
    m_state = State::Backoff;
    const qint64 base = m_options.reconnectBaseDelay.count();
    const qint64 cap = m_options.reconnectMaxDelay.count();
    const qint64 delay = std::min(cap, base << std::min(m_reconnectAttempt, 16));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    ++m_reconnectAttempt;
    m_reconnectTimer.start(int(double(delay) * jitter));
    qCInfo(lcAmqp) << "reconnecting to" << m_host << "in" << m_reconnectTimer.interval() << "ms";
}

void ConnectionEngine::failEverything(const Error& error) {
    m_tearingDown = true;
    const QList<Done> waiters = std::exchange(m_openWaiters, {});
    for (const Done& done : waiters) {
        done(fail(error));
    }
    // Links go first (their waiters may queue for authorization), then authorizations.
    const QList<Link*> links = m_links;
    for (Link* link : links) {
        removeLink(link, error);
    }
    m_cbsSender = nullptr;
    m_cbsReceiver = nullptr;
    for (const CbsRequest& request : std::as_const(m_cbsRequests)) {
        m_deadlines.cancel(request.deadline);
    }
    m_cbsRequests.clear();
    const auto authorizations = std::exchange(m_authorizations, {});
    for (const auto& auth : authorizations) {
        delete auth->refreshTimer;
        for (const Done& done : auth->waiters) {
            done(fail(error));
        }
    }
    m_lockOwners.clear();
    // Receivers we were closing: the connection is gone, and their locks with it.
    for (const auto& pending : std::exchange(m_closing, {})) {
        resolve(pending, VoidResult());
    }
    m_tearingDown = false;
}

} // namespace busbar
