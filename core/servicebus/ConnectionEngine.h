#pragma once

#include "core/amqp/AmqpMessage.h"
#include "core/common/Result.h"
#include "core/servicebus/NamespaceConnectionOptions.h"
#include "core/servicebus/OperationDeadlines.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QTimer>

#include <functional>
#include <memory>

struct pn_link_t;
struct pn_delivery_t;

namespace proton {
class connection;
class sender;
class receiver;
class tracker;
class link;
} // namespace proton

namespace busbar {

class AmqpDriver;
class ByteTransport;

template <typename T>
using Pending = std::shared_ptr<QPromise<Result<T>>>;

template <typename T>
Pending<T> makePending() {
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    return promise;
}

// Fulfils `pending` once; later calls (a reply after the timeout) are ignored.
template <typename T, typename V>
bool resolve(const Pending<T>& pending, V&& value) {
    if (!pending || pending->future().isFinished()) {
        return false;
    }
    if (!pending->isCanceled()) {
        pending->addResult(Result<T>(std::forward<V>(value)));
    }
    pending->finish();
    return true;
}

// Whether nobody waits for `pending` any more (answered, timed out or cancelled).
template <typename T>
bool isSettled(const Pending<T>& pending) {
    return !pending || pending->future().isFinished() || pending->isCanceled();
}

// A $management reply (servicebus-amqp.md §8.1).
struct ManagementReply {
    int statusCode = 0;
    QString statusDescription;
    QString errorCondition;
    QVariant body; // the amqp-value, usually an AmqpMap with string keys
};

// Everything that touches Proton, on the connection's own thread (design.md §2): the
// driver over a Qt transport, CBS, the links, reconnects. NamespaceConnection posts calls
// here with queued invocations; nothing else may call it.
class ConnectionEngine final : public QObject {
    Q_OBJECT
public:
    explicit ConnectionEngine(NamespaceConnectionOptions options, QObject* parent = nullptr);
    ~ConnectionEngine() override;

    void open(Pending<void> pending);
    void request(const QString& address, const QString& operation, const AmqpMap& body,
                 std::chrono::milliseconds timeout, Pending<ManagementReply> pending);
    void send(const QString& address, const QList<QByteArray>& encoded,
              std::chrono::milliseconds timeout, Pending<void> pending);
    void receive(const QString& address, ReceiveMode mode, const std::optional<QString>& sessionId,
                 int maxCount, std::chrono::milliseconds timeout,
                 Pending<QList<ServiceBusMessage>> pending);
    // Settles on the receive link that delivered the token, or through update-disposition
    // on `address`/$management when this connection holds no link lock for it.
    void settle(const QString& address, const QUuid& lockToken, const SettleRequest& request,
                const std::optional<QString>& sessionId, std::chrono::milliseconds timeout,
                Pending<void> pending);
    void acceptSession(const QString& address, ReceiveMode mode,
                       const std::optional<QString>& sessionId, std::chrono::milliseconds timeout,
                       Pending<AcceptedSession> pending);
    // Detaches the receiver. Received-and-deleted messages it had buffered that no receive()
    // took are gone from the entity: closing reports them as an error (count and sequence
    // numbers) instead of dropping them silently.
    void closeReceiver(const QString& address, const std::optional<QString>& sessionId,
                       Pending<void> pending);
    // A standing credit window of `messages` for this connection's non-session receivers in
    // `mode` (0, the default: credit only for what receive() calls ask for, returned when they
    // are done). Prefetched messages wait in the client for the next receive() on that entity:
    // in receive-and-delete they are already deleted on the broker, in peek-lock they are
    // locked and their lock clock runs. `pending` resolves once a smaller window's unused
    // credit is back (the broker answered the drain).
    void setPrefetch(ReceiveMode mode, int messages, Pending<void> pending);
    void shutdown();

    // Whether a $management operation may be sent again when its outcome was not seen (the
    // connection dropped, or no answer came in time, after the request went out) without
    // changing what the first one did. Those that may not are reported OutcomeUnknown in that
    // case, never as a retryable failure. The rule is written at its definition
    // (ConnectionEngineOps.cpp).
    [[nodiscard]] static bool repeatsSafely(const QString& operation);

    // Handler callbacks (the Proton handler forwards here).
    void onConnectionOpened();
    void onLinkOpened(pn_link_t* link);
    void onLinkClosed(pn_link_t* link, const QString& condition, const QString& description);
    void onSendable(pn_link_t* link);
    void onOutcome(pn_delivery_t* delivery, bool settledOnly);
    void onReceiverSettled(pn_delivery_t* delivery);
    void onTransportError(const QString& text);

private:
    class Handler;
    struct Link;
    struct SendBatch;
    struct ReceiveWaiter;
    struct OpenRequest;
    struct OutgoingRequest;
    struct Settling;

    using Done = std::function<void(VoidResult)>;

    // Connection lifecycle (ConnectionEngine.cpp).
    void ensureConnected(Done done);
    void startConnecting();
    std::unique_ptr<ByteTransport> makeTransport();
    void onDriverFinished();
    void failEverything(const Error& error);
    void scheduleReconnect();
    void process();

    // CBS (ConnectionEngineCbs.cpp).
    QString audienceFor(const QString& address) const;
    void ensureAuthorized(const QString& address, Done done);
    void putToken(const QString& audience);
    void onCbsReply(const AmqpMessage& reply);
    void finishAuthorization(const QString& audience, const VoidResult& result,
                             qint64 expiresAtSeconds);

    // $management requests (ConnectionEngineOps.cpp) and peek read-ahead
    // (ConnectionEnginePeek.cpp).
    void sendRequest(const QString& address, const QString& operation, const AmqpMap& body,
                     std::chrono::milliseconds timeout, Pending<ManagementReply> pending);
    void onReply(Link* receiver, const AmqpMessage& reply);
    void expireRequest(Link* link, quint64 serial, const QString& id);
    [[nodiscard]] static Error unanswered(const QString& operation, bool written,
                                          const Error& cause);
    static const QString& peekOperation();
    void peek(const QString& address, const AmqpMap& body, std::chrono::milliseconds timeout,
              Pending<ManagementReply> pending);
    void finishPeek(const QString& address, const AmqpMap& body, std::chrono::milliseconds timeout,
                    const Pending<ManagementReply>& pending, Result<ManagementReply> reply);

    // Receive links: credit, deliveries, sessions (ConnectionEngineReceive.cpp).
    void expireReceive(Link* link, quint64 serial, const std::weak_ptr<ReceiveWaiter>& weak);

    // Links (ConnectionEngineLinks.cpp).
    Link* findLink(pn_link_t* link) const;
    Link* managementLink(const QString& address);
    Link* senderLink(const QString& address);
    Link* receiverLink(const QString& address, ReceiveMode mode,
                       const std::optional<QString>& sessionId, bool create);
    void prepare(Link* link); // connect, authorize, attach (with its partner)
    [[nodiscard]] bool alive(const Link* link, quint64 serial) const;
    void attach(Link* link);
    pn_delivery_t* sendRaw(pn_link_t* link, const QByteArray& bytes);
    void flowCredit(Link* link);
    void releaseCredit(Link* link);
    [[nodiscard]] int prefetchOf(const Link* link) const;
    void scheduleServe(Link* link);
    void removeLink(Link* link, const Error& error);
    void readDeliveries();
    void onDelivery(Link* link, pn_delivery_t* delivery, const QByteArray& bytes);
    void pumpSender(Link* link);
    void pumpRequests(Link* link);
    void serveReceivers(Link* link);
    void finishSendBatch(const std::shared_ptr<SendBatch>& batch, const VoidResult& result);
    void settleOnLink(pn_delivery_t* delivery, const SettleRequest& request);

    NamespaceConnectionOptions m_options;
    std::shared_ptr<TokenProvider> m_tokens;
    QString m_host;
    QString m_containerId;

    enum class State { Idle, Connecting, Open, Backoff, Closed };
    State m_state = State::Idle;
    AmqpDriver* m_driver = nullptr;
    std::unique_ptr<Handler> m_handler;
    quint64 m_generation = 0;
    QList<Done> m_openWaiters;
    QString m_lastTransportError;
    int m_reconnectAttempt = 0;
    bool m_tearingDown = false; // the driver is gone: Proton objects must not be touched
    QTimer m_reconnectTimer;
    // Every operation's timeout, on one timer (OperationDeadlines.h).
    OperationDeadlines m_deadlines;

    struct Authorization;
    QHash<QString, std::shared_ptr<Authorization>> m_authorizations;
    Link* m_cbsSender = nullptr;
    Link* m_cbsReceiver = nullptr;
    struct CbsRequest {
        QString audience;
        qint64 expiresAtSeconds = 0;
        OperationDeadlines::Key deadline;
    };
    QHash<QString, CbsRequest> m_cbsRequests; // by message-id

    QList<Link*> m_links;
    QHash<QUuid, Link*> m_lockOwners;
    QHash<pn_link_t*, Pending<void>> m_closing; // closed by us, the broker's detach not yet seen
    quint64 m_nextTag = 0;
    quint64 m_nextSerial = 0;
    int m_prefetchReceiveAndDelete = 0;
    int m_prefetchPeekLock = 0;
    // Received-and-deleted messages a receive link had buffered when it went away (a dropped
    // connection): already deleted on the broker, so the next receive() on that address
    // returns them first. By entity address.
    QHash<QString, QList<ServiceBusMessage>> m_leftovers;
    struct PeekAhead;
    std::shared_ptr<PeekAhead> m_peekAhead; // the next page, asked for before anyone did
};

} // namespace busbar
