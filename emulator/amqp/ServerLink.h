#pragma once

#include "core/amqp/ProtonAccess.h"

#include <QObject>
#include <QString>

namespace busbar::emulator {

class AmqpServerConnection;

// The emulator's side of one attached link. AmqpServerConnection routes Proton events to it;
// it is deleted when the link closes, so completions hold a QPointer to it and do nothing
// once it is gone (the pn_link_t and its deliveries may then no longer be touched).
class ServerLink : public QObject {
    Q_OBJECT
public:
    enum class Kind {
        CbsRequest,
        CbsReply,
        ManagementRequest,
        ManagementReply,
        EntitySend,
        EntityReceive,
    };

    ServerLink(AmqpServerConnection* connection, pn_link_t* link, Kind kind, QString nodeAddress)
        : m_connection(connection)
        , m_link(link)
        , m_kind(kind)
        , m_nodeAddress(std::move(nodeAddress)) {}
    ~ServerLink() override = default;

    // A complete delivery read raw from a receiving link (the client's transfer).
    virtual void onRawDelivery(pn_delivery_t* delivery, const QByteArray& bytes) {
        Q_UNUSED(bytes);
        pn_delivery_update(delivery, PN_RELEASED);
        pn_delivery_settle(delivery);
    }
    // The client granted credit (sending links).
    virtual void onSendable() {}
    // The client changed the state of one of our deliveries (sending links).
    virtual void onRemoteUpdate(pn_delivery_t* delivery) {
        if (pn_delivery_remote_state(delivery) != 0 || pn_delivery_settled(delivery)) {
            pn_delivery_settle(delivery);
        }
    }

    // Whether the connection's tokens still allow this link (checked when a token expires);
    // links that need no claim ($cbs, replies, refused ones) always are.
    [[nodiscard]] virtual bool isStillAuthorized(qint64 nowSeconds) const {
        Q_UNUSED(nowSeconds);
        return true;
    }
    // Detaches the link because its token expired (servicebus-amqp.md §4.4).
    virtual void revoke() {
        closeLinkWithError(m_link, QStringLiteral("amqp:unauthorized-access"),
                           QStringLiteral("The token that authorized this link has expired."));
    }

    [[nodiscard]] pn_link_t* link() const { return m_link; }
    [[nodiscard]] Kind kind() const { return m_kind; }
    // The node the link is attached to: the target of a receiving link, the source of a
    // sending link, as the client wrote it.
    [[nodiscard]] const QString& nodeAddress() const { return m_nodeAddress; }
    [[nodiscard]] AmqpServerConnection* connection() const { return m_connection; }

protected:
    AmqpServerConnection* m_connection;
    pn_link_t* m_link;
    Kind m_kind;
    QString m_nodeAddress;
};

} // namespace busbar::emulator
