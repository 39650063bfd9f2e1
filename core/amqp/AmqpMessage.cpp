#include "core/amqp/AmqpMessage.h"

#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessageFields.h"
#include "core/amqp/AmqpSections.h"

#include <QUuid>

namespace busbar {

namespace s = amqpsection;
using namespace amqpfields;

namespace {

// The body sections, `size` bytes from `start` of `encoded`. Taken without a copy when
// `encoded` is a buffer of exactly its own size (a delivery as read off a link, or one
// message of a management reply): the message then keeps those bytes and no more, sharing
// them like any implicitly shared QByteArray. Bytes inside anything larger (a reply's page, a
// batch, raw data) are copied, so a message never holds on to a buffer it is a small part of.
QByteArray bodySlice(const QByteArray& encoded, qsizetype start, qsizetype size) {
    if (size == 0)
        return {};
    // data_ptr() only hands out the pointer; copying it takes a reference, as a copy would.
    QByteArray::DataPointer shared = const_cast<QByteArray&>(encoded).data_ptr();
    if (!shared.d_ptr() || shared.freeSpaceAtBegin() != 0 || shared.freeSpaceAtEnd() != 0)
        return QByteArray(encoded.constData() + start, size);
    shared.setBegin(shared.data() + start);
    shared.size = size;
    return QByteArray(std::move(shared));
}

} // namespace

Result<AmqpMessage> AmqpMessage::decode(const QByteArray& encoded) {
    AmqpMessage m;
    AmqpDecoder d(encoded);
    int lastRank = -1;
    // Body sections are consecutive (one rank), so they are one range of `encoded`.
    qsizetype bodyStart = -1;
    qsizetype bodyEnd = -1;
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
            if (bodyStart < 0)
                bodyStart = start;
            bodyEnd = d.position();
            continue;
        }

        if (code == s::Header || code == s::Properties) {
            // The usual list form is read field by field, without a QVariantList; anything
            // else (not a list) takes the general path below and its error.
            const int constructor = d.peekByte();
            if (constructor == 0x40 || constructor == 0x45 || constructor == 0xc0 ||
                constructor == 0xd0) {
                QVariant fields[kPropertiesFields];
                const bool header = code == s::Header;
                auto count = d.readListFields(fields, header ? kHeaderFields : kPropertiesFields);
                if (!count)
                    return fail(count.error());
                if (header) {
                    auto h = parseHeader(fields, *count);
                    if (!h)
                        return fail(h.error());
                    m.header = *h;
                } else {
                    auto p = parseProperties(fields, *count);
                    if (!p)
                        return fail(p.error());
                    m.properties = std::move(*p);
                }
                continue;
            }
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
            if (!toMap(std::move(*value), m.deliveryAnnotations))
                return fail(messageError(QStringLiteral("delivery-annotations is not a map")));
            break;
        case s::MessageAnnotations:
            if (!toMap(std::move(*value), m.messageAnnotations))
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
            if (!toMap(std::move(*value), m.applicationProperties))
                return fail(messageError(QStringLiteral("application-properties is not a map")));
            m.hasApplicationProperties = true;
            break;
        default:
            break;
        }
    }
    if (bodyStart >= 0)
        m.bodyBytes = bodySlice(encoded, bodyStart, bodyEnd - bodyStart);
    return m;
}

QByteArray AmqpMessage::encode(bool explicitDeliveryCount) const {
    QByteArray out;
    out.reserve(128 + bodyBytes.size() + footerBytes.size());
    AmqpEncoder e(out);

    if (headerNeeded(header, explicitDeliveryCount))
        writeHeader(out, header, explicitDeliveryCount);
    if (!deliveryAnnotations.entries.isEmpty()) {
        e.writeDescriptor(s::DeliveryAnnotations);
        e.writeMap(deliveryAnnotations);
    }
    if (!messageAnnotations.entries.isEmpty()) {
        e.writeDescriptor(s::MessageAnnotations);
        e.writeMap(messageAnnotations);
    }
    if (propertiesNeeded(properties))
        writeProperties(out, properties);
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
        if (payload.isEmpty()) {
            failure = messageError(QStringLiteral("batch message %1 is an empty data section")
                                       .arg(messages.size() + 1));
            return false;
        }
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
