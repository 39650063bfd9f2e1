#include "core/amqp/AmqpDecoder.h"

#include "core/amqp/AmqpDecoderWidths.h"

#include <QDateTime>
#include <QUuid>

#include <bit>
#include <cstring>

namespace busbar {

using namespace amqp_detail;

void registerAmqpMetaTypes() {
    qRegisterMetaType<AmqpSymbol>("busbar::AmqpSymbol");
    qRegisterMetaType<AmqpChar>("busbar::AmqpChar");
    qRegisterMetaType<AmqpDecimal>("busbar::AmqpDecimal");
    qRegisterMetaType<AmqpDescribed>("busbar::AmqpDescribed");
    qRegisterMetaType<AmqpMap>("busbar::AmqpMap");
    qRegisterMetaType<AmqpArray>("busbar::AmqpArray");
}

namespace {

// Any program that decodes has the names registered before its first queued signal.
void registerAtStartup() {
    registerAmqpMetaTypes();
}
Q_CONSTRUCTOR_FUNCTION(registerAtStartup)

// The symbols and strings every Service Bus message or management reply repeats: decoded
// as copies of static, unallocated data, so a peeked page does not allocate the same seven
// annotation keys 250 times. Anything else is copied out of the buffer as before.
constexpr QByteArrayView kKnownSymbols[] = {
    "x-opt-sequence-number",
    "x-opt-enqueued-time",
    "x-opt-locked-until",
    "x-opt-enqueue-sequence-number",
    "x-opt-scheduled-enqueue-time",
    "x-opt-deadletter-source",
    "x-opt-message-state",
    "x-opt-partition-key",
    "x-opt-via-partition-key",
    "x-opt-partition-id",
    "x-opt-lock-token",
};

QByteArray symbolBytes(const char* p, qsizetype len) {
    if (len >= 16 && p[0] == 'x') {
        for (const QByteArrayView known : kKnownSymbols) {
            if (known.size() == len && std::memcmp(known.data(), p, size_t(len)) == 0)
                return QByteArray::fromRawData(known.data(), known.size());
        }
    }
    return QByteArray(p, len);
}

// Management keys: each message of a peek reply is a map {message, lock-token}. A
// QStringLiteral is static data too.
QString stringValue(const char* p, qsizetype len) {
    const QByteArrayView bytes(p, len);
    if (bytes == "message")
        return QStringLiteral("message");
    if (bytes == "lock-token")
        return QStringLiteral("lock-token");
    if (bytes == "messages")
        return QStringLiteral("messages");
    return QString::fromUtf8(p, len);
}

} // namespace

bool AmqpDecoder::error(const QString& message) {
    if (m_error.isEmpty())
        m_error = QStringLiteral("malformed AMQP encoding at offset %1: %2")
                      .arg(m_base + m_pos)
                      .arg(message);
    return false;
}

Error AmqpDecoder::makeError() const {
    return Error::make(ErrorCode::Protocol, m_error);
}

bool AmqpDecoder::need(qsizetype n, const char* what) {
    if (n < 0 || n > m_end - m_pos)
        return error(QStringLiteral("%1 needs %2 bytes, only %3 left")
                         .arg(QLatin1String(what))
                         .arg(n)
                         .arg(m_end - m_pos));
    return true;
}

Result<QVariant> AmqpDecoder::readValue() {
    QVariant out;
    if (!readInto(out, 0))
        return fail(makeError());
    return out;
}

Result<QVariant> AmqpDecoder::readDescriptor() {
    if (!need(1, "a described value"))
        return fail(makeError());
    if (quint8(m_data[m_pos]) != c::Described) {
        error(QStringLiteral("expected a described value, found constructor 0x%1")
                  .arg(quint8(m_data[m_pos]), 2, 16, QLatin1Char('0')));
        return fail(makeError());
    }
    ++m_pos;
    QVariant descriptor;
    if (!readInto(descriptor, 1))
        return fail(makeError());
    return descriptor;
}

VoidResult AmqpDecoder::skipValue() {
    if (!skip(0))
        return fail(makeError());
    return {};
}

Result<QVariant> AmqpDecoder::decode(QByteArrayView bytes) {
    AmqpDecoder decoder(bytes);
    QVariant out;
    if (!decoder.readInto(out, 0))
        return fail(decoder.makeError());
    if (!decoder.atEnd()) {
        decoder.error(
            QStringLiteral("%1 unexpected bytes after the value").arg(decoder.remaining()));
        return fail(decoder.makeError());
    }
    return out;
}

bool AmqpDecoder::readInto(QVariant& out, int depth) {
    if (depth > kMaxDepth)
        return error(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
    if (!need(1, "a constructor"))
        return false;
    const auto code = quint8(m_data[m_pos++]);
    if (code == c::Described) {
        AmqpDescribed described;
        if (!readInto(described.descriptor, depth + 1) || !readInto(described.value, depth + 1))
            return false;
        out = QVariant::fromValue(std::move(described));
        return true;
    }
    return readPayload(code, out, depth);
}

bool AmqpDecoder::readPayload(quint8 code, QVariant& out, int depth) {
    const int width = fixedWidth(code);
    if (width >= 0) {
        if (!need(width, "a fixed-width value"))
            return false;
        const char* p = m_data + m_pos;
        m_pos += width;
        switch (code) {
        case c::Null:
            out = QVariant();
            return true;
        case c::True:
            out = QVariant(true);
            return true;
        case c::False:
            out = QVariant(false);
            return true;
        case c::Uint0:
            out = QVariant::fromValue(quint32(0));
            return true;
        case c::Ulong0:
            out = QVariant::fromValue(quint64(0));
            return true;
        case c::List0:
            out = QVariantList();
            return true;
        case c::Ubyte:
            out = QVariant::fromValue(quint8(*p));
            return true;
        case c::Byte:
            out = QVariant::fromValue(qint8(*p));
            return true;
        case c::SmallUint:
            out = QVariant::fromValue(quint32(quint8(*p)));
            return true;
        case c::SmallUlong:
            out = QVariant::fromValue(quint64(quint8(*p)));
            return true;
        case c::SmallInt:
            out = QVariant::fromValue(qint32(qint8(*p)));
            return true;
        case c::SmallLong:
            out = QVariant::fromValue(qint64(qint8(*p)));
            return true;
        case c::Boolean:
            if (quint8(*p) > 1) {
                m_pos -= 1;
                return error(QStringLiteral("boolean byte 0x%1 is neither 0 nor 1")
                                 .arg(quint8(*p), 2, 16, QLatin1Char('0')));
            }
            out = QVariant(*p == 1);
            return true;
        case c::Ushort:
            out = QVariant::fromValue(be<quint16>(p));
            return true;
        case c::Short:
            out = QVariant::fromValue(qint16(be<quint16>(p)));
            return true;
        case c::Uint:
            out = QVariant::fromValue(be<quint32>(p));
            return true;
        case c::Int:
            out = QVariant::fromValue(qint32(be<quint32>(p)));
            return true;
        case c::Float:
            out = QVariant::fromValue(std::bit_cast<float>(be<quint32>(p)));
            return true;
        case c::Char:
            out = QVariant::fromValue(AmqpChar{char32_t(be<quint32>(p))});
            return true;
        case c::Ulong:
            out = QVariant::fromValue(be<quint64>(p));
            return true;
        case c::Long:
            out = QVariant::fromValue(qint64(be<quint64>(p)));
            return true;
        case c::Double:
            out = QVariant::fromValue(std::bit_cast<double>(be<quint64>(p)));
            return true;
        case c::Timestamp:
            out = QDateTime::fromMSecsSinceEpoch(qint64(be<quint64>(p)), Qt::UTC);
            return true;
        case c::Decimal32:
        case c::Decimal64:
        case c::Decimal128:
            out = QVariant::fromValue(AmqpDecimal{width * 8, QByteArray(p, width)});
            return true;
        case c::Uuid:
            out = QUuid::fromRfc4122(QByteArrayView(p, 16));
            return true;
        default:
            break;
        }
        Q_UNREACHABLE();
    }

    switch (code) {
    case c::Vbin8:
    case c::Str8:
    case c::Sym8:
    case c::Vbin32:
    case c::Str32:
    case c::Sym32: {
        qsizetype len = 0;
        if (!readLength(code, len))
            return false;
        if (!need(len, code == c::Vbin8 || code == c::Vbin32 ? "binary"
                       : code == c::Str8 || code == c::Str32 ? "a string"
                                                             : "a symbol"))
            return false;
        const char* p = m_data + m_pos;
        m_pos += len;
        if (code == c::Vbin8 || code == c::Vbin32)
            out = QByteArray(p, len);
        else if (code == c::Str8 || code == c::Str32)
            out = stringValue(p, len);
        else
            out = QVariant::fromValue(AmqpSymbol{symbolBytes(p, len)});
        return true;
    }
    case c::List8:
    case c::List32:
    case c::Map8:
    case c::Map32:
        return readCompound(code, out, depth);
    case c::Array8:
        return readArray(false, out, depth);
    case c::Array32:
        return readArray(true, out, depth);
    default:
        m_pos -= 1; // point the error at the constructor itself
        return error(QStringLiteral("unknown constructor 0x%1").arg(code, 2, 16, QLatin1Char('0')));
    }
}

bool AmqpDecoder::readLength(quint8 code, qsizetype& length) {
    const bool wide = code >= c::Vbin32;
    if (!need(wide ? 4 : 1, "a length"))
        return false;
    length = wide ? qsizetype(be<quint32>(m_data + m_pos)) : quint8(m_data[m_pos]);
    m_pos += wide ? 4 : 1;
    return true;
}

} // namespace busbar
