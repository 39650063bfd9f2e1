#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpDecoderWidths.h"

// Skipping checks the same encoding rules as reading but builds nothing.

namespace busbar {

using namespace amqp_detail;

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
        qsizetype len = 0;
        if (!readLength(code, len))
            return false;
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
    ArrayHeader header;
    if (!openArray(wide, depth, header, nullptr))
        return false;
    const quint8 code = header.code;
    const int width = header.width;
    const qsizetype room = m_end - m_pos;
    if (width > 0) {
        if (code == c::Boolean) {
            for (qsizetype i = 0; i < room; ++i)
                if (quint8(m_data[m_pos + i]) > 1)
                    return error(QStringLiteral("boolean byte is neither 0 nor 1"));
        }
        m_pos += room;
    } else {
        for (quint32 i = 0; i < header.count; ++i)
            if (!skipPayload(code, depth + 1))
                return false;
    }
    return closeCompound(header.outerEnd);
}

} // namespace busbar
