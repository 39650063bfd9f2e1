#include "core/amqp/AmqpCodes.h"
#include "core/amqp/AmqpEncoder.h"

#include <QDateTime>

#include <bit>

// Arrays: one constructor for every element, chosen from the element type, then each
// element's payload without its own constructor.

namespace busbar {

namespace c = amqpcode;

// Picks the one constructor every element of the array is written with: the fixed-width
// form of the element type, or the 32-bit/8-bit variable form that fits the longest one.
bool AmqpEncoder::arrayConstructor(const AmqpArray& array, quint8& code) {
    const int type = array.elementType;
    auto fitsIn8 = [&](auto sizeOf) {
        for (const QVariant& v : array.elements)
            if (sizeOf(v) > 255)
                return false;
        return true;
    };
    switch (type) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        code = c::Null;
        return true;
    case QMetaType::Bool:
        code = c::Boolean;
        return true;
    case QMetaType::UChar:
        code = c::Ubyte;
        return true;
    case QMetaType::SChar:
    case QMetaType::Char:
        code = c::Byte;
        return true;
    case QMetaType::UShort:
        code = c::Ushort;
        return true;
    case QMetaType::Short:
        code = c::Short;
        return true;
    case QMetaType::UInt:
        code = c::Uint;
        return true;
    case QMetaType::Int:
        code = c::Int;
        return true;
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        code = c::Ulong;
        return true;
    case QMetaType::Long:
    case QMetaType::LongLong:
        code = c::Long;
        return true;
    case QMetaType::Float:
        code = c::Float;
        return true;
    case QMetaType::Double:
        code = c::Double;
        return true;
    case QMetaType::QDateTime:
        code = c::Timestamp;
        return true;
    case QMetaType::QUuid:
        code = c::Uuid;
        return true;
    case QMetaType::QByteArray:
        code = fitsIn8([](const QVariant& v) { return v.toByteArray().size(); }) ? c::Vbin8
                                                                                 : c::Vbin32;
        return true;
    case QMetaType::QString:
        code = fitsIn8([](const QVariant& v) {
            const QString s = v.toString();
            return s.size() <= 85 ? s.size() : s.toUtf8().size();
        })
                   ? c::Str8
                   : c::Str32;
        return true;
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
        code = c::List32;
        return true;
    case QMetaType::QVariantMap:
        code = c::Map32;
        return true;
    default:
        break;
    }
    if (type == qMetaTypeId<AmqpSymbol>()) {
        code = fitsIn8([](const QVariant& v) { return v.value<AmqpSymbol>().name.size(); })
                   ? c::Sym8
                   : c::Sym32;
        return true;
    }
    if (type == qMetaTypeId<AmqpMap>()) {
        code = c::Map32;
        return true;
    }
    if (type == qMetaTypeId<AmqpArray>()) {
        code = c::Array32;
        return true;
    }
    if (type == qMetaTypeId<AmqpChar>()) {
        code = c::Char;
        return true;
    }
    if (type == qMetaTypeId<AmqpDecimal>()) {
        const int bits =
            array.elements.isEmpty() ? 128 : array.elements.first().value<AmqpDecimal>().bits;
        code = bits == 32 ? c::Decimal32 : bits == 64 ? c::Decimal64 : c::Decimal128;
        return true;
    }
    fail(QStringLiteral("an array of %1 cannot be encoded")
             .arg(QLatin1String(QMetaType(type).name())));
    return false;
}

// An array has one constructor for all its elements, so every element must be of the
// declared type (and, when described, carry the same descriptor and value type). A mixed
// array is a caller bug; writing it would silently convert values.
bool AmqpEncoder::checkArrayElements(const AmqpArray& array) {
    const int describedType = qMetaTypeId<AmqpDescribed>();
    const QVariant* firstDescriptor = nullptr;
    int valueType = QMetaType::UnknownType;
    for (const QVariant& element : array.elements) {
        if (element.typeId() != array.elementType) {
            fail(QStringLiteral("an array of %1 cannot hold a %2")
                     .arg(QLatin1String(QMetaType(array.elementType).name()),
                          QLatin1String(element.metaType().name())));
            return false;
        }
        if (array.elementType != describedType)
            continue;
        const auto* d = static_cast<const AmqpDescribed*>(element.constData());
        if (!firstDescriptor) {
            firstDescriptor = &d->descriptor;
            valueType = d->value.typeId();
        } else if (!(d->descriptor == *firstDescriptor) || d->value.typeId() != valueType) {
            fail(QStringLiteral("the described elements of an array differ in descriptor or type"));
            return false;
        }
    }
    return true;
}

void AmqpEncoder::writeArray(const AmqpArray& array) {
    if (!checkArrayElements(array)) {
        writeNull();
        return;
    }
    const qsizetype token = m_out.size();
    m_out.append(9, '\0'); // 0xf0, size, count; shrunk below when it fits array8
    const qsizetype bodyStart = m_out.size();

    // Described elements share one descriptor: the array's constructor is
    // 0x00 <descriptor> <constructor of the described values>.
    AmqpArray inner;
    const AmqpArray* payloads = &array;
    if (array.elementType == qMetaTypeId<AmqpDescribed>()) {
        const QVariant descriptor = array.elements.isEmpty()
                                        ? QVariant()
                                        : array.elements.first().value<AmqpDescribed>().descriptor;
        inner.elementType = array.elements.isEmpty()
                                ? QMetaType::UnknownType
                                : array.elements.first().value<AmqpDescribed>().value.typeId();
        inner.elements.reserve(array.elements.size());
        for (const QVariant& v : array.elements)
            inner.elements.append(v.value<AmqpDescribed>().value);
        put8(c::Described);
        writeValue(descriptor);
        payloads = &inner;
    }
    quint8 code = 0;
    if (!arrayConstructor(*payloads, code)) {
        m_out.truncate(token);
        writeNull();
        return;
    }
    put8(code);
    for (const QVariant& v : payloads->elements)
        writePayload(code, v);

    // body: the constructor and the payloads
    finishHeader(token, m_out.size() - bodyStart, quint32(array.elements.size()), c::Array8,
                 c::Array32);
}

// An array element: the encoding of `value` for constructor `code`, without the constructor.
void AmqpEncoder::writePayload(quint8 code, const QVariant& value) {
    switch (code) {
    case c::Null:
        return;
    case c::Boolean:
        put8(value.toBool() ? 1 : 0);
        return;
    case c::Ubyte:
        put8(value.value<quint8>());
        return;
    case c::Byte:
        put8(quint8(value.value<qint8>()));
        return;
    case c::Ushort:
        put16(value.value<quint16>());
        return;
    case c::Short:
        put16(quint16(value.value<qint16>()));
        return;
    case c::Uint:
        put32(value.toUInt());
        return;
    case c::Int:
        put32(quint32(value.toInt()));
        return;
    case c::Ulong:
        put64(value.toULongLong());
        return;
    case c::Long:
        put64(quint64(value.toLongLong()));
        return;
    case c::Float:
        put32(std::bit_cast<quint32>(value.toFloat()));
        return;
    case c::Double:
        put64(std::bit_cast<quint64>(value.toDouble()));
        return;
    case c::Char:
        put32(quint32(value.value<AmqpChar>().value));
        return;
    case c::Timestamp:
        put64(quint64(value.toDateTime().toMSecsSinceEpoch()));
        return;
    case c::Uuid:
        m_out.append(value.toUuid().toRfc4122());
        return;
    case c::Decimal32:
    case c::Decimal64:
    case c::Decimal128: {
        const AmqpDecimal d = value.value<AmqpDecimal>();
        const qsizetype width = code == c::Decimal32 ? 4 : code == c::Decimal64 ? 8 : 16;
        if (d.bytes.size() != width) {
            fail(QStringLiteral("array of decimals of mixed widths"));
            m_out.append(width, '\0');
        } else {
            m_out.append(d.bytes);
        }
        return;
    }
    case c::Vbin8:
    case c::Str8:
    case c::Sym8:
    case c::Vbin32:
    case c::Str32:
    case c::Sym32: {
        const QByteArray bytes = code == c::Str8 || code == c::Str32 ? value.toString().toUtf8()
                                 : code == c::Sym8 || code == c::Sym32
                                     ? value.value<AmqpSymbol>().name
                                     : value.toByteArray();
        if (code >= c::Vbin32)
            put32(quint32(bytes.size()));
        else
            put8(quint8(bytes.size()));
        m_out.append(bytes);
        return;
    }
    case c::List32:
    case c::Map32:
    case c::Array32: {
        // Write the value in full, then widen its header to the 32-bit form the
        // array's constructor promised, dropping the value's own constructor byte.
        const qsizetype start = m_out.size();
        writeValue(value);
        const auto actual = quint8(m_out.at(start));
        if (actual == c::List0 || actual == c::List8 || actual == c::Map8 || actual == c::Array8) {
            quint32 size = 0;
            quint32 count = 0;
            qsizetype headerLen = 1;
            if (actual != c::List0) {
                size = quint8(m_out.at(start + 1));
                count = quint8(m_out.at(start + 2));
                headerLen = 3;
            }
            QByteArray header(8, '\0');
            qToBigEndian(quint32(actual == c::List0 ? 4 : size + 3), header.data());
            qToBigEndian(count, header.data() + 4);
            m_out.replace(start, headerLen, header);
        } else if (actual == c::List32 || actual == c::Map32 || actual == c::Array32) {
            m_out.remove(start, 1);
        } else {
            fail(QStringLiteral("array element is not of the array's compound type"));
        }
        return;
    }
    default:
        fail(QStringLiteral("unsupported array constructor 0x%1").arg(code, 2, 16));
    }
}

} // namespace busbar
