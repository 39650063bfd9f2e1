#pragma once

#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QVariant>

namespace busbar::amqpsection {

// Message section descriptors (AMQP 1.0 part 3, §3.2).
inline constexpr quint64 Header = 0x70;
inline constexpr quint64 DeliveryAnnotations = 0x71;
inline constexpr quint64 MessageAnnotations = 0x72;
inline constexpr quint64 Properties = 0x73;
inline constexpr quint64 ApplicationProperties = 0x74;
inline constexpr quint64 Data = 0x75;
inline constexpr quint64 Sequence = 0x76;
inline constexpr quint64 Value = 0x77;
inline constexpr quint64 Footer = 0x78;

// The position of a section in the AMQP order; all body sections share one rank.
inline constexpr int kBodyRank = 5;

// The numeric code of a section descriptor given as ulong or as its symbolic name
// ("amqp:header:list", ...); 0 when it names no message section.
quint64 sectionCode(const QVariant& descriptor);
int sectionRank(quint64 code);

// Whether `bytes` starts like an encoded message: a described value whose descriptor is a
// message section (numeric 0x70..0x78 or a symbolic "amqp:" name).
bool startsWithSectionDescriptor(QByteArrayView bytes);

// Index of the entry whose key is the symbol (or string) `key`, or -1.
qsizetype findSymbolKey(const AmqpMap& map, QByteArrayView key);
// Index of the entry whose key is the string (or symbol) `key`, or -1.
qsizetype findStringKey(const AmqpMap& map, const QString& key);

// Calls f(value) for the value of each section in `sections` (already validated bytes, e.g.
// AmqpMessage::bodyBytes) until f returns false. Returns false if a section fails to decode.
template <typename F>
bool forEachBodySection(const QByteArray& sections, F&& f) {
    AmqpDecoder d(sections);
    while (!d.atEnd()) {
        if (!d.readDescriptor())
            return false;
        auto value = d.readValue();
        if (!value)
            return false;
        if (!f(*value))
            return true;
    }
    return true;
}

// Calls f(payload) with a view of each data section's payload in `sections`, without
// copying, until f returns false. Returns false if a section is not a well-formed data
// section (so it doubles as the check that a body is data only).
template <typename F>
bool forEachDataPayload(QByteArrayView sections, F&& f) {
    AmqpDecoder d(sections);
    while (!d.atEnd()) {
        auto descriptor = d.readDescriptor();
        if (!descriptor || sectionCode(*descriptor) != Data)
            return false;
        const qsizetype start = d.position();
        const int constructor = d.peekByte();
        const qsizetype headerLength = constructor == 0xa0 ? 2 : constructor == 0xb0 ? 5 : -1;
        if (headerLength < 0 || !d.skipValue())
            return false;
        if (!f(sections.sliced(start + headerLength, d.position() - start - headerLength)))
            return true;
    }
    return true;
}

} // namespace busbar::amqpsection
