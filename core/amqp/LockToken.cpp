#include "core/amqp/LockToken.h"

#include <algorithm>

namespace busbar {

QByteArray LockToken::swapGuidByteOrder(QByteArrayView sixteenBytes) {
    QByteArray out = sixteenBytes.toByteArray();
    if (out.size() != 16)
        return out;
    std::reverse(out.begin(), out.begin() + 4);
    std::reverse(out.begin() + 4, out.begin() + 6);
    std::reverse(out.begin() + 6, out.begin() + 8);
    return out;
}

QByteArray LockToken::toDeliveryTag(const QUuid& token) {
    return swapGuidByteOrder(token.toRfc4122());
}

std::optional<QUuid> LockToken::fromDeliveryTag(QByteArrayView tag) {
    if (tag.size() != 16)
        return std::nullopt;
    return QUuid::fromRfc4122(swapGuidByteOrder(tag));
}

QByteArray LockToken::toUuidBytes(const QUuid& token) {
    return token.toRfc4122();
}

std::optional<QUuid> LockToken::fromUuidBytes(QByteArrayView bytes) {
    if (bytes.size() != 16)
        return std::nullopt;
    return QUuid::fromRfc4122(bytes);
}

} // namespace busbar
