#include "core/amqp/ProtonData.h"

#include <QDateTime>
#include <QUuid>

namespace busbar {

namespace {

QByteArray bytesOf(pn_bytes_t b) {
    return QByteArray(b.start, qsizetype(b.size));
}

} // namespace

QVariant readPnValue(pn_data_t* data) {
    switch (pn_data_type(data)) {
    case PN_NULL:
        return {};
    case PN_BOOL:
        return pn_data_get_bool(data);
    case PN_UBYTE:
        return QVariant::fromValue<quint8>(pn_data_get_ubyte(data));
    case PN_BYTE:
        return QVariant::fromValue<qint8>(pn_data_get_byte(data));
    case PN_USHORT:
        return QVariant::fromValue<quint16>(pn_data_get_ushort(data));
    case PN_SHORT:
        return QVariant::fromValue<qint16>(pn_data_get_short(data));
    case PN_UINT:
        return QVariant::fromValue<quint32>(pn_data_get_uint(data));
    case PN_INT:
        return QVariant::fromValue<qint32>(pn_data_get_int(data));
    case PN_ULONG:
        return QVariant::fromValue<quint64>(pn_data_get_ulong(data));
    case PN_LONG:
        return QVariant::fromValue<qint64>(pn_data_get_long(data));
    case PN_FLOAT:
        return pn_data_get_float(data);
    case PN_DOUBLE:
        return pn_data_get_double(data);
    case PN_TIMESTAMP:
        return QDateTime::fromMSecsSinceEpoch(pn_data_get_timestamp(data), Qt::UTC);
    case PN_UUID: {
        const pn_uuid_t u = pn_data_get_uuid(data);
        return QVariant::fromValue(QUuid::fromRfc4122(QByteArrayView(u.bytes, 16)));
    }
    case PN_BINARY:
        return bytesOf(pn_data_get_binary(data));
    case PN_STRING:
        return QString::fromUtf8(bytesOf(pn_data_get_string(data)));
    case PN_SYMBOL:
        return QVariant::fromValue(AmqpSymbol{bytesOf(pn_data_get_symbol(data))});
    case PN_MAP: {
        AmqpMap map;
        const size_t count = pn_data_get_map(data);
        pn_data_enter(data);
        for (size_t i = 0; i < count; i += 2) {
            if (!pn_data_next(data)) {
                break;
            }
            QVariant key = readPnValue(data);
            if (!pn_data_next(data)) {
                break;
            }
            map.entries.append({std::move(key), readPnValue(data)});
        }
        pn_data_exit(data);
        return QVariant::fromValue(map);
    }
    case PN_LIST:
    case PN_ARRAY: {
        QVariantList list;
        const bool isArray = pn_data_type(data) == PN_ARRAY;
        const size_t count = isArray ? pn_data_get_array(data) : pn_data_get_list(data);
        pn_data_enter(data);
        for (size_t i = 0; i < count && pn_data_next(data); ++i) {
            list.append(readPnValue(data));
        }
        pn_data_exit(data);
        return list;
    }
    case PN_DESCRIBED: {
        AmqpDescribed described;
        pn_data_enter(data);
        if (pn_data_next(data)) {
            described.descriptor = readPnValue(data);
        }
        if (pn_data_next(data)) {
            described.value = readPnValue(data);
        }
        pn_data_exit(data);
        return QVariant::fromValue(described);
    }
    default:
        return {};
    }
}

AmqpMap readPnMap(pn_data_t* data) {
    if (!data) {
        return {};
    }
    pn_data_rewind(data);
    if (!pn_data_next(data) || pn_data_type(data) != PN_MAP) {
        return {};
    }
    const QVariant value = readPnValue(data);
    pn_data_rewind(data);
    return value.value<AmqpMap>();
}

const QVariant* findKey(const AmqpMap& map, QByteArrayView key, bool* found) {
    for (const auto& [k, v] : map.entries) {
        const bool match = k.userType() == qMetaTypeId<AmqpSymbol>()
                               ? k.value<AmqpSymbol>().name == key
                               : k.toString().toUtf8() == key;
        if (match) {
            if (found) {
                *found = true;
            }
            return &v;
        }
    }
    if (found) {
        *found = false;
    }
    return nullptr;
}

void writePnValue(pn_data_t* data, const QVariant& value) {
    const int type = value.userType();
    if (!value.isValid()) {
        pn_data_put_null(data);
    } else if (type == qMetaTypeId<AmqpSymbol>()) {
        const QByteArray name = value.value<AmqpSymbol>().name;
        pn_data_put_symbol(data, pn_bytes(size_t(name.size()), name.constData()));
    } else if (type == QMetaType::QString) {
        const QByteArray utf8 = value.toString().toUtf8();
        pn_data_put_string(data, pn_bytes(size_t(utf8.size()), utf8.constData()));
    } else if (type == QMetaType::LongLong) {
        pn_data_put_long(data, value.toLongLong());
    } else if (type == QMetaType::Int) {
        pn_data_put_int(data, value.toInt());
    } else if (type == QMetaType::UInt) {
        pn_data_put_uint(data, value.toUInt());
    } else if (type == QMetaType::Bool) {
        pn_data_put_bool(data, value.toBool());
    } else if (type == QMetaType::QByteArray) {
        const QByteArray bytes = value.toByteArray();
        pn_data_put_binary(data, pn_bytes(size_t(bytes.size()), bytes.constData()));
    } else {
        pn_data_put_null(data);
    }
}

void writePnSymbolMap(pn_data_t* data, const AmqpMap& map) {
    pn_data_clear(data);
    pn_data_put_map(data);
    pn_data_enter(data);
    for (const auto& [key, value] : map.entries) {
        writePnValue(data, key);
        writePnValue(data, value);
    }
    pn_data_exit(data);
    pn_data_rewind(data);
}

} // namespace busbar
