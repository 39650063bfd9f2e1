// The JSON half of EntityDefinitionsJson; the admin-client half is in
// EntityDefinitionsTransfer.cpp.
#include "ui/entities/EntityDefinitionsJson.h"

#include "core/admin/XsdDuration.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <span>
#include <variant>

namespace busbar {

namespace {

const QStringList& statusNames() {
    static const QStringList names{QStringLiteral("Active"), QStringLiteral("Disabled"),
                                   QStringLiteral("SendDisabled"),
                                   QStringLiteral("ReceiveDisabled")};
    return names;
}

const QStringList& filterNames() {
    static const QStringList names{QStringLiteral("sql"), QStringLiteral("correlation"),
                                   QStringLiteral("true"), QStringLiteral("false")};
    return names;
}

// One property of a description in the file: its key and the member it holds. A table of
// these per entity kind drives both the writer and the reader, so the two cannot diverge;
// a table's order is the order problems are reported in.
template <typename Description>
struct JsonField {
    QLatin1StringView key;
    std::variant<QString Description::*, bool Description::*, int Description::*,
                 qint64 Description::*, Milliseconds Description::*, EntityStatus Description::*>
        member;
};

const JsonField<QueueDescription> kQueueFields[] = {
    {QLatin1StringView("name"), &QueueDescription::name},
    {QLatin1StringView("lockDuration"), &QueueDescription::lockDuration},
    {QLatin1StringView("maxSizeInMegabytes"), &QueueDescription::maxSizeInMegabytes},
    {QLatin1StringView("requiresDuplicateDetection"),
     &QueueDescription::requiresDuplicateDetection},
    {QLatin1StringView("requiresSession"), &QueueDescription::requiresSession},
    {QLatin1StringView("defaultMessageTimeToLive"), &QueueDescription::defaultMessageTimeToLive},
    {QLatin1StringView("deadLetteringOnMessageExpiration"),
     &QueueDescription::deadLetteringOnMessageExpiration},
    {QLatin1StringView("duplicateDetectionHistoryTimeWindow"),
     &QueueDescription::duplicateDetectionHistoryTimeWindow},
    {QLatin1StringView("maxDeliveryCount"), &QueueDescription::maxDeliveryCount},
    {QLatin1StringView("enableBatchedOperations"), &QueueDescription::enableBatchedOperations},
    {QLatin1StringView("status"), &QueueDescription::status},
    {QLatin1StringView("forwardTo"), &QueueDescription::forwardTo},
    {QLatin1StringView("userMetadata"), &QueueDescription::userMetadata},
    {QLatin1StringView("autoDeleteOnIdle"), &QueueDescription::autoDeleteOnIdle},
    {QLatin1StringView("enablePartitioning"), &QueueDescription::enablePartitioning},
    {QLatin1StringView("forwardDeadLetteredMessagesTo"),
     &QueueDescription::forwardDeadLetteredMessagesTo},
    {QLatin1StringView("enableExpress"), &QueueDescription::enableExpress},
    {QLatin1StringView("maxMessageSizeInKilobytes"), &QueueDescription::maxMessageSizeInKilobytes},
};

const JsonField<TopicDescription> kTopicFields[] = {
    {QLatin1StringView("name"), &TopicDescription::name},
    {QLatin1StringView("defaultMessageTimeToLive"), &TopicDescription::defaultMessageTimeToLive},
    {QLatin1StringView("maxSizeInMegabytes"), &TopicDescription::maxSizeInMegabytes},
    {QLatin1StringView("requiresDuplicateDetection"),
     &TopicDescription::requiresDuplicateDetection},
    {QLatin1StringView("duplicateDetectionHistoryTimeWindow"),
     &TopicDescription::duplicateDetectionHistoryTimeWindow},
    {QLatin1StringView("enableBatchedOperations"), &TopicDescription::enableBatchedOperations},
    {QLatin1StringView("status"), &TopicDescription::status},
    {QLatin1StringView("userMetadata"), &TopicDescription::userMetadata},
    {QLatin1StringView("supportOrdering"), &TopicDescription::supportOrdering},
    {QLatin1StringView("autoDeleteOnIdle"), &TopicDescription::autoDeleteOnIdle},
    {QLatin1StringView("enablePartitioning"), &TopicDescription::enablePartitioning},
    {QLatin1StringView("enableExpress"), &TopicDescription::enableExpress},
    {QLatin1StringView("maxMessageSizeInKilobytes"), &TopicDescription::maxMessageSizeInKilobytes},
};

const JsonField<SubscriptionDescription> kSubscriptionFields[] = {
    {QLatin1StringView("name"), &SubscriptionDescription::name},
    {QLatin1StringView("lockDuration"), &SubscriptionDescription::lockDuration},
    {QLatin1StringView("requiresSession"), &SubscriptionDescription::requiresSession},
    {QLatin1StringView("defaultMessageTimeToLive"),
     &SubscriptionDescription::defaultMessageTimeToLive},
    {QLatin1StringView("deadLetteringOnMessageExpiration"),
     &SubscriptionDescription::deadLetteringOnMessageExpiration},
    {QLatin1StringView("deadLetteringOnFilterEvaluationExceptions"),
     &SubscriptionDescription::deadLetteringOnFilterEvaluationExceptions},
    {QLatin1StringView("maxDeliveryCount"), &SubscriptionDescription::maxDeliveryCount},
    {QLatin1StringView("enableBatchedOperations"),
     &SubscriptionDescription::enableBatchedOperations},
    {QLatin1StringView("status"), &SubscriptionDescription::status},
    {QLatin1StringView("forwardTo"), &SubscriptionDescription::forwardTo},
    {QLatin1StringView("userMetadata"), &SubscriptionDescription::userMetadata},
    {QLatin1StringView("forwardDeadLetteredMessagesTo"),
     &SubscriptionDescription::forwardDeadLetteredMessagesTo},
    {QLatin1StringView("autoDeleteOnIdle"), &SubscriptionDescription::autoDeleteOnIdle},
};

// The correlation filter's fields; its "properties" map is written and read beside them.
const JsonField<CorrelationFilterDescription> kCorrelationFields[] = {
    {QLatin1StringView("correlationId"), &CorrelationFilterDescription::correlationId},
    {QLatin1StringView("messageId"), &CorrelationFilterDescription::messageId},
    {QLatin1StringView("to"), &CorrelationFilterDescription::to},
    {QLatin1StringView("replyTo"), &CorrelationFilterDescription::replyTo},
    {QLatin1StringView("label"), &CorrelationFilterDescription::label},
    {QLatin1StringView("sessionId"), &CorrelationFilterDescription::sessionId},
    {QLatin1StringView("replyToSessionId"), &CorrelationFilterDescription::replyToSessionId},
    {QLatin1StringView("contentType"), &CorrelationFilterDescription::contentType},
};

// Durations as xs:duration, statuses by name; the rest as JSON has them.
QJsonValue jsonValue(const QString& value) {
    return value;
}
QJsonValue jsonValue(bool value) {
    return value;
}
QJsonValue jsonValue(int value) {
    return value;
}
QJsonValue jsonValue(qint64 value) {
    return value;
}
QJsonValue jsonValue(Milliseconds value) {
    return XsdDuration::format(value);
}
QJsonValue jsonValue(EntityStatus value) {
    return statusNames().value(int(value));
}

template <typename Description>
QJsonObject toObject(const Description& description,
                     std::span<const JsonField<Description>> fields) {
    QJsonObject object;
    for (const auto& field : fields) {
        std::visit([&](auto member) { object.insert(field.key, jsonValue(description.*member)); },
                   field.member);
    }
    return object;
}

// Reads fields of one JSON object into a description, keeping its defaults for what is
// missing or of another JSON type, and collecting what is malformed.
class Reader {
public:
    Reader(const QJsonObject& object, QString where, QStringList* problems)
        : m_object(object)
        , m_where(std::move(where))
        , m_problems(problems) {}

    template <typename Description>
    void fields(std::span<const JsonField<Description>> fields, Description& out) const {
        for (const auto& field : fields) {
            std::visit([&](auto member) { read(field.key, out.*member); }, field.member);
        }
    }

    void read(QLatin1StringView key, QString& out) const {
        if (const QJsonValue v = m_object.value(key); v.isString()) {
            out = v.toString();
        }
    }
    void read(QLatin1StringView key, bool& out) const {
        if (const QJsonValue v = m_object.value(key); v.isBool()) {
            out = v.toBool();
        }
    }
    void read(QLatin1StringView key, int& out) const {
        if (const QJsonValue v = m_object.value(key); v.isDouble()) {
            out = int(v.toInteger());
        }
    }
    void read(QLatin1StringView key, qint64& out) const {
        if (const QJsonValue v = m_object.value(key); v.isDouble()) {
            out = v.toInteger();
        }
    }
    void read(QLatin1StringView key, Milliseconds& out) const {
        const QJsonValue v = m_object.value(key);
        if (!v.isString()) {
            return;
        }
        if (auto parsed = XsdDuration::parse(v.toString())) {
            out = *parsed;
        } else {
            m_problems->append(QStringLiteral("%1.%2: '%3' is not an xs:duration")
                                   .arg(m_where, key, v.toString()));
        }
    }
    void read(QLatin1StringView key, EntityStatus& out) const {
        const QJsonValue v = m_object.value(key);
        if (!v.isString()) {
            return;
        }
        const qsizetype index = statusNames().indexOf(v.toString());
        if (index < 0) {
            m_problems->append(
                QStringLiteral("%1.%2: unknown status '%3'").arg(m_where, key, v.toString()));
        } else {
            out = EntityStatus(index);
        }
    }

private:
    const QJsonObject& m_object;
    QString m_where;
    QStringList* m_problems;
};

template <typename Description>
Description fromObject(const QJsonObject& o, std::span<const JsonField<Description>> fields,
                       const QString& where, QStringList* problems) {
    Description description;
    Reader(o, where, problems).fields(fields, description);
    return description;
}

QJsonObject ruleJson(const RuleDescription& rule) {
    QJsonObject o{{QStringLiteral("name"), rule.name},
                  {QStringLiteral("filter"), filterNames().value(int(rule.filterKind))}};
    if (rule.filterKind == FilterKind::Sql) {
        o.insert(QStringLiteral("sqlExpression"), rule.sqlExpression);
    }
    if (rule.filterKind == FilterKind::Correlation) {
        QJsonObject correlation =
            toObject<CorrelationFilterDescription>(rule.correlation, kCorrelationFields);
        correlation.insert(QStringLiteral("properties"),
                           QJsonObject::fromVariantMap(rule.correlation.properties));
        o.insert(QStringLiteral("correlation"), correlation);
    }
    if (!rule.actionExpression.isEmpty()) {
        o.insert(QStringLiteral("actionExpression"), rule.actionExpression);
    }
    if (!rule.filterParameters.isEmpty()) {
        o.insert(QStringLiteral("filterParameters"),
                 QJsonObject::fromVariantMap(rule.filterParameters));
    }
    if (!rule.actionParameters.isEmpty()) {
        o.insert(QStringLiteral("actionParameters"),
                 QJsonObject::fromVariantMap(rule.actionParameters));
    }
    return o;
}

RuleDescription readRule(const QJsonObject& o, const QString& where, QStringList* problems) {
    RuleDescription rule;
    const Reader r(o, where, problems);
    r.read(QLatin1StringView("name"), rule.name);
    const QString filter = o.value(QStringLiteral("filter")).toString(QStringLiteral("true"));
    const qsizetype kind = filterNames().indexOf(filter);
    if (kind < 0) {
        problems->append(QStringLiteral("%1.filter: unknown filter '%2'").arg(where, filter));
    } else {
        rule.filterKind = FilterKind(kind);
    }
    r.read(QLatin1StringView("sqlExpression"), rule.sqlExpression);
    if (rule.filterKind == FilterKind::True) {
        rule.sqlExpression = QStringLiteral("1=1");
    } else if (rule.filterKind == FilterKind::False) {
        rule.sqlExpression = QStringLiteral("1=0");
    }
    const QJsonObject c = o.value(QStringLiteral("correlation")).toObject();
    Reader(c, where + QStringLiteral(".correlation"), problems)
        .fields<CorrelationFilterDescription>(kCorrelationFields, rule.correlation);
    rule.correlation.properties = c.value(QStringLiteral("properties")).toObject().toVariantMap();
    r.read(QLatin1StringView("actionExpression"), rule.actionExpression);
    rule.filterParameters = o.value(QStringLiteral("filterParameters")).toObject().toVariantMap();
    rule.actionParameters = o.value(QStringLiteral("actionParameters")).toObject().toVariantMap();
    return rule;
}

} // namespace

QByteArray EntityDefinitionsJson::toJson(const NamespaceDefinitions& definitions) {
    QJsonArray queues;
    for (const QueueDescription& q : definitions.queues) {
        queues.append(toObject<QueueDescription>(q, kQueueFields));
    }
    QJsonArray topics;
    for (const TopicDescription& t : definitions.topics) {
        QJsonObject topic = toObject<TopicDescription>(t, kTopicFields);
        QJsonArray subscriptions;
        for (const SubscriptionDescription& s : definitions.subscriptions) {
            if (s.topicName != t.name) {
                continue;
            }
            QJsonObject subscription = toObject<SubscriptionDescription>(s, kSubscriptionFields);
            QJsonArray rules;
            for (const NamespaceDefinitions::Rule& rule : definitions.rules) {
                if (rule.topic == t.name && rule.subscription == s.name) {
                    rules.append(ruleJson(rule.rule));
                }
            }
            subscription.insert(QStringLiteral("rules"), rules);
            subscriptions.append(subscription);
        }
        topic.insert(QStringLiteral("subscriptions"), subscriptions);
        topics.append(topic);
    }
    const QJsonObject root{{QStringLiteral("busbarEntityDefinitions"), 1},
                           {QStringLiteral("queues"), queues},
                           {QStringLiteral("topics"), topics}};
    return QJsonDocument(root).toJson();
}

Result<NamespaceDefinitions> EntityDefinitionsJson::fromJson(const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The file is not a JSON object: %1").arg(error.errorString()));
    }
    const QJsonObject root = document.object();
    NamespaceDefinitions definitions;
    QStringList problems;
    const QJsonArray queues = root.value(QStringLiteral("queues")).toArray();
    for (qsizetype i = 0; i < queues.size(); ++i) {
        definitions.queues.append(fromObject<QueueDescription>(
            queues.at(i).toObject(), kQueueFields, QStringLiteral("queues[%1]").arg(i), &problems));
    }
    const QJsonArray topics = root.value(QStringLiteral("topics")).toArray();
    for (qsizetype i = 0; i < topics.size(); ++i) {
        const QString where = QStringLiteral("topics[%1]").arg(i);
        const QJsonObject topic = topics.at(i).toObject();
        definitions.topics.append(
            fromObject<TopicDescription>(topic, kTopicFields, where, &problems));
        const QString topicName = definitions.topics.last().name;
        const QJsonArray subscriptions = topic.value(QStringLiteral("subscriptions")).toArray();
        for (qsizetype j = 0; j < subscriptions.size(); ++j) {
            const QString subWhere = where + QStringLiteral(".subscriptions[%1]").arg(j);
            const QJsonObject subscription = subscriptions.at(j).toObject();
            SubscriptionDescription read = fromObject<SubscriptionDescription>(
                subscription, kSubscriptionFields, subWhere, &problems);
            read.topicName = topicName;
            definitions.subscriptions.append(read);
            const QString subscriptionName = definitions.subscriptions.last().name;
            const QJsonArray rules = subscription.value(QStringLiteral("rules")).toArray();
            for (qsizetype k = 0; k < rules.size(); ++k) {
                definitions.rules.append(
                    {topicName, subscriptionName,
                     readRule(rules.at(k).toObject(),
                              subWhere + QStringLiteral(".rules[%1]").arg(k), &problems)});
            }
        }
    }
    if (!problems.isEmpty()) {
        return fail(ErrorCode::InvalidInput, problems.join(QLatin1Char('\n')));
    }
    return definitions;
}

VoidResult EntityDefinitionsJson::saveFile(const QString& path,
                                           const NamespaceDefinitions& definitions) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("Cannot write '%1': %2").arg(path, file.errorString()));
    }
    file.write(toJson(definitions));
    if (!file.commit()) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("Cannot write '%1': %2").arg(path, file.errorString()));
    }
    return {};
}

Result<NamespaceDefinitions> EntityDefinitionsJson::loadFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Cannot read '%1': %2").arg(path, file.errorString()));
    }
    return fromJson(file.readAll());
}

} // namespace busbar
