#pragma once

// Internal to emulator/config: the entities of a Config.json namespace (queues, topics with
// their subscriptions and rules), in the Microsoft emulator's schema and with its defaults.

#include "emulator/config/JsonFieldReader.h"
#include "emulator/config/NamespaceConfig.h"

namespace busbar::emulator {

class ConfigEntityReader : public JsonFieldReader {
public:
    QueueDescription readQueue(const QJsonObject& o, const QString& path);
    TopicConfig readTopic(const QJsonObject& o, const QString& path);
    SubscriptionConfig readSubscription(const QJsonObject& o, const QString& topic,
                                        const QString& path);
    RuleDescription readRule(const QJsonObject& o, const QString& path);

    // A forwarding target as read, with the JSON path of the property that named it: whether
    // it exists is known only once the whole namespace is read, and the path must give the
    // entry's real position in its array (non-object entries included).
    struct ForwardingTarget {
        QString name;
        QString path;
    };
    // Every non-empty ForwardTo and ForwardDeadLetteredMessagesTo read, in reading order.
    QList<ForwardingTarget> forwardingTargets;

private:
    void noteForwarding(const QString& forwardTo, const QString& forwardDeadLetteredTo,
                        const QString& propertiesPath);
    void readCorrelationFilter(const QJsonObject& correlation, const QString& path,
                               CorrelationFilterDescription& target);
};

} // namespace busbar::emulator
