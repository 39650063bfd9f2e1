#include "core/diagnostics/ConnectionProbe.h"

#include "core/admin/AtomAdminClient.h"
#include "core/amqp/AmqpDriver.h"
#include "core/amqp/TcpByteTransport.h"
#include "core/amqp/WebSocketByteTransport.h"
#include "core/auth/SasKeyTokenProvider.h"
#include "core/auth/SasTokenProvider.h"
#include "core/diagnostics/ConnectionProbeHandler.h"
#include "core/diagnostics/LogCategories.h"
#include "core/diagnostics/ProbeTls.h"
#include "core/servicebus/WhenFinished.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace busbar {

QString probeStepName(ProbeStepKind kind) {
    switch (kind) {
    case ProbeStepKind::Dns:
        return QObject::tr("DNS lookup");
    case ProbeStepKind::Tcp:
        return QObject::tr("TCP connect");
    case ProbeStepKind::Tls:
        return QObject::tr("TLS handshake");
    case ProbeStepKind::Sasl:
        return QObject::tr("SASL");
    case ProbeStepKind::AmqpOpen:
        return QObject::tr("AMQP open");
    case ProbeStepKind::Cbs:
        return QObject::tr("CBS put-token");
    case ProbeStepKind::Management:
        return QObject::tr("Management read");
    }
    return {};
}

namespace {

// What the probe's sockets are given: the connection's own proxy, or DefaultProxy so that Qt
// picks the application's (or the system's) per peer, exactly as real connections do. Giving
// a socket applicationProxy() itself would lose Qt's rule that loopback stays direct.
QNetworkProxy socketProxy(const NamespaceConnectionOptions& options) {
    return options.proxy.value_or(QNetworkProxy(QNetworkProxy::DefaultProxy));
}

// The proxy a connection to host:port really goes through, to name it in the report.
QNetworkProxy effectiveProxy(const NamespaceConnectionOptions& options, const QString& host,
                             int port) {
    const QNetworkProxy proxy = socketProxy(options);
    if (proxy.type() != QNetworkProxy::DefaultProxy) {
        return proxy;
    }
    const QList<QNetworkProxy> chosen =
        QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(host, port));
    return chosen.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : chosen.first();
}

bool throughProxy(const QNetworkProxy& proxy) {
    return proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::Socks5Proxy;
}

} // namespace

ConnectionProbe::ConnectionProbe(NamespaceConnectionOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_host(m_options.connectionString.host()) {
    m_tokens = m_options.tokenProvider;
    const ConnectionString& cs = m_options.connectionString;
    if (!m_tokens) {
        if (cs.usesSharedAccessSignature()) {
            m_tokens = std::make_shared<SasTokenProvider>(cs.sharedAccessSignature());
        } else {
            m_tokens = std::make_shared<SasKeyTokenProvider>(cs.keyName(), cs.key());
        }
    }
    // As ConnectionEngine::audienceFor: the entity of an entity-scoped string, else the
    // namespace (what a namespace-level key or signature must cover).
    m_audience = QStringLiteral("sb://") + m_host + QLatin1Char('/') + cs.entityPath();
    m_stepTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, [this] {
        failStep(tr("no answer within %1 s.").arg(m_stepTimeout.count() / 1000.0),
                 ErrorCode::Timeout);
    });
}

ConnectionProbe::~ConnectionProbe() {
    if (m_driver) {
        // The driver goes first: it refers to the handler.
        m_driver->disconnect(this);
        delete m_driver;
    }
}

void ConnectionProbe::start() {
    if (m_started) {
        return;
    }
    m_started = true;
    lookUpHost();
}

void ConnectionProbe::begin(ProbeStepKind kind) {
    ProbeStep step;
    step.kind = kind;
    m_report.steps.append(step);
    m_stepClock.start();
    m_stepTimer.start(m_stepTimeout);
    Q_EMIT stepStarted(step);
}

bool ConnectionProbe::isRunning(ProbeStepKind kind) const {
    return !m_finished && !m_report.steps.isEmpty() && m_report.steps.last().kind == kind &&
           !m_report.steps.last().finished();
}

void ConnectionProbe::succeed(const QString& detail) {
    if (m_finished || m_report.steps.isEmpty() || m_report.steps.last().finished()) {
        return;
    }
    m_stepTimer.stop();
    ProbeStep& step = m_report.steps.last();
    step.status = ProbeStepStatus::Ok;
    step.elapsedMs = m_stepClock.elapsed();
    step.detail = redactSecrets(detail);
    qCDebug(lcDiagnostics).noquote() << "connection test" << m_host << probeStepName(step.kind)
                                     << "ok in" << step.elapsedMs << "ms:" << step.detail;
    Q_EMIT stepFinished(step);
}

void ConnectionProbe::failStep(const QString& detail, ErrorCode code) {
    if (m_finished || m_report.steps.isEmpty() || m_report.steps.last().finished()) {
        return;
    }
    m_stepTimer.stop();
    ProbeStep& step = m_report.steps.last();
    step.status = ProbeStepStatus::Failed;
    step.elapsedMs = m_stepClock.elapsed();
    step.detail = redactSecrets(detail);
    step.errorCode = code;
    qCDebug(lcDiagnostics).noquote() << "connection test" << m_host << probeStepName(step.kind)
                                     << "failed in" << step.elapsedMs << "ms:" << step.detail;
    Q_EMIT stepFinished(step);
    finish();
}

void ConnectionProbe::skip(ProbeStepKind kind, const QString& detail) {
    ProbeStep step;
    step.kind = kind;
    step.status = ProbeStepStatus::Skipped;
    step.detail = detail;
    m_report.steps.append(step);
    Q_EMIT stepStarted(step);
    Q_EMIT stepFinished(step);
}

void ConnectionProbe::finish() {
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_stepTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    if (m_webSocket) {
        m_webSocket->disconnect(this);
        m_webSocket->abort();
        m_webSocket->deleteLater();
    }
    closeAmqp();
    if (const auto failed = m_report.failedStep()) {
        qCInfo(lcDiagnostics).noquote() << "connection test of" << m_host << "failed at"
                                        << probeStepName(failed->kind) << "-" << failed->detail;
    } else {
        qCInfo(lcDiagnostics).noquote() << "connection test of" << m_host << "passed";
    }
    Q_EMIT finished(m_report);
}

void ConnectionProbe::lookUpHost() {
    const QNetworkProxy proxy =
        effectiveProxy(m_options, m_host, m_options.connectionString.port());
    if (throughProxy(proxy)) {
        skip(ProbeStepKind::Dns, tr("through the proxy %1:%2, which resolves %3")
                                     .arg(proxy.hostName())
                                     .arg(proxy.port())
                                     .arg(m_host));
        connectSocket();
        return;
    }
    begin(ProbeStepKind::Dns);
    if (QHostAddress address; address.setAddress(m_host)) {
        succeed(tr("%1 is an address; nothing to look up").arg(m_host));
        connectSocket();
        return;
    }
    QHostInfo::lookupHost(m_host, this, &ConnectionProbe::onLookedUp);
}

void ConnectionProbe::onLookedUp(const QHostInfo& info) {
    if (!isRunning(ProbeStepKind::Dns)) {
        return;
    }
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        failStep(tr("DNS: %1 could not be resolved: %2").arg(m_host, info.errorString()));
        return;
    }
    QStringList addresses;
    for (const QHostAddress& address : info.addresses()) {
        addresses.append(address.toString());
    }
    succeed(addresses.join(QStringLiteral(", ")));
    connectSocket();
}

void ConnectionProbe::connectSocket() {
    const ConnectionString& cs = m_options.connectionString;
    const TransportType type = m_options.transport.value_or(cs.transport());
    const auto port = quint16(cs.port());
    begin(ProbeStepKind::Tcp);
    QSslSocket* ssl = nullptr;
    QTcpSocket* socket = nullptr;
    if (type == TransportType::AmqpTls) {
        ssl = new QSslSocket(this);
        ssl->setSslConfiguration(probeTlsConfiguration(m_options.extraCaFile));
        connect(ssl, &QSslSocket::sslErrors, this, [this, ssl](const QList<QSslError>& e) {
            m_sslErrors = describeSslErrors(e, m_host, ssl->peerCertificate());
        });
        connect(ssl, &QSslSocket::encrypted, this, &ConnectionProbe::onEncrypted);
        socket = ssl;
    } else {
        // Plain AMQP, or the TCP leg of a WebSocket connection (checked on its own socket,
        // since QWebSocket does not tell its TCP connect from its handshake).
        socket = new QTcpSocket(this);
    }
    m_socket = socket;
    socket->setProxy(socketProxy(m_options));
    connect(socket, &QTcpSocket::connected, this, &ConnectionProbe::onSocketConnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &ConnectionProbe::onSocketError);
    if (ssl != nullptr) {
        ssl->connectToHostEncrypted(m_host, port); // SNI and host name check use m_host
    } else {
        socket->connectToHost(m_host, port);
    }
}

void ConnectionProbe::onSocketConnected() {
    if (!isRunning(ProbeStepKind::Tcp)) {
        return;
    }
    succeed(
        tr("connected to %1:%2").arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort()));
    const ConnectionString& cs = m_options.connectionString;
    const TransportType type = m_options.transport.value_or(cs.transport());
    if (type == TransportType::AmqpTls) {
        begin(ProbeStepKind::Tls);
        return;
    }
    if (type == TransportType::AmqpWebSockets) {
        QTcpSocket* preflight = std::exchange(m_socket, nullptr);
        preflight->disconnect(this);
        preflight->abort();
        preflight->deleteLater();
        connectWebSocket();
        return;
    }
    skip(ProbeStepKind::Tls, tr("plain AMQP (no TLS), as the development emulator offers"));
    QTcpSocket* socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    startAmqp(std::make_unique<TcpByteTransport>(socket));
}

void ConnectionProbe::onEncrypted() {
    auto* socket = qobject_cast<QSslSocket*>(m_socket.data());
    if (!socket || !isRunning(ProbeStepKind::Tls)) {
        return;
    }
    succeed(describeTlsSession(socket->sessionProtocol(), socket->peerCertificate()));
    m_socket = nullptr;
    socket->disconnect(this);
    startAmqp(std::make_unique<TcpByteTransport>(socket));
}

void ConnectionProbe::onSocketError() {
    if (!m_socket) {
        return;
    }
    const QString reason = m_socket->errorString();
    const ConnectionString& cs = m_options.connectionString;
    if (isRunning(ProbeStepKind::Tcp)) {
        failStep(tr("TCP: could not connect to %1:%2: %3").arg(m_host).arg(cs.port()).arg(reason));
    } else if (isRunning(ProbeStepKind::Tls)) {
        failStep(m_sslErrors.isEmpty() ? tr("TLS: %1").arg(reason) : m_sslErrors);
    }
}

void ConnectionProbe::connectWebSocket() {
    begin(ProbeStepKind::Tls);
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_webSocket = socket;
    socket->setProxy(socketProxy(m_options));
    if (m_options.webSocketTls) {
        socket->setSslConfiguration(probeTlsConfiguration(m_options.extraCaFile));
    }
    connect(socket, &QWebSocket::sslErrors, this, [this, socket](const QList<QSslError>& e) {
        m_sslErrors = describeSslErrors(e, m_host, socket->sslConfiguration().peerCertificate());
    });
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        if (!isRunning(ProbeStepKind::Tls)) {
            return;
        }
        const QString upgrade = tr("WebSocket upgrade to %1 done").arg(socket->subprotocol());
        succeed(m_options.webSocketTls
                    ? describeTlsSession(socket->sslConfiguration().sessionProtocol(),
                                         socket->sslConfiguration().peerCertificate()) +
                          QStringLiteral("; ") + upgrade
                    : QString(tr("no TLS (ws://); ") + upgrade));
        m_webSocket = nullptr;
        socket->disconnect(this);
        startAmqp(std::make_unique<WebSocketByteTransport>(socket));
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                if (isRunning(ProbeStepKind::Tls)) {
                    failStep(m_sslErrors.isEmpty() ? tr("WebSocket: %1").arg(socket->errorString())
                                                   : m_sslErrors);
                }
            });
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({QStringLiteral("AMQPWSB10")});
    QUrl url;
    url.setScheme(m_options.webSocketTls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(m_host);
    url.setPort(m_options.connectionString.port());
    url.setPath(QStringLiteral("/$servicebus/websocket"));
    socket->open(url, handshake);
}

void ConnectionProbe::readManagement() {
    const ConnectionString& cs = m_options.connectionString;
    if (!m_managementRead) {
        closeAmqp();
        skip(ProbeStepKind::Management, tr("not requested"));
        finish();
        return;
    }
    if (!cs.entityPath().isEmpty()) {
        // Namespace info needs namespace rights; an entity's own $management node does not.
        peekEntity();
        return;
    }
    closeAmqp();
    begin(ProbeStepKind::Management);
    AdminClientOptions options = AdminClientOptions::fromConnectionString(cs);
    options.tokenProvider = m_options.tokenProvider;
    options.extraCaCertificatePath = m_options.extraCaFile;
    options.timeout = m_stepTimeout;
    options.maxRetries = 0;
    const QUrl base = options.baseUrl;
    m_admin = new AtomAdminClient(std::move(options), this);
    whenFinished(m_admin->namespaceInfo(), this, [this, base](const Result<NamespaceInfo>& info) {
        if (!isRunning(ProbeStepKind::Management)) {
            return;
        }
        const QString where = tr("GET $namespaceinfo at %1").arg(base.toString());
        if (!info) {
            failStep(tr("Management: %1 failed: %2").arg(where, info.error().message),
                     info.error().code);
            return;
        }
        succeed(tr("%1: namespace %2, %3 tier").arg(where, info->name, info->messagingSku));
        finish();
    });
}

} // namespace busbar
