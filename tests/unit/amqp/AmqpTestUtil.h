#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVariant>

#include <cstring>

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

} // namespace busbar::test
