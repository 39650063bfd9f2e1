#pragma once

#include "core/diagnostics/ProbeStep.h"
#include "core/servicebus/NamespaceConnectionOptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

class QHostInfo;
class QSslSocket;
class QTcpSocket;
class QWebSocket;

namespace busbar {

class AdminClient;
class AmqpDriver;
class ByteTransport;
class TokenProvider;

// "Test connection": connects the way NamespaceConnection does (same transport, proxy, extra
// CA, SASL and CBS) but one step at a time, timing each and saying which one failed and why:
// DNS, TCP, TLS (certificate subject, issuer, verification), SASL, AMQP open, CBS put-token
// for the namespace (or the connection string's entity), then one management read: GET
// $namespaceinfo through the management API (at connectionString.adminBaseUrl()), or, for a
// string scoped to an entity (EntityPath), a peek of one message on <entity>/$management.
// Runs on the event loop of its thread and never blocks it. Stops at the first failure.
// Signals may come from inside the AMQP driver's loop: delete the probe with deleteLater().
class ConnectionProbe final : public QObject {
    Q_OBJECT
public:
    explicit ConnectionProbe(NamespaceConnectionOptions options, QObject* parent = nullptr);
    ~ConnectionProbe() override;

    // How long one step may take before it fails as timed out (default 15 s).
    void setStepTimeout(std::chrono::milliseconds timeout) { m_stepTimeout = timeout; }
    // Skips the management read (e.g. when no management endpoint is reachable).
    void setManagementReadEnabled(bool enabled) { m_managementRead = enabled; }

    // Starts once; stepStarted/stepFinished follow for each step, then finished.
    void start();
    [[nodiscard]] const ProbeReport& report() const { return m_report; }
    [[nodiscard]] bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void stepStarted(const busbar::ProbeStep& step);
    void stepFinished(const busbar::ProbeStep& step);
    void finished(const busbar::ProbeReport& report);

private:
    class Handler;
    friend class Handler;

    void begin(ProbeStepKind kind);
    void succeed(const QString& detail);
    void failStep(const QString& detail, ErrorCode code = ErrorCode::Connection);
    void skip(ProbeStepKind kind, const QString& detail);
    void finish();
    [[nodiscard]] bool isRunning(ProbeStepKind kind) const;

    void lookUpHost();
    void onLookedUp(const QHostInfo& info);
    void connectSocket();
    void connectWebSocket();
    void onSocketConnected();
    void onEncrypted();
    void onSocketError();
    void startAmqp(std::unique_ptr<ByteTransport> transport);
    void checkSasl();
    void onAmqpOpened(const QString& detail);
    void onAmqpError(const QString& text);
    void onAmqpFinished();
    void putToken();
    void onReply(int status, const QString& description);
    void peekEntity();
    void readManagement();
    void closeAmqp();

    NamespaceConnectionOptions m_options;
    std::shared_ptr<TokenProvider> m_tokens;
    QString m_host;
    QString m_audience;
    ProbeReport m_report;
    QElapsedTimer m_stepClock;
    QTimer m_stepTimer;
    std::chrono::milliseconds m_stepTimeout{15000};
    bool m_managementRead = true;
    bool m_started = false;
    bool m_finished = false;
    bool m_amqpClosing = false; // we closed the AMQP connection: its end is expected
    QString m_sslErrors;        // why the handshake was refused, for people
    QString m_tokenType;

    QPointer<QTcpSocket> m_socket; // until handed to the AMQP transport
    QPointer<QWebSocket> m_webSocket;
    std::unique_ptr<Handler> m_handler;
    AmqpDriver* m_driver = nullptr;
    AdminClient* m_admin = nullptr;
};

} // namespace busbar
