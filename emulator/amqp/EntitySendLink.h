#pragma once

#include "emulator/amqp/ServerLink.h"
#include "emulator/broker/BrokerTypes.h"

namespace busbar::emulator {

// Gives a message without a message-id the one the service would (a GUID, 32 hex digits).
void assignMissingMessageId(AmqpMessage& message);

// A client's sender attached to an entity (servicebus-amqp.md §5.2): max-message-size on the
// attach, credit kept topped up, each transfer read raw, decoded (batches split) and handed
// to Broker::send; accepted only once durable, or rejected with the mapped condition.
class EntitySendLink final : public ServerLink {
    Q_OBJECT
public:
    // Opens the link, or opens and detaches it with an error condition (still returned, so the
    // connection tracks it until the client closes it).
    static EntitySendLink* open(AmqpServerConnection* connection, proton::receiver& receiver,
                                const QString& address, const EntityAddress& parsed);

    void onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) override;
    [[nodiscard]] bool isStillAuthorized(qint64 nowSeconds) const override;
    void revoke() override;

private:
    EntitySendLink(AmqpServerConnection* connection, pn_link_t* link, const QString& address,
                   EntityAddress entity);
    void topUpCredit();
    void complete(pn_delivery_t* delivery, const VoidResult& result);

    EntityAddress m_entity;
    int m_inFlight = 0; // deliveries handed to the broker, not yet settled
    bool m_usable = false;
};

} // namespace busbar::emulator
