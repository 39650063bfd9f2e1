#include "emulator/amqp/RequestLinks.h"

#include "core/amqp/AmqpMessage.h"
#include "emulator/amqp/AmqpLog.h"
#include "emulator/amqp/AmqpServerConnection.h"
#include "emulator/amqp/ManagementOperations.h"
#include "emulator/broker/Broker.h"

#include <QDateTime>

#include <proton/receiver_options.hpp>
#include <proton/sender_options.hpp>

namespace busbar::emulator {

namespace {
constexpr int kRequestCredit = 100;

void openReceiver(proton::receiver& receiver) {
    pn_link_t* link = cLink(receiver);
    pn_link_set_rcv_settle_mode(link, PN_RCV_FIRST);
    openServerReceiver(receiver);
    topUpRequestCredit(link);
}
} // namespace

void topUpRequestCredit(pn_link_t* link) {
    const int credit = pn_link_credit(link);
    if (credit < kRequestCredit / 2) {
        pn_link_flow(link, kRequestCredit - credit);
    }
}

// --- ReplyLink ---------------------------------------------------------------------------

ReplyLink::ReplyLink(AmqpServerConnection* connection, pn_link_t* link, Kind kind, QString address)
    : ServerLink(connection, link, kind, std::move(address))
    , m_replyAddress(toQString(pn_terminus_get_address(pn_link_remote_target(link)))) {}

ReplyLink* ReplyLink::open(AmqpServerConnection* connection, proton::sender& sender, Kind kind,
                           const QString& address) {
    pn_link_t* link = cLink(sender);
    auto* reply = new ReplyLink(connection, link, kind, address);
    reply->m_settled = pn_link_remote_snd_settle_mode(link) != PN_SND_UNSETTLED;
    pn_link_set_snd_settle_mode(link, pn_link_remote_snd_settle_mode(link));
    openServerSender(sender);
    return reply;
}

void ReplyLink::send(QByteArray encoded) {
    m_queue.append(std::move(encoded));
    flush();
    m_connection->scheduleProcess();
}

void ReplyLink::onSendable() {
    flush();
}

void ReplyLink::flush() {
    while (!m_queue.isEmpty() && pn_link_credit(m_link) > 0 &&
           (pn_link_state(m_link) & PN_LOCAL_ACTIVE)) {
        const QByteArray bytes = m_queue.takeFirst();
        const quint64 tag = m_nextTag++;
        pn_delivery_t* delivery =
            pn_delivery(m_link, pn_dtag(reinterpret_cast<const char*>(&tag), sizeof tag));
        pn_link_send(m_link, bytes.constData(), size_t(bytes.size()));
        pn_link_advance(m_link);
        if (m_settled) {
            pn_delivery_settle(delivery);
        }
    }
}

// --- CbsRequestLink ------------------------------------------------------------------------

CbsRequestLink* CbsRequestLink::open(AmqpServerConnection* connection, proton::receiver& receiver,
                                     const QString& address) {
    auto* cbs = new CbsRequestLink(connection, cLink(receiver), Kind::CbsRequest, address);
    openReceiver(receiver);
    return cbs;
}

void CbsRequestLink::onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) {
    pn_delivery_update(delivery, PN_ACCEPTED);
    pn_delivery_settle(delivery);
    topUpRequestCredit(m_link);

    Result<AmqpMessage> request = AmqpMessage::decode(bytes);
    if (!request) {
        qCInfo(lcEmulatorAmqp) << m_connection->peer()
                               << "undecodable $cbs request:" << request.error().message;
        return;
    }
    const QString operation = request->applicationProperty(QStringLiteral("operation")).toString();
    int status = 0;
    QString description;
    if (operation != QLatin1String("put-token")) {
        status = 400;
        description = QStringLiteral("The $cbs operation '%1' is not supported.").arg(operation);
    } else {
        const QVariant body = request->bodyValue();
        const QString token = body.userType() == QMetaType::QByteArray
                                  ? QString::fromUtf8(body.toByteArray())
                                  : body.toString();
        const ConnectionAuth::Reply result = m_connection->auth().putToken(
            token, request->applicationProperty(QStringLiteral("type")).toString(),
            request->applicationProperty(QStringLiteral("name")).toString(),
            QDateTime::currentSecsSinceEpoch());
        status = result.statusCode;
        description = result.description;
        m_connection->tokensChanged();
    }

    AmqpMessage reply;
    reply.properties.present = true;
    reply.properties.correlationId = request->properties.messageId;
    reply.properties.to = request->properties.replyTo;
    reply.setApplicationProperty(QStringLiteral("status-code"),
                                 QVariant::fromValue<qint32>(status));
    reply.setApplicationProperty(QStringLiteral("status-description"), description);
    if (ReplyLink* link = m_connection->findReplyLink(m_link, request->properties.replyTo)) {
        link->send(reply.encode());
    } else {
        qCInfo(lcEmulatorAmqp) << m_connection->peer() << "no $cbs reply link for"
                               << request->properties.replyTo;
    }
}

// --- ManagementRequestLink -------------------------------------------------------------------

namespace {

// The node a management link serves, sub-queue included ("orders/$DeadLetterQueue/$management"):
// a token for the entity, for its sub-queue, or for the management node itself covers it, as
// on the service. Dropping the sub-queue here refused clients that only hold a DLQ token.
QString managementPath(EntityAddress entity) {
    entity.isManagementNode = true;
    return entity.toString();
}

} // namespace

ManagementRequestLink::ManagementRequestLink(AmqpServerConnection* connection, pn_link_t* link,
                                             const QString& address, const EntityAddress& entity)
    : ServerLink(connection, link, Kind::ManagementRequest, address)
    , m_entity(entity) {}

ManagementRequestLink::~ManagementRequestLink() = default;

ManagementRequestLink* ManagementRequestLink::open(AmqpServerConnection* connection,
                                                   proton::receiver& receiver,
                                                   const QString& address,
                                                   const EntityAddress& node) {
    pn_link_t* link = cLink(receiver);
    EntityAddress entity = node;
    entity.isManagementNode = false;
    Result<EntityAddress> resolved = connection->broker().resolve(entity);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto* request =
        new ManagementRequestLink(connection, link, address, resolved ? *resolved : entity);
    openReceiver(receiver);
    if (!resolved) {
        closeLinkWithError(link, QStringLiteral("amqp:not-found"), resolved.error().message);
    } else if (!connection->auth().hasAnyRight(managementPath(*resolved), now)) {
        closeLinkWithError(
            link, QStringLiteral("amqp:unauthorized-access"),
            QStringLiteral("Unauthorized access. A valid token with a claim for '%1' is required.")
                .arg(resolved->entityPath));
    } else {
        QPointer<AmqpServerConnection> owner(connection);
        // SDKs put tokens for "<entity>/$management" as well as for the entity itself.
        const QString path = managementPath(*resolved);
        request->m_operations = new ManagementOperations(
            connection->broker(), *resolved,
            [owner, path](Right right) {
                AmqpServerConnection* connection = owner.data();
                return connection != nullptr &&
                       connection->auth().isAuthorized(path, right,
                                                       QDateTime::currentSecsSinceEpoch());
            },
            request);
    }
    return request;
}

bool ManagementRequestLink::isStillAuthorized(qint64 nowSeconds) const {
    return !m_operations || m_connection->auth().hasAnyRight(managementPath(m_entity), nowSeconds);
}

void ManagementRequestLink::revoke() {
    delete std::exchange(m_operations, nullptr);
    ServerLink::revoke();
}

void ManagementRequestLink::onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) {
    Result<AmqpMessage> request = AmqpMessage::decode(bytes);
    if (!request || !m_operations) {
        pn_condition_t* condition = pn_disposition_condition(pn_delivery_local(delivery));
        setCondition(condition, QStringLiteral("amqp:not-allowed"),
                     request ? QStringLiteral("The management link is not usable.")
                             : request.error().message);
        pn_delivery_update(delivery, PN_REJECTED);
        pn_delivery_settle(delivery);
        return;
    }
    pn_delivery_update(delivery, PN_ACCEPTED);
    pn_delivery_settle(delivery);
    topUpRequestCredit(m_link);

    QPointer<ManagementRequestLink> self(this);
    const QString replyTo = request->properties.replyTo;
    m_operations->handle(*request, [self, replyTo](const QByteArray& response) {
        ManagementRequestLink* requestLink = self.data();
        if (!requestLink) {
            return;
        }
        if (ReplyLink* link =
                requestLink->m_connection->findReplyLink(requestLink->m_link, replyTo)) {
            link->send(response);
        } else {
            qCInfo(lcEmulatorAmqp)
                << requestLink->m_connection->peer() << "no $management reply link for" << replyTo;
        }
    });
}

} // namespace busbar::emulator
