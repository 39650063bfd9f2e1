#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace busbar {

// AMQP values are carried in QVariant with their AMQP type kept, so a message read and
// written again is identical. Mapping (AMQP type -> QVariant type):
//   null -> invalid QVariant      boolean -> bool         ubyte -> quint8    byte -> qint8
//   ushort -> quint16             short -> qint16          uint -> quint32    int -> qint32
//   ulong -> quint64              long -> qint64           float -> float     double -> double
//   timestamp -> QDateTime (UTC, ms)                       uuid -> QUuid
//   binary -> QByteArray          string -> QString        symbol -> AmqpSymbol
//   char -> AmqpChar              decimal32/64/128 -> AmqpDecimal
//   list -> QVariantList          map -> AmqpMap (keys keep their types)
//   array -> AmqpArray            described -> AmqpDescribed
// Convenience for encoding: a QVariantMap encodes as a map with string keys.

struct AmqpSymbol {
    QByteArray name;
    friend bool operator==(const AmqpSymbol&, const AmqpSymbol&) = default;
};

struct AmqpChar {
    char32_t value = 0;
    friend bool operator==(const AmqpChar&, const AmqpChar&) = default;
};

struct AmqpDecimal {
    int bits = 128;   // 32, 64 or 128
    QByteArray bytes; // the encoded value, network order
    friend bool operator==(const AmqpDecimal&, const AmqpDecimal&) = default;
};

struct AmqpDescribed {
    QVariant descriptor; // quint64 or AmqpSymbol
    QVariant value;
    friend bool operator==(const AmqpDescribed& a, const AmqpDescribed& b) {
        return a.descriptor == b.descriptor && a.value == b.value;
    }
};

// Ordered key/value pairs; keys are typed values (string, symbol, ulong, ...).
struct AmqpMap {
    QList<QPair<QVariant, QVariant>> entries;
    friend bool operator==(const AmqpMap& a, const AmqpMap& b) { return a.entries == b.entries; }
};

struct AmqpArray {
    int elementType = 0; // QMetaType id of the elements, as in the table above
    QVariantList elements;
    friend bool operator==(const AmqpArray& a, const AmqpArray& b) {
        return a.elementType == b.elementType && a.elements == b.elements;
    }
};

} // namespace busbar

// Relocatable and no bigger than a pointer triple: a QVariant holds these in place instead of
// allocating (a decoded message has one symbol key per annotation).
Q_DECLARE_TYPEINFO(busbar::AmqpSymbol, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(busbar::AmqpChar, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(busbar::AmqpMap, Q_RELOCATABLE_TYPE);

Q_DECLARE_METATYPE(busbar::AmqpSymbol)
Q_DECLARE_METATYPE(busbar::AmqpChar)
Q_DECLARE_METATYPE(busbar::AmqpDecimal)
Q_DECLARE_METATYPE(busbar::AmqpDescribed)
Q_DECLARE_METATYPE(busbar::AmqpMap)
Q_DECLARE_METATYPE(busbar::AmqpArray)
