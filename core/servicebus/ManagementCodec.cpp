#include "core/servicebus/ManagementCodec.h"

#include "core/servicebus/ConnectionEngine.h"

namespace busbar::mgmt {

AmqpMap map(std::initializer_list<std::pair<QString, QVariant>> entries) {
    AmqpMap m;
    for (const auto& [key, v] : entries) {
        if (v.isValid()) {
            m.entries.append({QVariant(key), v});
        }
    }
    return m;
}

QVariant value(const AmqpMap& map) {
    return QVariant::fromValue(map);
}

QVariant get(const QVariant& mapValue, const QString& key) {
    if (mapValue.metaType() == QMetaType::fromType<AmqpMap>()) {
        // Read in place and compare keys without converting them: a peek reply asks this
        // twice per message.
        const int symbolType = qMetaTypeId<AmqpSymbol>();
        const auto* m = static_cast<const AmqpMap*>(mapValue.constData());
        for (const auto& [k, v] : m->entries) {
            if (k.typeId() == symbolType) {
                if (QAnyStringView::equal(
                        QUtf8StringView(static_cast<const AmqpSymbol*>(k.constData())->name),
                        key)) {
                    return v;
                }
            } else if (k.typeId() == QMetaType::QString) {
                if (*static_cast<const QString*>(k.constData()) == key) {
                    return v;
                }
            } else if (k.toString() == key) {
                return v;
            }
        }
        return {};
    }
    if (mapValue.metaType().id() == QMetaType::QVariantMap) {
        return mapValue.toMap().value(key);
    }
    return {};
}

AmqpArray uuidArray(const QList<QUuid>& tokens) {
    AmqpArray a;
    a.elementType = QMetaType::QUuid;
    for (const QUuid& t : tokens) {
        a.elements.append(QVariant::fromValue(t));
    }
    return a;
}

AmqpArray longArray(const QList<qint64>& numbers) {
    AmqpArray a;
    a.elementType = QMetaType::LongLong;
    for (const qint64 n : numbers) {
        a.elements.append(QVariant::fromValue(n));
    }
    return a;
}

QVariantList elements(const QVariant& value) {
    if (value.metaType() == QMetaType::fromType<AmqpArray>()) {
        return value.value<AmqpArray>().elements;
    }
    if (value.metaType().id() == QMetaType::QVariantList) {
        return value.toList();
    }
    return {};
}

AmqpMap withSymbolKeys(const AmqpMap& map) {
    AmqpMap out;
    for (const auto& [k, v] : map.entries) {
        const QByteArray name = k.metaType() == QMetaType::fromType<AmqpSymbol>()
                                    ? k.value<AmqpSymbol>().name
                                    : k.toString().toUtf8();
        out.entries.append({QVariant::fromValue(AmqpSymbol{name}), v});
    }
    return out;
}

VoidResult status(const ManagementReply& reply) {
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
        return {};
    }
    return fail(
        errorFromStatusCode(reply.statusCode, reply.errorCondition, reply.statusDescription));
}

bool isEmptyReply(const ManagementReply& reply) {
    return reply.statusCode == 204 ||
           (reply.statusCode == 404 &&
            reply.errorCondition == QLatin1String("com.microsoft:message-not-found"));
}

} // namespace busbar::mgmt
