#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QRandomGenerator>
#include <QString>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cstring>
#include <limits>

namespace busbar::test {

// QVariant's operator== converts between numeric types (uint 5 == long 5); the codec's
// contract is that AMQP types survive, so tests compare type and value, recursively.
inline bool sameAmqpValue(const QVariant& a, const QVariant& b) {
    if (a.typeId() != b.typeId())
        return false;
    const int type = a.typeId();
    if (type == QMetaType::UnknownType)
        return true;
    if (type == QMetaType::Float) {
        const float x = a.toFloat();
        const float y = b.toFloat();
        return std::memcmp(&x, &y, sizeof x) == 0;
    }
    if (type == QMetaType::Double) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return std::memcmp(&x, &y, sizeof x) == 0;
    }
    if (type == QMetaType::QDateTime)
        return a.toDateTime().toMSecsSinceEpoch() == b.toDateTime().toMSecsSinceEpoch();
    if (type == QMetaType::QVariantList) {
        const QVariantList x = a.toList();
        const QVariantList y = b.toList();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i)
            if (!sameAmqpValue(x.at(i), y.at(i)))
                return false;
        return true;
    }
    if (type == qMetaTypeId<AmqpMap>()) {
        const AmqpMap x = a.value<AmqpMap>();
        const AmqpMap y = b.value<AmqpMap>();
        if (x.entries.size() != y.entries.size())
            return false;
        for (qsizetype i = 0; i < x.entries.size(); ++i)
            if (!sameAmqpValue(x.entries.at(i).first, y.entries.at(i).first) ||
                !sameAmqpValue(x.entries.at(i).second, y.entries.at(i).second))
                return false;
        return true;
    }
    if (type == qMetaTypeId<AmqpArray>()) {
        const AmqpArray x = a.value<AmqpArray>();
        const AmqpArray y = b.value<AmqpArray>();
        if (x.elementType != y.elementType || x.elements.size() != y.elements.size())
            return false;
        for (qsizetype i = 0; i < x.elements.size(); ++i)
            if (!sameAmqpValue(x.elements.at(i), y.elements.at(i)))
                return false;
        return true;
    }
    if (type == qMetaTypeId<AmqpDescribed>()) {
        const AmqpDescribed x = a.value<AmqpDescribed>();
        const AmqpDescribed y = b.value<AmqpDescribed>();
        return sameAmqpValue(x.descriptor, y.descriptor) && sameAmqpValue(x.value, y.value);
    }
    return a == b;
}

// QVERIFY2 evaluates its message even when the check passes, so never touch error() there.
template <typename R>
QByteArray errorOf(const R& result) {
    return result.has_value() ? QByteArray() : result.error().message.toLocal8Bit();
}

inline QByteArray hex(const char* spaced) {
    return QByteArray::fromHex(QByteArray(spaced).replace(' ', QByteArray()));
}

inline QVariant sym(const char* name) {
    return QVariant::fromValue(AmqpSymbol{QByteArray(name)});
}

// Random AMQP values of every type, biased towards the edges where encodings change form
// (0, 255/256, the limits, empty and >255-byte strings). Seeded by the caller, so a failing
// case reproduces.
class RandomAmqpValues {
public:
    explicit RandomAmqpValues(quint32 seed)
        : m_rng(seed) {}

    QVariant value(int depth = 0) {
        const int kinds = depth >= 3 ? 22 : 26; // no compounds below three levels
        switch (m_rng.bounded(kinds)) {
        case 0:
            return QVariant();
        case 1:
            return QVariant(m_rng.bounded(2) == 1);
        case 2:
            return QVariant::fromValue(quint8(unsignedEdge(0xff)));
        case 3:
            return QVariant::fromValue(quint16(unsignedEdge(0xffff)));
        case 4:
            return QVariant::fromValue(quint32(unsignedEdge(0xffffffffULL)));
        case 5:
            return QVariant::fromValue(quint64(unsignedEdge(~0ULL)));
        case 6:
            return QVariant::fromValue(qint8(signedEdge(8)));
        case 7:
            return QVariant::fromValue(qint16(signedEdge(16)));
        case 8:
            return QVariant::fromValue(qint32(signedEdge(32)));
        case 9:
            return QVariant::fromValue(qint64(signedEdge(64)));
        case 10:
            return QVariant::fromValue(float(finiteDouble()));
        case 11:
            return QVariant::fromValue(finiteDouble());
        case 12:
            return QVariant::fromValue(AmqpChar{char32_t(m_rng.bounded(0x110000))});
        case 13: {
            static const int widths[] = {32, 64, 128};
            const int bits = widths[m_rng.bounded(3)];
            return QVariant::fromValue(AmqpDecimal{bits, bytes(bits / 8)});
        }
        case 14:
            return QDateTime::fromMSecsSinceEpoch(qint64(m_rng.generate64() >> 18) - (1LL << 45),
                                                  Qt::UTC);
        case 15:
            return QUuid::fromRfc4122(bytes(16));
        case 16:
            return bytes(length());
        case 17:
            return text(length());
        case 18:
            return QVariant::fromValue(AmqpSymbol{ascii(length())});
        case 19:
            return QVariant(text(m_rng.bounded(4)));
        case 20:
            return QVariant::fromValue(quint32(m_rng.bounded(300)));
        case 21:
            return QVariant::fromValue(qint64(m_rng.bounded(-300, 300)));
        case 22:
            return list(depth);
        case 23:
            return map(depth);
        case 24:
            return array(depth);
        default:
            return QVariant::fromValue(AmqpDescribed{descriptor(), value(depth + 1)});
        }
    }

    QRandomGenerator& rng() { return m_rng; }

private:
    quint64 unsignedEdge(quint64 max) {
        switch (m_rng.bounded(5)) {
        case 0:
            return 0;
        case 1:
            return std::min<quint64>(max, 255 + m_rng.bounded(2));
        case 2:
            return max;
        default:
            return m_rng.generate64() & max;
        }
    }
    qint64 signedEdge(int bits) {
        const qint64 max =
            bits == 64 ? std::numeric_limits<qint64>::max() : (1LL << (bits - 1)) - 1;
        const qint64 min = -max - 1;
        switch (m_rng.bounded(6)) {
        case 0:
            return 0;
        case 1:
            return min;
        case 2:
            return max;
        case 3:
            return m_rng.bounded(2) ? -128 - qint64(m_rng.bounded(2)) : 127 + m_rng.bounded(2);
        default: {
            const auto raw = qint64(m_rng.generate64());
            return bits == 64 ? raw : std::clamp(raw % (max + 1), min, max);
        }
        }
    }
    double finiteDouble() {
        static const double specials[] = {
            0.0, -0.0, 1.5, -2.25, 1e-300, 3.4e38, std::numeric_limits<double>::infinity()};
        if (m_rng.bounded(3) == 0)
            return specials[m_rng.bounded(int(sizeof specials / sizeof specials[0]))];
        return (m_rng.generateDouble() - 0.5) * 1e6;
    }
    int length() {
        switch (m_rng.bounded(6)) {
        case 0:
            return 0;
        case 1:
            return 255 + m_rng.bounded(3);
        default:
            return m_rng.bounded(40);
        }
    }
    QByteArray bytes(int n) {
        QByteArray out(n, '\0');
        for (char& c : out)
            c = char(m_rng.bounded(256));
        return out;
    }
    QByteArray ascii(int n) {
        QByteArray out(n, '\0');
        for (char& c : out)
            c = char(m_rng.bounded(0x20, 0x7f));
        return out;
    }
    // Valid Unicode only (no lone surrogates), so UTF-8 round trips exactly.
    QString text(int n) {
        QString out;
        for (int i = 0; i < n; ++i) {
            const int pick = m_rng.bounded(10);
            char32_t cp = pick < 6   ? char32_t(m_rng.bounded(0x20, 0x7f))
                          : pick < 9 ? char32_t(m_rng.bounded(0xa0, 0xd800))
                                     : char32_t(m_rng.bounded(0x10000, 0x110000));
            out += QString::fromUcs4(&cp, 1);
        }
        return out;
    }
    QVariant descriptor() {
        if (m_rng.bounded(2) == 0)
            return QVariant::fromValue(quint64(unsignedEdge(~0ULL)));
        return QVariant::fromValue(AmqpSymbol{ascii(1 + m_rng.bounded(20))});
    }
    QVariant list(int depth) {
        QVariantList out;
        const int n = m_rng.bounded(8) == 0 ? 256 : m_rng.bounded(5);
        for (int i = 0; i < n; ++i)
            out.append(n > 10 ? QVariant() : value(depth + 1));
        return out;
    }
    QVariant map(int depth) {
        AmqpMap out;
        const int n = m_rng.bounded(4);
        for (int i = 0; i < n; ++i)
            out.entries.append({value(3), value(depth + 1)});
        return QVariant::fromValue(out);
    }
    QVariant array(int depth) {
        // One scalar value decides the element type; the rest are drawn until they match.
        QVariant first = value(3);
        while (first.typeId() == qMetaTypeId<AmqpDecimal>()) // widths must agree; keep simple
            first = value(3);
        AmqpArray out;
        out.elementType = first.typeId();
        out.elements.append(first);
        const int n = m_rng.bounded(4);
        for (int attempts = 0; out.elements.size() <= n && attempts < 200; ++attempts) {
            QVariant next = value(3);
            if (next.typeId() == out.elementType)
                out.elements.append(next);
        }
        if (m_rng.bounded(4) == 0 && depth < 3) {
            const QVariant d = descriptor();
            AmqpArray described;
            described.elementType = qMetaTypeId<AmqpDescribed>();
            for (const QVariant& v : out.elements)
                described.elements.append(QVariant::fromValue(AmqpDescribed{d, v}));
            return QVariant::fromValue(described);
        }
        return QVariant::fromValue(out);
    }

    QRandomGenerator m_rng;
};

} // namespace busbar::test
