#pragma once

#include <QtGlobal>

namespace busbar::amqpcode {

// AMQP 1.0 type constructors (AMQP 1.0 part 1, §1.6), shared by AmqpEncoder and AmqpDecoder.
inline constexpr quint8 Described = 0x00;
inline constexpr quint8 Null = 0x40;
inline constexpr quint8 True = 0x41;
inline constexpr quint8 False = 0x42;
inline constexpr quint8 Uint0 = 0x43;
inline constexpr quint8 Ulong0 = 0x44;
inline constexpr quint8 List0 = 0x45;
inline constexpr quint8 Ubyte = 0x50;
inline constexpr quint8 Byte = 0x51;
inline constexpr quint8 SmallUint = 0x52;
inline constexpr quint8 SmallUlong = 0x53;
inline constexpr quint8 SmallInt = 0x54;
inline constexpr quint8 SmallLong = 0x55;
inline constexpr quint8 Boolean = 0x56;
inline constexpr quint8 Ushort = 0x60;
inline constexpr quint8 Short = 0x61;
inline constexpr quint8 Uint = 0x70;
inline constexpr quint8 Int = 0x71;
inline constexpr quint8 Float = 0x72;
inline constexpr quint8 Char = 0x73;
inline constexpr quint8 Decimal32 = 0x74;
inline constexpr quint8 Ulong = 0x80;
inline constexpr quint8 Long = 0x81;
inline constexpr quint8 Double = 0x82;
inline constexpr quint8 Timestamp = 0x83;
inline constexpr quint8 Decimal64 = 0x84;
inline constexpr quint8 Decimal128 = 0x94;
inline constexpr quint8 Uuid = 0x98;
inline constexpr quint8 Vbin8 = 0xa0;
inline constexpr quint8 Str8 = 0xa1;
inline constexpr quint8 Sym8 = 0xa3;
inline constexpr quint8 Vbin32 = 0xb0;
inline constexpr quint8 Str32 = 0xb1;
inline constexpr quint8 Sym32 = 0xb3;
inline constexpr quint8 List8 = 0xc0;
inline constexpr quint8 Map8 = 0xc1;
inline constexpr quint8 List32 = 0xd0;
inline constexpr quint8 Map32 = 0xd1;
inline constexpr quint8 Array8 = 0xe0;
inline constexpr quint8 Array32 = 0xf0;

} // namespace busbar::amqpcode
