#include "emulator/amqp/EntitySendLink.h"

#include "core/amqp/AmqpMessage.h"
#include "emulator/amqp/AmqpServerConnection.h"
#include "emulator/amqp/ErrorConditions.h"
#include "emulator/broker/Broker.h"

#include <QDateTime>
#include <QPointer>
#include <QUuid>

#include <proton/receiver_options.hpp>

namespace busbar::emulator {

namespace {
// Transfers in flight per link (credit plus deliveries the broker has not finished):
// enough to keep a pipelined sender busy, bounded so a slow store pushes back.
constexpr int kCreditWindow = 1000;
} // namespace

void assignMissingMessageId(AmqpMessage& message) {
    // The service gives a message sent without a message-id one of its own (32 hex digits);
    // SDKs key lock renewal and duplicate detection on it.
    if (!message.properties.messageId.isValid()) {
        message.properties.present = true;
        message.properties.messageId = QUuid::createUuid().toString(QUuid::Id128);
    }
}

EntitySendLink::EntitySendLink(AmqpServerConnection* connection, pn_link_t* link,
                               const QString& address, EntityAddress entity)
    : ServerLink(connection, link, Kind::EntitySend, address)
    , m_entity(std::move(entity)) {}

EntitySendLink* EntitySendLink::open(AmqpServerConnection* connection, proton::receiver& receiver,
                                     const QString& address, const EntityAddress& parsed) {
    pn_link_t* link = cLink(receiver);
    Broker& broker = connection->broker();
    Result<EntityAddress> resolved = broker.resolve(parsed);
    auto* sendLink = new EntitySendLink(connection, link, address, resolved ? *resolved : parsed);
    if (resolved) {
        // The SDKs size batches from this; it must be on the attach we send.
        pn_link_set_max_message_size(link,
                                     quint64(broker.maxMessageSizeBytes(resolved->entityPath)));
    }
    pn_link_set_rcv_settle_mode(link, PN_RCV_FIRST);
    openServerReceiver(receiver);

    if (!resolved) {
        closeLinkWithError(link, QStringLiteral("amqp:not-found"), resolved.error().message);
    } else if (!connection->auth().isAuthorized(resolved->entityPath, Right::Send,
                                                QDateTime::currentSecsSinceEpoch())) {
        closeLinkWithError(
            link, QStringLiteral("amqp:unauthorized-access"),
            QStringLiteral("Unauthorized access. 'Send' claim(s) are required to perform this "
                           "operation. Resource: '%1'.")
                .arg(resolved->entityPath));
    } else {
        sendLink->m_usable = true;
        sendLink->topUpCredit();
    }
    return sendLink;
}

bool EntitySendLink::isStillAuthorized(qint64 nowSeconds) const {
    return !m_usable ||
           m_connection->auth().isAuthorized(m_entity.entityPath, Right::Send, nowSeconds);
}

void EntitySendLink::revoke() {
    m_usable = false;
    ServerLink::revoke();
}

void EntitySendLink::topUpCredit() {
    const int credit = pn_link_credit(m_link);
    const int wanted = kCreditWindow - m_inFlight;
    // Top up in chunks, not per message, so flow frames stay rare.
    if (wanted - credit >= kCreditWindow / 4) {
        pn_link_flow(m_link, wanted - credit);
    }
}

void EntitySendLink::onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) {
    if (!m_usable) {
        ServerLink::onRawDelivery(delivery, bytes);
        return;
    }
    const bool preSettled = pn_delivery_settled(delivery);
    Result<QList<AmqpMessage>> messages = [&]() -> Result<QList<AmqpMessage>> {
        if (AmqpMessage::looksLikeBatch(bytes)) {
            return AmqpMessage::decodeBatch(bytes);
        }
        Result<AmqpMessage> single = AmqpMessage::decode(bytes);
        if (!single) {
            return fail(single.error());
        }
        return QList<AmqpMessage>{std::move(*single)};
    }();
    if (!messages) {
        Error error = messages.error();
        error.condition = QStringLiteral("amqp:decode-error");
        complete(delivery, fail(error));
        return;
    }
    for (AmqpMessage& message : *messages) {
        message.deliveryAnnotations.entries.clear();
        assignMissingMessageId(message);
    }
    if (preSettled) {
        // Nobody waits for an outcome: settle now, the broker's result has no reader.
        pn_delivery_settle(delivery);
        m_connection->broker().send(m_entity, std::move(*messages), [](VoidResult) {});
        topUpCredit();
        return;
    }
    ++m_inFlight;
    QPointer<EntitySendLink> self(this);
    m_connection->broker().send(m_entity, std::move(*messages),
                                [self, delivery](VoidResult result) {
                                    EntitySendLink* link = self.data();
                                    if (!link) {
                                        return; // the link is gone; so may be the delivery
                                    }
                                    --link->m_inFlight;
                                    link->complete(delivery, result);
                                    link->topUpCredit();
                                    link->m_connection->scheduleProcess();
                                });
    topUpCredit();
}

void EntitySendLink::complete(pn_delivery_t* delivery, const VoidResult& result) {
    if (result) {
        pn_delivery_update(delivery, PN_ACCEPTED);
    } else {
        pn_condition_t* condition = pn_disposition_condition(pn_delivery_local(delivery));
        setCondition(condition, amqpConditionFor(result.error()),
                     amqpDescriptionFor(result.error()));
        pn_delivery_update(delivery, PN_REJECTED);
    }
    pn_delivery_settle(delivery);
}

} // namespace busbar::emulator
