#include "emulator/amqp/AmqpServerConnection.h"

#include "core/amqp/AmqpDriver.h"
#include "emulator/amqp/AmqpLog.h"
#include "emulator/amqp/EntityReceiveLink.h"
#include "emulator/amqp/EntitySendLink.h"
#include "emulator/amqp/RequestLinks.h"
#include "emulator/broker/Broker.h"

#include <QDateTime>
#include <QUuid>

#include <proton/connection_options.hpp>
#include <proton/messaging_handler.hpp>
#include <proton/receiver_options.hpp>
#include <proton/sender_options.hpp>
#include <proton/session.hpp>
#include <proton/transport.hpp>

namespace busbar::emulator {

Q_LOGGING_CATEGORY(lcEmulatorAmqp, "busbar.emulator.amqp", QtInfoMsg)

namespace {
// Proton advertises half of the configured idle timeout: peers see idle-time-out=120 s (and so
// send heartbeats at most a minute apart), while a peer silent for 240 s is dropped.
constexpr int kIdleTimeoutMs = 240'000;
constexpr uint32_t kMaxFrameSize = 262'144;
} // namespace

// Routes Proton's callbacks to the connection. Errors are logged, never thrown: the default
// on_error throws, which would unwind through dispatch().
class AmqpServerConnection::Handler final : public proton::messaging_handler {
public:
    explicit Handler(AmqpServerConnection* owner)
        : m_owner(owner) {}

    void on_connection_open(proton::connection& c) override {
        if (c.uninitialized()) {
            c.open();
        }
        m_owner->onConnectionOpen(toQString(pn_connection_remote_hostname(cConnection(c))));
    }
    void on_receiver_open(proton::receiver& r) override { m_owner->onReceiverOpen(r); }
    void on_sender_open(proton::sender& s) override { m_owner->onSenderOpen(s); }
    void on_sendable(proton::sender& s) override {
        if (ServerLink* link = m_owner->linkFor(cLink(s))) {
            link->onSendable();
        }
    }
    void on_tracker_accept(proton::tracker& t) override { update(t); }
    void on_tracker_reject(proton::tracker& t) override { update(t); }
    void on_tracker_release(proton::tracker& t) override { update(t); }
    void on_tracker_settle(proton::tracker& t) override {
        // Settled without an outcome: the outcome callbacks did not see it.
        if (pn_delivery_remote_state(cDelivery(t)) == 0) {
            update(t);
        }
    }
    void on_receiver_close(proton::receiver& r) override { m_owner->removeLink(cLink(r)); }
    void on_sender_close(proton::sender& s) override { m_owner->removeLink(cLink(s)); }
    void on_receiver_detach(proton::receiver& r) override { m_owner->removeLink(cLink(r)); }
    void on_sender_detach(proton::sender& s) override { m_owner->removeLink(cLink(s)); }
    void on_session_close(proton::session& s) override {
        m_owner->removeLinksOfSession(ProtonAccess<proton::session>::get(s));
    }
    void on_transport_close(proton::transport&) override { m_owner->removeAllLinks(); }
    void on_error(const proton::error_condition& condition) override {
        qCDebug(lcEmulatorAmqp) << m_owner->peer()
                                << "error:" << QString::fromStdString(condition.what());
    }

private:
    void update(proton::tracker& t) {
        if (ServerLink* link = m_owner->linkFor(cLink(t.sender()))) {
            link->onRemoteUpdate(cDelivery(t));
        }
    }

    AmqpServerConnection* m_owner;
};

AmqpServerConnection::AmqpServerConnection(std::unique_ptr<ByteTransport> transport,
                                           NamespaceResolver resolver, QObject* parent)
    : QObject(parent)
    , m_handler(std::make_unique<Handler>(this))
    , m_resolver(std::move(resolver))
    , m_peer(transport->peerDescription()) {
    m_driver = new AmqpDriver(std::move(transport),
                              QStringLiteral("busbar-emulator-%1")
                                  .arg(QUuid::createUuid().toString(QUuid::Id128).left(8)),
                              this);
    m_driver->setBeforeDispatch([this] { readRawDeliveries(); });
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &AmqpServerConnection::revokeExpiredLinks);
    connect(m_driver, &AmqpDriver::finished, this, [this] {
        qCDebug(lcEmulatorAmqp) << m_peer << "closed";
        removeAllLinks();
        Q_EMIT finished();
    });
}

AmqpServerConnection::~AmqpServerConnection() {
    removeAllLinks();
    delete m_driver; // frees the Proton objects; no link may outlive this
    m_driver = nullptr;
}

void AmqpServerConnection::start() {
    proton::connection_options options;
    options.handler(*m_handler)
        .sasl_enabled(true)
        .sasl_allowed_mechs("ANONYMOUS")
        .idle_timeout(proton::duration(kIdleTimeoutMs))
        .max_frame_size(kMaxFrameSize);
    m_driver->accept(options);
}

Broker& AmqpServerConnection::broker() const {
    return *m_namespace->broker;
}
ConsumerDirectory& AmqpServerConnection::consumers() const {
    return *m_namespace->consumers;
}
void AmqpServerConnection::scheduleProcess() {
    m_driver->scheduleProcess();
}
QString AmqpServerConnection::peer() const {
    return m_peer;
}

void AmqpServerConnection::tokensChanged() {
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 next = m_auth.nextExpiry(nowMs / 1000);
    if (next == 0) {
        // No unexpired token is left. A timer still armed was for one that has expired since
        // (a put-token landing just after the expiry gets here before the timer fires): fire
        // it now rather than drop the check, or that token's links would stay attached.
        if (m_expiryTimer.isActive()) {
            m_expiryTimer.start(0);
        }
        return;
    }
    // A token is valid while se > now: check just after the second it stops being so.
    m_expiryTimer.start(int(std::clamp<qint64>(next * 1000 - nowMs + 1, 0, 24LL * 3600 * 1000)));
}

void AmqpServerConnection::revokeExpiredLinks() {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    bool revoked = false;
    for (ServerLink* link : std::as_const(m_links)) {
        if ((pn_link_state(link->link()) & PN_LOCAL_ACTIVE) && !link->isStillAuthorized(now)) {
            qCInfo(lcEmulatorAmqp) << m_peer << "token expired: detaching" << link->nodeAddress();
            link->revoke();
            revoked = true;
        }
    }
    if (revoked) {
        scheduleProcess();
    }
    tokensChanged();
}

void AmqpServerConnection::onConnectionOpen(const QString& hostname) {
    m_namespace = m_resolver ? m_resolver(hostname) : nullptr;
    if (!m_namespace) {
        pn_connection_t* c = cConnection(m_driver->driver().connection());
        setCondition(pn_connection_condition(c), QStringLiteral("amqp:not-found"),
                     QStringLiteral("No namespace is served for host '%1'.").arg(hostname));
        pn_connection_close(c);
        return;
    }
    m_auth = ConnectionAuth(m_namespace->config.sasRules);
    qCDebug(lcEmulatorAmqp) << m_peer << "opened for host" << hostname << "namespace"
                            << m_namespace->config.name;
}

void AmqpServerConnection::onReceiverOpen(proton::receiver& receiver) {
    pn_link_t* link = cLink(receiver);
    auto refuse = [&](const QString& condition, const QString& description) {
        openServerReceiver(receiver);
        closeLinkWithError(link, condition, description);
    };
    if (!m_namespace) {
        refuse(QStringLiteral("amqp:not-allowed"), QStringLiteral("The connection is not open."));
        return;
    }
    pn_terminus_t* target = pn_link_remote_target(link);
    if (pn_terminus_get_type(target) == PN_COORDINATOR) {
        refuse(QStringLiteral("amqp:not-implemented"),
               QStringLiteral("The emulator does not support transactions."));
        return;
    }
    const QString address = toQString(pn_terminus_get_address(target));
    ServerLink* serverLink = nullptr;
    if (address == QLatin1String("$cbs")) {
        serverLink = CbsRequestLink::open(this, receiver, address);
    } else {
        Result<EntityAddress> parsed = EntityAddress::parse(address);
        if (!parsed) {
            refuse(QStringLiteral("amqp:not-found"), parsed.error().message);
            return;
        }
        serverLink =
            parsed->isManagementNode
                ? static_cast<ServerLink*>(
                      ManagementRequestLink::open(this, receiver, address, *parsed))
                : static_cast<ServerLink*>(EntitySendLink::open(this, receiver, address, *parsed));
    }
    if (serverLink) {
        addLink(serverLink);
        drainLink(link, serverLink); // transfers may have come in the same read as the attach
    }
}

void AmqpServerConnection::onSenderOpen(proton::sender& sender) {
    pn_link_t* link = cLink(sender);
    auto refuse = [&](const QString& condition, const QString& description) {
        openServerSender(sender);
        closeLinkWithError(link, condition, description);
    };
    if (!m_namespace) {
        refuse(QStringLiteral("amqp:not-allowed"), QStringLiteral("The connection is not open."));
        return;
    }
    const QString address = toQString(pn_terminus_get_address(pn_link_remote_source(link)));
    ServerLink* serverLink = nullptr;
    if (address == QLatin1String("$cbs")) {
        serverLink = ReplyLink::open(this, sender, ServerLink::Kind::CbsReply, address);
    } else {
        Result<EntityAddress> parsed = EntityAddress::parse(address);
        if (!parsed) {
            refuse(QStringLiteral("amqp:not-found"), parsed.error().message);
            return;
        }
        serverLink =
            parsed->isManagementNode
                ? static_cast<ServerLink*>(
                      ReplyLink::open(this, sender, ServerLink::Kind::ManagementReply, address))
                : static_cast<ServerLink*>(EntityReceiveLink::open(this, sender, address, *parsed));
    }
    if (serverLink) {
        addLink(serverLink);
    }
}

void AmqpServerConnection::addLink(ServerLink* link) {
    link->setParent(this);
    m_links.insert(link->link(), link);
}

void AmqpServerConnection::removeLink(pn_link_t* link) {
    if (ServerLink* serverLink = m_links.take(link)) {
        delete serverLink;
    }
}

void AmqpServerConnection::removeLinksOfSession(pn_session_t* session) {
    const auto links = m_links.keys();
    for (pn_link_t* link : links) {
        if (pn_link_session(link) == session) {
            removeLink(link);
        }
    }
}

void AmqpServerConnection::removeAllLinks() {
    const auto links = std::exchange(m_links, {});
    qDeleteAll(links);
}

void AmqpServerConnection::readRawDeliveries() {
    if (m_links.isEmpty()) {
        return;
    }
    pn_connection_t* c = cConnection(m_driver->driver().connection());
    for (pn_link_t* link = pn_link_head(c, PN_LOCAL_ACTIVE); link;
         link = pn_link_next(link, PN_LOCAL_ACTIVE)) {
        if (pn_link_is_receiver(link)) {
            if (ServerLink* serverLink = m_links.value(link)) {
                drainLink(link, serverLink);
            }
        }
    }
}

void AmqpServerConnection::drainLink(pn_link_t* link, ServerLink* serverLink) {
    for (pn_delivery_t* d = pn_link_current(link);
         d && pn_delivery_readable(d) && !pn_delivery_partial(d); d = pn_link_current(link)) {
        if (pn_delivery_aborted(d)) {
            pn_delivery_settle(d); // also advances past it
            continue;
        }
        QByteArray bytes(qsizetype(pn_delivery_pending(d)), Qt::Uninitialized);
        if (!bytes.isEmpty()) {
            pn_link_recv(link, bytes.data(), size_t(bytes.size()));
        }
        pn_link_advance(link);
        serverLink->onRawDelivery(d, bytes);
    }
}

ReplyLink* AmqpServerConnection::findReplyLink(pn_link_t* requestLink,
                                               const QString& replyTo) const {
    const ServerLink* request = m_links.value(requestLink);
    if (!request) {
        return nullptr;
    }
    const auto replyKind = request->kind() == ServerLink::Kind::CbsRequest
                               ? ServerLink::Kind::CbsReply
                               : ServerLink::Kind::ManagementReply;
    const QString node = request->nodeAddress();
    ReplyLink* sameSession = nullptr;
    ReplyLink* sameNode = nullptr;
    for (ServerLink* link : m_links) {
        if (link->kind() != replyKind) {
            continue;
        }
        auto* reply = static_cast<ReplyLink*>(link);
        if (!replyTo.isEmpty() && (reply->replyAddress() == replyTo ||
                                   toQString(pn_link_name(reply->link())) == replyTo)) {
            return reply;
        }
        if (link->nodeAddress().compare(node, Qt::CaseInsensitive) == 0) {
            if (pn_link_session(link->link()) == pn_link_session(requestLink)) {
                sameSession = reply;
            } else if (!sameNode) {
                sameNode = reply;
            }
        }
    }
    return sameSession ? sameSession : sameNode;
}

} // namespace busbar::emulator
