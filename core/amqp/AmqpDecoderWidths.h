#pragma once

// Internal to AmqpDecoder's .cpp files: constructor widths and big-endian reads.

#include "core/amqp/AmqpCodes.h"

#include <QtEndian>

namespace busbar::amqp_detail {

namespace c = amqpcode;

// Elements whose encoding takes no bytes (null, true, uint0, ...) could make a tiny array
// claim billions of elements; such arrays are capped rather than trusted.
inline constexpr quint32 kMaxZeroWidthElements = 65536;

// Payload width of the fixed-width constructors; -1 for variable-width or unknown ones.
inline int fixedWidth(quint8 code) {
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

template <typename T>
inline T be(const char* p) {
    return qFromBigEndian<T>(p);
}

} // namespace busbar::amqp_detail
