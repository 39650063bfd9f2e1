#include "core/amqp/AmqpEncoder.h"

#include "core/amqp/AmqpCodes.h"

#include <QDateTime>
#include <QStringList>

#include <bit>
#include <cstring>
#include <type_traits>

namespace busbar {

namespace c = amqpcode;

void AmqpEncoder::fail(const QString& message) {
    if (m_error.isEmpty())
        m_error = message;
}

template <typename T>
void AmqpEncoder::writeCompact(T value, quint8 zeroCode, quint8 smallCode, quint8 code) {
    if constexpr (std::is_unsigned_v<T>) {
        if (value == 0) {
            put8(zeroCode);
            return;
        }
        if (value < 256) {
            put8(smallCode);
            put8(quint8(value));
            return;
        }
    } else if (value >= -128 && value <= 127) {
        put8(smallCode);
        put8(quint8(qint8(value)));
        return;
    }
    put8(code);
    putBig(std::make_unsigned_t<T>(value));
}

void AmqpEncoder::writeVariable(quint8 code8, quint8 code32, QByteArrayView bytes) {
    if (bytes.size() < 256) {
        put8(code8);
        put8(quint8(bytes.size()));
    } else {
        put8(code32);
        put32(quint32(bytes.size()));
    }
    m_out.append(bytes.data(), bytes.size());
}

void AmqpEncoder::finishHeader(qsizetype token, qsizetype body, quint32 count, quint8 code8,
                               quint8 code32) {
    char* base = m_out.data() + token;
    if (body + 1 <= 255 && count <= 255) {
        base[0] = char(code8);
        base[1] = char(quint8(body + 1));
        base[2] = char(quint8(count));
        std::memmove(base + 3, base + 9, size_t(body));
        m_out.truncate(token + 3 + body);
        return;
    }
    base[0] = char(code32);
    qToBigEndian(quint32(body + 4), base + 1);
    qToBigEndian(count, base + 5);
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
    writeCompact(value, c::Uint0, c::SmallUint, c::Uint);
}

void AmqpEncoder::writeUlong(quint64 value) {
    writeCompact(value, c::Ulong0, c::SmallUlong, c::Ulong);
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
    writeCompact(value, 0, c::SmallInt, c::Int); // no zero-width form for signed types
}

void AmqpEncoder::writeLong(qint64 value) {
    writeCompact(value, 0, c::SmallLong, c::Long);
}

void AmqpEncoder::writeFloat(float value) {
    put8(c::Float);
    put32(std::bit_cast<quint32>(value));
}

void AmqpEncoder::writeDouble(double value) {
    put8(c::Double);
    put64(std::bit_cast<quint64>(value));
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
    writeVariable(c::Vbin8, c::Vbin32, value);
}

void AmqpEncoder::writeString(const QString& value) {
    writeStringUtf8(value.toUtf8());
}

void AmqpEncoder::writeStringUtf8(QByteArrayView utf8) {
    writeVariable(c::Str8, c::Str32, utf8);
}

void AmqpEncoder::writeSymbol(QByteArrayView name) {
    writeVariable(c::Sym8, c::Sym32, name);
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
    if (!isMap && count == 0) {
        m_out[token] = char(c::List0);
        m_out.truncate(token + 1);
        return;
    }
    finishHeader(token, m_out.size() - token - 9, count, isMap ? c::Map8 : c::List8,
                 isMap ? c::Map32 : c::List32);
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

Result<QByteArray> AmqpEncoder::encode(const QVariant& value) {
    QByteArray out;
    AmqpEncoder encoder(out);
    encoder.writeValue(value);
    if (!encoder.ok())
        return busbar::fail(ErrorCode::InvalidInput, encoder.errorString());
    return out;
}

} // namespace busbar
