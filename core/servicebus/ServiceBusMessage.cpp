#include "core/servicebus/ServiceBusMessage.h"

#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpSections.h"

#include <array>

namespace busbar {

namespace {

std::optional<QDateTime> timeOf(const QVariant* value) {
    if (!value) {
        return std::nullopt;
    }
    // pyamqp re-sends these as long milliseconds instead of timestamps (§6.4): accept both.
    if (value->typeId() == QMetaType::QDateTime) {
        return value->toDateTime().toUTC();
    }
    if (value->typeId() == QMetaType::LongLong) {
        return QDateTime::fromMSecsSinceEpoch(value->toLongLong(), Qt::UTC);
    }
    return std::nullopt;
}

qint64 longOf(const QVariant* value, qint64 fallback) {
    if (!value || !value->isValid()) {
        return fallback;
    }
    bool ok = false;
    const qint64 v = value->toLongLong(&ok);
    return ok ? v : fallback;
}

// The broker's stamps, read in one pass over the annotations: the peek and receive paths
// build one ServiceBusMessage per message, and a lookup per stamp (each scanning the map and
// comparing every key) was a third of the per-message cost.
enum Stamp : int {
    SequenceNumber,
    EnqueueSequenceNumber,
    EnqueuedTime,
    ScheduledEnqueueTime,
    LockedUntil,
    DeadLetterSource,
    State,
    StampCount,
};

// Without the common "x-opt-" prefix.
constexpr std::array<QByteArrayView, StampCount> stampNames = {
    QByteArrayView("sequence-number"), QByteArrayView("enqueue-sequence-number"),
    QByteArrayView("enqueued-time"),   QByteArrayView("scheduled-enqueue-time"),
    QByteArrayView("locked-until"),    QByteArrayView("deadletter-source"),
    QByteArrayView("message-state"),
};

int stampOf(QByteArrayView key) {
    constexpr QByteArrayView prefix("x-opt-");
    if (!key.startsWith(prefix)) {
        return StampCount;
    }
    const QByteArrayView rest = key.sliced(prefix.size());
    for (int i = 0; i < StampCount; ++i) {
        if (rest == stampNames[size_t(i)]) {
            return i;
        }
    }
    return StampCount;
}

// Same keys AmqpMessage::annotation accepts (symbols, and strings some clients send), first
// entry wins.
std::array<const QVariant*, StampCount> stampsOf(const AmqpMap& annotations) {
    std::array<const QVariant*, StampCount> found{};
    const int symbolType = qMetaTypeId<AmqpSymbol>();
    for (const auto& [k, v] : annotations.entries) {
        int stamp = StampCount;
        if (k.typeId() == symbolType) {
            stamp = stampOf(static_cast<const AmqpSymbol*>(k.constData())->name);
        } else if (k.typeId() == QMetaType::QString) {
            stamp = stampOf(static_cast<const QString*>(k.constData())->toUtf8());
        }
        if (stamp < StampCount && !found[size_t(stamp)]) {
            found[size_t(stamp)] = &v;
        }
    }
    return found;
}

bool keyIs(const QVariant& k, int symbolType, QLatin1String name) {
    if (k.typeId() == QMetaType::QString) {
        return *static_cast<const QString*>(k.constData()) == name;
    }
    return k.typeId() == symbolType &&
           QAnyStringView::equal(
               QUtf8StringView(static_cast<const AmqpSymbol*>(k.constData())->name), name);
}

} // namespace

qint64 ServiceBusMessage::sequenceNumberOf(QByteArrayView encoded) {
    namespace s = amqpsection;
    AmqpDecoder d(encoded);
    while (!d.atEnd()) {
        const Result<QVariant> descriptor = d.readDescriptor();
        if (!descriptor) {
            return -1;
        }
        const quint64 code = s::sectionCode(*descriptor);
        if (code == s::MessageAnnotations) {
            const Result<QVariant> value = d.readValue();
            if (!value || value->typeId() != qMetaTypeId<AmqpMap>()) {
                return -1;
            }
            const auto* annotations = static_cast<const AmqpMap*>(value->constData());
            return longOf(stampsOf(*annotations)[SequenceNumber], -1);
        }
        // Annotations come after the header and delivery annotations only.
        if (code != s::Header && code != s::DeliveryAnnotations) {
            return -1;
        }
        if (!d.skipValue()) {
            return -1;
        }
    }
    return -1;
}

Result<ServiceBusMessage> ServiceBusMessage::fromEncoded(const QByteArray& encoded,
                                                         const QUuid& lockToken) {
    Result<AmqpMessage> decoded = AmqpMessage::decode(encoded);
    if (!decoded) {
        return fail(decoded.error());
    }
    return fromAmqp(std::move(*decoded), encoded.size(), lockToken);
}

ServiceBusMessage ServiceBusMessage::fromAmqp(AmqpMessage message, qint64 encodedSize,
                                              const QUuid& lockToken) {
    ServiceBusMessage m;
    const std::array<const QVariant*, StampCount> stamps = stampsOf(message.messageAnnotations);
    m.sequenceNumber = longOf(stamps[SequenceNumber], -1);
    m.enqueueSequenceNumber = longOf(stamps[EnqueueSequenceNumber], m.sequenceNumber);
    m.enqueuedTime = timeOf(stamps[EnqueuedTime]);
    m.scheduledEnqueueTime = timeOf(stamps[ScheduledEnqueueTime]);
    m.lockedUntil = timeOf(stamps[LockedUntil]);
    if (stamps[DeadLetterSource]) {
        m.deadLetterSource = stamps[DeadLetterSource]->toString();
    }
    const qint64 state = longOf(stamps[State], 0);
    m.state = state == 1   ? MessageState::Deferred
              : state == 2 ? MessageState::Scheduled
                           : MessageState::Active;

    // Only dead-lettered messages carry these: one pass, no key conversions.
    const int symbolType = qMetaTypeId<AmqpSymbol>();
    bool haveReason = false;
    bool haveDescription = false;
    for (const auto& [k, v] : message.applicationProperties.entries) {
        if (!haveReason && keyIs(k, symbolType, QLatin1String("DeadLetterReason"))) {
            m.deadLetterReason = v.toString();
            haveReason = true;
        } else if (!haveDescription &&
                   keyIs(k, symbolType, QLatin1String("DeadLetterErrorDescription"))) {
            m.deadLetterDescription = v.toString();
            haveDescription = true;
        }
    }

    m.deliveryCount = message.header.deliveryCount;
    m.sessionId = message.properties.groupId;
    m.expiresAt = message.properties.absoluteExpiryTime;
    m.size = encodedSize;
    m.lockToken = lockToken;
    m.amqp = std::move(message);
    return m;
}

} // namespace busbar
