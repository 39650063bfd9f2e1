#pragma once

#include "emulator/amqp/ServerLink.h"
#include "emulator/broker/BrokerTypes.h"

#include <QByteArray>
#include <QList>

namespace busbar::emulator {

class ManagementOperations;

// Sends replies ($cbs and $management responses) on a link the client attached with that
// node as its source. Replies wait here until the client grants credit.
class ReplyLink final : public ServerLink {
    Q_OBJECT
public:
    static ReplyLink* open(AmqpServerConnection* connection, proton::sender& sender, Kind kind,
                           const QString& address);

    void send(QByteArray encoded);
    void onSendable() override;
    // The client's target address on this link: what requests name as reply-to.
    [[nodiscard]] const QString& replyAddress() const { return m_replyAddress; }

private:
    ReplyLink(AmqpServerConnection* connection, pn_link_t* link, Kind kind, QString address);
    void flush();

    QList<QByteArray> m_queue;
    QString m_replyAddress;
    quint64 m_nextTag = 0;
    bool m_settled = false; // the client asked for pre-settled transfers
};

// $cbs: put-token requests (servicebus-amqp.md §4), answered with status-code/-description.
class CbsRequestLink final : public ServerLink {
    Q_OBJECT
public:
    static CbsRequestLink* open(AmqpServerConnection* connection, proton::receiver& receiver,
                                const QString& address);
    void onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) override;

private:
    using ServerLink::ServerLink;
};

// {entity}/$management: request/response operations (servicebus-amqp.md §8).
class ManagementRequestLink final : public ServerLink {
    Q_OBJECT
public:
    static ManagementRequestLink* open(AmqpServerConnection* connection, proton::receiver& receiver,
                                       const QString& address, const EntityAddress& node);
    ~ManagementRequestLink() override;
    void onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) override;
    [[nodiscard]] bool isStillAuthorized(qint64 nowSeconds) const override;
    void revoke() override;

private:
    ManagementRequestLink(AmqpServerConnection* connection, pn_link_t* link, const QString& address,
                          const EntityAddress& entity);

    EntityAddress m_entity;
    ManagementOperations* m_operations = nullptr;
};

// Grants credit to a request link and keeps it topped up.
void topUpRequestCredit(pn_link_t* link);

} // namespace busbar::emulator
