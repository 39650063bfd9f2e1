#include "emulator/amqp/EntityReceiveLink.h"

#include "core/amqp/LockToken.h"
#include "core/amqp/ProtonData.h"
#include "emulator/amqp/AmqpServerConnection.h"
#include "emulator/amqp/ConsumerDirectory.h"
#include "emulator/amqp/DeliveryEncoding.h"
#include "emulator/amqp/ErrorConditions.h"

#include <QDateTime>
#include <QPointer>

#include <proton/sender_options.hpp>

namespace busbar::emulator {

namespace {

constexpr int kReceiveChunk = 256;
constexpr qint64 kUnixEpochTicks = 621355968000000000LL; // .NET ticks at 1970-01-01T00:00:00Z

// Application-property keys are strings; outcome maps may carry symbols.
AmqpMap asPropertiesToModify(const AmqpMap& map, const QList<QByteArray>& skip = {}) {
    AmqpMap result;
    for (const auto& [key, value] : map.entries) {
        const QString name = key.userType() == qMetaTypeId<AmqpSymbol>()
                                 ? QString::fromUtf8(key.value<AmqpSymbol>().name)
                                 : key.toString();
        if (!skip.contains(name.toUtf8())) {
            result.entries.append({name, value});
        }
    }
    return result;
}

} // namespace

EntityReceiveLink::EntityReceiveLink(AmqpServerConnection* connection, pn_link_t* link,
                                     const QString& address, EntityAddress entity)
    : ServerLink(connection, link, Kind::EntityReceive, address)
    , m_entity(std::move(entity)) {}

EntityReceiveLink::~EntityReceiveLink() {
    if (m_consumer != 0) {
        m_connection->consumers().remove(m_consumer);
        m_connection->broker().detachConsumer(m_consumer);
    }
}

EntityReceiveLink* EntityReceiveLink::open(AmqpServerConnection* connection, proton::sender& sender,
                                           const QString& address, const EntityAddress& parsed) {
    pn_link_t* link = cLink(sender);
    Result<EntityAddress> resolved = connection->broker().resolve(parsed);
    auto* receiveLink =
        new EntityReceiveLink(connection, link, address, resolved ? *resolved : parsed);
    // Echo the settle modes asked for; they decide the receive mode (§5.3).
    pn_link_set_snd_settle_mode(link, pn_link_remote_snd_settle_mode(link));
    pn_link_set_rcv_settle_mode(link, pn_link_remote_rcv_settle_mode(link));
    receiveLink->m_mode = pn_link_remote_snd_settle_mode(link) == PN_SND_SETTLED
                              ? ReceiveMode::ReceiveAndDelete
                              : ReceiveMode::PeekLock;
    openServerSender(sender);

    if (!resolved) {
        closeLinkWithError(link, QStringLiteral("amqp:not-found"), resolved.error().message);
    } else if (!connection->auth().isAuthorized(resolved->toString(), Right::Listen,
                                                QDateTime::currentSecsSinceEpoch())) {
        closeLinkWithError(
            link, QStringLiteral("amqp:unauthorized-access"),
            QStringLiteral("Unauthorized access. 'Listen' claim(s) are required to perform this "
                           "operation. Resource: '%1'.")
                .arg(resolved->entityPath));
    } else {
        receiveLink->attachConsumer();
    }
    return receiveLink;
}

bool EntityReceiveLink::attachConsumer() {
    Broker::ConsumerOptions options;
    options.source = m_entity;
    options.mode = m_mode;
    bool hasFilter = false;
    const AmqpMap filters = readPnMap(pn_terminus_filter(pn_link_remote_source(m_link)));
    if (const QVariant* session = findKey(filters, "com.microsoft:session-filter", &hasFilter)) {
        options.sessionFilter =
            session->isValid() && !session->isNull() ? session->toString() : QString();
        m_sessionReceiver = true;
    }
    Result<Broker::ConsumerInfo> consumer = m_connection->broker().attachConsumer(options);
    if (!consumer) {
        // No session filter in the refusing attach: the SDKs take an echoed filter as a lock on
        // that session, and its absence (plus the detach error) as the refusal.
        pn_data_clear(pn_terminus_filter(pn_link_source(m_link)));
        closeLinkWithError(m_link, amqpConditionFor(consumer.error()),
                           amqpDescriptionFor(consumer.error()));
        return false;
    }
    m_consumer = consumer->id;
    m_active = true;
    m_connection->consumers().add(m_consumer, this);
    if (m_sessionReceiver) {
        // The SDKs read the session id they got from this echo (§9.1).
        AmqpMap filter;
        filter.entries.append(
            {QVariant::fromValue(AmqpSymbol{QByteArrayLiteral("com.microsoft:session-filter")}),
             consumer->lockedSessionId});
        writePnSymbolMap(pn_terminus_filter(pn_link_source(m_link)), filter);
        AmqpMap properties;
        properties.entries.append(
            {QVariant::fromValue(AmqpSymbol{QByteArrayLiteral("com.microsoft:locked-until-utc")}),
             QVariant::fromValue<qint64>(consumer->sessionLockedUntilMs * 10000 +
                                         kUnixEpochTicks)});
        writePnSymbolMap(pn_link_properties(m_link), properties);
    }
    return true;
}

void EntityReceiveLink::onSendable() {
    pump();
}

void EntityReceiveLink::pump() {
    if (!m_active || !(pn_link_state(m_link) & PN_LOCAL_ACTIVE)) {
        return;
    }
    if (m_pumping) {
        // A broker signal emitted from inside receive(): the loop below picks it up.
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        pumpOnce();
    } while (m_pumpAgain && m_active);
    m_pumping = false;
    m_connection->scheduleProcess();
}

void EntityReceiveLink::pumpOnce() {
    Broker& broker = m_connection->broker();
    int credit = pn_link_credit(m_link);
    while (credit > 0) {
        const int wanted = std::min(credit, kReceiveChunk);
        const QList<LockedMessage> batch = broker.receive(m_consumer, wanted);
        for (const LockedMessage& message : batch) {
            sendMessage(message);
        }
        if (batch.size() < wanted || !m_active) {
            break;
        }
        credit = pn_link_credit(m_link);
    }
    if (m_active && pn_link_get_drain(m_link) && pn_link_credit(m_link) > 0) {
        pn_link_drained(m_link);
    }
}

void EntityReceiveLink::sendMessage(const LockedMessage& message) {
    const bool peekLock = m_mode == ReceiveMode::PeekLock;
    const QByteArray bytes =
        DeliveryEncoding::forTransfer(message, peekLock, m_sessionReceiver, m_entity.entityPath);
    const QByteArray tag = LockToken::toDeliveryTag(message.lockToken.isNull() ? QUuid::createUuid()
                                                                               : message.lockToken);
    pn_delivery_t* delivery = pn_delivery(m_link, pn_dtag(tag.constData(), size_t(tag.size())));
    pn_link_send(m_link, bytes.constData(), size_t(bytes.size()));
    pn_link_advance(m_link);
    if (!peekLock) {
        pn_delivery_settle(delivery);
    }
}

void EntityReceiveLink::onRemoteUpdate(pn_delivery_t* delivery) {
    if (m_settling.contains(delivery)) {
        return;
    }
    const uint64_t state = pn_delivery_remote_state(delivery);
    if (m_mode == ReceiveMode::ReceiveAndDelete || state == PN_RECEIVED || !m_active) {
        if (pn_delivery_settled(delivery) || !m_active) {
            pn_delivery_settle(delivery);
        }
        return;
    }
    pn_disposition_t* remote = pn_delivery_remote(delivery);
    Disposition disposition;
    switch (state) {
    case PN_ACCEPTED:
        disposition.kind = Disposition::Kind::Complete;
        break;
    case PN_REJECTED: {
        // Dead-letter: reason and description in the error's info map (§7).
        disposition.kind = Disposition::Kind::DeadLetter;
        pn_condition_t* condition = pn_disposition_condition(remote);
        const AmqpMap info = readPnMap(pn_condition_info(condition));
        if (const QVariant* reason = findKey(info, "DeadLetterReason")) {
            disposition.deadLetterReason = reason->toString();
        }
        if (const QVariant* description = findKey(info, "DeadLetterErrorDescription")) {
            disposition.deadLetterDescription = description->toString();
        } else if (pn_condition_get_description(condition)) {
            disposition.deadLetterDescription = toQString(pn_condition_get_description(condition));
        }
        disposition.propertiesToModify =
            asPropertiesToModify(info, {QByteArrayLiteral("DeadLetterReason"),
                                        QByteArrayLiteral("DeadLetterErrorDescription")});
        break;
    }
    case PN_MODIFIED:
        disposition.kind = pn_disposition_is_undeliverable(remote) ? Disposition::Kind::Defer
                                                                   : Disposition::Kind::Abandon;
        disposition.propertiesToModify =
            asPropertiesToModify(readPnMap(pn_disposition_annotations(remote)));
        break;
    default:
        disposition.kind = Disposition::Kind::Release;
        break;
    }
    const pn_delivery_tag_t tag = pn_delivery_tag(delivery);
    const QUuid lockToken =
        LockToken::fromDeliveryTag(QByteArrayView(tag.start, qsizetype(tag.size)))
            .value_or(QUuid());
    m_settling.insert(delivery);
    QPointer<EntityReceiveLink> self(this);
    const uint64_t answer = state == 0 ? PN_RELEASED : state;
    m_connection->broker().settle(
        m_consumer, lockToken, disposition, [self, delivery, answer](VoidResult result) {
            EntityReceiveLink* link = self.data();
            if (!link) {
                return;
            }
            link->m_settling.remove(delivery);
            if (result) {
                pn_delivery_update(delivery, answer);
            } else {
                Error error = result.error();
                if (link->m_sessionReceiver && error.code == ErrorCode::LockLost &&
                    error.condition.isEmpty()) {
                    error.condition = QStringLiteral("com.microsoft:session-lock-lost");
                }
                setCondition(pn_disposition_condition(pn_delivery_local(delivery)),
                             amqpConditionFor(error), amqpDescriptionFor(error));
                pn_delivery_update(delivery, PN_REJECTED);
            }
            pn_delivery_settle(delivery);
            link->m_connection->scheduleProcess();
        });
}

bool EntityReceiveLink::isStillAuthorized(qint64 nowSeconds) const {
    return !m_active ||
           m_connection->auth().isAuthorized(m_entity.toString(), Right::Listen, nowSeconds);
}

void EntityReceiveLink::revoke() {
    detachWithError(QStringLiteral("amqp:unauthorized-access"),
                    QStringLiteral("The token that authorized this link has expired."));
}

void EntityReceiveLink::detachWithError(const QString& condition, const QString& description) {
    if (!m_active) {
        return;
    }
    m_active = false;
    m_connection->consumers().remove(m_consumer);
    m_connection->broker().detachConsumer(m_consumer);
    m_consumer = 0;
    closeLinkWithError(m_link, condition, description);
    m_connection->scheduleProcess();
}

} // namespace busbar::emulator
