#include "emulator/config/ConfigEntityReader.h"

namespace busbar::emulator {

namespace {

using namespace std::chrono_literals;

// The Microsoft emulator's defaults for what a Config.json leaves out; they differ from the
// cloud's (and from the descriptions' own defaults).
constexpr Milliseconds kEmulatorTimeToLive = 1h;
constexpr int kEmulatorMaxDeliveryCount = 3;
constexpr Milliseconds kEmulatorDuplicateDetectionWindow = 20s;

// Each table lists the keys in the order they are read, which is the order problems are
// reported in and the known keys are named in.
const ConfigProperty<QueueDescription> kQueueProperties[] = {
    {QLatin1StringView("DeadLetteringOnMessageExpiration"),
     &QueueDescription::deadLetteringOnMessageExpiration},
    {QLatin1StringView("DefaultMessageTimeToLive"), &QueueDescription::defaultMessageTimeToLive},
    {QLatin1StringView("DuplicateDetectionHistoryTimeWindow"),
     &QueueDescription::duplicateDetectionHistoryTimeWindow},
    {QLatin1StringView("ForwardDeadLetteredMessagesTo"),
     &QueueDescription::forwardDeadLetteredMessagesTo},
    {QLatin1StringView("ForwardTo"), &QueueDescription::forwardTo},
    {QLatin1StringView("LockDuration"), &QueueDescription::lockDuration},
    {QLatin1StringView("MaxDeliveryCount"), &QueueDescription::maxDeliveryCount},
    {QLatin1StringView("RequiresDuplicateDetection"),
     &QueueDescription::requiresDuplicateDetection},
    {QLatin1StringView("RequiresSession"), &QueueDescription::requiresSession},
    {QLatin1StringView("AutoDeleteOnIdle"), &QueueDescription::autoDeleteOnIdle},
    {QLatin1StringView("EnableBatchedOperations"), &QueueDescription::enableBatchedOperations},
    {QLatin1StringView("MaxSizeInMegabytes"), &QueueDescription::maxSizeInMegabytes},
    {QLatin1StringView("MaxMessageSizeInKilobytes"), &QueueDescription::maxMessageSizeInKilobytes},
    {QLatin1StringView("Status"), &QueueDescription::status},
    {QLatin1StringView("UserMetadata"), &QueueDescription::userMetadata},
};

const ConfigProperty<TopicDescription> kTopicProperties[] = {
    {QLatin1StringView("DefaultMessageTimeToLive"), &TopicDescription::defaultMessageTimeToLive},
    {QLatin1StringView("DuplicateDetectionHistoryTimeWindow"),
     &TopicDescription::duplicateDetectionHistoryTimeWindow},
    {QLatin1StringView("RequiresDuplicateDetection"),
     &TopicDescription::requiresDuplicateDetection},
    {QLatin1StringView("AutoDeleteOnIdle"), &TopicDescription::autoDeleteOnIdle},
    {QLatin1StringView("EnableBatchedOperations"), &TopicDescription::enableBatchedOperations},
    {QLatin1StringView("MaxSizeInMegabytes"), &TopicDescription::maxSizeInMegabytes},
    {QLatin1StringView("MaxMessageSizeInKilobytes"), &TopicDescription::maxMessageSizeInKilobytes},
    {QLatin1StringView("Status"), &TopicDescription::status},
    {QLatin1StringView("SupportOrdering"), &TopicDescription::supportOrdering},
    {QLatin1StringView("UserMetadata"), &TopicDescription::userMetadata},
};

const ConfigProperty<SubscriptionDescription> kSubscriptionProperties[] = {
    {QLatin1StringView("DeadLetteringOnMessageExpiration"),
     &SubscriptionDescription::deadLetteringOnMessageExpiration},
    {QLatin1StringView("DefaultMessageTimeToLive"),
     &SubscriptionDescription::defaultMessageTimeToLive},
    {QLatin1StringView("LockDuration"), &SubscriptionDescription::lockDuration},
    {QLatin1StringView("MaxDeliveryCount"), &SubscriptionDescription::maxDeliveryCount},
    {QLatin1StringView("ForwardDeadLetteredMessagesTo"),
     &SubscriptionDescription::forwardDeadLetteredMessagesTo},
    {QLatin1StringView("ForwardTo"), &SubscriptionDescription::forwardTo},
    {QLatin1StringView("RequiresSession"), &SubscriptionDescription::requiresSession},
    {QLatin1StringView("DeadLetteringOnFilterEvaluationExceptions"),
     &SubscriptionDescription::deadLetteringOnFilterEvaluationExceptions},
    {QLatin1StringView("AutoDeleteOnIdle"), &SubscriptionDescription::autoDeleteOnIdle},
    {QLatin1StringView("EnableBatchedOperations"),
     &SubscriptionDescription::enableBatchedOperations},
    {QLatin1StringView("Status"), &SubscriptionDescription::status},
    {QLatin1StringView("UserMetadata"), &SubscriptionDescription::userMetadata},
};

const ConfigProperty<CorrelationFilterDescription> kCorrelationProperties[] = {
    {QLatin1StringView("ContentType"), &CorrelationFilterDescription::contentType},
    {QLatin1StringView("CorrelationId"), &CorrelationFilterDescription::correlationId},
    {QLatin1StringView("Label"), &CorrelationFilterDescription::label},
    {QLatin1StringView("MessageId"), &CorrelationFilterDescription::messageId},
    {QLatin1StringView("ReplyTo"), &CorrelationFilterDescription::replyTo},
    {QLatin1StringView("ReplyToSessionId"), &CorrelationFilterDescription::replyToSessionId},
    {QLatin1StringView("SessionId"), &CorrelationFilterDescription::sessionId},
    {QLatin1StringView("To"), &CorrelationFilterDescription::to},
};

} // namespace

QueueDescription ConfigEntityReader::readQueue(const QJsonObject& o, const QString& path) {
    checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Properties")}, path);
    QueueDescription q;
    q.name = readName(o, path);
    checkName(q.name, EntityValidator::checkEntityPath(q.name), path);
    q.defaultMessageTimeToLive = kEmulatorTimeToLive;
    q.maxDeliveryCount = kEmulatorMaxDeliveryCount;
    q.duplicateDetectionHistoryTimeWindow = kEmulatorDuplicateDetectionWindow;

    const QString p = path + QStringLiteral(".Properties");
    readProperties<QueueDescription>(properties(o, path), p, kQueueProperties, q);
    limits(EntityValidator::check(q), p);
    noteForwarding(q.forwardTo, q.forwardDeadLetteredMessagesTo, p);
    return q;
}

TopicConfig ConfigEntityReader::readTopic(const QJsonObject& o, const QString& path) {
    checkKeys(
        o, {QStringLiteral("Name"), QStringLiteral("Properties"), QStringLiteral("Subscriptions")},
        path);
    TopicConfig config;
    TopicDescription& t = config.description;
    t.name = readName(o, path);
    checkName(t.name, EntityValidator::checkEntityPath(t.name), path);
    t.defaultMessageTimeToLive = kEmulatorTimeToLive;
    t.duplicateDetectionHistoryTimeWindow = kEmulatorDuplicateDetectionWindow;

    const QString p = path + QStringLiteral(".Properties");
    readProperties<TopicDescription>(properties(o, path), p, kTopicProperties, t);
    limits(EntityValidator::check(t), p);

    QSet<QString> names;
    forEachObject(o, QStringLiteral("Subscriptions"), path, false,
                  [&](const QJsonObject& element, const QString& at) {
                      SubscriptionConfig sub = readSubscription(element, t.name, at);
                      checkUnique(names, sub.description.name, at);
                      config.subscriptions.append(sub);
                  });
    return config;
}

SubscriptionConfig ConfigEntityReader::readSubscription(const QJsonObject& o, const QString& topic,
                                                        const QString& path) {
    checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Properties"), QStringLiteral("Rules")},
              path);
    SubscriptionConfig config;
    SubscriptionDescription& s = config.description;
    s.topicName = topic;
    s.name = readName(o, path);
    checkName(s.name, EntityValidator::checkChildName(s.name, QStringLiteral("subscription")),
              path);
    s.defaultMessageTimeToLive = kEmulatorTimeToLive;
    s.maxDeliveryCount = kEmulatorMaxDeliveryCount;

    const QString p = path + QStringLiteral(".Properties");
    readProperties<SubscriptionDescription>(properties(o, path), p, kSubscriptionProperties, s);
    limits(EntityValidator::check(s), p);
    noteForwarding(s.forwardTo, s.forwardDeadLetteredMessagesTo, p);

    QSet<QString> ruleNames;
    forEachObject(o, QStringLiteral("Rules"), path, false,
                  [&](const QJsonObject& element, const QString& at) {
                      RuleDescription rule = readRule(element, at);
                      checkUnique(ruleNames, rule.name, at);
                      config.rules.append(rule);
                  });
    return config;
}

void ConfigEntityReader::noteForwarding(const QString& forwardTo,
                                        const QString& forwardDeadLetteredTo,
                                        const QString& propertiesPath) {
    if (!forwardTo.isEmpty()) {
        forwardingTargets.append({forwardTo, propertiesPath + QStringLiteral(".ForwardTo")});
    }
    if (!forwardDeadLetteredTo.isEmpty()) {
        forwardingTargets.append(
            {forwardDeadLetteredTo,
             propertiesPath + QStringLiteral(".ForwardDeadLetteredMessagesTo")});
    }
}

RuleDescription ConfigEntityReader::readRule(const QJsonObject& o, const QString& path) {
    checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Properties")}, path);
    RuleDescription rule;
    rule.name = readName(o, path);
    checkName(rule.name, EntityValidator::checkChildName(rule.name, QStringLiteral("rule")), path);
    const QString p = path + QStringLiteral(".Properties");
    if (!o.contains(QStringLiteral("Properties"))) {
        problem(path, QStringLiteral("\"Properties\" is required"));
        return rule;
    }
    const QJsonObject props = properties(o, path);
    checkKeys(props,
              {QStringLiteral("FilterType"), QStringLiteral("CorrelationFilter"),
               QStringLiteral("SqlFilter"), QStringLiteral("Action")},
              p);
    QString filterType;
    readString(props, QStringLiteral("FilterType"), p, filterType);

    if (filterType == u"Correlation") {
        rule.filterKind = FilterKind::Correlation;
        if (!props.contains(QStringLiteral("CorrelationFilter"))) {
            problem(p, QStringLiteral("FilterType \"Correlation\" needs a \"CorrelationFilter\""));
        }
        readCorrelationFilter(props.value(QStringLiteral("CorrelationFilter")).toObject(),
                              p + QStringLiteral(".CorrelationFilter"), rule.correlation);
    } else if (filterType == u"Sql") {
        rule.filterKind = FilterKind::Sql;
        if (!props.contains(QStringLiteral("SqlFilter"))) {
            problem(p, QStringLiteral("FilterType \"Sql\" needs a \"SqlFilter\""));
        }
        const QJsonObject sql = props.value(QStringLiteral("SqlFilter")).toObject();
        checkKeys(sql, {QStringLiteral("SqlExpression")}, p + QStringLiteral(".SqlFilter"));
        readString(sql, QStringLiteral("SqlExpression"), p + QStringLiteral(".SqlFilter"),
                   rule.sqlExpression);
    } else if (filterType == u"True") {
        rule.filterKind = FilterKind::True;
    } else if (filterType == u"False") {
        rule.filterKind = FilterKind::False;
    } else {
        problem(p + QStringLiteral(".FilterType"),
                QStringLiteral("'%1' is not one of Correlation, Sql, True, False").arg(filterType));
    }

    if (props.contains(QStringLiteral("Action"))) {
        const QJsonObject action = props.value(QStringLiteral("Action")).toObject();
        checkKeys(action, {QStringLiteral("SqlExpression")}, p + QStringLiteral(".Action"));
        readString(action, QStringLiteral("SqlExpression"), p + QStringLiteral(".Action"),
                   rule.actionExpression);
    }
    for (const auto& found : EntityValidator::check(rule)) {
        problems.append(QStringLiteral("%1: %2 %3").arg(p, found.field, found.rule));
    }
    return rule;
}

void ConfigEntityReader::readCorrelationFilter(const QJsonObject& correlation, const QString& path,
                                               CorrelationFilterDescription& target) {
    readProperties<CorrelationFilterDescription>(correlation, path, kCorrelationProperties, target,
                                                 {QStringLiteral("Properties")});
    const QJsonObject properties = correlation.value(QStringLiteral("Properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isString()) {
            target.properties.insert(it.key(), value.toString());
        } else if (value.isBool()) {
            target.properties.insert(it.key(), value.toBool());
        } else if (value.isDouble()) {
            const double number = value.toDouble();
            const bool integral = number == static_cast<double>(static_cast<qint64>(number));
            target.properties.insert(it.key(), integral ? QVariant(static_cast<qint64>(number))
                                                        : QVariant(number));
        } else {
            problem(path + QStringLiteral(".Properties.") + it.key(),
                    QStringLiteral("expected a string, number or boolean, got %1")
                        .arg(jsonTypeName(value)));
        }
    }
}

} // namespace busbar::emulator
