#pragma once

#include "emulator/broker/BrokerTypes.h"

#include <QByteArray>

namespace busbar::emulator {

// Builds the bytes the broker sends for a stored message (servicebus-amqp.md §6): a header
// with an explicit delivery-count, the broker annotations, absolute-expiry-time, and the
// client's own sections unchanged. Encoded once, then sent pre-encoded on the C link.
// `readFrom` is the entity path the message is read from: a dead-letter source naming that
// same entity is left out (the service sets it only on messages forwarded out of a DLQ).
//
// The sections are written straight from the stored message onto the output (no copy of the
// message, no annotation map built): every peeked or delivered message passes through here,
// and the broker shares its two cores with the client.
struct DeliveryEncoding {
    // A live transfer on a receive link: delivery-count = attempts before this one.
    // `withLock` adds x-opt-locked-until (non-session PeekLock) and the x-opt-lock-token
    // delivery annotation.
    static QByteArray forTransfer(const LockedMessage& locked, bool peekLock, bool sessionReceiver,
                                  const QString& readFrom);
    // A management answer (receive-by-sequence-number): like a transfer, lock included.
    static QByteArray forManagementReceive(const LockedMessage& locked, bool peekLock,
                                           const QString& readFrom);
    // A peeked message: delivery-count = attempts so far, x-opt-message-state, no lock.
    static QByteArray forPeek(const StoredMessage& stored, const QString& readFrom);
    // forPeek appended to `out` as one AMQP binary value (vbin8/vbin32, as an encoder would
    // write those bytes), for a reply map built in place. `omitBody` leaves the body
    // sections out (peek-message's omit-message-body).
    static void appendPeekAsBinary(QByteArray& out, const StoredMessage& stored,
                                   const QString& readFrom, bool omitBody);
};

} // namespace busbar::emulator
