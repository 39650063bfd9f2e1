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

private:
    void readCorrelationFilter(const QJsonObject& correlation, const QString& path,
                               CorrelationFilterDescription& target);
};

} // namespace busbar::emulator
