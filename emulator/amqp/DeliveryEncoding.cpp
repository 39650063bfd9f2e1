#include "emulator/amqp/DeliveryEncoding.h"

#include <QDateTime>

#include <limits>

namespace busbar::emulator {

namespace {

// 9999-12-31T23:59:59.999Z: the service caps absolute-expiry-time here.
constexpr qint64 kMaxExpiryMs = 253402300799999;

QDateTime utcFromMs(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

AmqpMessage stamped(const StoredMessage& stored, quint32 headerDeliveryCount,
                    const QString& readFrom) {
    AmqpMessage message = stored.message;
    message.deliveryAnnotations.entries.clear();
    message.header.present = true;
    message.header.deliveryCount = headerDeliveryCount;
    message.setAnnotation(QByteArrayLiteral("x-opt-sequence-number"),
                          QVariant::fromValue<qint64>(stored.sequenceNumber));
    message.setAnnotation(QByteArrayLiteral("x-opt-enqueued-time"),
                          utcFromMs(stored.enqueuedTimeMs));
    message.setAnnotation(QByteArrayLiteral("x-opt-enqueue-sequence-number"),
                          QVariant::fromValue<qint64>(stored.enqueueSequenceNumber > 0
                                                          ? stored.enqueueSequenceNumber
                                                          : stored.sequenceNumber));
    if (stored.deadLetterSource.isEmpty() ||
        stored.deadLetterSource.compare(readFrom, Qt::CaseInsensitive) == 0) {
        message.removeAnnotation(QByteArrayLiteral("x-opt-deadletter-source"));
    } else {
        message.setAnnotation(QByteArrayLiteral("x-opt-deadletter-source"),
                              stored.deadLetterSource);
    }
    if (stored.scheduledEnqueueTimeMs > 0) {
        message.setAnnotation(QByteArrayLiteral("x-opt-scheduled-enqueue-time"),
                              utcFromMs(stored.scheduledEnqueueTimeMs));
    }
    if (stored.expiresAtMs > 0 && stored.expiresAtMs != std::numeric_limits<qint64>::max()) {
        qint64 expiry = stored.expiresAtMs;
        // The header carries the TTL in force: the message's own or the entity default.
        const qint64 effectiveTtl = stored.expiresAtMs - stored.enqueuedTimeMs;
        if (effectiveTtl > 0 && effectiveTtl <= qint64(std::numeric_limits<quint32>::max())) {
            message.header.ttlMs = quint32(effectiveTtl);
        }
        // SDKs derive TimeToLive as absolute-expiry-time - creation-time (JS, Python): when the
        // message's own ttl is the one in force, anchor the expiry on its creation time so the
        // receiver reads back exactly the ttl that was sent.
        const auto& ttl = message.header.ttlMs;
        const auto& created = message.properties.creationTime;
        if (ttl && created && created->isValid() &&
            stored.expiresAtMs == stored.enqueuedTimeMs + qint64(*ttl)) {
            expiry = created->toMSecsSinceEpoch() + qint64(*ttl);
        }
        message.properties.present = true;
        message.properties.absoluteExpiryTime = utcFromMs(std::min(expiry, kMaxExpiryMs));
    }
    return message;
}

void addLock(AmqpMessage& message, const LockedMessage& locked, bool lockedUntil) {
    if (lockedUntil && locked.lockedUntilMs > 0) {
        message.setAnnotation(QByteArrayLiteral("x-opt-locked-until"),
                              utcFromMs(locked.lockedUntilMs));
    }
    if (!locked.lockToken.isNull()) {
        message.deliveryAnnotations.entries.append(
            {QVariant::fromValue(AmqpSymbol{QByteArrayLiteral("x-opt-lock-token")}),
             QVariant::fromValue(locked.lockToken)});
    }
}

} // namespace

QByteArray DeliveryEncoding::forTransfer(const LockedMessage& locked, bool peekLock,
                                         bool sessionReceiver, const QString& readFrom) {
    const quint32 count = locked.message.deliveryCount;
    AmqpMessage message = stamped(locked.message, count > 0 ? count - 1 : 0, readFrom);
    if (peekLock) {
        addLock(message, locked, !sessionReceiver);
    }
    return message.encode(true);
}

QByteArray DeliveryEncoding::forManagementReceive(const LockedMessage& locked, bool peekLock,
                                                  const QString& readFrom) {
    const quint32 count = locked.message.deliveryCount;
    AmqpMessage message = stamped(locked.message, count > 0 ? count - 1 : 0, readFrom);
    if (peekLock) {
        addLock(message, locked, true);
    }
    message.deliveryAnnotations.entries.clear(); // the token travels in the response map
    // Only deferred messages can be fetched this way, and they stay deferred until settled.
    message.setAnnotation(QByteArrayLiteral("x-opt-message-state"),
                          QVariant::fromValue<qint32>(qint32(MessageState::Deferred)));
    return message.encode(true);
}

QByteArray DeliveryEncoding::forPeek(const StoredMessage& stored, const QString& readFrom) {
    AmqpMessage message = stamped(stored, stored.deliveryCount, readFrom);
    message.setAnnotation(QByteArrayLiteral("x-opt-message-state"),
                          QVariant::fromValue<qint32>(qint32(stored.state)));
    return message.encode(true);
}

} // namespace busbar::emulator
