#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpDecoderWidths.h"

#include <algorithm>

// Lists, maps and arrays: sizes and counts are checked against the enclosing bytes before
// anything is reserved.

namespace busbar {

using namespace amqp_detail;

namespace {

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

} // namespace

bool AmqpDecoder::openCompound(bool wide, bool hasConstructor, quint32& count,
                               qsizetype& outerEnd) {
    const qsizetype fieldWidth = wide ? 4 : 1;
    if (!need(fieldWidth, "a compound size"))
        return false;
    const qsizetype size = wide ? qsizetype(be<quint32>(m_data + m_pos)) : quint8(m_data[m_pos]);
    m_pos += fieldWidth;
    if (size < fieldWidth)
        return error(QStringLiteral("compound size %1 cannot hold its count").arg(size));
    if (!need(size, "a compound"))
        return false;
    count = wide ? be<quint32>(m_data + m_pos) : quint8(m_data[m_pos]);
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

Result<int> AmqpDecoder::readListFields(QVariant* fields, int capacity) {
    if (!need(1, "a constructor"))
        return fail(makeError());
    const auto code = quint8(m_data[m_pos]);
    if (code == c::Null || code == c::List0) {
        ++m_pos;
        return 0;
    }
    if (code != c::List8 && code != c::List32) {
        error(QStringLiteral("expected a list, found constructor 0x%1")
                  .arg(code, 2, 16, QLatin1Char('0')));
        return fail(makeError());
    }
    ++m_pos;
    quint32 count = 0;
    qsizetype outerEnd = 0;
    if (!openCompound(code == c::List32, false, count, outerEnd))
        return fail(makeError());
    for (quint32 i = 0; i < count; ++i) {
        QVariant dropped;
        if (!readInto(qsizetype(i) < capacity ? fields[i] : dropped, 1))
            return fail(makeError());
    }
    if (!closeCompound(outerEnd))
        return fail(makeError());
    return int(std::min<qsizetype>(count, capacity));
}

bool AmqpDecoder::openArray(bool wide, int depth, ArrayHeader& header, QVariant* descriptor) {
    if (depth >= kMaxDepth)
        return error(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
    if (!openCompound(wide, true, header.count, header.outerEnd))
        return false;
    if (!need(1, "an array constructor"))
        return false;
    header.code = quint8(m_data[m_pos++]);
    header.described = header.code == c::Described;
    if (header.described) {
        const bool ok = descriptor ? readInto(*descriptor, depth + 1) : skip(depth + 1);
        if (!ok || !need(1, "an array constructor"))
            return false;
        header.code = quint8(m_data[m_pos++]);
        if (header.code == c::Described)
            return error(QStringLiteral("nested described array constructors"));
    }
    header.width = fixedWidth(header.code);
    const quint32 count = header.count;
    const int width = header.width;
    const qsizetype room = m_end - m_pos;
    if (width == 0 ? count > kMaxZeroWidthElements : qsizetype(count) > room)
        return error(QStringLiteral("array count %1 cannot fit in %2 bytes").arg(count).arg(room));
    if (width > 0 && qsizetype(count) * width != room)
        return error(QStringLiteral("array of %1 elements of %2 bytes in %3 bytes")
                         .arg(count)
                         .arg(width)
                         .arg(room));
    return true;
}

bool AmqpDecoder::readArray(bool wide, QVariant& out, int depth) {
    ArrayHeader header;
    QVariant descriptor;
    if (!openArray(wide, depth, header, &descriptor))
        return false;
    const quint8 code = header.code;
    const bool described = header.described;
    const quint32 count = header.count;
    const qsizetype outerEnd = header.outerEnd;
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

} // namespace busbar
