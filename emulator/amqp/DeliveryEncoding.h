#pragma once

#include "emulator/broker/BrokerTypes.h"

#include <QByteArray>

namespace busbar::emulator {

// Builds the bytes the broker sends for a stored message (servicebus-amqp.md §6): a header
// with an explicit delivery-count, the broker annotations, absolute-expiry-time, and the
// client's own sections unchanged. Encoded once, then sent pre-encoded on the C link.
struct DeliveryEncoding {
    // A live transfer on a receive link: delivery-count = attempts before this one.
    // `withLock` adds x-opt-locked-until (non-session PeekLock) and the x-opt-lock-token
    // delivery annotation.
    static QByteArray forTransfer(const LockedMessage& locked, bool peekLock, bool sessionReceiver);
    // A management answer (receive-by-sequence-number): like a transfer, lock included.
    static QByteArray forManagementReceive(const LockedMessage& locked, bool peekLock);
    // A peeked message: delivery-count = attempts so far, x-opt-message-state, no lock.
    static QByteArray forPeek(const StoredMessage& stored);
};

} // namespace busbar::emulator
