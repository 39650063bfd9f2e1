#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUuid>
#include <QVariant>
#include <QtEndian>

namespace busbar {

// Writes AMQP 1.0 values (AmqpTypes.h mapping) onto the end of a QByteArray, always in the
// most compact encoding the spec allows (uint0/smalluint, list0/list8, str8, ...). It works
// in place on the caller's buffer so a whole message is built with one growing allocation.
//
// Unsupported QVariant types are written as null and remembered: ok() turns false and
// errorString() names the first offender, so the hot path needs no Result per value.
class AmqpEncoder final {
public:
    explicit AmqpEncoder(QByteArray& out)
        : m_out(out) {}

    // One value, compact form chosen from the QVariant's type.
    void writeValue(const QVariant& value);

    void writeNull();
    void writeBool(bool value);
    void writeUbyte(quint8 value);
    void writeUshort(quint16 value);
    void writeUint(quint32 value);
    void writeUlong(quint64 value);
    void writeByte(qint8 value);
    void writeShort(qint16 value);
    void writeInt(qint32 value);
    void writeLong(qint64 value);
    void writeFloat(float value);
    void writeDouble(double value);
    void writeChar(char32_t value);
    void writeTimestamp(qint64 msSinceEpoch);
    void writeUuid(const QUuid& value);
    void writeBinary(QByteArrayView value);
    void writeString(const QString& value);
    void writeStringUtf8(QByteArrayView utf8);
    void writeSymbol(QByteArrayView name);
    void writeDecimal(const AmqpDecimal& value);
    void writeList(const QVariantList& values);
    void writeMap(const AmqpMap& map);
    // All elements must have the QVariant type `array.elementType` (described: one
    // descriptor, one value type); otherwise null is written and ok() turns false.
    void writeArray(const AmqpArray& array);
    // The 0x00 marker and a numeric descriptor (smallulong when it fits); the described
    // value follows with the next write.
    void writeDescriptor(quint64 code);
    void writeDescribed(const AmqpDescribed& described);

    // Lists and maps written element by element: begin, write the elements, end with the
    // number of elements written (for a map: keys plus values). The compound shrinks to
    // its 8-bit (or list0) form when it fits.
    [[nodiscard]] qsizetype beginList() { return beginCompound(); }
    void endList(qsizetype token, quint32 count) { endCompound(token, count, false); }
    [[nodiscard]] qsizetype beginMap() { return beginCompound(); }
    void endMap(qsizetype token, quint32 count) { endCompound(token, count, true); }

    [[nodiscard]] bool ok() const { return m_error.isEmpty(); }
    [[nodiscard]] QString errorString() const { return m_error; }

    // The encoding of one value, or an error if it holds a type AMQP cannot carry.
    static Result<QByteArray> encode(const QVariant& value);

private:
    qsizetype beginCompound();
    void endCompound(qsizetype token, quint32 count, bool isMap);
    void writeVariantMap(const QVariantMap& map);
    // Array support: one constructor for every element, then each element's payload.
    bool checkArrayElements(const AmqpArray& array);
    bool arrayConstructor(const AmqpArray& array, quint8& code);
    void writePayload(quint8 code, const QVariant& value);
    void fail(const QString& message);

    // Writes the shortest of the three forms (0 / 1-byte / full width) a value fits.
    template <typename T>
    void writeCompact(T value, quint8 zeroCode, quint8 smallCode, quint8 code);
    // str8/str32, vbin8/vbin32, sym8/sym32: a 1- or 4-byte length, then the bytes.
    void writeVariable(quint8 code8, quint8 code32, QByteArrayView bytes);
    // Fills in a compound's 9-byte header reserved at `token`, shrinking it to the
    // 8-bit form (code8) when the body and count fit, else the 32-bit form (code32).
    void finishHeader(qsizetype token, qsizetype body, quint32 count, quint8 code8, quint8 code32);

    void put8(quint8 value) { m_out.append(char(value)); }
    // Big-endian, straight onto the buffer (no temporaries).
    template <typename T>
    void putBig(T value) {
        char buf[sizeof(T)];
        qToBigEndian(value, buf);
        m_out.append(buf, sizeof(T));
    }
    void put16(quint16 value) { putBig(value); }
    void put32(quint32 value) { putBig(value); }
    void put64(quint64 value) { putBig(value); }

    QByteArray& m_out;
    QString m_error;
    int m_depth = 0;
};

} // namespace busbar
