#pragma once

#include "emulator/amqp/ConnectionAuth.h"
#include "emulator/amqp/ServedNamespace.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

struct pn_link_t;
struct pn_session_t;

namespace proton {
class receiver;
class sender;
} // namespace proton

namespace busbar {
class AmqpDriver;
class ByteTransport;
} // namespace busbar

namespace busbar::emulator {

class Broker;
class ConsumerDirectory;
class ServerLink;
class ReplyLink;

// One client connection: a Proton driver on a byte transport, SASL ANONYMOUS, CBS claims,
// and a ServerLink per attached link ($cbs, $management, entity send and receive links).
// Lives on the broker's thread. Emits finished() once the socket is gone; the owner deletes it.
class AmqpServerConnection final : public QObject {
    Q_OBJECT
public:
    // Picks the namespace for the hostname the client put in its open frame.
    using NamespaceResolver = std::function<ServedNamespace*(const QString& hostname)>;

    AmqpServerConnection(std::unique_ptr<ByteTransport> transport, NamespaceResolver resolver,
                         QObject* parent = nullptr);
    ~AmqpServerConnection() override;

    void start();

    // --- For links ----------------------------------------------------------------------
    [[nodiscard]] Broker& broker() const;
    [[nodiscard]] ConsumerDirectory& consumers() const;
    [[nodiscard]] ConnectionAuth& auth() { return m_auth; }
    // Runs the Proton loop soon (coalesced); needed after any Proton call outside a handler.
    void scheduleProcess();
    // The reply link for a request on `requestLink`: the sending link of `replyKind` whose
    // name or target is `replyTo`, else one on the same session and node, else any on the node.
    [[nodiscard]] ReplyLink* findReplyLink(pn_link_t* requestLink, const QString& replyTo) const;
    [[nodiscard]] QString peer() const;
    // After a put-token: re-arms the check that detaches links whose token expired.
    void tokensChanged();

Q_SIGNALS:
    void finished();

private:
    class Handler;
    friend class Handler;

    void readRawDeliveries();
    void drainLink(pn_link_t* link, ServerLink* serverLink);
    void onConnectionOpen(const QString& hostname);
    void onReceiverOpen(proton::receiver& receiver);
    void onSenderOpen(proton::sender& sender);
    void addLink(ServerLink* link);
    void removeLink(pn_link_t* link);
    void removeLinksOfSession(pn_session_t* session);
    void removeAllLinks();
    void revokeExpiredLinks();
    [[nodiscard]] ServerLink* linkFor(pn_link_t* link) const { return m_links.value(link); }

    std::unique_ptr<Handler> m_handler;
    AmqpDriver* m_driver = nullptr;
    NamespaceResolver m_resolver;
    ServedNamespace* m_namespace = nullptr;
    ConnectionAuth m_auth{{}}; // the namespace's rules once the connection is open
    QHash<pn_link_t*, ServerLink*> m_links;
    QString m_peer;
    QTimer m_expiryTimer;
};

} // namespace busbar::emulator
