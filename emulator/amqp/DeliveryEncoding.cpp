#include "emulator/amqp/DeliveryEncoding.h"

#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessageFields.h"

#include <QtEndian>

#include <array>
#include <cstring>
#include <limits>
#include <optional>

namespace busbar::emulator {

namespace {

// 9999-12-31T23:59:59.999Z: the service caps absolute-expiry-time here.
constexpr qint64 kMaxExpiryMs = 253402300799999;

// Section descriptors (AMQP 1.0 §3.2).
constexpr quint64 kHeader = 0x70;
constexpr quint64 kDeliveryAnnotations = 0x71;
constexpr quint64 kMessageAnnotations = 0x72;
constexpr quint64 kApplicationProperties = 0x74;

// The broker's message annotations, in the order they are added when the client did not
// send them. A client annotation with the same name (symbol or string key, the first one)
// has its value replaced where it stands, or is dropped for a dead-letter source that is
// not shown: the wire stays what stamping a copy of the message used to produce.
enum Stamp {
    SequenceNumber,
    EnqueuedTime,
    EnqueueSequenceNumber,
    DeadLetterSource,
    ScheduledEnqueueTime,
    LockedUntil,
    MessageStateStamp,
    StampCount
};

constexpr std::array<QByteArrayView, StampCount> kStampNames{
    "x-opt-sequence-number",   "x-opt-enqueued-time",          "x-opt-enqueue-sequence-number",
    "x-opt-deadletter-source", "x-opt-scheduled-enqueue-time", "x-opt-locked-until",
    "x-opt-message-state",
};

// What one delivery stamps on top of the stored message.
struct Stamps {
    quint32 headerDeliveryCount = 0;
    qint64 lockedUntilMs = 0; // 0: no x-opt-locked-until
    std::optional<qint32> messageState;
    QUuid lockToken; // null: no delivery annotations
    bool omitBody = false;
};

bool showsDeadLetterSource(const StoredMessage& stored, const QString& readFrom) {
    return !stored.deadLetterSource.isEmpty() &&
           stored.deadLetterSource.compare(readFrom, Qt::CaseInsensitive) != 0;
}

// The header's ttl and the absolute-expiry-time when the message expires: the TTL in force
// (its own or the entity default), and the expiry anchored on creation-time when the ttl in
// force is the message's own (SDKs compute TimeToLive as expiry - creation).
struct Expiry {
    std::optional<quint32> ttlMs;
    std::optional<qint64> absoluteMs;
};

Expiry expiryOf(const StoredMessage& stored) {
    const AmqpMessage& message = stored.message;
    Expiry result{message.header.ttlMs, std::nullopt};
    if (stored.expiresAtMs <= 0 || stored.expiresAtMs == std::numeric_limits<qint64>::max()) {
        return result;
    }
    qint64 expiry = stored.expiresAtMs;
    const qint64 effectiveTtl = stored.expiresAtMs - stored.enqueuedTimeMs;
    if (effectiveTtl > 0 && effectiveTtl <= qint64(std::numeric_limits<quint32>::max())) {
        result.ttlMs = quint32(effectiveTtl);
    }
    const auto& created = message.properties.creationTime;
    if (result.ttlMs && created && created->isValid() &&
        stored.expiresAtMs == stored.enqueuedTimeMs + qint64(*result.ttlMs)) {
        expiry = created->toMSecsSinceEpoch() + qint64(*result.ttlMs);
    }
    result.absoluteMs = std::min(expiry, kMaxExpiryMs);
    return result;
}

void writeHeader(AmqpEncoder& e, const AmqpMessage::Header& h, std::optional<quint32> ttlMs,
                 quint32 deliveryCount) {
    e.writeDescriptor(kHeader);
    // The delivery-count is always written (the real service writes uint 0,
    // servicebus-amqp.md §6.2), so no field is ever trimmed.
    const qsizetype token = e.beginList();
    auto field = [&e](bool present, auto&& write) {
        if (present) {
            write();
        } else {
            e.writeNull();
        }
    };
    field(h.durable, [&] { e.writeBool(true); });
    field(h.priority != 4, [&] { e.writeUbyte(h.priority); });
    field(ttlMs.has_value(), [&] { e.writeUint(*ttlMs); });
    field(h.firstAcquirer, [&] { e.writeBool(true); });
    e.writeUint(deliveryCount);
    e.endList(token, 5);
}

// Which stamp a client annotation key names, if any (symbol keys, or string keys as
// AmqpMessage's annotation lookup also matches them).
int stampNamed(const QVariant& key) {
    QByteArray utf8;
    QByteArrayView name;
    if (key.typeId() == qMetaTypeId<AmqpSymbol>()) {
        name = static_cast<const AmqpSymbol*>(key.constData())->name;
    } else if (key.typeId() == QMetaType::QString) {
        utf8 = static_cast<const QString*>(key.constData())->toUtf8();
        name = utf8;
    } else {
        return -1;
    }
    if (!name.startsWith("x-opt-")) {
        return -1;
    }
    for (int i = 0; i < StampCount; ++i) {
        if (name == kStampNames[size_t(i)]) {
            return i;
        }
    }
    return -1;
}

void writeMessageAnnotations(AmqpEncoder& e, const StoredMessage& stored, const QString& readFrom,
                             const Stamps& stamps) {
    const bool showSource = showsDeadLetterSource(stored, readFrom);
    // Stamps this delivery sets (or, for a hidden dead-letter source, removes).
    std::array<bool, StampCount> active{};
    active[SequenceNumber] = active[EnqueuedTime] = active[EnqueueSequenceNumber] = true;
    active[DeadLetterSource] = true;
    active[ScheduledEnqueueTime] = stored.scheduledEnqueueTimeMs > 0;
    active[LockedUntil] = stamps.lockedUntilMs > 0;
    active[MessageStateStamp] = stamps.messageState.has_value();
    std::array<bool, StampCount> seen{};

    auto writeStamp = [&](int stamp) {
        switch (stamp) {
        case SequenceNumber:
            e.writeLong(stored.sequenceNumber);
            break;
        case EnqueuedTime:
            e.writeTimestamp(stored.enqueuedTimeMs);
            break;
        case EnqueueSequenceNumber:
            e.writeLong(stored.enqueueSequenceNumber > 0 ? stored.enqueueSequenceNumber
                                                         : stored.sequenceNumber);
            break;
        case DeadLetterSource:
            e.writeString(stored.deadLetterSource);
            break;
        case ScheduledEnqueueTime:
            e.writeTimestamp(stored.scheduledEnqueueTimeMs);
            break;
        case LockedUntil:
            e.writeTimestamp(stamps.lockedUntilMs);
            break;
        default:
            e.writeInt(*stamps.messageState);
            break;
        }
    };

    e.writeDescriptor(kMessageAnnotations);
    const qsizetype token = e.beginMap();
    quint32 count = 0;
    for (const auto& [key, value] : stored.message.messageAnnotations.entries) {
        const int stamp = stampNamed(key);
        if (stamp >= 0 && active[size_t(stamp)] && !seen[size_t(stamp)]) {
            seen[size_t(stamp)] = true;
            if (stamp == DeadLetterSource && !showSource) {
                continue;
            }
            e.writeValue(key);
            writeStamp(stamp);
        } else {
            e.writeValue(key);
            e.writeValue(value);
        }
        count += 2;
    }
    for (int stamp = 0; stamp < StampCount; ++stamp) {
        if (!active[size_t(stamp)] || seen[size_t(stamp)] ||
            (stamp == DeadLetterSource && !showSource)) {
            continue;
        }
        e.writeSymbol(kStampNames[size_t(stamp)]);
        writeStamp(stamp);
        count += 2;
    }
    e.endMap(token, count);
}

// The whole message: the stored sections as received, with the broker's header,
// annotations and expiry in place of the client's.
void appendMessage(QByteArray& out, const StoredMessage& stored, const QString& readFrom,
                   const Stamps& stamps) {
    const AmqpMessage& message = stored.message;
    const Expiry expiry = expiryOf(stored);
    AmqpEncoder e(out);
    writeHeader(e, message.header, expiry.ttlMs, stamps.headerDeliveryCount);
    if (!stamps.lockToken.isNull()) {
        e.writeDescriptor(kDeliveryAnnotations);
        const qsizetype token = e.beginMap();
        e.writeSymbol("x-opt-lock-token");
        e.writeUuid(stamps.lockToken);
        e.endMap(token, 2);
    }
    writeMessageAnnotations(e, stored, readFrom, stamps);
    if (expiry.absoluteMs || amqpfields::propertiesNeeded(message.properties)) {
        amqpfields::writeProperties(out, message.properties, expiry.absoluteMs);
    }
    if (message.hasApplicationProperties || !message.applicationProperties.entries.isEmpty()) {
        e.writeDescriptor(kApplicationProperties);
        e.writeMap(message.applicationProperties);
    }
    if (!stamps.omitBody) {
        out.append(message.bodyBytes);
    }
    out.append(message.footerBytes);
}

QByteArray encoded(const StoredMessage& stored, const QString& readFrom, const Stamps& stamps) {
    QByteArray out;
    out.reserve(256 + stored.message.bodyBytes.size() + stored.message.footerBytes.size());
    appendMessage(out, stored, readFrom, stamps);
    return out;
}

quint32 countBeforeThisAttempt(const LockedMessage& locked) {
    const quint32 count = locked.message.deliveryCount;
    return count > 0 ? count - 1 : 0;
}

} // namespace

QByteArray DeliveryEncoding::forTransfer(const LockedMessage& locked, bool peekLock,
                                         bool sessionReceiver, const QString& readFrom) {
    Stamps stamps;
    stamps.headerDeliveryCount = countBeforeThisAttempt(locked);
    if (peekLock) {
        stamps.lockedUntilMs = sessionReceiver ? 0 : locked.lockedUntilMs;
        stamps.lockToken = locked.lockToken;
    }
    return encoded(locked.message, readFrom, stamps);
}

QByteArray DeliveryEncoding::forManagementReceive(const LockedMessage& locked, bool peekLock,
                                                  const QString& readFrom) {
    Stamps stamps;
    stamps.headerDeliveryCount = countBeforeThisAttempt(locked);
    if (peekLock) {
        stamps.lockedUntilMs = locked.lockedUntilMs;
    }
    // The token travels in the response map. Only deferred messages can be fetched this
    // way, and they stay deferred until settled.
    stamps.messageState = qint32(MessageState::Deferred);
    return encoded(locked.message, readFrom, stamps);
}

QByteArray DeliveryEncoding::forPeek(const StoredMessage& stored, const QString& readFrom) {
    Stamps stamps;
    stamps.headerDeliveryCount = stored.deliveryCount;
    stamps.messageState = qint32(stored.state);
    return encoded(stored, readFrom, stamps);
}

void DeliveryEncoding::appendPeekAsBinary(QByteArray& out, const StoredMessage& stored,
                                          const QString& readFrom, bool omitBody) {
    Stamps stamps;
    stamps.headerDeliveryCount = stored.deliveryCount;
    stamps.messageState = qint32(stored.state);
    stamps.omitBody = omitBody;
    // Room for a vbin32 constructor and length, filled in once the size is known; a message
    // under 256 bytes moves back into the vbin8 form.
    const qsizetype start = out.size();
    out.append(5, '\0');
    appendMessage(out, stored, readFrom, stamps);
    const qsizetype length = out.size() - start - 5;
    char* base = out.data() + start;
    if (length < 256) {
        base[0] = char(0xa0);
        base[1] = char(quint8(length));
        std::memmove(base + 2, base + 5, size_t(length));
        out.truncate(start + 2 + length);
        return;
    }
    base[0] = char(0xb0);
    qToBigEndian(quint32(length), base + 1);
}

} // namespace busbar::emulator
