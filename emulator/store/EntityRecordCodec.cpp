#include "emulator/store/EntityRecordCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace busbar::emulator::EntityRecordCodec {

namespace {

// JSON numbers are doubles: durations up to TimeSpan.MaxValue in ms (9.2e14) are exact.
QJsonValue duration(Milliseconds value) {
    return QJsonValue(static_cast<double>(value.count()));
}

Milliseconds readDuration(const QJsonObject& o, const char* key, Milliseconds fallback) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? Milliseconds(static_cast<qint64>(v.toDouble())) : fallback;
}

bool readBool(const QJsonObject& o, const char* key, bool fallback) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isBool() ? v.toBool() : fallback;
}

qint64 readInt(const QJsonObject& o, const char* key, qint64 fallback) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? static_cast<qint64>(v.toDouble()) : fallback;
}

QString readString(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

EntityStatus readStatus(const QJsonObject& o) {
    const qint64 value = readInt(o, "status", 0);
    return value >= 0 && value <= 3 ? static_cast<EntityStatus>(value) : EntityStatus::Active;
}

Result<QJsonObject> parse(const QByteArray& document) {
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(document, &error);
    if (!json.isObject()) {
        return fail(
            ErrorCode::Internal,
            QStringLiteral("A stored entity record is damaged: %1").arg(error.errorString()));
    }
    return json.object();
}

QJsonObject encodeRule(const RuleDescription& rule) {
    QJsonObject o;
    o.insert(QStringLiteral("name"), rule.name);
    o.insert(QStringLiteral("filterKind"), static_cast<int>(rule.filterKind));
    o.insert(QStringLiteral("sql"), rule.sqlExpression);
    o.insert(QStringLiteral("action"), rule.actionExpression);
    o.insert(QStringLiteral("filterParameters"),
             QJsonObject::fromVariantMap(rule.filterParameters));
    o.insert(QStringLiteral("actionParameters"),
             QJsonObject::fromVariantMap(rule.actionParameters));
    o.insert(QStringLiteral("createdAt"), static_cast<double>(rule.createdAt.toMSecsSinceEpoch()));
    const CorrelationFilterDescription& c = rule.correlation;
    QJsonObject corr;
    corr.insert(QStringLiteral("correlationId"), c.correlationId);
    corr.insert(QStringLiteral("messageId"), c.messageId);
    corr.insert(QStringLiteral("to"), c.to);
    corr.insert(QStringLiteral("replyTo"), c.replyTo);
    corr.insert(QStringLiteral("label"), c.label);
    corr.insert(QStringLiteral("sessionId"), c.sessionId);
    corr.insert(QStringLiteral("replyToSessionId"), c.replyToSessionId);
    corr.insert(QStringLiteral("contentType"), c.contentType);
    // Typed values survive through QVariant's JSON mapping for the simple types filters use.
    corr.insert(QStringLiteral("properties"), QJsonObject::fromVariantMap(c.properties));
    o.insert(QStringLiteral("correlation"), corr);
    return o;
}

RuleDescription decodeRule(const QJsonObject& o) {
    RuleDescription rule;
    rule.name = readString(o, "name");
    const qint64 kind = readInt(o, "filterKind", 2);
    rule.filterKind = kind >= 0 && kind <= 3 ? static_cast<FilterKind>(kind) : FilterKind::True;
    rule.sqlExpression = readString(o, "sql");
    rule.actionExpression = readString(o, "action");
    rule.filterParameters = o.value(QLatin1String("filterParameters")).toObject().toVariantMap();
    rule.actionParameters = o.value(QLatin1String("actionParameters")).toObject().toVariantMap();
    rule.createdAt = QDateTime::fromMSecsSinceEpoch(readInt(o, "createdAt", 0), Qt::UTC);
    const QJsonObject c = o.value(QLatin1String("correlation")).toObject();
    rule.correlation.correlationId = readString(c, "correlationId");
    rule.correlation.messageId = readString(c, "messageId");
    rule.correlation.to = readString(c, "to");
    rule.correlation.replyTo = readString(c, "replyTo");
    rule.correlation.label = readString(c, "label");
    rule.correlation.sessionId = readString(c, "sessionId");
    rule.correlation.replyToSessionId = readString(c, "replyToSessionId");
    rule.correlation.contentType = readString(c, "contentType");
    rule.correlation.properties = c.value(QLatin1String("properties")).toObject().toVariantMap();
    return rule;
}

QByteArray toBytes(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray encode(const QueueDescription& q) {
    QJsonObject o;
    o.insert(QStringLiteral("name"), q.name);
    o.insert(QStringLiteral("lockDuration"), duration(q.lockDuration));
    o.insert(QStringLiteral("maxSizeInMegabytes"), q.maxSizeInMegabytes);
    o.insert(QStringLiteral("requiresDuplicateDetection"), q.requiresDuplicateDetection);
    o.insert(QStringLiteral("requiresSession"), q.requiresSession);
    o.insert(QStringLiteral("defaultMessageTimeToLive"), duration(q.defaultMessageTimeToLive));
    o.insert(QStringLiteral("deadLetteringOnMessageExpiration"),
             q.deadLetteringOnMessageExpiration);
    o.insert(QStringLiteral("duplicateDetectionHistoryTimeWindow"),
             duration(q.duplicateDetectionHistoryTimeWindow));
    o.insert(QStringLiteral("maxDeliveryCount"), q.maxDeliveryCount);
    o.insert(QStringLiteral("enableBatchedOperations"), q.enableBatchedOperations);
    o.insert(QStringLiteral("status"), static_cast<int>(q.status));
    o.insert(QStringLiteral("forwardTo"), q.forwardTo);
    o.insert(QStringLiteral("userMetadata"), q.userMetadata);
    o.insert(QStringLiteral("autoDeleteOnIdle"), duration(q.autoDeleteOnIdle));
    o.insert(QStringLiteral("enablePartitioning"), q.enablePartitioning);
    o.insert(QStringLiteral("forwardDeadLetteredMessagesTo"), q.forwardDeadLetteredMessagesTo);
    o.insert(QStringLiteral("enableExpress"), q.enableExpress);
    o.insert(QStringLiteral("maxMessageSizeInKilobytes"),
             static_cast<double>(q.maxMessageSizeInKilobytes));
    return toBytes(o);
}

QByteArray encode(const TopicDescription& t) {
    QJsonObject o;
    o.insert(QStringLiteral("name"), t.name);
    o.insert(QStringLiteral("defaultMessageTimeToLive"), duration(t.defaultMessageTimeToLive));
    o.insert(QStringLiteral("maxSizeInMegabytes"), t.maxSizeInMegabytes);
    o.insert(QStringLiteral("requiresDuplicateDetection"), t.requiresDuplicateDetection);
    o.insert(QStringLiteral("duplicateDetectionHistoryTimeWindow"),
             duration(t.duplicateDetectionHistoryTimeWindow));
    o.insert(QStringLiteral("enableBatchedOperations"), t.enableBatchedOperations);
    o.insert(QStringLiteral("status"), static_cast<int>(t.status));
    o.insert(QStringLiteral("userMetadata"), t.userMetadata);
    o.insert(QStringLiteral("supportOrdering"), t.supportOrdering);
    o.insert(QStringLiteral("autoDeleteOnIdle"), duration(t.autoDeleteOnIdle));
    o.insert(QStringLiteral("enablePartitioning"), t.enablePartitioning);
    o.insert(QStringLiteral("enableExpress"), t.enableExpress);
    o.insert(QStringLiteral("maxMessageSizeInKilobytes"),
             static_cast<double>(t.maxMessageSizeInKilobytes));
    return toBytes(o);
}

QByteArray encode(const SubscriptionDescription& s, const QList<RuleDescription>& rules) {
    QJsonObject o;
    o.insert(QStringLiteral("topicName"), s.topicName);
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("lockDuration"), duration(s.lockDuration));
    o.insert(QStringLiteral("requiresSession"), s.requiresSession);
    o.insert(QStringLiteral("defaultMessageTimeToLive"), duration(s.defaultMessageTimeToLive));
    o.insert(QStringLiteral("deadLetteringOnMessageExpiration"),
             s.deadLetteringOnMessageExpiration);
    o.insert(QStringLiteral("deadLetteringOnFilterEvaluationExceptions"),
             s.deadLetteringOnFilterEvaluationExceptions);
    o.insert(QStringLiteral("maxDeliveryCount"), s.maxDeliveryCount);
    o.insert(QStringLiteral("enableBatchedOperations"), s.enableBatchedOperations);
    o.insert(QStringLiteral("status"), static_cast<int>(s.status));
    o.insert(QStringLiteral("forwardTo"), s.forwardTo);
    o.insert(QStringLiteral("userMetadata"), s.userMetadata);
    o.insert(QStringLiteral("forwardDeadLetteredMessagesTo"), s.forwardDeadLetteredMessagesTo);
    o.insert(QStringLiteral("autoDeleteOnIdle"), duration(s.autoDeleteOnIdle));
    QJsonArray ruleArray;
    for (const RuleDescription& rule : rules) {
        ruleArray.append(encodeRule(rule));
    }
    o.insert(QStringLiteral("rules"), ruleArray);
    return toBytes(o);
}

Result<QueueDescription> decodeQueue(const QByteArray& document) {
    auto parsed = parse(document);
    if (!parsed) {
        return fail(parsed.error());
    }
    const QJsonObject& o = *parsed;
    QueueDescription q;
    q.name = readString(o, "name");
    q.lockDuration = readDuration(o, "lockDuration", q.lockDuration);
    q.maxSizeInMegabytes = static_cast<int>(readInt(o, "maxSizeInMegabytes", q.maxSizeInMegabytes));
    q.requiresDuplicateDetection =
        readBool(o, "requiresDuplicateDetection", q.requiresDuplicateDetection);
    q.requiresSession = readBool(o, "requiresSession", q.requiresSession);
    q.defaultMessageTimeToLive =
        readDuration(o, "defaultMessageTimeToLive", q.defaultMessageTimeToLive);
    q.deadLetteringOnMessageExpiration =
        readBool(o, "deadLetteringOnMessageExpiration", q.deadLetteringOnMessageExpiration);
    q.duplicateDetectionHistoryTimeWindow = readDuration(o, "duplicateDetectionHistoryTimeWindow",
                                                         q.duplicateDetectionHistoryTimeWindow);
    q.maxDeliveryCount = static_cast<int>(readInt(o, "maxDeliveryCount", q.maxDeliveryCount));
    q.enableBatchedOperations = readBool(o, "enableBatchedOperations", q.enableBatchedOperations);
    q.status = readStatus(o);
    q.forwardTo = readString(o, "forwardTo");
    q.userMetadata = readString(o, "userMetadata");
    q.autoDeleteOnIdle = readDuration(o, "autoDeleteOnIdle", q.autoDeleteOnIdle);
    q.enablePartitioning = readBool(o, "enablePartitioning", q.enablePartitioning);
    q.forwardDeadLetteredMessagesTo = readString(o, "forwardDeadLetteredMessagesTo");
    q.enableExpress = readBool(o, "enableExpress", q.enableExpress);
    q.maxMessageSizeInKilobytes =
        readInt(o, "maxMessageSizeInKilobytes", q.maxMessageSizeInKilobytes);
    return q;
}

Result<TopicDescription> decodeTopic(const QByteArray& document) {
    auto parsed = parse(document);
    if (!parsed) {
        return fail(parsed.error());
    }
    const QJsonObject& o = *parsed;
    TopicDescription t;
    t.name = readString(o, "name");
    t.defaultMessageTimeToLive =
        readDuration(o, "defaultMessageTimeToLive", t.defaultMessageTimeToLive);
    t.maxSizeInMegabytes = static_cast<int>(readInt(o, "maxSizeInMegabytes", t.maxSizeInMegabytes));
    t.requiresDuplicateDetection =
        readBool(o, "requiresDuplicateDetection", t.requiresDuplicateDetection);
    t.duplicateDetectionHistoryTimeWindow = readDuration(o, "duplicateDetectionHistoryTimeWindow",
                                                         t.duplicateDetectionHistoryTimeWindow);
    t.enableBatchedOperations = readBool(o, "enableBatchedOperations", t.enableBatchedOperations);
    t.status = readStatus(o);
    t.userMetadata = readString(o, "userMetadata");
    t.supportOrdering = readBool(o, "supportOrdering", t.supportOrdering);
    t.autoDeleteOnIdle = readDuration(o, "autoDeleteOnIdle", t.autoDeleteOnIdle);
    t.enablePartitioning = readBool(o, "enablePartitioning", t.enablePartitioning);
    t.enableExpress = readBool(o, "enableExpress", t.enableExpress);
    t.maxMessageSizeInKilobytes =
        readInt(o, "maxMessageSizeInKilobytes", t.maxMessageSizeInKilobytes);
    return t;
}

Result<SubscriptionDescription> decodeSubscription(const QByteArray& document,
                                                   QList<RuleDescription>* rules) {
    auto parsed = parse(document);
    if (!parsed) {
        return fail(parsed.error());
    }
    const QJsonObject& o = *parsed;
    SubscriptionDescription s;
    s.topicName = readString(o, "topicName");
    s.name = readString(o, "name");
    s.lockDuration = readDuration(o, "lockDuration", s.lockDuration);
    s.requiresSession = readBool(o, "requiresSession", s.requiresSession);
    s.defaultMessageTimeToLive =
        readDuration(o, "defaultMessageTimeToLive", s.defaultMessageTimeToLive);
    s.deadLetteringOnMessageExpiration =
        readBool(o, "deadLetteringOnMessageExpiration", s.deadLetteringOnMessageExpiration);
    s.deadLetteringOnFilterEvaluationExceptions =
        readBool(o, "deadLetteringOnFilterEvaluationExceptions",
                 s.deadLetteringOnFilterEvaluationExceptions);
    s.maxDeliveryCount = static_cast<int>(readInt(o, "maxDeliveryCount", s.maxDeliveryCount));
    s.enableBatchedOperations = readBool(o, "enableBatchedOperations", s.enableBatchedOperations);
    s.status = readStatus(o);
    s.forwardTo = readString(o, "forwardTo");
    s.userMetadata = readString(o, "userMetadata");
    s.forwardDeadLetteredMessagesTo = readString(o, "forwardDeadLetteredMessagesTo");
    s.autoDeleteOnIdle = readDuration(o, "autoDeleteOnIdle", s.autoDeleteOnIdle);
    if (rules) {
        rules->clear();
        const QJsonArray array = o.value(QLatin1String("rules")).toArray();
        for (const QJsonValue& rule : array) {
            rules->append(decodeRule(rule.toObject()));
        }
    }
    return s;
}

} // namespace busbar::emulator::EntityRecordCodec
