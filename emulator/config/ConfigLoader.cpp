#include "emulator/config/ConfigLoader.h"

#include "core/admin/EntityValidator.h"
#include "core/admin/XsdDuration.h"
#include "emulator/config/JsonFieldReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace busbar::emulator {

namespace {

using namespace std::chrono_literals;

class Reader final : public JsonFieldReader {
public:
    QueueDescription readQueue(const QJsonObject& o, const QString& path);
    TopicConfig readTopic(const QJsonObject& o, const QString& path);
    SubscriptionConfig readSubscription(const QJsonObject& o, const QString& topic,
                                        const QString& path);
    RuleDescription readRule(const QJsonObject& o, const QString& path);
    QList<SasRule> readPolicies(const QJsonArray& array, const QString& path);
    NamespaceConfig readNamespace(const QJsonObject& o, const QString& path);
};

QueueDescription Reader::readQueue(const QJsonObject& o, const QString& path) {
    checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Properties")}, path);
    QueueDescription q;
    q.name = readName(o, path);
    if (const QString bad = EntityValidator::checkEntityPath(q.name);
        !q.name.isEmpty() && !bad.isEmpty()) {
        problem(path + QStringLiteral(".Name"), QStringLiteral("'%1': %2").arg(q.name, bad));
    }
    // The Microsoft emulator's defaults, which differ from the cloud's.
    q.defaultMessageTimeToLive = 1h;
    q.maxDeliveryCount = 3;
    q.duplicateDetectionHistoryTimeWindow = 20s;

    const QString p = path + QStringLiteral(".Properties");
    const QJsonObject props = properties(o, path);
    checkKeys(props,
              {QStringLiteral("DeadLetteringOnMessageExpiration"),
               QStringLiteral("DefaultMessageTimeToLive"),
               QStringLiteral("DuplicateDetectionHistoryTimeWindow"),
               QStringLiteral("ForwardDeadLetteredMessagesTo"), QStringLiteral("ForwardTo"),
               QStringLiteral("LockDuration"), QStringLiteral("MaxDeliveryCount"),
               QStringLiteral("RequiresDuplicateDetection"), QStringLiteral("RequiresSession"),
               QStringLiteral("AutoDeleteOnIdle"), QStringLiteral("EnableBatchedOperations"),
               QStringLiteral("MaxSizeInMegabytes"), QStringLiteral("MaxMessageSizeInKilobytes"),
               QStringLiteral("Status"), QStringLiteral("UserMetadata")},
              p);
    readBool(props, QStringLiteral("DeadLetteringOnMessageExpiration"), p,
             q.deadLetteringOnMessageExpiration);
    readDuration(props, QStringLiteral("DefaultMessageTimeToLive"), p, q.defaultMessageTimeToLive);
    readDuration(props, QStringLiteral("DuplicateDetectionHistoryTimeWindow"), p,
                 q.duplicateDetectionHistoryTimeWindow);
    readString(props, QStringLiteral("ForwardDeadLetteredMessagesTo"), p,
               q.forwardDeadLetteredMessagesTo);
    readString(props, QStringLiteral("ForwardTo"), p, q.forwardTo);
    readDuration(props, QStringLiteral("LockDuration"), p, q.lockDuration);
    readInt(props, QStringLiteral("MaxDeliveryCount"), p, q.maxDeliveryCount);
    readBool(props, QStringLiteral("RequiresDuplicateDetection"), p, q.requiresDuplicateDetection);
    readBool(props, QStringLiteral("RequiresSession"), p, q.requiresSession);
    readDuration(props, QStringLiteral("AutoDeleteOnIdle"), p, q.autoDeleteOnIdle);
    readBool(props, QStringLiteral("EnableBatchedOperations"), p, q.enableBatchedOperations);
    readInt(props, QStringLiteral("MaxSizeInMegabytes"), p, q.maxSizeInMegabytes);
    readInt(props, QStringLiteral("MaxMessageSizeInKilobytes"), p, q.maxMessageSizeInKilobytes);
    readStatus(props, p, q.status);
    readString(props, QStringLiteral("UserMetadata"), p, q.userMetadata);
    limits(EntityValidator::check(q), p);
    return q;
}

RuleDescription Reader::readRule(const QJsonObject& o, const QString& path) {
    checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Properties")}, path);
    RuleDescription rule;
    rule.name = readName(o, path);
    if (const QString bad = EntityValidator::checkChildName(rule.name, QStringLiteral("rule"));
        !rule.name.isEmpty() && !bad.isEmpty()) {
        problem(path + QStringLiteral(".Name"), QStringLiteral("'%1': %2").arg(rule.name, bad));
    }
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
    const QJsonObject correlation = props.value(QStringLiteral("CorrelationFilter")).toObject();
    const QJsonObject sql = props.value(QStringLiteral("SqlFilter")).toObject();

    if (filterType == u"Correlation") {
        rule.filterKind = FilterKind::Correlation;
        const QString cp = p + QStringLiteral(".CorrelationFilter");
        if (!props.contains(QStringLiteral("CorrelationFilter"))) {
            problem(p, QStringLiteral("FilterType \"Correlation\" needs a \"CorrelationFilter\""));
        }
        checkKeys(correlation,
                  {QStringLiteral("ContentType"), QStringLiteral("CorrelationId"),
                   QStringLiteral("Label"), QStringLiteral("MessageId"), QStringLiteral("ReplyTo"),
                   QStringLiteral("ReplyToSessionId"), QStringLiteral("SessionId"),
                   QStringLiteral("To"), QStringLiteral("Properties")},
                  cp);
        auto& c = rule.correlation;
        readString(correlation, QStringLiteral("ContentType"), cp, c.contentType);
        readString(correlation, QStringLiteral("CorrelationId"), cp, c.correlationId);
        readString(correlation, QStringLiteral("Label"), cp, c.label);
        readString(correlation, QStringLiteral("MessageId"), cp, c.messageId);
        readString(correlation, QStringLiteral("ReplyTo"), cp, c.replyTo);
        readString(correlation, QStringLiteral("ReplyToSessionId"), cp, c.replyToSessionId);
        readString(correlation, QStringLiteral("SessionId"), cp, c.sessionId);
        readString(correlation, QStringLiteral("To"), cp, c.to);
        const QJsonObject properties = correlation.value(QStringLiteral("Properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const QJsonValue value = it.value();
            if (value.isString()) {
                c.properties.insert(it.key(), value.toString());
            } else if (value.isBool()) {
                c.properties.insert(it.key(), value.toBool());
            } else if (value.isDouble()) {
                const double number = value.toDouble();
                const bool integral = number == static_cast<double>(static_cast<qint64>(number));
                c.properties.insert(it.key(), integral ? QVariant(static_cast<qint64>(number))
                                                       : QVariant(number));
            } else {
                problem(cp + QStringLiteral(".Properties.") + it.key(),
                        QStringLiteral("expected a string, number or boolean, got %1")
                            .arg(jsonTypeName(value)));
            }
        }
    } else if (filterType == u"Sql") {
        rule.filterKind = FilterKind::Sql;
        if (!props.contains(QStringLiteral("SqlFilter"))) {
            problem(p, QStringLiteral("FilterType \"Sql\" needs a \"SqlFilter\""));
        }
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

SubscriptionConfig Reader::readSubscription(const QJsonObject& o, const QString& topic,
                                            const QString& path) {
    checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Properties"), QStringLiteral("Rules")},
              path);
    SubscriptionConfig config;
    SubscriptionDescription& s = config.description;
    s.topicName = topic;
    s.name = readName(o, path);
    if (const QString bad = EntityValidator::checkChildName(s.name, QStringLiteral("subscription"));
        !s.name.isEmpty() && !bad.isEmpty()) {
        problem(path + QStringLiteral(".Name"), QStringLiteral("'%1': %2").arg(s.name, bad));
    }
    s.defaultMessageTimeToLive = 1h;
    s.maxDeliveryCount = 3;

    const QString p = path + QStringLiteral(".Properties");
    const QJsonObject props = properties(o, path);
    checkKeys(props,
              {QStringLiteral("DeadLetteringOnMessageExpiration"),
               QStringLiteral("DefaultMessageTimeToLive"), QStringLiteral("LockDuration"),
               QStringLiteral("MaxDeliveryCount"), QStringLiteral("ForwardDeadLetteredMessagesTo"),
               QStringLiteral("ForwardTo"), QStringLiteral("RequiresSession"),
               QStringLiteral("DeadLetteringOnFilterEvaluationExceptions"),
               QStringLiteral("AutoDeleteOnIdle"), QStringLiteral("EnableBatchedOperations"),
               QStringLiteral("Status"), QStringLiteral("UserMetadata")},
              p);
    readBool(props, QStringLiteral("DeadLetteringOnMessageExpiration"), p,
             s.deadLetteringOnMessageExpiration);
    readDuration(props, QStringLiteral("DefaultMessageTimeToLive"), p, s.defaultMessageTimeToLive);
    readDuration(props, QStringLiteral("LockDuration"), p, s.lockDuration);
    readInt(props, QStringLiteral("MaxDeliveryCount"), p, s.maxDeliveryCount);
    readString(props, QStringLiteral("ForwardDeadLetteredMessagesTo"), p,
               s.forwardDeadLetteredMessagesTo);
    readString(props, QStringLiteral("ForwardTo"), p, s.forwardTo);
    readBool(props, QStringLiteral("RequiresSession"), p, s.requiresSession);
    readBool(props, QStringLiteral("DeadLetteringOnFilterEvaluationExceptions"), p,
             s.deadLetteringOnFilterEvaluationExceptions);
    readDuration(props, QStringLiteral("AutoDeleteOnIdle"), p, s.autoDeleteOnIdle);
    readBool(props, QStringLiteral("EnableBatchedOperations"), p, s.enableBatchedOperations);
    readStatus(props, p, s.status);
    readString(props, QStringLiteral("UserMetadata"), p, s.userMetadata);
    limits(EntityValidator::check(s), p);

    const QJsonArray rules = array(o, QStringLiteral("Rules"), path, false);
    QSet<QString> ruleNames;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString rp = path + QStringLiteral(".Rules[%1]").arg(i);
        if (!expect(rules.at(i), QJsonValue::Object, rp, QStringLiteral("an object"))) {
            continue;
        }
        RuleDescription rule = readRule(rules.at(i).toObject(), rp);
        if (!rule.name.isEmpty() && ruleNames.contains(rule.name.toLower())) {
            problem(rp + QStringLiteral(".Name"),
                    QStringLiteral("'%1' is listed twice").arg(rule.name));
        }
        ruleNames.insert(rule.name.toLower());
        config.rules.append(rule);
    }
    return config;
}

TopicConfig Reader::readTopic(const QJsonObject& o, const QString& path) {
    checkKeys(
        o, {QStringLiteral("Name"), QStringLiteral("Properties"), QStringLiteral("Subscriptions")},
        path);
    TopicConfig config;
    TopicDescription& t = config.description;
    t.name = readName(o, path);
    if (const QString bad = EntityValidator::checkEntityPath(t.name);
        !t.name.isEmpty() && !bad.isEmpty()) {
        problem(path + QStringLiteral(".Name"), QStringLiteral("'%1': %2").arg(t.name, bad));
    }
    t.defaultMessageTimeToLive = 1h;
    t.duplicateDetectionHistoryTimeWindow = 20s;

    const QString p = path + QStringLiteral(".Properties");
    const QJsonObject props = properties(o, path);
    checkKeys(props,
              {QStringLiteral("DefaultMessageTimeToLive"),
               QStringLiteral("DuplicateDetectionHistoryTimeWindow"),
               QStringLiteral("RequiresDuplicateDetection"), QStringLiteral("AutoDeleteOnIdle"),
               QStringLiteral("EnableBatchedOperations"), QStringLiteral("MaxSizeInMegabytes"),
               QStringLiteral("MaxMessageSizeInKilobytes"), QStringLiteral("Status"),
               QStringLiteral("SupportOrdering"), QStringLiteral("UserMetadata")},
              p);
    readDuration(props, QStringLiteral("DefaultMessageTimeToLive"), p, t.defaultMessageTimeToLive);
    readDuration(props, QStringLiteral("DuplicateDetectionHistoryTimeWindow"), p,
                 t.duplicateDetectionHistoryTimeWindow);
    readBool(props, QStringLiteral("RequiresDuplicateDetection"), p, t.requiresDuplicateDetection);
    readDuration(props, QStringLiteral("AutoDeleteOnIdle"), p, t.autoDeleteOnIdle);
    readBool(props, QStringLiteral("EnableBatchedOperations"), p, t.enableBatchedOperations);
    readInt(props, QStringLiteral("MaxSizeInMegabytes"), p, t.maxSizeInMegabytes);
    readInt(props, QStringLiteral("MaxMessageSizeInKilobytes"), p, t.maxMessageSizeInKilobytes);
    readStatus(props, p, t.status);
    readBool(props, QStringLiteral("SupportOrdering"), p, t.supportOrdering);
    readString(props, QStringLiteral("UserMetadata"), p, t.userMetadata);
    limits(EntityValidator::check(t), p);

    const QJsonArray subscriptions = array(o, QStringLiteral("Subscriptions"), path, false);
    QSet<QString> names;
    for (qsizetype i = 0; i < subscriptions.size(); ++i) {
        const QString sp = path + QStringLiteral(".Subscriptions[%1]").arg(i);
        if (!expect(subscriptions.at(i), QJsonValue::Object, sp, QStringLiteral("an object"))) {
            continue;
        }
        SubscriptionConfig sub = readSubscription(subscriptions.at(i).toObject(), t.name, sp);
        const QString key = sub.description.name.toLower();
        if (!key.isEmpty() && names.contains(key)) {
            problem(sp + QStringLiteral(".Name"),
                    QStringLiteral("'%1' is listed twice").arg(sub.description.name));
        }
        names.insert(key);
        config.subscriptions.append(sub);
    }
    return config;
}

QList<SasRule> Reader::readPolicies(const QJsonArray& policies, const QString& path) {
    QList<SasRule> rules;
    for (qsizetype i = 0; i < policies.size(); ++i) {
        const QString pp = path + QStringLiteral("[%1]").arg(i);
        if (!expect(policies.at(i), QJsonValue::Object, pp, QStringLiteral("an object"))) {
            continue;
        }
        const QJsonObject o = policies.at(i).toObject();
        checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Key"), QStringLiteral("Rights")}, pp);
        SasRule rule{readName(o, pp), {}, false, false, false};
        readString(o, QStringLiteral("Key"), pp, rule.key);
        if (rule.key.isEmpty()) {
            problem(pp + QStringLiteral(".Key"), QStringLiteral("a non-empty key is required"));
        }
        const QJsonArray rights = array(o, QStringLiteral("Rights"), pp, true);
        for (const auto& right : rights) {
            const QString text = right.toString();
            if (text == u"Listen") {
                rule.listen = true;
            } else if (text == u"Send") {
                rule.send = true;
            } else if (text == u"Manage") {
                rule.manage = rule.send = rule.listen = true; // Manage implies the others
            } else {
                problem(pp + QStringLiteral(".Rights"),
                        QStringLiteral("'%1' is not one of Listen, Send, Manage").arg(text));
            }
        }
        rules.append(rule);
    }
    return rules;
}

NamespaceConfig Reader::readNamespace(const QJsonObject& o, const QString& path) {
    checkKeys(o,
              {QStringLiteral("Name"), QStringLiteral("Queues"), QStringLiteral("Topics"),
               QStringLiteral("SharedAccessPolicies")},
              path);
    NamespaceConfig ns;
    if (const QString name = readName(o, path); !name.isEmpty()) {
        ns.name = name;
    }
    if (o.contains(QStringLiteral("SharedAccessPolicies"))) {
        ns.sasRules = readPolicies(array(o, QStringLiteral("SharedAccessPolicies"), path, true),
                                   path + QStringLiteral(".SharedAccessPolicies"));
    }
    QHash<QString, QString>
        entityPaths; // lower-case name -> JSON path, queues and topics share a space
    const auto claim = [&](const QString& name, const QString& at) {
        if (name.isEmpty()) {
            return;
        }
        if (entityPaths.contains(name.toLower())) {
            problem(at + QStringLiteral(".Name"),
                    QStringLiteral("'%1' is already used by %2")
                        .arg(name, entityPaths.value(name.toLower())));
            return;
        }
        entityPaths.insert(name.toLower(), at);
    };
    const QJsonArray queues = array(o, QStringLiteral("Queues"), path, false);
    for (qsizetype i = 0; i < queues.size(); ++i) {
        const QString qp = path + QStringLiteral(".Queues[%1]").arg(i);
        if (expect(queues.at(i), QJsonValue::Object, qp, QStringLiteral("an object"))) {
            ns.queues.append(readQueue(queues.at(i).toObject(), qp));
            claim(ns.queues.last().name, qp);
        }
    }
    const QJsonArray topics = array(o, QStringLiteral("Topics"), path, false);
    for (qsizetype i = 0; i < topics.size(); ++i) {
        const QString tp = path + QStringLiteral(".Topics[%1]").arg(i);
        if (expect(topics.at(i), QJsonValue::Object, tp, QStringLiteral("an object"))) {
            ns.topics.append(readTopic(topics.at(i).toObject(), tp));
            claim(ns.topics.last().description.name, tp);
        }
    }
    // Forwarding targets must exist in the same namespace (queues or topics).
    const auto checkTarget = [&](const QString& target, const QString& at) {
        if (!target.isEmpty() && !entityPaths.contains(target.toLower())) {
            problem(at,
                    QStringLiteral("'%1' is not a queue or topic of this namespace").arg(target));
        }
    };
    for (qsizetype i = 0; i < ns.queues.size(); ++i) {
        const QString qp = path + QStringLiteral(".Queues[%1].Properties.").arg(i);
        checkTarget(ns.queues[i].forwardTo, qp + QStringLiteral("ForwardTo"));
        checkTarget(ns.queues[i].forwardDeadLetteredMessagesTo,
                    qp + QStringLiteral("ForwardDeadLetteredMessagesTo"));
    }
    for (qsizetype t = 0; t < ns.topics.size(); ++t) {
        for (qsizetype s = 0; s < ns.topics[t].subscriptions.size(); ++s) {
            const auto& sub = ns.topics[t].subscriptions[s].description;
            const QString sp =
                path + QStringLiteral(".Topics[%1].Subscriptions[%2].Properties.").arg(t).arg(s);
            checkTarget(sub.forwardTo, sp + QStringLiteral("ForwardTo"));
            checkTarget(sub.forwardDeadLetteredMessagesTo,
                        sp + QStringLiteral("ForwardDeadLetteredMessagesTo"));
        }
    }
    return ns;
}

// Line and column of a byte offset, for JSON syntax errors.
QString position(const QByteArray& text, qsizetype offset) {
    const QByteArray before = text.left(offset);
    const auto line = before.count('\n') + 1;
    const auto column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace

QByteArray stripJsonComments(const QByteArray& json) {
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < json.size()) {
                out.append(json[++i]);
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            out.append(c);
        } else if (c == '/' && i + 1 < json.size() && json[i + 1] == '/') {
            while (i < json.size() && json[i] != '\n') {
                ++i;
            }
            if (i < json.size()) {
                out.append('\n');
            }
        } else if (c == '/' && i + 1 < json.size() && json[i + 1] == '*') {
            i += 2;
            while (i < json.size() &&
                   !(json[i] == '*' && i + 1 < json.size() && json[i + 1] == '/')) {
                out.append(json[i] == '\n' ? '\n' : ' ');
                ++i;
            }
            ++i; // the closing '/'
        } else {
            out.append(c);
        }
    }
    return out;
}

Result<EmulatorConfig> loadEmulatorConfigFromBytes(const QByteArray& json) {
    const QByteArray clean = stripJsonComments(json);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(clean, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The config is not valid JSON: %1 at %2.")
                        .arg(parseError.errorString(), position(clean, parseError.offset)));
    }
    Reader reader;
    EmulatorConfig config;
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(QStringLiteral("UserConfig")).isObject()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("UserConfig: required object is missing."));
    }
    const QJsonObject user = root.value(QStringLiteral("UserConfig")).toObject();
    const QString userPath = QStringLiteral("UserConfig");
    reader.checkKeys(user, {QStringLiteral("Namespaces"), QStringLiteral("Logging")}, userPath);
    if (user.contains(QStringLiteral("Logging"))) {
        const QString type = user.value(QStringLiteral("Logging"))
                                 .toObject()
                                 .value(QStringLiteral("Type"))
                                 .toString();
        static const QStringList kLogging{QStringLiteral("File"), QStringLiteral("Console"),
                                          QStringLiteral("File,Console"),
                                          QStringLiteral("Console,File")};
        if (!kLogging.contains(type)) {
            reader.problem(QStringLiteral("UserConfig.Logging.Type"),
                           QStringLiteral("'%1' is not one of %2")
                               .arg(type, kLogging.join(QStringLiteral(", "))));
        }
    }
    const QJsonArray namespaces = reader.array(user, QStringLiteral("Namespaces"), userPath, true);
    if (user.contains(QStringLiteral("Namespaces")) && namespaces.isEmpty()) {
        reader.problem(QStringLiteral("UserConfig.Namespaces"),
                       QStringLiteral("at least one namespace is required"));
    }
    QSet<QString> names;
    for (qsizetype i = 0; i < namespaces.size(); ++i) {
        const QString np = QStringLiteral("UserConfig.Namespaces[%1]").arg(i);
        if (!reader.expect(namespaces.at(i), QJsonValue::Object, np, QStringLiteral("an object"))) {
            continue;
        }
        NamespaceConfig ns = reader.readNamespace(namespaces.at(i).toObject(), np);
        if (names.contains(ns.name.toLower())) {
            reader.problem(np + QStringLiteral(".Name"),
                           QStringLiteral("'%1' is listed twice").arg(ns.name));
        }
        names.insert(ns.name.toLower());
        config.namespaces.append(ns);
    }
    if (!reader.problems.isEmpty()) {
        return fail(ErrorCode::InvalidInput, reader.problems.join(u'\n'));
    }
    return config;
}

Result<EmulatorConfig> loadEmulatorConfig(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("Cannot read the config file %1: %2.").arg(path, file.errorString()));
    }
    auto config = loadEmulatorConfigFromBytes(file.readAll());
    if (!config) {
        Error error = config.error();
        error.message = path + QStringLiteral(":\n") + error.message;
        return fail(error);
    }
    return config;
}

} // namespace busbar::emulator
