#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVariant>

namespace busbar {

// Reads AMQP 1.0 values (AmqpTypes.h mapping) from a byte buffer it does not own. Input
// comes straight from the network, so every read is bounds-checked against the buffer and
// against the enclosing compound's declared size, nesting is capped, and element counts are
// checked against the bytes that could hold them before anything is allocated. A malformed
// encoding gives an ErrorCode::Protocol error that names the offset; nothing is read past
// the end. An error is final: the position is then unspecified, so start a new decoder.
class AmqpDecoder final {
public:
    // `baseOffset` is added to offsets in error messages (for a slice of a larger buffer).
    explicit AmqpDecoder(QByteArrayView bytes, qsizetype baseOffset = 0)
        : m_data(bytes.data())
        , m_end(bytes.size())
        , m_base(baseOffset) {}
    // The decoder only views its bytes: a temporary buffer would dangle.
    explicit AmqpDecoder(QByteArray&&, qsizetype = 0) = delete;

    // The next value.
    Result<QVariant> readValue();
    // Expects a described value at the current position (0x00): reads its descriptor and
    // stops at the start of the described value.
    Result<QVariant> readDescriptor();
    // Checks the next value's encoding and moves past it without building it: for body
    // sections, which are kept as bytes.
    VoidResult skipValue();
    // Reads a list (list0/list8/list32, or null as an empty list) and its elements into
    // `fields`, at most `capacity` of them; later ones are read and dropped. Returns how many
    // were stored. For the list-shaped message sections, without building a QVariantList.
    Result<int> readListFields(QVariant* fields, int capacity);

    [[nodiscard]] qsizetype position() const { return m_pos; }
    [[nodiscard]] bool atEnd() const { return m_pos >= m_end; }
    [[nodiscard]] qsizetype remaining() const { return m_end - m_pos; }
    // The byte at the current position, or -1 at the end.
    [[nodiscard]] int peekByte() const { return m_pos < m_end ? quint8(m_data[m_pos]) : -1; }

    // Exactly one value filling the whole of `bytes`.
    static Result<QVariant> decode(QByteArrayView bytes);

    static constexpr int kMaxDepth = 64;

private:
    bool readInto(QVariant& out, int depth);
    bool readPayload(quint8 code, QVariant& out, int depth);
    bool readCompound(quint8 code, QVariant& out, int depth);
    bool readArray(bool wide, QVariant& out, int depth);
    bool skip(int depth);
    bool skipPayload(quint8 code, int depth);
    bool skipCompound(quint8 code, int depth);
    bool skipArray(bool wide, int depth);
    // Reads a compound's size and count; on success m_end is narrowed to the compound and
    // `outerEnd` holds the value to restore.
    bool openCompound(bool wide, bool hasConstructor, quint32& count, qsizetype& outerEnd);
    // An array's size, count and element constructor (with its descriptor, read into
    // `descriptor` or skipped when null), checked against the bytes that hold them.
    struct ArrayHeader {
        quint32 count = 0;
        qsizetype outerEnd = 0;
        quint8 code = 0;
        bool described = false;
        int width = -1; // fixed payload width of each element, -1 for variable
    };
    bool openArray(bool wide, int depth, ArrayHeader& header, QVariant* descriptor);
    // The 1- or 4-byte length of a vbin/str/sym value.
    bool readLength(quint8 code, qsizetype& length);
    bool closeCompound(qsizetype outerEnd);
    bool need(qsizetype n, const char* what);
    bool error(const QString& message);
    Error makeError() const;

    const char* m_data;
    qsizetype m_end;
    qsizetype m_base;
    qsizetype m_pos = 0;
    QString m_error;
};

// Registers the AMQP value types with Qt's meta-type system by name (queued signals,
// QVariant conversions). Idempotent and cheap; linking the decoder registers them at start-up.
void registerAmqpMetaTypes();

} // namespace busbar
