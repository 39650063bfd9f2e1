#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace busbar::emulator {

// A shared access rule: the key name a token's `skn` names, its key, and its claims.
struct SasRule {
    QString keyName;
    QString key;
    bool listen = true;
    bool send = true;
    bool manage = true;
};

struct SubscriptionConfig {
    SubscriptionDescription description;
    QList<RuleDescription> rules; // empty = the $Default rule (1=1)
};

struct TopicConfig {
    TopicDescription description;
    QList<SubscriptionConfig> subscriptions;
};

// One namespace as loaded from a Config.json in the Microsoft emulator's format
// (servicebus-management.md §7.6), validated against the cloud service's limits.
struct NamespaceConfig {
    QString name = QStringLiteral("sbemulatorns");
    QList<SasRule> sasRules{SasRule{QStringLiteral("RootManageSharedAccessKey"),
                                    QStringLiteral("SAS_KEY_VALUE"), true, true, true}};
    QList<QueueDescription> queues;
    QList<TopicConfig> topics;
};

struct EmulatorConfig {
    QList<NamespaceConfig> namespaces;
};

} // namespace busbar::emulator
