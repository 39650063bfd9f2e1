#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QUuid>

#include <optional>

namespace busbar {

// A Service Bus lock token travels in two byte orders (servicebus-amqp.md §5.4): as the
// delivery tag in .NET Guid.ToByteArray() order (first three groups little-endian), and as
// an AMQP uuid (RFC 4122, big-endian) in management requests. Keep the QUuid as the one
// canonical form and convert at the edges.
struct LockToken {
    // The 16-byte delivery tag for `token`.
    static QByteArray toDeliveryTag(const QUuid& token);
    // The token a 16-byte delivery tag carries; nullopt for any other length.
    static std::optional<QUuid> fromDeliveryTag(QByteArrayView tag);
    // The RFC 4122 bytes of `token`, as an AMQP uuid value carries them.
    static QByteArray toUuidBytes(const QUuid& token);
    // The token from RFC 4122 bytes; nullopt for any other length.
    static std::optional<QUuid> fromUuidBytes(QByteArrayView bytes);
    // Swaps bytes 0-3, 4-5 and 6-7: converts between the two orders (its own inverse).
    static QByteArray swapGuidByteOrder(QByteArrayView sixteenBytes);
};

} // namespace busbar
