#include "core/amqp/AmqpMessageFields.h"

#include "core/amqp/AmqpSections.h"
#include "core/amqp/AmqpTrimmedList.h"

#include <QDateTime>

namespace busbar::amqpfields {

namespace {

// Unsigned integer fields: any unsigned (or non-negative signed) integer type that fits, so
// a peer that encodes a uint field as ulong is still understood.
bool toU32(const QVariant& v, quint32& out) {
    bool ok = false;
    switch (v.typeId()) {
    case QMetaType::UChar:
    case QMetaType::UShort:
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong: {
        const qulonglong x = v.toULongLong(&ok);
        if (!ok || x > 0xffffffffULL)
            return false;
        out = quint32(x);
        return true;
    }
    case QMetaType::SChar:
    case QMetaType::Short:
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong: {
        const qlonglong x = v.toLongLong(&ok);
        if (!ok || x < 0 || x > 0xffffffffLL)
            return false;
        out = quint32(x);
        return true;
    }
    default:
        return false;
    }
}

bool toBool(const QVariant& v, bool& out) {
    if (v.typeId() != QMetaType::Bool)
        return false;
    out = v.toBool();
    return true;
}

// Strings and symbols are interchangeable on input for the text fields.
bool toText(const QVariant& v, QString& out) {
    if (v.typeId() == QMetaType::QString) {
        out = v.toString();
        return true;
    }
    if (v.typeId() == qMetaTypeId<AmqpSymbol>()) {
        out = QString::fromUtf8(v.value<AmqpSymbol>().name);
        return true;
    }
    return false;
}

bool toSymbolBytes(const QVariant& v, QByteArray& out) {
    if (v.typeId() == qMetaTypeId<AmqpSymbol>()) {
        out = v.value<AmqpSymbol>().name;
        return true;
    }
    if (v.typeId() == QMetaType::QString) {
        out = v.toString().toUtf8();
        return true;
    }
    return false;
}

// Timestamps, or the long milliseconds some clients re-encode them as.
bool toTimestamp(const QVariant& v, std::optional<QDateTime>& out) {
    if (v.typeId() == QMetaType::QDateTime) {
        out = v.toDateTime();
        return true;
    }
    if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::ULongLong) {
        out = QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
        return true;
    }
    return false;
}

const char* fieldName(int index, bool header) {
    static const char* const headerFields[] = {"durable", "priority", "ttl", "first-acquirer",
                                               "delivery-count"};
    static const char* const propertyFields[] = {
        "message-id",       "user-id",          "to",
        "subject",          "reply-to",         "correlation-id",
        "content-type",     "content-encoding", "absolute-expiry-time",
        "creation-time",    "group-id",         "group-sequence",
        "reply-to-group-id"};
    return header ? headerFields[index] : propertyFields[index];
}

Error fieldError(bool header, int index, const QVariant& v) {
    return messageError(QStringLiteral("%1 field %2 has the wrong type (%3)")
                            .arg(header ? QStringLiteral("header") : QStringLiteral("properties"),
                                 QLatin1String(fieldName(index, header)),
                                 QLatin1String(v.metaType().name())));
}

} // namespace

Error messageError(const QString& what) {
    return Error::make(ErrorCode::Protocol, QStringLiteral("malformed AMQP message: %1").arg(what));
}

bool toMap(QVariant&& v, AmqpMap& out) {
    if (!v.isValid()) {
        out = {};
        return true;
    }
    if (v.typeId() != qMetaTypeId<AmqpMap>())
        return false;
    // data() detaches only a shared variant; a freshly decoded one is not.
    out = std::move(*static_cast<AmqpMap*>(v.data()));
    return true;
}

Result<AmqpMessage::Header> parseHeader(const QVariant& value) {
    if (!value.isValid())
        return parseHeader(nullptr, 0);
    if (value.typeId() != QMetaType::QVariantList)
        return fail(messageError(QStringLiteral("the header is not a list")));
    const QVariantList fields = value.toList();
    return parseHeader(fields.constData(), int(fields.size()));
}

Result<AmqpMessage::Properties> parseProperties(const QVariant& value) {
    if (!value.isValid())
        return parseProperties(nullptr, 0);
    if (value.typeId() != QMetaType::QVariantList)
        return fail(messageError(QStringLiteral("the properties section is not a list")));
    const QVariantList fields = value.toList();
    return parseProperties(fields.constData(), int(fields.size()));
}

Result<AmqpMessage::Header> parseHeader(const QVariant* fields, int count) {
    AmqpMessage::Header h;
    h.present = true;
    for (int i = 0; i < std::min(count, kHeaderFields); ++i) {
        const QVariant& f = fields[i];
        if (!f.isValid())
            continue;
        bool ok = false;
        quint32 n = 0;
        switch (i) {
        case 0:
            ok = toBool(f, h.durable);
            break;
        case 1:
            ok = toU32(f, n) && n <= 255;
            h.priority = quint8(n);
            break;
        case 2:
            ok = toU32(f, n);
            h.ttlMs = n;
            break;
        case 3:
            ok = toBool(f, h.firstAcquirer);
            break;
        case 4:
            ok = toU32(f, h.deliveryCount);
            break;
        default:
            break;
        }
        if (!ok)
            return fail(fieldError(true, i, f));
    }
    return h;
}

Result<AmqpMessage::Properties> parseProperties(const QVariant* fields, int count) {
    AmqpMessage::Properties p;
    p.present = true;
    for (int i = 0; i < std::min(count, kPropertiesFields); ++i) {
        const QVariant& f = fields[i];
        if (!f.isValid())
            continue;
        bool ok = true;
        switch (i) {
        case 0:
            p.messageId = f;
            break;
        case 1:
            if (f.typeId() == QMetaType::QByteArray)
                p.userId = f.toByteArray();
            else
                ok = toSymbolBytes(f, p.userId);
            break;
        case 2:
            ok = toText(f, p.to);
            break;
        case 3:
            ok = toText(f, p.subject);
            break;
        case 4:
            ok = toText(f, p.replyTo);
            break;
        case 5:
            p.correlationId = f;
            break;
        case 6:
            ok = toSymbolBytes(f, p.contentType);
            break;
        case 7:
            ok = toSymbolBytes(f, p.contentEncoding);
            break;
        case 8:
            ok = toTimestamp(f, p.absoluteExpiryTime);
            break;
        case 9:
            ok = toTimestamp(f, p.creationTime);
            break;
        case 10:
            ok = toText(f, p.groupId);
            break;
        case 11: {
            quint32 n = 0;
            ok = toU32(f, n);
            p.groupSequence = n;
            break;
        }
        case 12:
            ok = toText(f, p.replyToGroupId);
            break;
        default:
            break;
        }
        if (!ok)
            return fail(fieldError(false, i, f));
    }
    return p;
}

bool headerNeeded(const AmqpMessage::Header& h, bool explicitDeliveryCount) {
    return h.present || h.durable || h.priority != 4 || h.ttlMs || h.firstAcquirer ||
           h.deliveryCount != 0 || explicitDeliveryCount;
}

bool propertiesNeeded(const AmqpMessage::Properties& p) {
    return p.present || p.messageId.isValid() || !p.userId.isNull() || !p.to.isNull() ||
           !p.subject.isNull() || !p.replyTo.isNull() || p.correlationId.isValid() ||
           !p.contentType.isNull() || !p.contentEncoding.isNull() || p.absoluteExpiryTime ||
           p.creationTime || !p.groupId.isNull() || p.groupSequence || !p.replyToGroupId.isNull();
}

void writeHeader(QByteArray& out, const AmqpMessage::Header& h, bool explicitDeliveryCount) {
    AmqpEncoder e(out);
    e.writeDescriptor(amqpsection::Header);
    AmqpTrimmedList list(out, e);
    list.field(h.durable, [&] { e.writeBool(true); });
    list.field(h.priority != 4, [&] { e.writeUbyte(h.priority); });
    list.field(h.ttlMs.has_value(), [&] { e.writeUint(*h.ttlMs); });
    list.field(h.firstAcquirer, [&] { e.writeBool(true); });
    // Proton leaves a zero count out; the real service writes uint 0 (servicebus-amqp.md §6.2).
    list.field(h.deliveryCount != 0 || explicitDeliveryCount,
               [&] { e.writeUint(h.deliveryCount); });
    list.finish();
}

void writeProperties(QByteArray& out, const AmqpMessage::Properties& p,
                     std::optional<qint64> absoluteExpiryMs) {
    AmqpEncoder e(out);
    e.writeDescriptor(amqpsection::Properties);
    AmqpTrimmedList list(out, e);
    auto time = [&](const std::optional<QDateTime>& t) {
        list.field(t && t->isValid(), [&] { e.writeTimestamp(t->toMSecsSinceEpoch()); });
    };
    list.field(p.messageId.isValid(), [&] { e.writeValue(p.messageId); });
    list.field(!p.userId.isNull(), [&] { e.writeBinary(p.userId); });
    list.field(!p.to.isNull(), [&] { e.writeString(p.to); });
    list.field(!p.subject.isNull(), [&] { e.writeString(p.subject); });
    list.field(!p.replyTo.isNull(), [&] { e.writeString(p.replyTo); });
    list.field(p.correlationId.isValid(), [&] { e.writeValue(p.correlationId); });
    list.field(!p.contentType.isNull(), [&] { e.writeSymbol(p.contentType); });
    list.field(!p.contentEncoding.isNull(), [&] { e.writeSymbol(p.contentEncoding); });
    if (absoluteExpiryMs) {
        list.field(true, [&] { e.writeTimestamp(*absoluteExpiryMs); });
    } else {
        time(p.absoluteExpiryTime);
    }
    time(p.creationTime);
    list.field(!p.groupId.isNull(), [&] { e.writeString(p.groupId); });
    list.field(p.groupSequence.has_value(), [&] { e.writeUint(*p.groupSequence); });
    list.field(!p.replyToGroupId.isNull(), [&] { e.writeString(p.replyToGroupId); });
    list.finish();
}

} // namespace busbar::amqpfields
