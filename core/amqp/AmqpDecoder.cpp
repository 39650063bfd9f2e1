#include "core/amqp/AmqpDecoder.h"

#include "core/amqp/AmqpCodes.h"

#include <QDateTime>
#include <QUuid>
#include <QtEndian>

#include <cstring>

namespace busbar {

namespace c = amqpcode;

void registerAmqpMetaTypes() {
    qRegisterMetaType<AmqpSymbol>("busbar::AmqpSymbol");
    qRegisterMetaType<AmqpChar>("busbar::AmqpChar");
    qRegisterMetaType<AmqpDecimal>("busbar::AmqpDecimal");
    qRegisterMetaType<AmqpDescribed>("busbar::AmqpDescribed");
    qRegisterMetaType<AmqpMap>("busbar::AmqpMap");
    qRegisterMetaType<AmqpArray>("busbar::AmqpArray");
}

namespace {

// Any program that decodes has the names registered before its first queued signal.
void registerAtStartup() {
    registerAmqpMetaTypes();
}
Q_CONSTRUCTOR_FUNCTION(registerAtStartup)

// Elements whose encoding takes no bytes (null, true, uint0, ...) could make a tiny array
// claim billions of elements; such arrays are capped rather than trusted.
constexpr quint32 kMaxZeroWidthElements = 65536;

// Payload width of the fixed-width constructors; -1 for variable-width or unknown ones.
int fixedWidth(quint8 code) {
    switch (code) {
    case c::Null:
    case c::True:
    case c::False:
    case c::Uint0:
    case c::Ulong0:
    case c::List0:
        return 0;
    case c::Ubyte:
    case c::Byte:
    case c::SmallUint:
    case c::SmallUlong:
    case c::SmallInt:
    case c::SmallLong:
    case c::Boolean:
        return 1;
    case c::Ushort:
    case c::Short:
        return 2;
    case c::Uint:
    case c::Int:
    case c::Float:
    case c::Char:
    case c::Decimal32:
        return 4;
    case c::Ulong:
    case c::Long:
    case c::Double:
    case c::Timestamp:
    case c::Decimal64:
        return 8;
    case c::Decimal128:
    case c::Uuid:
        return 16;
    default:
        return -1;
    }
}

// The QMetaType id an array's elements decode to, from the element constructor.
int elementTypeFor(quint8 code) {
    switch (code) {
    case c::Null:
        return QMetaType::UnknownType;
    case c::True:
    case c::False:
    case c::Boolean:
        return QMetaType::Bool;
    case c::Ubyte:
        return QMetaType::UChar;
    case c::Byte:
        return QMetaType::SChar;
    case c::Ushort:
        return QMetaType::UShort;
    case c::Short:
        return QMetaType::Short;
    case c::Uint:
    case c::SmallUint:
    case c::Uint0:
        return QMetaType::UInt;
    case c::Int:
    case c::SmallInt:
        return QMetaType::Int;
    case c::Ulong:
    case c::SmallUlong:
    case c::Ulong0:
        return QMetaType::ULongLong;
    case c::Long:
    case c::SmallLong:
        return QMetaType::LongLong;
    case c::Float:
        return QMetaType::Float;
    case c::Double:
        return QMetaType::Double;
    case c::Timestamp:
        return QMetaType::QDateTime;
    case c::Uuid:
        return QMetaType::QUuid;
    case c::Vbin8:
    case c::Vbin32:
        return QMetaType::QByteArray;
    case c::Str8:
    case c::Str32:
        return QMetaType::QString;
    case c::List0:
    case c::List8:
    case c::List32:
        return QMetaType::QVariantList;
    case c::Char:
        return qMetaTypeId<AmqpChar>();
    case c::Decimal32:
    case c::Decimal64:
    case c::Decimal128:
        return qMetaTypeId<AmqpDecimal>();
    case c::Sym8:
    case c::Sym32:
        return qMetaTypeId<AmqpSymbol>();
    case c::Map8:
    case c::Map32:
        return qMetaTypeId<AmqpMap>();
    case c::Array8:
    case c::Array32:
        return qMetaTypeId<AmqpArray>();
    default:
        return QMetaType::UnknownType;
    }
}

quint16 be16(const char* p) {
    return qFromBigEndian<quint16>(p);
}
quint32 be32(const char* p) {
    return qFromBigEndian<quint32>(p);
}
quint64 be64(const char* p) {
    return qFromBigEndian<quint64>(p);
}

} // namespace

bool AmqpDecoder::error(const QString& message) {
    if (m_error.isEmpty())
        m_error = QStringLiteral("malformed AMQP encoding at offset %1: %2")
                      .arg(m_base + m_pos)
                      .arg(message);
    return false;
}

Error AmqpDecoder::makeError() const {
    return Error::make(ErrorCode::Protocol, m_error);
}

bool AmqpDecoder::need(qsizetype n, const char* what) {
    if (n < 0 || n > m_end - m_pos)
        return error(QStringLiteral("%1 needs %2 bytes, only %3 left")
                         .arg(QLatin1String(what))
                         .arg(n)
                         .arg(m_end - m_pos));
    return true;
}

Result<QVariant> AmqpDecoder::readValue() {
    QVariant out;
    if (!readInto(out, 0))
        return fail(makeError());
    return out;
}

Result<QVariant> AmqpDecoder::readDescriptor() {
    if (!need(1, "a described value"))
        return fail(makeError());
    if (quint8(m_data[m_pos]) != c::Described) {
        error(QStringLiteral("expected a described value, found constructor 0x%1")
                  .arg(quint8(m_data[m_pos]), 2, 16, QLatin1Char('0')));
        return fail(makeError());
    }
    ++m_pos;
    QVariant descriptor;
    if (!readInto(descriptor, 1))
        return fail(makeError());
    return descriptor;
}

VoidResult AmqpDecoder::skipValue() {
    if (!skip(0))
        return fail(makeError());
    return {};
}

Result<QVariant> AmqpDecoder::decode(QByteArrayView bytes) {
    AmqpDecoder decoder(bytes);
    QVariant out;
    if (!decoder.readInto(out, 0))
        return fail(decoder.makeError());
    if (!decoder.atEnd()) {
        decoder.error(
            QStringLiteral("%1 unexpected bytes after the value").arg(decoder.remaining()));
        return fail(decoder.makeError());
    }
    return out;
}

bool AmqpDecoder::readInto(QVariant& out, int depth) {
    if (depth > kMaxDepth)
        return error(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
    if (!need(1, "a constructor"))
        return false;
    const auto code = quint8(m_data[m_pos++]);
    if (code == c::Described) {
        AmqpDescribed described;
        if (!readInto(described.descriptor, depth + 1) || !readInto(described.value, depth + 1))
            return false;
        out = QVariant::fromValue(std::move(described));
        return true;
    }
    return readPayload(code, out, depth);
}

bool AmqpDecoder::readPayload(quint8 code, QVariant& out, int depth) {
    const int width = fixedWidth(code);
    if (width >= 0) {
        if (!need(width, "a fixed-width value"))
            return false;
        const char* p = m_data + m_pos;
        m_pos += width;
        switch (code) {
        case c::Null:
            out = QVariant();
            return true;
        case c::True:
            out = QVariant(true);
            return true;
        case c::False:
            out = QVariant(false);
            return true;
        case c::Uint0:
            out = QVariant::fromValue(quint32(0));
            return true;
        case c::Ulong0:
            out = QVariant::fromValue(quint64(0));
            return true;
        case c::List0:
            out = QVariantList();
            return true;
        case c::Ubyte:
            out = QVariant::fromValue(quint8(*p));
            return true;
        case c::Byte:
            out = QVariant::fromValue(qint8(*p));
            return true;
        case c::SmallUint:
            out = QVariant::fromValue(quint32(quint8(*p)));
            return true;
        case c::SmallUlong:
            out = QVariant::fromValue(quint64(quint8(*p)));
            return true;
        case c::SmallInt:
            out = QVariant::fromValue(qint32(qint8(*p)));
            return true;
        case c::SmallLong:
            out = QVariant::fromValue(qint64(qint8(*p)));
            return true;
        case c::Boolean:
            if (quint8(*p) > 1) {
                m_pos -= 1;
                return error(QStringLiteral("boolean byte 0x%1 is neither 0 nor 1")
                                 .arg(quint8(*p), 2, 16, QLatin1Char('0')));
            }
            out = QVariant(*p == 1);
            return true;
        case c::Ushort:
            out = QVariant::fromValue(be16(p));
            return true;
        case c::Short:
            out = QVariant::fromValue(qint16(be16(p)));
            return true;
        case c::Uint:
            out = QVariant::fromValue(be32(p));
            return true;
        case c::Int:
            out = QVariant::fromValue(qint32(be32(p)));
            return true;
        case c::Float: {
            const quint32 bits = be32(p);
            float f = 0;
            std::memcpy(&f, &bits, sizeof f);
            out = QVariant::fromValue(f);
            return true;
        }
        case c::Char:
            out = QVariant::fromValue(AmqpChar{char32_t(be32(p))});
            return true;
        case c::Ulong:
            out = QVariant::fromValue(be64(p));
            return true;
        case c::Long:
            out = QVariant::fromValue(qint64(be64(p)));
            return true;
        case c::Double: {
            const quint64 bits = be64(p);
            double d = 0;
            std::memcpy(&d, &bits, sizeof d);
            out = QVariant::fromValue(d);
            return true;
        }
        case c::Timestamp:
            out = QDateTime::fromMSecsSinceEpoch(qint64(be64(p)), Qt::UTC);
            return true;
        case c::Decimal32:
        case c::Decimal64:
        case c::Decimal128:
            out = QVariant::fromValue(AmqpDecimal{width * 8, QByteArray(p, width)});
            return true;
        case c::Uuid:
            out = QUuid::fromRfc4122(QByteArrayView(p, 16));
            return true;
        default:
            break;
        }
        Q_UNREACHABLE();
    }

    switch (code) {
    case c::Vbin8:
    case c::Str8:
    case c::Sym8:
    case c::Vbin32:
    case c::Str32:
    case c::Sym32: {
        const bool wide = code >= c::Vbin32;
        if (!need(wide ? 4 : 1, "a length"))
            return false;
        const qsizetype len = wide ? qsizetype(be32(m_data + m_pos)) : quint8(m_data[m_pos]);
        m_pos += wide ? 4 : 1;
        if (!need(len, code == c::Vbin8 || code == c::Vbin32 ? "binary"
                       : code == c::Str8 || code == c::Str32 ? "a string"
                                                             : "a symbol"))
            return false;
        const char* p = m_data + m_pos;
        m_pos += len;
        if (code == c::Vbin8 || code == c::Vbin32)
            out = QByteArray(p, len);
        else if (code == c::Str8 || code == c::Str32)
            out = QString::fromUtf8(p, len);
        else
            out = QVariant::fromValue(AmqpSymbol{QByteArray(p, len)});
        return true;
    }
    case c::List8:
    case c::List32:
    case c::Map8:
    case c::Map32:
        return readCompound(code, out, depth);
    case c::Array8:
        return readArray(false, out, depth);
    case c::Array32:
        return readArray(true, out, depth);
    default:
        m_pos -= 1; // point the error at the constructor itself
        return error(QStringLiteral("unknown constructor 0x%1").arg(code, 2, 16, QLatin1Char('0')));
    }
}

bool AmqpDecoder::openCompound(bool wide, bool hasConstructor, quint32& count,
                               qsizetype& outerEnd) {
    const qsizetype fieldWidth = wide ? 4 : 1;
    if (!need(fieldWidth, "a compound size"))
        return false;
    const qsizetype size = wide ? qsizetype(be32(m_data + m_pos)) : quint8(m_data[m_pos]);
    m_pos += fieldWidth;
    if (size < fieldWidth)
        return error(QStringLiteral("compound size %1 cannot hold its count").arg(size));
    if (!need(size, "a compound"))
        return false;
    count = wide ? be32(m_data + m_pos) : quint8(m_data[m_pos]);
    outerEnd = m_end;
    m_end = m_pos + size;
    m_pos += fieldWidth;
    // Every list/map element and every non-empty array element takes at least one byte.
    const qsizetype room = m_end - m_pos - (hasConstructor ? 1 : 0);
    if (!hasConstructor && qsizetype(count) > room) {
        m_end = outerEnd;
        return error(QStringLiteral("count %1 cannot fit in %2 bytes").arg(count).arg(room));
    }
    return true;
}

bool AmqpDecoder::closeCompound(qsizetype outerEnd) {
    if (m_pos != m_end)
        return error(QStringLiteral("%1 bytes left over inside a compound").arg(m_end - m_pos));
    m_end = outerEnd;
    return true;
}

bool AmqpDecoder::readCompound(quint8 code, QVariant& out, int depth) {
    const bool wide = code == c::List32 || code == c::Map32;
    const bool isMap = code == c::Map8 || code == c::Map32;
    quint32 count = 0;
    qsizetype outerEnd = 0;
    if (!openCompound(wide, false, count, outerEnd))
        return false;
    if (isMap) {
        if (count % 2 != 0)
            return error(QStringLiteral("map with an odd element count %1").arg(count));
        AmqpMap map;
        map.entries.reserve(count / 2);
        for (quint32 i = 0; i < count; i += 2) {
            QVariant key;
            QVariant value;
            if (!readInto(key, depth + 1) || !readInto(value, depth + 1))
                return false;
            map.entries.append({std::move(key), std::move(value)});
        }
        out = QVariant::fromValue(std::move(map));
    } else {
        QVariantList list;
        list.reserve(count);
        for (quint32 i = 0; i < count; ++i) {
            QVariant element;
            if (!readInto(element, depth + 1))
                return false;
            list.append(std::move(element));
        }
        out = std::move(list);
    }
    return closeCompound(outerEnd);
}

bool AmqpDecoder::readArray(bool wide, QVariant& out, int depth) {
    if (depth >= kMaxDepth)
        return error(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
    quint32 count = 0;
    qsizetype outerEnd = 0;
    if (!openCompound(wide, true, count, outerEnd))
        return false;
    if (!need(1, "an array constructor"))
        return false;
    quint8 code = quint8(m_data[m_pos++]);
    QVariant descriptor;
    const bool described = code == c::Described;
    if (described) {
        if (!readInto(descriptor, depth + 1) || !need(1, "an array constructor"))
            return false;
        code = quint8(m_data[m_pos++]);
        if (code == c::Described)
            return error(QStringLiteral("nested described array constructors"));
    }
    const int width = fixedWidth(code);
    const qsizetype room = m_end - m_pos;
    if (width == 0 ? count > kMaxZeroWidthElements : qsizetype(count) > room)
        return error(QStringLiteral("array count %1 cannot fit in %2 bytes").arg(count).arg(room));
    if (width > 0 && qsizetype(count) * width != room)
        return error(QStringLiteral("array of %1 elements of %2 bytes in %3 bytes")
                         .arg(count)
                         .arg(width)
                         .arg(room));
    AmqpArray array;
    array.elementType = described ? qMetaTypeId<AmqpDescribed>() : elementTypeFor(code);
    array.elements.reserve(count);
    for (quint32 i = 0; i < count; ++i) {
        QVariant element;
        if (!readPayload(code, element, depth + 1))
            return false;
        if (described)
            element = QVariant::fromValue(AmqpDescribed{descriptor, std::move(element)});
        array.elements.append(std::move(element));
    }
    out = QVariant::fromValue(std::move(array));
    return closeCompound(outerEnd);
}

bool AmqpDecoder::skip(int depth) {
    if (depth > kMaxDepth)
        return error(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
    if (!need(1, "a constructor"))
        return false;
    const auto code = quint8(m_data[m_pos++]);
    if (code == c::Described)
        return skip(depth + 1) && skip(depth + 1);
    return skipPayload(code, depth);
}

bool AmqpDecoder::skipPayload(quint8 code, int depth) {
    const int width = fixedWidth(code);
    if (width >= 0) {
        if (!need(width, "a fixed-width value"))
            return false;
        if (code == c::Boolean && quint8(m_data[m_pos]) > 1)
            return error(QStringLiteral("boolean byte is neither 0 nor 1"));
        m_pos += width;
        return true;
    }
    switch (code) {
    case c::Vbin8:
    case c::Str8:
    case c::Sym8:
    case c::Vbin32:
    case c::Str32:
    case c::Sym32: {
        const bool wide = code >= c::Vbin32;
        if (!need(wide ? 4 : 1, "a length"))
            return false;
        const qsizetype len = wide ? qsizetype(be32(m_data + m_pos)) : quint8(m_data[m_pos]);
        m_pos += wide ? 4 : 1;
        if (!need(len, "a variable-width value"))
            return false;
        m_pos += len;
        return true;
    }
    case c::List8:
    case c::List32:
    case c::Map8:
    case c::Map32:
        return skipCompound(code, depth);
    case c::Array8:
        return skipArray(false, depth);
    case c::Array32:
        return skipArray(true, depth);
    default:
        m_pos -= 1;
        return error(QStringLiteral("unknown constructor 0x%1").arg(code, 2, 16, QLatin1Char('0')));
    }
}

bool AmqpDecoder::skipCompound(quint8 code, int depth) {
    const bool wide = code == c::List32 || code == c::Map32;
    quint32 count = 0;
    qsizetype outerEnd = 0;
    if (!openCompound(wide, false, count, outerEnd))
        return false;
    if ((code == c::Map8 || code == c::Map32) && count % 2 != 0)
        return error(QStringLiteral("map with an odd element count %1").arg(count));
    for (quint32 i = 0; i < count; ++i)
        if (!skip(depth + 1))
            return false;
    return closeCompound(outerEnd);
}

bool AmqpDecoder::skipArray(bool wide, int depth) {
    if (depth >= kMaxDepth)
        return error(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
    quint32 count = 0;
    qsizetype outerEnd = 0;
    if (!openCompound(wide, true, count, outerEnd))
        return false;
    if (!need(1, "an array constructor"))
        return false;
    quint8 code = quint8(m_data[m_pos++]);
    if (code == c::Described) {
        if (!skip(depth + 1) || !need(1, "an array constructor"))
            return false;
        code = quint8(m_data[m_pos++]);
        if (code == c::Described)
            return error(QStringLiteral("nested described array constructors"));
    }
    const int width = fixedWidth(code);
    const qsizetype room = m_end - m_pos;
    if (width == 0 ? count > kMaxZeroWidthElements : qsizetype(count) > room)
        return error(QStringLiteral("array count %1 cannot fit in %2 bytes").arg(count).arg(room));
    if (width > 0) {
        if (qsizetype(count) * width != room)
            return error(QStringLiteral("array of %1 elements of %2 bytes in %3 bytes")
                             .arg(count)
                             .arg(width)
                             .arg(room));
        if (code == c::Boolean) {
            for (qsizetype i = 0; i < room; ++i)
                if (quint8(m_data[m_pos + i]) > 1)
                    return error(QStringLiteral("boolean byte is neither 0 nor 1"));
        }
        m_pos += room;
    } else {
        for (quint32 i = 0; i < count; ++i)
            if (!skipPayload(code, depth + 1))
                return false;
    }
    return closeCompound(outerEnd);
}

} // namespace busbar
