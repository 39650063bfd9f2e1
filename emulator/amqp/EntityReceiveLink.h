#pragma once

#include "emulator/amqp/ServerLink.h"
#include "emulator/broker/Broker.h"

#include <QSet>

namespace busbar::emulator {

// A client's receiver attached to an entity (servicebus-amqp.md §5.3, §9.1): a broker
// consumer in PeekLock or ReceiveAndDelete mode, session filter echo with locked-until,
// deliveries sent pre-encoded with the lock token as tag, dispositions mapped to settle.
class EntityReceiveLink final : public ServerLink {
    Q_OBJECT
public:
    static EntityReceiveLink* open(AmqpServerConnection* connection, proton::sender& sender,
                                   const QString& address, const EntityAddress& parsed);
    ~EntityReceiveLink() override;

    void onSendable() override;
    void onRemoteUpdate(pn_delivery_t* delivery) override;
    [[nodiscard]] bool isStillAuthorized(qint64 nowSeconds) const override;
    void revoke() override;

    // Broker signals, through ConsumerDirectory.
    void pump();
    void detachWithError(const QString& condition, const QString& description);
    [[nodiscard]] const EntityAddress& entity() const { return m_entity; }

private:
    EntityReceiveLink(AmqpServerConnection* connection, pn_link_t* link, const QString& address,
                      EntityAddress entity);
    bool attachConsumer();
    void pumpOnce();
    void sendMessage(const LockedMessage& message);

    EntityAddress m_entity;
    Broker::ConsumerId m_consumer = 0;
    ReceiveMode m_mode = ReceiveMode::PeekLock;
    bool m_sessionReceiver = false;
    bool m_active = false;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    QSet<pn_delivery_t*> m_settling; // outcomes handed to the broker, not yet answered
};

} // namespace busbar::emulator
