#include "core/amqp/AmqpEncoder.h"

#include "core/amqp/AmqpCodes.h"

#include <QDateTime>
#include <QStringList>
#include <QtEndian>

#include <cstring>

namespace busbar {

namespace c = amqpcode;

void AmqpEncoder::put16(quint16 value) {
    char buf[2];
    qToBigEndian(value, buf);
    m_out.append(buf, 2);
}

void AmqpEncoder::put32(quint32 value) {
    char buf[4];
    qToBigEndian(value, buf);
    m_out.append(buf, 4);
}

void AmqpEncoder::put64(quint64 value) {
    char buf[8];
    qToBigEndian(value, buf);
    m_out.append(buf, 8);
}

void AmqpEncoder::fail(const QString& message) {
    if (m_error.isEmpty())
        m_error = message;
}

void AmqpEncoder::writeNull() {
    put8(c::Null);
}
void AmqpEncoder::writeBool(bool value) {
    put8(value ? c::True : c::False);
}

void AmqpEncoder::writeUbyte(quint8 value) {
    put8(c::Ubyte);
    put8(value);
}

void AmqpEncoder::writeUshort(quint16 value) {
    put8(c::Ushort);
    put16(value);
}

void AmqpEncoder::writeUint(quint32 value) {
    if (value == 0) {
        put8(c::Uint0);
    } else if (value < 256) {
        put8(c::SmallUint);
        put8(quint8(value));
    } else {
        put8(c::Uint);
        put32(value);
    }
}

void AmqpEncoder::writeUlong(quint64 value) {
    if (value == 0) {
        put8(c::Ulong0);
    } else if (value < 256) {
        put8(c::SmallUlong);
        put8(quint8(value));
    } else {
        put8(c::Ulong);
        put64(value);
    }
}

void AmqpEncoder::writeByte(qint8 value) {
    put8(c::Byte);
    put8(quint8(value));
}

void AmqpEncoder::writeShort(qint16 value) {
    put8(c::Short);
    put16(quint16(value));
}

void AmqpEncoder::writeInt(qint32 value) {
    if (value >= -128 && value <= 127) {
        put8(c::SmallInt);
        put8(quint8(qint8(value)));
    } else {
        put8(c::Int);
        put32(quint32(value));
    }
}

void AmqpEncoder::writeLong(qint64 value) {
    if (value >= -128 && value <= 127) {
        put8(c::SmallLong);
        put8(quint8(qint8(value)));
    } else {
        put8(c::Long);
        put64(quint64(value));
    }
}

void AmqpEncoder::writeFloat(float value) {
    quint32 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    put8(c::Float);
    put32(bits);
}

void AmqpEncoder::writeDouble(double value) {
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    put8(c::Double);
    put64(bits);
}

void AmqpEncoder::writeChar(char32_t value) {
    put8(c::Char);
    put32(quint32(value));
}

void AmqpEncoder::writeTimestamp(qint64 msSinceEpoch) {
    put8(c::Timestamp);
    put64(quint64(msSinceEpoch));
}

void AmqpEncoder::writeUuid(const QUuid& value) {
    put8(c::Uuid);
    m_out.append(value.toRfc4122());
}

void AmqpEncoder::writeBinary(QByteArrayView value) {
    if (value.size() < 256) {
        put8(c::Vbin8);
        put8(quint8(value.size()));
    } else {
        put8(c::Vbin32);
        put32(quint32(value.size()));
    }
    m_out.append(value.data(), value.size());
}

void AmqpEncoder::writeString(const QString& value) {
    writeStringUtf8(value.toUtf8());
}

void AmqpEncoder::writeStringUtf8(QByteArrayView utf8) {
    if (utf8.size() < 256) {
        put8(c::Str8);
        put8(quint8(utf8.size()));
    } else {
        put8(c::Str32);
        put32(quint32(utf8.size()));
    }
    m_out.append(utf8.data(), utf8.size());
}

void AmqpEncoder::writeSymbol(QByteArrayView name) {
    if (name.size() < 256) {
        put8(c::Sym8);
        put8(quint8(name.size()));
    } else {
        put8(c::Sym32);
        put32(quint32(name.size()));
    }
    m_out.append(name.data(), name.size());
}

void AmqpEncoder::writeDecimal(const AmqpDecimal& value) {
    quint8 code = 0;
    switch (value.bits) {
    case 32:
        code = c::Decimal32;
        break;
    case 64:
        code = c::Decimal64;
        break;
    case 128:
        code = c::Decimal128;
        break;
    default:
        break;
    }
    if (code == 0 || value.bytes.size() != value.bits / 8) {
        fail(QStringLiteral("a decimal%1 needs exactly %2 bytes, not %3")
                 .arg(value.bits)
                 .arg(value.bits / 8)
                 .arg(value.bytes.size()));
        writeNull();
        return;
    }
    put8(code);
    m_out.append(value.bytes);
}

void AmqpEncoder::writeDescriptor(quint64 code) {
    put8(c::Described);
    writeUlong(code);
}

void AmqpEncoder::writeDescribed(const AmqpDescribed& described) {
    put8(c::Described);
    writeValue(described.descriptor);
    writeValue(described.value);
}

qsizetype AmqpEncoder::beginCompound() {
    const qsizetype token = m_out.size();
    // Room for the widest header (constructor, 4-byte size, 4-byte count); endCompound
    // shrinks it when the compound turns out small.
    m_out.append(9, '\0');
    return token;
}

void AmqpEncoder::endCompound(qsizetype token, quint32 count, bool isMap) {
    const qsizetype elements = m_out.size() - token - 9;
    char* base = m_out.data() + token;
    if (!isMap && count == 0) {
        base[0] = char(c::List0);
        m_out.truncate(token + 1);
        return;
    }
    if (elements + 1 <= 255 && count <= 255) {
        base[0] = char(isMap ? c::Map8 : c::List8);
        base[1] = char(quint8(elements + 1));
        base[2] = char(quint8(count));
        std::memmove(base + 3, base + 9, size_t(elements));
        m_out.truncate(token + 3 + elements);
        return;
    }
    base[0] = char(isMap ? c::Map32 : c::List32);
    qToBigEndian(quint32(elements + 4), base + 1);
    qToBigEndian(count, base + 5);
}

void AmqpEncoder::writeList(const QVariantList& values) {
    const qsizetype token = beginList();
    for (const QVariant& v : values)
        writeValue(v);
    endList(token, quint32(values.size()));
}

void AmqpEncoder::writeMap(const AmqpMap& map) {
    const qsizetype token = beginMap();
    for (const auto& [key, value] : map.entries) {
        writeValue(key);
        writeValue(value);
    }
    endMap(token, quint32(map.entries.size() * 2));
}

void AmqpEncoder::writeVariantMap(const QVariantMap& map) {
    const qsizetype token = beginMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        writeString(it.key());
        writeValue(it.value());
    }
    endMap(token, quint32(map.size() * 2));
}

void AmqpEncoder::writeValue(const QVariant& value) {
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        writeNull();
        return;
    case QMetaType::Bool:
        writeBool(value.toBool());
        return;
    case QMetaType::UChar:
        writeUbyte(value.value<quint8>());
        return;
    case QMetaType::SChar:
    case QMetaType::Char:
        writeByte(value.value<qint8>());
        return;
    case QMetaType::UShort:
        writeUshort(value.value<quint16>());
        return;
    case QMetaType::Short:
        writeShort(value.value<qint16>());
        return;
    case QMetaType::UInt:
        writeUint(value.toUInt());
        return;
    case QMetaType::Int:
        writeInt(value.toInt());
        return;
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        writeUlong(value.toULongLong());
        return;
    case QMetaType::Long:
    case QMetaType::LongLong:
        writeLong(value.toLongLong());
        return;
    case QMetaType::Float:
        writeFloat(value.toFloat());
        return;
    case QMetaType::Double:
        writeDouble(value.toDouble());
        return;
    case QMetaType::QDateTime: {
        const QDateTime dt = value.toDateTime();
        if (dt.isValid())
            writeTimestamp(dt.toMSecsSinceEpoch());
        else
            writeNull();
        return;
    }
    case QMetaType::QUuid:
        writeUuid(value.toUuid());
        return;
    case QMetaType::QByteArray:
        writeBinary(value.toByteArray());
        return;
    case QMetaType::QString:
        writeString(value.toString());
        return;
    case QMetaType::QVariantList:
        writeList(value.toList());
        return;
    case QMetaType::QStringList: {
        const QStringList list = value.toStringList();
        const qsizetype token = beginList();
        for (const QString& s : list)
            writeString(s);
        endList(token, quint32(list.size()));
        return;
    }
    case QMetaType::QVariantMap:
        writeVariantMap(value.toMap());
        return;
    case QMetaType::QVariantHash: {
        const QVariantHash hash = value.toHash();
        const qsizetype token = beginMap();
        for (auto it = hash.cbegin(); it != hash.cend(); ++it) {
            writeString(it.key());
            writeValue(it.value());
        }
        endMap(token, quint32(hash.size() * 2));
        return;
    }
    case QMetaType::QChar:
        writeChar(value.toChar().unicode());
        return;
    default:
        break;
    }
    const int type = value.typeId();
    if (type == qMetaTypeId<AmqpSymbol>()) {
        writeSymbol(static_cast<const AmqpSymbol*>(value.constData())->name);
    } else if (type == qMetaTypeId<AmqpMap>()) {
        writeMap(*static_cast<const AmqpMap*>(value.constData()));
    } else if (type == qMetaTypeId<AmqpDescribed>()) {
        if (++m_depth > 100) {
            fail(QStringLiteral("described values nested too deeply"));
            writeNull();
        } else {
            writeDescribed(*static_cast<const AmqpDescribed*>(value.constData()));
        }
        --m_depth;
    } else if (type == qMetaTypeId<AmqpArray>()) {
        writeArray(*static_cast<const AmqpArray*>(value.constData()));
    } else if (type == qMetaTypeId<AmqpChar>()) {
        writeChar(static_cast<const AmqpChar*>(value.constData())->value);
    } else if (type == qMetaTypeId<AmqpDecimal>()) {
        writeDecimal(*static_cast<const AmqpDecimal*>(value.constData()));
    } else {
        fail(QStringLiteral("a %1 cannot be encoded as an AMQP value")
                 .arg(QLatin1String(value.metaType().name())));
        writeNull();
    }
}

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

    const qsizetype body = m_out.size() - bodyStart; // constructor + payloads
    const auto count = quint32(array.elements.size());
    char* base = m_out.data() + token;
    if (body + 1 <= 255 && count <= 255) {
        base[0] = char(c::Array8);
        base[1] = char(quint8(body + 1));
        base[2] = char(quint8(count));
        std::memmove(base + 3, base + 9, size_t(body));
        m_out.truncate(token + 3 + body);
    } else {
        base[0] = char(c::Array32);
        qToBigEndian(quint32(body + 4), base + 1);
        qToBigEndian(count, base + 5);
    }
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
    case c::Float: {
        const float f = value.toFloat();
        quint32 bits = 0;
        std::memcpy(&bits, &f, sizeof bits);
        put32(bits);
        return;
    }
    case c::Double: {
        const double d = value.toDouble();
        quint64 bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        put64(bits);
        return;
    }
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
    case c::Sym8: {
        const QByteArray bytes = code == c::Str8   ? value.toString().toUtf8()
                                 : code == c::Sym8 ? value.value<AmqpSymbol>().name
                                                   : value.toByteArray();
        put8(quint8(bytes.size()));
        m_out.append(bytes);
        return;
    }
    case c::Vbin32:
    case c::Str32:
    case c::Sym32: {
        const QByteArray bytes = code == c::Str32   ? value.toString().toUtf8()
                                 : code == c::Sym32 ? value.value<AmqpSymbol>().name
                                                    : value.toByteArray();
        put32(quint32(bytes.size()));
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

Result<QByteArray> AmqpEncoder::encode(const QVariant& value) {
    QByteArray out;
    AmqpEncoder encoder(out);
    encoder.writeValue(value);
    if (!encoder.ok())
        return busbar::fail(ErrorCode::InvalidInput, encoder.errorString());
    return out;
}

} // namespace busbar
