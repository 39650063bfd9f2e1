// The $management operations on messages (servicebus-amqp.md §8): peek, schedule and cancel,
// receive by sequence number. Split from ManagementOperations.cpp, which keeps the envelope,
// dispatch and settlement.
#include "core/amqp/AmqpEncoder.h"
#include "emulator/amqp/DeliveryEncoding.h"
#include "emulator/amqp/EntitySendLink.h"
#include "emulator/amqp/ManagementOperations.h"
#include "emulator/broker/Broker.h"

namespace busbar::emulator {

using namespace mgmt;

namespace {
constexpr qsizetype kMaxReserve = qsizetype(16) << 20;
} // namespace

void ManagementOperations::peekMessage(const Call& call) {
    const QVariant* from = mgmt::value(call.body, "from-sequence-number");
    const QVariant* count = mgmt::value(call.body, "message-count");
    if (!from || !count) {
        return failed(call, missing(from ? "message-count" : "from-sequence-number"));
    }
    if (!isInteger(*from)) {
        return failed(call, wrongType("from-sequence-number", "an integer (long)"));
    }
    if (!isInteger(*count)) {
        return failed(call, wrongType("message-count", "an integer (int)"));
    }
    // JS sends omit-message-body when the caller only wants the properties.
    const QVariant* omit = mgmt::value(call.body, "omit-message-body");
    const bool omitBody = omit && omit->toBool();

    // The reply is written in place as the broker is walked: {"messages": [{"message":
    // <binary>}, ...]} with each message encoded straight into it, the bytes an encoder
    // would write for the same maps, with no copy of a stored message or of its encoding.
    QByteArray out = responseHead(call.request, 200, QStringLiteral("OK"), {});
    AmqpEncoder e(out);
    e.writeDescriptor(kAmqpValueSection);
    const qsizetype body = e.beginMap();
    e.writeStringUtf8("messages");
    const qsizetype list = e.beginList();
    const int maxCount = count->toInt();
    const QString& readFrom = m_entity.entityPath;
    int written = 0;
    Result<int> peeked =
        m_broker.peekEach(m_entity, from->toLongLong(), maxCount, sessionIdOf(call.body),
                          [&](const StoredMessage& stored) {
                              const qsizetype before = out.size();
                              const qsizetype entry = e.beginMap();
                              e.writeStringUtf8("message");
                              DeliveryEncoding::appendPeekAsBinary(out, stored, readFrom, omitBody);
                              e.endMap(entry, 2);
                              if (++written == 1 && maxCount > 1) {
                                  // The first message's size is a fair guess for the page: grow
                                  // once, not doubling (and copying) a few times, within reason for
                                  // huge messages.
                                  const qsizetype guess =
                                      (out.size() - before) * qsizetype(maxCount - 1);
                                  out.reserve(out.size() + std::min<qsizetype>(guess, kMaxReserve));
                              }
                          });
    if (!peeked) {
        return failed(call, peeked.error());
    }
    if (*peeked == 0) {
        return ok(call, {}, 204);
    }
    e.endList(list, quint32(*peeked));
    e.endMap(body, 2);
    call.respond(out);
}

void ManagementOperations::scheduleMessage(const Call& call) {
    QList<AmqpMessage> messages;
    for (const QVariant& item :
         mgmt::list(mgmt::value(call.body, "messages") ? *mgmt::value(call.body, "messages")
                                                       : QVariant())) {
        const AmqpMap entry = mgmt::map(item);
        const QVariant* encoded = mgmt::value(entry, "message");
        if (!encoded) {
            return failed(call, missing("message"));
        }
        if (encoded->userType() != QMetaType::QByteArray) {
            return failed(call, wrongType("message", "binary (an encoded AMQP message)"));
        }
        Result<AmqpMessage> message = AmqpMessage::decode(encoded->toByteArray());
        if (!message) {
            // Bytes from the client that do not decode are its error, not the broker's.
            return failed(
                call, Error::invalidInput(QStringLiteral("The 'message' to schedule is not a valid "
                                                         "encoded AMQP message: %1")
                                              .arg(message.error().message)));
        }
        // The SDKs repeat the id beside the message (and generate one when it had none).
        if (!message->properties.messageId.isValid()) {
            if (const std::optional<QString> id = mgmt::optionalString(entry, "message-id")) {
                message->properties.present = true;
                message->properties.messageId = *id;
            }
        }
        assignMissingMessageId(*message);
        messages.append(std::move(*message));
    }
    if (messages.isEmpty()) {
        return failed(call, missing("messages"));
    }
    m_broker.scheduleMessages(m_entity, std::move(messages),
                              guarded<QList<qint64>>([this, call](Result<QList<qint64>> r) {
                                  if (!r) {
                                      return failed(call, r.error());
                                  }
                                  QVariantList numbers;
                                  for (qint64 n : *r) {
                                      numbers.append(QVariant::fromValue<qint64>(n));
                                  }
                                  ok(call, QVariantMap{{QStringLiteral("sequence-numbers"),
                                                        array(QMetaType::LongLong, numbers)}});
                              }));
}

void ManagementOperations::cancelScheduledMessage(const Call& call) {
    const QVariant* numbers = mgmt::value(call.body, "sequence-numbers");
    if (!numbers) {
        return failed(call, missing("sequence-numbers"));
    }
    m_broker.cancelScheduled(m_entity, toLongs(*numbers), guarded<void>([this, call](VoidResult r) {
                                 r ? ok(call) : failed(call, r.error());
                             }));
}

void ManagementOperations::receiveBySequenceNumber(const Call& call) {
    const QVariant* numbers = mgmt::value(call.body, "sequence-numbers");
    if (!numbers) {
        return failed(call, missing("sequence-numbers"));
    }
    const std::optional<QList<qint64>> sequenceNumbers = strictLongs(*numbers);
    if (!sequenceNumbers) {
        return failed(call, wrongType("sequence-numbers", "an array of longs"));
    }
    const QVariant* modeValue = mgmt::value(call.body, "receiver-settle-mode");
    const bool peekLock = !modeValue || modeValue->toInt() != 0;
    m_broker.receiveBySequenceNumbers(
        m_entity, *sequenceNumbers,
        peekLock ? ReceiveMode::PeekLock : ReceiveMode::ReceiveAndDelete, sessionIdOf(call.body),
        guarded<QList<LockedMessage>>([this, call, peekLock](Result<QList<LockedMessage>> r) {
            if (!r) {
                return failed(call, r.error());
            }
            QVariantList messages;
            for (const LockedMessage& locked : *r) {
                QVariantMap entry{{QStringLiteral("message"),
                                   DeliveryEncoding::forManagementReceive(locked, peekLock,
                                                                          m_entity.entityPath)}};
                if (peekLock) {
                    entry.insert(QStringLiteral("lock-token"),
                                 QVariant::fromValue(locked.lockToken));
                }
                messages.append(entry);
            }
            ok(call, QVariantMap{{QStringLiteral("messages"), messages}});
        }));
}

} // namespace busbar::emulator
