#pragma once

#include <QByteArray>
#include <QUuid>

namespace busbar::emulator {

// A lock token travels as the delivery tag in .NET Guid.ToByteArray() order: the first
// three fields little-endian, the last eight bytes as they are (servicebus-amqp.md §5.4).
inline void lockTokenToTag(const QUuid& token, char* out16) {
    const QByteArray rfc = token.toRfc4122();
    static constexpr int kOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int i = 0; i < 16; ++i) {
        out16[i] = rfc[kOrder[i]];
    }
}

inline QUuid lockTokenFromTag(const char* tag, size_t size) {
    if (size != 16) {
        return {};
    }
    static constexpr int kOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    char rfc[16];
    for (int i = 0; i < 16; ++i) {
        rfc[kOrder[i]] = tag[i];
    }
    return QUuid::fromRfc4122(QByteArrayView(rfc, 16));
}

} // namespace busbar::emulator
