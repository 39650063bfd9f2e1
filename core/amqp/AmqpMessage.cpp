#include "core/amqp/AmqpMessage.h"

#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpSections.h"

#include <QUuid>

namespace busbar {

namespace {

namespace s = amqpsection;

Error messageError(const QString& what) {
    return Error::make(ErrorCode::Protocol, QStringLiteral("malformed AMQP message: %1").arg(what));
}

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

bool toMap(const QVariant& v, AmqpMap& out) {
    if (!v.isValid()) {
        out = {};
        return true;
    }
    if (v.typeId() != qMetaTypeId<AmqpMap>())
        return false;
    out = *static_cast<const AmqpMap*>(v.constData());
    return true;
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

Result<AmqpMessage::Header> parseHeader(const QVariant& value) {
    AmqpMessage::Header h;
    h.present = true;
    if (!value.isValid())
        return h;
    if (value.typeId() != QMetaType::QVariantList)
        return fail(messageError(QStringLiteral("the header is not a list")));
    const QVariantList fields = value.toList();
    for (int i = 0; i < std::min<int>(int(fields.size()), 5); ++i) {
        const QVariant& f = fields.at(i);
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

Result<AmqpMessage::Properties> parseProperties(const QVariant& value) {
    AmqpMessage::Properties p;
    p.present = true;
    if (!value.isValid())
        return p;
    if (value.typeId() != QMetaType::QVariantList)
        return fail(messageError(QStringLiteral("the properties section is not a list")));
    const QVariantList fields = value.toList();
    for (int i = 0; i < std::min<int>(int(fields.size()), 13); ++i) {
        const QVariant& f = fields.at(i);
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

bool propertiesSet(const AmqpMessage::Properties& p) {
    return p.present || p.messageId.isValid() || !p.userId.isNull() || !p.to.isNull() ||
           !p.subject.isNull() || !p.replyTo.isNull() || p.correlationId.isValid() ||
           !p.contentType.isNull() || !p.contentEncoding.isNull() || p.absoluteExpiryTime ||
           p.creationTime || !p.groupId.isNull() || p.groupSequence || !p.replyToGroupId.isNull();
}

// Writes a list whose trailing absent fields are trimmed: each writer returns whether it
// wrote a value (true) or a null (false).
template <typename... Writers>
void writeTrimmedList(QByteArray& out, AmqpEncoder& e, Writers&&... writers) {
    const qsizetype token = e.beginList();
    qsizetype keepEnd = out.size();
    quint32 keepCount = 0;
    quint32 index = 0;
    auto one = [&](auto&& writer) {
        ++index;
        if (writer()) {
            keepEnd = out.size();
            keepCount = index;
        }
    };
    (one(writers), ...);
    out.truncate(keepEnd);
    e.endList(token, keepCount);
}

} // namespace

Result<AmqpMessage> AmqpMessage::decode(const QByteArray& encoded) {
    AmqpMessage m;
    AmqpDecoder d(encoded);
    int lastRank = -1;
    while (!d.atEnd()) {
        const qsizetype start = d.position();
        auto descriptor = d.readDescriptor();
        if (!descriptor)
            return fail(descriptor.error());
        const quint64 code = s::sectionCode(*descriptor);
        if (code == 0)
            return fail(
                messageError(QStringLiteral("unknown section descriptor at offset %1").arg(start)));
        const int rank = s::sectionRank(code);
        const bool body = rank == s::kBodyRank;
        if (rank < lastRank || (rank == lastRank && !body))
            return fail(messageError(QStringLiteral("section 0x%1 at offset %2 is out of order")
                                         .arg(code, 2, 16)
                                         .arg(start)));
        lastRank = rank;

        if (body || code == s::Footer) {
            const int constructor = d.peekByte();
            if (auto skipped = d.skipValue(); !skipped)
                return fail(skipped.error());
            const QByteArrayView bytes(encoded.constData() + start, d.position() - start);
            if (code == s::Footer) {
                if (constructor != 0xc1 && constructor != 0xd1 && constructor != 0x40)
                    return fail(messageError(QStringLiteral("the footer is not a map")));
                m.footerBytes = bytes.toByteArray();
                continue;
            }
            const BodyKind kind = code == s::Data       ? BodyKind::Data
                                  : code == s::Sequence ? BodyKind::Sequence
                                                        : BodyKind::Value;
            if (m.bodyKind != BodyKind::None && (m.bodyKind != kind || kind == BodyKind::Value))
                return fail(messageError(
                    QStringLiteral("body section at offset %1 follows another body kind")
                        .arg(start)));
            if (kind == BodyKind::Data && constructor != 0xa0 && constructor != 0xb0)
                return fail(messageError(
                    QStringLiteral("data section at offset %1 is not binary").arg(start)));
            if (kind == BodyKind::Sequence && constructor != 0x45 && constructor != 0xc0 &&
                constructor != 0xd0)
                return fail(messageError(
                    QStringLiteral("amqp-sequence section at offset %1 is not a list").arg(start)));
            m.bodyKind = kind;
            m.bodyBytes.append(bytes.data(), bytes.size());
            continue;
        }

        auto value = d.readValue();
        if (!value)
            return fail(value.error());
        switch (code) {
        case s::Header: {
            auto h = parseHeader(*value);
            if (!h)
                return fail(h.error());
            m.header = *h;
            break;
        }
        case s::DeliveryAnnotations:
            if (!toMap(*value, m.deliveryAnnotations))
                return fail(messageError(QStringLiteral("delivery-annotations is not a map")));
            break;
        case s::MessageAnnotations:
            if (!toMap(*value, m.messageAnnotations))
                return fail(messageError(QStringLiteral("message-annotations is not a map")));
            break;
        case s::Properties: {
            auto p = parseProperties(*value);
            if (!p)
                return fail(p.error());
            m.properties = std::move(*p);
            break;
        }
        case s::ApplicationProperties:
            if (!toMap(*value, m.applicationProperties))
                return fail(messageError(QStringLiteral("application-properties is not a map")));
            m.hasApplicationProperties = true;
            break;
        default:
            break;
        }
    }
    return m;
}

QByteArray AmqpMessage::encode(bool explicitDeliveryCount) const {
    QByteArray out;
    out.reserve(128 + bodyBytes.size() + footerBytes.size());
    AmqpEncoder e(out);

    const Header& h = header;
    const bool headerNeeded = h.present || h.durable || h.priority != 4 || h.ttlMs ||
                              h.firstAcquirer || h.deliveryCount != 0 || explicitDeliveryCount;
    if (headerNeeded) {
        e.writeDescriptor(s::Header);
        auto boolField = [&](bool v) {
            return [&e, v] {
                if (v)
                    e.writeBool(true);
                else
                    e.writeNull();
                return v;
            };
        };
        writeTrimmedList(
            out, e, boolField(h.durable),
            [&] {
                if (h.priority == 4) {
                    e.writeNull();
                    return false;
                }
                e.writeUbyte(h.priority);
                return true;
            },
            [&] {
                if (!h.ttlMs) {
                    e.writeNull();
                    return false;
                }
                e.writeUint(*h.ttlMs);
                return true;
            },
            boolField(h.firstAcquirer),
            [&] {
                if (h.deliveryCount == 0 && !explicitDeliveryCount) {
                    e.writeNull();
                    return false;
                }
                e.writeUint(h.deliveryCount);
                return true;
            });
    }
    if (!deliveryAnnotations.entries.isEmpty()) {
        e.writeDescriptor(s::DeliveryAnnotations);
        e.writeMap(deliveryAnnotations);
    }
    if (!messageAnnotations.entries.isEmpty()) {
        e.writeDescriptor(s::MessageAnnotations);
        e.writeMap(messageAnnotations);
    }
    const Properties& p = properties;
    if (propertiesSet(p)) {
        e.writeDescriptor(s::Properties);
        auto value = [&e](const QVariant& v) {
            return [&e, &v] {
                e.writeValue(v);
                return v.isValid();
            };
        };
        auto text = [&e](const QString& v) {
            return [&e, &v] {
                if (v.isNull())
                    e.writeNull();
                else
                    e.writeString(v);
                return !v.isNull();
            };
        };
        auto symbol = [&e](const QByteArray& v) {
            return [&e, &v] {
                if (v.isNull())
                    e.writeNull();
                else
                    e.writeSymbol(v);
                return !v.isNull();
            };
        };
        auto time = [&e](const std::optional<QDateTime>& v) {
            return [&e, &v] {
                const bool set = v && v->isValid();
                if (set)
                    e.writeTimestamp(v->toMSecsSinceEpoch());
                else
                    e.writeNull();
                return set;
            };
        };
        writeTrimmedList(
            out, e, value(p.messageId),
            [&] {
                if (p.userId.isNull())
                    e.writeNull();
                else
                    e.writeBinary(p.userId);
                return !p.userId.isNull();
            },
            text(p.to), text(p.subject), text(p.replyTo), value(p.correlationId),
            symbol(p.contentType), symbol(p.contentEncoding), time(p.absoluteExpiryTime),
            time(p.creationTime), text(p.groupId),
            [&] {
                if (p.groupSequence)
                    e.writeUint(*p.groupSequence);
                else
                    e.writeNull();
                return p.groupSequence.has_value();
            },
            text(p.replyToGroupId));
    }
    if (hasApplicationProperties || !applicationProperties.entries.isEmpty()) {
        e.writeDescriptor(s::ApplicationProperties);
        e.writeMap(applicationProperties);
    }
    out.append(bodyBytes);
    out.append(footerBytes);
    return out;
}

QByteArray AmqpMessage::dataPayload() const {
    if (bodyKind != BodyKind::Data)
        return {};
    QByteArray payload;
    s::forEachDataPayload(bodyBytes, [&](QByteArrayView view) {
        payload.append(view);
        return true;
    });
    return payload;
}

QVariant AmqpMessage::bodyValue() const {
    switch (bodyKind) {
    case BodyKind::None:
        return {};
    case BodyKind::Data:
        return dataPayload();
    case BodyKind::Value: {
        QVariant value;
        s::forEachBodySection(bodyBytes, [&](const QVariant& v) {
            value = v;
            return false;
        });
        return value;
    }
    case BodyKind::Sequence: {
        QVariantList all;
        s::forEachBodySection(bodyBytes, [&](const QVariant& v) {
            all.append(v.toList());
            return true;
        });
        return all;
    }
    }
    return {};
}

void AmqpMessage::setDataBody(const QByteArray& payload) {
    bodyKind = BodyKind::Data;
    bodyBytes.clear();
    bodyBytes.reserve(payload.size() + 8);
    AmqpEncoder e(bodyBytes);
    e.writeDescriptor(s::Data);
    e.writeBinary(payload);
}

void AmqpMessage::setValueBody(const QVariant& value) {
    bodyKind = BodyKind::Value;
    bodyBytes.clear();
    AmqpEncoder e(bodyBytes);
    e.writeDescriptor(s::Value);
    e.writeValue(value);
}

QVariant AmqpMessage::annotation(const QByteArray& key) const {
    const qsizetype i = s::findSymbolKey(messageAnnotations, key);
    return i < 0 ? QVariant() : messageAnnotations.entries.at(i).second;
}

void AmqpMessage::setAnnotation(const QByteArray& key, const QVariant& value) {
    const qsizetype i = s::findSymbolKey(messageAnnotations, key);
    if (i >= 0)
        messageAnnotations.entries[i].second = value;
    else
        messageAnnotations.entries.append({QVariant::fromValue(AmqpSymbol{key}), value});
}

void AmqpMessage::removeAnnotation(const QByteArray& key) {
    const qsizetype i = s::findSymbolKey(messageAnnotations, key);
    if (i >= 0)
        messageAnnotations.entries.removeAt(i);
}

QVariant AmqpMessage::applicationProperty(const QString& key) const {
    const qsizetype i = s::findStringKey(applicationProperties, key);
    return i < 0 ? QVariant() : applicationProperties.entries.at(i).second;
}

void AmqpMessage::setApplicationProperty(const QString& key, const QVariant& value) {
    hasApplicationProperties = true;
    const qsizetype i = s::findStringKey(applicationProperties, key);
    if (i >= 0)
        applicationProperties.entries[i].second = value;
    else
        applicationProperties.entries.append({QVariant(key), value});
}

Result<QList<AmqpMessage>> AmqpMessage::decodeBatch(const QByteArray& encodedEnvelope) {
    auto envelope = decode(encodedEnvelope);
    if (!envelope)
        return fail(envelope.error());
    if (envelope->bodyKind != BodyKind::Data)
        return fail(messageError(QStringLiteral("a batch body must be data sections")));
    QList<AmqpMessage> messages;
    std::optional<Error> failure;
    s::forEachDataPayload(envelope->bodyBytes, [&](QByteArrayView payload) {
        // A view into the envelope, which outlives the call; decode copies what it keeps.
        auto inner = decode(QByteArray::fromRawData(payload.data(), payload.size()));
        if (!inner) {
            failure = inner.error();
            failure->message = QStringLiteral("batch message %1: %2")
                                   .arg(messages.size() + 1)
                                   .arg(failure->message);
            return false;
        }
        messages.append(std::move(*inner));
        return true;
    });
    if (failure)
        return fail(*failure);
    return messages;
}

// Runs on every incoming transfer, so it walks the sections in place without building any
// values; decodeBatch does the full validation afterwards.
bool AmqpMessage::looksLikeBatch(const QByteArray& encoded) {
    AmqpDecoder d(encoded);
    int dataSections = 0;
    while (!d.atEnd()) {
        auto descriptor = d.readDescriptor();
        if (!descriptor)
            return false;
        const quint64 code = s::sectionCode(*descriptor);
        if (code == 0 || code == s::Sequence || code == s::Value)
            return false;
        const qsizetype start = d.position();
        const int constructor = d.peekByte();
        if (!d.skipValue())
            return false;
        if (code != s::Data)
            continue;
        const qsizetype headerLength = constructor == 0xa0 ? 2 : constructor == 0xb0 ? 5 : -1;
        if (headerLength < 0)
            return false;
        const auto payload = QByteArrayView(encoded).sliced(start + headerLength,
                                                            d.position() - start - headerLength);
        if (!s::startsWithSectionDescriptor(payload))
            return false;
        ++dataSections;
    }
    return dataSections > 0;
}

QString amqpIdToText(const QVariant& id) {
    switch (id.typeId()) {
    case QMetaType::UnknownType:
        return {};
    case QMetaType::QString:
        return id.toString();
    case QMetaType::QUuid:
        return id.toUuid().toString(QUuid::WithoutBraces);
    case QMetaType::QByteArray:
        return QString::fromLatin1(id.toByteArray().toHex());
    case QMetaType::UChar:
    case QMetaType::UShort:
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return QString::number(id.toULongLong());
    case QMetaType::SChar:
    case QMetaType::Short:
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return QString::number(id.toLongLong());
    default:
        break;
    }
    if (id.typeId() == qMetaTypeId<AmqpSymbol>())
        return QString::fromUtf8(id.value<AmqpSymbol>().name);
    return id.toString();
}

} // namespace busbar
