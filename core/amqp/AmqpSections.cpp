#include "core/amqp/AmqpSections.h"

#include <QtEndian>

namespace busbar::amqpsection {

quint64 sectionCode(const QVariant& descriptor) {
    if (descriptor.typeId() == QMetaType::ULongLong) {
        const quint64 code = descriptor.toULongLong();
        return code >= Header && code <= Footer ? code : 0;
    }
    if (descriptor.typeId() != qMetaTypeId<AmqpSymbol>())
        return 0;
    const QByteArray& name = static_cast<const AmqpSymbol*>(descriptor.constData())->name;
    static const struct {
        const char* name;
        quint64 code;
    } names[] = {
        {"amqp:header:list", Header},
        {"amqp:delivery-annotations:map", DeliveryAnnotations},
        {"amqp:message-annotations:map", MessageAnnotations},
        {"amqp:properties:list", Properties},
        {"amqp:application-properties:map", ApplicationProperties},
        {"amqp:data:binary", Data},
        {"amqp:amqp-sequence:list", Sequence},
        {"amqp:amqp-value:*", Value},
        {"amqp:footer:map", Footer},
    };
    for (const auto& n : names)
        if (name == n.name)
            return n.code;
    return 0;
}

int sectionRank(quint64 code) {
    switch (code) {
    case Header:
        return 0;
    case DeliveryAnnotations:
        return 1;
    case MessageAnnotations:
        return 2;
    case Properties:
        return 3;
    case ApplicationProperties:
        return 4;
    case Data:
    case Sequence:
    case Value:
        return kBodyRank;
    case Footer:
        return 6;
    default:
        return -1;
    }
}

bool startsWithSectionDescriptor(QByteArrayView bytes) {
    if (bytes.size() < 3 || bytes[0] != '\0')
        return false;
    const auto kind = quint8(bytes[1]);
    if (kind == 0x53)
        return quint8(bytes[2]) >= Header && quint8(bytes[2]) <= Footer;
    if (kind == 0x80)
        return bytes.size() >= 10 &&
               sectionCode(QVariant::fromValue(qFromBigEndian<quint64>(bytes.data() + 2))) != 0;
    if (kind == 0xa3)
        return bytes.sliced(3).startsWith("amqp:");
    return false;
}

qsizetype findSymbolKey(const AmqpMap& map, QByteArrayView key) {
    const int symbolType = qMetaTypeId<AmqpSymbol>();
    for (qsizetype i = 0; i < map.entries.size(); ++i) {
        const QVariant& k = map.entries.at(i).first;
        if (k.typeId() == symbolType) {
            if (static_cast<const AmqpSymbol*>(k.constData())->name == key)
                return i;
        } else if (k.typeId() == QMetaType::QString && k.toString().toUtf8() == key) {
            return i;
        }
    }
    return -1;
}

qsizetype findStringKey(const AmqpMap& map, const QString& key) {
    const int symbolType = qMetaTypeId<AmqpSymbol>();
    for (qsizetype i = 0; i < map.entries.size(); ++i) {
        const QVariant& k = map.entries.at(i).first;
        if (k.typeId() == QMetaType::QString) {
            if (*static_cast<const QString*>(k.constData()) == key)
                return i;
        } else if (k.typeId() == symbolType &&
                   QString::fromUtf8(static_cast<const AmqpSymbol*>(k.constData())->name) == key) {
            return i;
        }
    }
    return -1;
}

} // namespace busbar::amqpsection
