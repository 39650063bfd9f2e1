// The JSON half of EntityDefinitionsJson; the admin-client half is in
// EntityDefinitionsTransfer.cpp.
#include "ui/entities/EntityDefinitionsJson.h"

#include "core/admin/XsdDuration.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

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

// Reads fields of one JSON object into a description, keeping its defaults for what is
// missing and collecting what is malformed.
class Reader {
public:
    Reader(const QJsonObject& object, QString where, QStringList* problems)
        : m_object(object)
        , m_where(std::move(where))
        , m_problems(problems) {}

    void text(const char* key, QString& out) const {
        if (const QJsonValue v = m_object.value(QLatin1String(key)); v.isString()) {
            out = v.toString();
        }
    }
    void flag(const char* key, bool& out) const {
        if (const QJsonValue v = m_object.value(QLatin1String(key)); v.isBool()) {
            out = v.toBool();
        }
    }
    template <typename Int>
    void number(const char* key, Int& out) const {
        if (const QJsonValue v = m_object.value(QLatin1String(key)); v.isDouble()) {
            out = Int(v.toInteger());
        }
    }
    void duration(const char* key, Milliseconds& out) const {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isString()) {
            return;
        }
        if (auto parsed = XsdDuration::parse(v.toString())) {
            out = *parsed;
        } else {
            m_problems->append(QStringLiteral("%1.%2: '%3' is not an xs:duration")
                                   .arg(m_where, QLatin1String(key), v.toString()));
        }
    }
    void status(EntityStatus& out) const {
        const QJsonValue v = m_object.value(QStringLiteral("status"));
        if (!v.isString()) {
            return;
        }
        const qsizetype index = statusNames().indexOf(v.toString());
        if (index < 0) {
            m_problems->append(
                QStringLiteral("%1.status: unknown status '%2'").arg(m_where, v.toString()));
        } else {
            out = EntityStatus(index);
        }
    }

private:
    const QJsonObject& m_object;
    QString m_where;
    QStringList* m_problems;
};

QString d(Milliseconds value) {
    return XsdDuration::format(value);
}

QJsonObject queueJson(const QueueDescription& q) {
    return {
        {QStringLiteral("name"), q.name},
        {QStringLiteral("lockDuration"), d(q.lockDuration)},
        {QStringLiteral("maxSizeInMegabytes"), q.maxSizeInMegabytes},
        {QStringLiteral("requiresDuplicateDetection"), q.requiresDuplicateDetection},
        {QStringLiteral("requiresSession"), q.requiresSession},
        {QStringLiteral("defaultMessageTimeToLive"), d(q.defaultMessageTimeToLive)},
        {QStringLiteral("deadLetteringOnMessageExpiration"), q.deadLetteringOnMessageExpiration},
        {QStringLiteral("duplicateDetectionHistoryTimeWindow"),
         d(q.duplicateDetectionHistoryTimeWindow)},
        {QStringLiteral("maxDeliveryCount"), q.maxDeliveryCount},
        {QStringLiteral("enableBatchedOperations"), q.enableBatchedOperations},
        {QStringLiteral("status"), statusNames().value(int(q.status))},
        {QStringLiteral("forwardTo"), q.forwardTo},
        {QStringLiteral("userMetadata"), q.userMetadata},
        {QStringLiteral("autoDeleteOnIdle"), d(q.autoDeleteOnIdle)},
        {QStringLiteral("enablePartitioning"), q.enablePartitioning},
        {QStringLiteral("forwardDeadLetteredMessagesTo"), q.forwardDeadLetteredMessagesTo},
        {QStringLiteral("enableExpress"), q.enableExpress},
        {QStringLiteral("maxMessageSizeInKilobytes"), q.maxMessageSizeInKilobytes}};
}

QueueDescription readQueue(const QJsonObject& o, const QString& where, QStringList* problems) {
    QueueDescription q;
    const Reader r(o, where, problems);
    r.text("name", q.name);
    r.duration("lockDuration", q.lockDuration);
    r.number("maxSizeInMegabytes", q.maxSizeInMegabytes);
    r.flag("requiresDuplicateDetection", q.requiresDuplicateDetection);
    r.flag("requiresSession", q.requiresSession);
    r.duration("defaultMessageTimeToLive", q.defaultMessageTimeToLive);
    r.flag("deadLetteringOnMessageExpiration", q.deadLetteringOnMessageExpiration);
    r.duration("duplicateDetectionHistoryTimeWindow", q.duplicateDetectionHistoryTimeWindow);
    r.number("maxDeliveryCount", q.maxDeliveryCount);
    r.flag("enableBatchedOperations", q.enableBatchedOperations);
    r.status(q.status);
    r.text("forwardTo", q.forwardTo);
    r.text("userMetadata", q.userMetadata);
    r.duration("autoDeleteOnIdle", q.autoDeleteOnIdle);
    r.flag("enablePartitioning", q.enablePartitioning);
    r.text("forwardDeadLetteredMessagesTo", q.forwardDeadLetteredMessagesTo);
    r.flag("enableExpress", q.enableExpress);
    r.number("maxMessageSizeInKilobytes", q.maxMessageSizeInKilobytes);
    return q;
}

QJsonObject topicJson(const TopicDescription& t) {
    return {{QStringLiteral("name"), t.name},
            {QStringLiteral("defaultMessageTimeToLive"), d(t.defaultMessageTimeToLive)},
            {QStringLiteral("maxSizeInMegabytes"), t.maxSizeInMegabytes},
            {QStringLiteral("requiresDuplicateDetection"), t.requiresDuplicateDetection},
            {QStringLiteral("duplicateDetectionHistoryTimeWindow"),
             d(t.duplicateDetectionHistoryTimeWindow)},
            {QStringLiteral("enableBatchedOperations"), t.enableBatchedOperations},
            {QStringLiteral("status"), statusNames().value(int(t.status))},
            {QStringLiteral("userMetadata"), t.userMetadata},
            {QStringLiteral("supportOrdering"), t.supportOrdering},
            {QStringLiteral("autoDeleteOnIdle"), d(t.autoDeleteOnIdle)},
            {QStringLiteral("enablePartitioning"), t.enablePartitioning},
            {QStringLiteral("enableExpress"), t.enableExpress},
            {QStringLiteral("maxMessageSizeInKilobytes"), t.maxMessageSizeInKilobytes}};
}

TopicDescription readTopic(const QJsonObject& o, const QString& where, QStringList* problems) {
    TopicDescription t;
    const Reader r(o, where, problems);
    r.text("name", t.name);
    r.duration("defaultMessageTimeToLive", t.defaultMessageTimeToLive);
    r.number("maxSizeInMegabytes", t.maxSizeInMegabytes);
    r.flag("requiresDuplicateDetection", t.requiresDuplicateDetection);
    r.duration("duplicateDetectionHistoryTimeWindow", t.duplicateDetectionHistoryTimeWindow);
    r.flag("enableBatchedOperations", t.enableBatchedOperations);
    r.status(t.status);
    r.text("userMetadata", t.userMetadata);
    r.flag("supportOrdering", t.supportOrdering);
    r.duration("autoDeleteOnIdle", t.autoDeleteOnIdle);
    r.flag("enablePartitioning", t.enablePartitioning);
    r.flag("enableExpress", t.enableExpress);
    r.number("maxMessageSizeInKilobytes", t.maxMessageSizeInKilobytes);
    return t;
}

QJsonObject subscriptionJson(const SubscriptionDescription& s) {
    return {
        {QStringLiteral("name"), s.name},
        {QStringLiteral("lockDuration"), d(s.lockDuration)},
        {QStringLiteral("requiresSession"), s.requiresSession},
        {QStringLiteral("defaultMessageTimeToLive"), d(s.defaultMessageTimeToLive)},
        {QStringLiteral("deadLetteringOnMessageExpiration"), s.deadLetteringOnMessageExpiration},
        {QStringLiteral("deadLetteringOnFilterEvaluationExceptions"),
         s.deadLetteringOnFilterEvaluationExceptions},
        {QStringLiteral("maxDeliveryCount"), s.maxDeliveryCount},
        {QStringLiteral("enableBatchedOperations"), s.enableBatchedOperations},
        {QStringLiteral("status"), statusNames().value(int(s.status))},
        {QStringLiteral("forwardTo"), s.forwardTo},
        {QStringLiteral("userMetadata"), s.userMetadata},
        {QStringLiteral("forwardDeadLetteredMessagesTo"), s.forwardDeadLetteredMessagesTo},
        {QStringLiteral("autoDeleteOnIdle"), d(s.autoDeleteOnIdle)}};
}

SubscriptionDescription readSubscription(const QJsonObject& o, const QString& topic,
                                         const QString& where, QStringList* problems) {
    SubscriptionDescription s;
    s.topicName = topic;
    const Reader r(o, where, problems);
    r.text("name", s.name);
    r.duration("lockDuration", s.lockDuration);
    r.flag("requiresSession", s.requiresSession);
    r.duration("defaultMessageTimeToLive", s.defaultMessageTimeToLive);
    r.flag("deadLetteringOnMessageExpiration", s.deadLetteringOnMessageExpiration);
    r.flag("deadLetteringOnFilterEvaluationExceptions",
           s.deadLetteringOnFilterEvaluationExceptions);
    r.number("maxDeliveryCount", s.maxDeliveryCount);
    r.flag("enableBatchedOperations", s.enableBatchedOperations);
    r.status(s.status);
    r.text("forwardTo", s.forwardTo);
    r.text("userMetadata", s.userMetadata);
    r.text("forwardDeadLetteredMessagesTo", s.forwardDeadLetteredMessagesTo);
    r.duration("autoDeleteOnIdle", s.autoDeleteOnIdle);
    return s;
}

QJsonObject ruleJson(const RuleDescription& rule) {
    QJsonObject o{{QStringLiteral("name"), rule.name},
                  {QStringLiteral("filter"), filterNames().value(int(rule.filterKind))}};
    if (rule.filterKind == FilterKind::Sql) {
        o.insert(QStringLiteral("sqlExpression"), rule.sqlExpression);
    }
    if (rule.filterKind == FilterKind::Correlation) {
        const CorrelationFilterDescription& c = rule.correlation;
        o.insert(
            QStringLiteral("correlation"),
            QJsonObject{{QStringLiteral("correlationId"), c.correlationId},
                        {QStringLiteral("messageId"), c.messageId},
                        {QStringLiteral("to"), c.to},
                        {QStringLiteral("replyTo"), c.replyTo},
                        {QStringLiteral("label"), c.label},
                        {QStringLiteral("sessionId"), c.sessionId},
                        {QStringLiteral("replyToSessionId"), c.replyToSessionId},
                        {QStringLiteral("contentType"), c.contentType},
                        {QStringLiteral("properties"), QJsonObject::fromVariantMap(c.properties)}});
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
    r.text("name", rule.name);
    const QString filter = o.value(QStringLiteral("filter")).toString(QStringLiteral("true"));
    const qsizetype kind = filterNames().indexOf(filter);
    if (kind < 0) {
        problems->append(QStringLiteral("%1.filter: unknown filter '%2'").arg(where, filter));
    } else {
        rule.filterKind = FilterKind(kind);
    }
    r.text("sqlExpression", rule.sqlExpression);
    if (rule.filterKind == FilterKind::True) {
        rule.sqlExpression = QStringLiteral("1=1");
    } else if (rule.filterKind == FilterKind::False) {
        rule.sqlExpression = QStringLiteral("1=0");
    }
    const QJsonObject c = o.value(QStringLiteral("correlation")).toObject();
    const Reader cr(c, where + QStringLiteral(".correlation"), problems);
    cr.text("correlationId", rule.correlation.correlationId);
    cr.text("messageId", rule.correlation.messageId);
    cr.text("to", rule.correlation.to);
    cr.text("replyTo", rule.correlation.replyTo);
    cr.text("label", rule.correlation.label);
    cr.text("sessionId", rule.correlation.sessionId);
    cr.text("replyToSessionId", rule.correlation.replyToSessionId);
    cr.text("contentType", rule.correlation.contentType);
    rule.correlation.properties = c.value(QStringLiteral("properties")).toObject().toVariantMap();
    r.text("actionExpression", rule.actionExpression);
    rule.filterParameters = o.value(QStringLiteral("filterParameters")).toObject().toVariantMap();
    rule.actionParameters = o.value(QStringLiteral("actionParameters")).toObject().toVariantMap();
    return rule;
}

} // namespace

QByteArray EntityDefinitionsJson::toJson(const NamespaceDefinitions& definitions) {
    QJsonArray queues;
    for (const QueueDescription& q : definitions.queues) {
        queues.append(queueJson(q));
    }
    QJsonArray topics;
    for (const TopicDescription& t : definitions.topics) {
        QJsonObject topic = topicJson(t);
        QJsonArray subscriptions;
        for (const SubscriptionDescription& s : definitions.subscriptions) {
            if (s.topicName != t.name) {
                continue;
            }
            QJsonObject subscription = subscriptionJson(s);
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
        definitions.queues.append(
            readQueue(queues.at(i).toObject(), QStringLiteral("queues[%1]").arg(i), &problems));
    }
    const QJsonArray topics = root.value(QStringLiteral("topics")).toArray();
    for (qsizetype i = 0; i < topics.size(); ++i) {
        const QString where = QStringLiteral("topics[%1]").arg(i);
        const QJsonObject topic = topics.at(i).toObject();
        definitions.topics.append(readTopic(topic, where, &problems));
        const QString topicName = definitions.topics.last().name;
        const QJsonArray subscriptions = topic.value(QStringLiteral("subscriptions")).toArray();
        for (qsizetype j = 0; j < subscriptions.size(); ++j) {
            const QString subWhere = where + QStringLiteral(".subscriptions[%1]").arg(j);
            const QJsonObject subscription = subscriptions.at(j).toObject();
            definitions.subscriptions.append(
                readSubscription(subscription, topicName, subWhere, &problems));
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
