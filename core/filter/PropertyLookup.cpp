#include "core/filter/PropertyLookup.h"

#include <array>

namespace busbar::sql {

namespace {

using namespace Qt::StringLiterals;

constexpr std::array kSystemProperties{
    SystemProperty{"MessageId"_L1, {}, true, true},
    SystemProperty{"CorrelationId"_L1, {}, true, true},
    SystemProperty{"SessionId"_L1, {}, true, true},
    SystemProperty{"ReplyTo"_L1, {}, true, true},
    SystemProperty{"ReplyToSessionId"_L1, {}, true, true},
    SystemProperty{"To"_L1, {}, true, true},
    SystemProperty{"Label"_L1, "Subject"_L1, true, true},
    SystemProperty{"ContentType"_L1, {}, true, true},
    SystemProperty{"PartitionKey"_L1, {}, true, true},
    SystemProperty{"TimeToLive"_L1, {}, true, false},
    SystemProperty{"ScheduledEnqueueTimeUtc"_L1, {}, true, false},
    // Broker-owned: readable, never settable.
    SystemProperty{"ViaPartitionKey"_L1, {}, false, true},
    SystemProperty{"EnqueuedTimeUtc"_L1, {}, false, false},
    SystemProperty{"SequenceNumber"_L1, {}, false, false},
    SystemProperty{"EnqueuedSequenceNumber"_L1, {}, false, false},
    SystemProperty{"DeliveryCount"_L1, {}, false, false},
    SystemProperty{"LockToken"_L1, {}, false, false},
    SystemProperty{"LockedUntilUtc"_L1, {}, false, false},
    SystemProperty{"ExpiresAtUtc"_L1, {}, false, false},
    SystemProperty{"Size"_L1, {}, false, false},
    SystemProperty{"DeadLetterSource"_L1, {}, false, true},
    SystemProperty{"ForcePersistence"_L1, {}, false, false},
};

bool sameName(const QString& key, const QString& name, QLatin1String alias) {
    return key.compare(name, Qt::CaseInsensitive) == 0 ||
           (!alias.isEmpty() && key.compare(alias, Qt::CaseInsensitive) == 0);
}

} // namespace

const SystemProperty* findSystemProperty(const QString& name) {
    for (const SystemProperty& property : kSystemProperties) {
        if (sameName(name, QString(property.name), property.alias))
            return &property;
    }
    return nullptr;
}

QVariantMap::const_iterator findProperty(const QVariantMap& map, const QString& name,
                                         QLatin1String alias) {
    auto it = map.constFind(name);
    if (it != map.cend())
        return it;
    if (!alias.isEmpty()) {
        it = map.constFind(QString(alias));
        if (it != map.cend())
            return it;
    }
    for (it = map.cbegin(); it != map.cend(); ++it) {
        if (sameName(it.key(), name, alias))
            return it;
    }
    return map.cend();
}

QString existingKey(const QVariantMap& map, const QString& name, QLatin1String alias) {
    const auto it = findProperty(map, name, alias);
    return it != map.cend() ? it.key() : name;
}

} // namespace busbar::sql
