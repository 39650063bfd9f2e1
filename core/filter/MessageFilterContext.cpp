#include "core/filter/MessageFilterContext.h"

#include <QDateTime>

namespace busbar {

namespace {

using namespace Qt::StringLiterals;

void putText(QVariantMap& map, const QString& key, const QString& value) {
    if (!value.isNull())
        map.insert(key, value);
}

// Service timestamps are AMQP timestamps, but pyamqp re-sends some as long milliseconds.
QVariant toUtcDateTime(const QVariant& value) {
    if (value.metaType() == QMetaType::fromType<QDateTime>())
        return value.toDateTime().toUTC();
    if (value.canConvert<qint64>() && value.metaType().id() != QMetaType::QString)
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
    return {};
}

QVariant toLong(const QVariant& value) {
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    return ok ? QVariant::fromValue(number) : QVariant();
}

QString annotationText(const QVariant& value) {
    if (value.metaType() == QMetaType::fromType<AmqpSymbol>())
        return QString::fromUtf8(value.value<AmqpSymbol>().name);
    return value.isValid() ? value.toString() : QString();
}

enum class AnnotationKind { Long, Time, Text };

struct AnnotationField {
    const char* annotation;
    QLatin1String name;
    AnnotationKind kind;
};

constexpr AnnotationField kAnnotationFields[] = {
    {"x-opt-sequence-number", "SequenceNumber"_L1, AnnotationKind::Long},
    {"x-opt-enqueue-sequence-number", "EnqueuedSequenceNumber"_L1, AnnotationKind::Long},
    {"x-opt-enqueued-time", "EnqueuedTimeUtc"_L1, AnnotationKind::Time},
    {"x-opt-scheduled-enqueue-time", "ScheduledEnqueueTimeUtc"_L1, AnnotationKind::Time},
    {"x-opt-locked-until", "LockedUntilUtc"_L1, AnnotationKind::Time},
    {"x-opt-partition-key", "PartitionKey"_L1, AnnotationKind::Text},
    {"x-opt-via-partition-key", "ViaPartitionKey"_L1, AnnotationKind::Text},
    {"x-opt-deadletter-source", "DeadLetterSource"_L1, AnnotationKind::Text},
};

} // namespace

FilterContext filterContextFromMessage(const AmqpMessage& message) {
    FilterContext context;
    QVariantMap& sys = context.systemProperties;
    const AmqpMessage::Properties& p = message.properties;
    if (p.messageId.isValid())
        sys.insert(u"MessageId"_s, amqpIdToText(p.messageId));
    if (p.correlationId.isValid())
        sys.insert(u"CorrelationId"_s, amqpIdToText(p.correlationId));
    putText(sys, u"Label"_s, p.subject);
    putText(sys, u"To"_s, p.to);
    putText(sys, u"ReplyTo"_s, p.replyTo);
    putText(sys, u"SessionId"_s, p.groupId);
    putText(sys, u"ReplyToSessionId"_s, p.replyToGroupId);
    if (!p.contentType.isNull())
        sys.insert(u"ContentType"_s, QString::fromUtf8(p.contentType));
    if (message.header.ttlMs)
        sys.insert(u"TimeToLive"_s, QVariant::fromValue(qint64(*message.header.ttlMs)));
    sys.insert(u"DeliveryCount"_s, QVariant::fromValue(qint64(message.header.deliveryCount)));

    for (const AnnotationField& entry : kAnnotationFields) {
        const QVariant raw = message.annotation(QByteArray(entry.annotation));
        if (!raw.isValid())
            continue;
        QVariant value;
        switch (entry.kind) {
        case AnnotationKind::Long:
            value = toLong(raw);
            break;
        case AnnotationKind::Time:
            value = toUtcDateTime(raw);
            break;
        case AnnotationKind::Text:
            value = annotationText(raw);
            break;
        }
        if (value.isValid())
            sys.insert(QString(entry.name), value);
    }
    // The service reports expiry as enqueued time + TTL; an absent TTL never expires.
    const auto enqueued = sys.constFind(u"EnqueuedTimeUtc"_s);
    if (enqueued != sys.cend() && message.header.ttlMs)
        sys.insert(u"ExpiresAtUtc"_s,
                   enqueued->toDateTime().addMSecs(qint64(*message.header.ttlMs)));

    for (const auto& [key, value] : message.applicationProperties.entries) {
        const QString name = key.metaType() == QMetaType::fromType<AmqpSymbol>()
                                 ? QString::fromUtf8(key.value<AmqpSymbol>().name)
                                 : key.toString();
        context.userProperties.insert(name, value);
    }
    return context;
}

} // namespace busbar
