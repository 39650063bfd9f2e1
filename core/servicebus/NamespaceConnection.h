#pragma once

#include "core/common/Result.h"
#include "core/servicebus/ConnectionEngine.h"
#include "core/servicebus/NamespaceConnectionOptions.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QFuture>
#include <QObject>
#include <QThread>

#include <chrono>
#include <optional>

namespace busbar {

// One AMQP connection to one namespace (design.md §2), on its own thread named
// "amqp:<host>" where every Proton object lives. Every method is thread-safe, returns at
// once and posts the work to that thread; results come back as futures. The connection
// opens on first use, authorizes each entity with CBS before attaching to it, and after a
// drop reconnects with back-off while the links re-attach on their next use. The token
// provider is called on the connection's thread.
class NamespaceConnection final {
public:
    using Ms = std::chrono::milliseconds;

    explicit NamespaceConnection(NamespaceConnectionOptions options);
    ~NamespaceConnection();
    NamespaceConnection(const NamespaceConnection&) = delete;
    NamespaceConnection& operator=(const NamespaceConnection&) = delete;

    [[nodiscard]] const QString& host() const { return m_host; }
    [[nodiscard]] QThread* thread() const { return m_thread; }

    // Resolves once the AMQP connection is open (SASL done, open exchanged).
    QFuture<VoidResult> open();
    // A $management request to `address`/$management (§8).
    QFuture<Result<ManagementReply>> request(const QString& address, const QString& operation,
                                             const AmqpMap& body, Ms timeout);
    // Pipelined single transfers; resolves when the broker accepted every one.
    QFuture<VoidResult> send(const QString& address, const QList<AmqpMessage>& messages,
                             Ms timeout);
    // Up to maxCount messages; an empty list when none arrived within `timeout`.
    QFuture<Result<QList<ServiceBusMessage>>> receive(const QString& address, ReceiveMode mode,
                                                      const std::optional<QString>& sessionId,
                                                      int maxCount, Ms timeout);
    QFuture<VoidResult> settle(const QString& address, const QUuid& lockToken,
                               const SettleRequest& request,
                               const std::optional<QString>& sessionId, Ms timeout);
    QFuture<Result<AcceptedSession>> acceptSession(const QString& address, ReceiveMode mode,
                                                   const std::optional<QString>& sessionId,
                                                   Ms timeout);
    // Detaches the receiver (releasing a session lock); resolves on the broker's detach.
    QFuture<VoidResult> closeReceiver(const QString& address,
                                      const std::optional<QString>& sessionId);
    // A standing credit window for this connection's non-session receivers in `mode`
    // (ConnectionEngine::setPrefetch): receive() calls are then served from a buffer the
    // broker keeps filling instead of one credit round trip each. 0 (the default) turns it
    // off. In receive-and-delete, buffered messages are already deleted on the broker: a later
    // receive() returns them (also after a reconnect), and closeReceiver() reports any left.
    // In peek-lock they are locked while they wait. Applies to links open now and later;
    // resolves once a smaller window's unused credit is back from the broker.
    QFuture<VoidResult> setPrefetch(ReceiveMode mode, int messages);
    // Fails what is pending with Cancelled and closes the connection; later calls fail.
    void close();

private:
    template <typename F>
    void post(F&& work);

    QString m_host;
    QThread* m_thread = nullptr; // heap: it may have to outlive us (see the destructor)
    ConnectionEngine* m_engine = nullptr;
};

} // namespace busbar
