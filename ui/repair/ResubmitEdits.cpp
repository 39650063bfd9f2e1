#include "ui/repair/ResubmitEdits.h"

#include "core/servicebus/OutgoingMessage.h"

#include <QJsonArray>

namespace busbar {

const QString ResubmitEdits::kOptionsKey = QStringLiteral("edits");

namespace {

const QLatin1String kSubject("subject");
const QLatin1String kContentType("contentType");
const QLatin1String kCorrelationId("correlationId");
const QLatin1String kTo("to");
const QLatin1String kReplyTo("replyTo");
const QLatin1String kReplyToSessionId("replyToSessionId");
const QLatin1String kSessionId("sessionId");
const QLatin1String kTimeToLive("timeToLive");

void setSystemProperty(AmqpMessage& message, const QString& name, const QString& value) {
    AmqpMessage::Properties& p = message.properties;
    p.present = true;
    if (name == kSubject) {
        p.subject = value;
    } else if (name == kContentType) {
        p.contentType = value.toUtf8();
    } else if (name == kCorrelationId) {
        p.correlationId = value.isEmpty() ? QVariant() : QVariant(value);
    } else if (name == kTo) {
        p.to = value;
    } else if (name == kReplyTo) {
        p.replyTo = value;
    } else if (name == kReplyToSessionId) {
        p.replyToGroupId = value;
    } else if (name == kSessionId) {
        p.groupId = value;
    } else if (name == kTimeToLive) {
        if (value.isEmpty()) {
            message.header.ttlMs.reset();
        } else {
            message.header.ttlMs = value.toUInt();
        }
    }
}

} // namespace

QStringList ResubmitEdits::systemPropertyNames() {
    return {kSubject, kContentType,      kCorrelationId, kTo,
            kReplyTo, kReplyToSessionId, kSessionId,     kTimeToLive};
}

bool ResubmitEdits::isEmpty() const {
    return !body.has_value() && systemProperties.isEmpty() && setProperties.isEmpty() &&
           removeProperties.isEmpty();
}

VoidResult ResubmitEdits::validate() const {
    const QStringList known = systemPropertyNames();
    for (auto it = systemProperties.cbegin(); it != systemProperties.cend(); ++it) {
        if (!known.contains(it.key())) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("'%1' is not a system property.").arg(it.key()));
        }
        if (it.key() == kTimeToLive && !it.value().isEmpty()) {
            bool ok = false;
            const uint ms = it.value().trimmed().toUInt(&ok);
            if (!ok || ms == 0) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Time to live: '%1' is not a positive number of "
                                           "milliseconds.")
                                .arg(it.value()));
            }
        }
    }
    for (const TypedProperty& property : setProperties) {
        if (property.name.trimmed().isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("An application property has no name."));
        }
        if (auto typed = property.typedValue(); !typed) {
            return fail(typed.error());
        }
    }
    return {};
}

void ResubmitEdits::apply(OutgoingMessage& message) const {
    if (!message.raw) {
        message.raw = message.toAmqp();
    }
    AmqpMessage& amqp = *message.raw;
    if (body) {
        if (bodyAsValue) {
            amqp.setValueBody(QString::fromUtf8(*body));
        } else {
            amqp.setDataBody(*body);
        }
    }
    for (auto it = systemProperties.cbegin(); it != systemProperties.cend(); ++it) {
        setSystemProperty(amqp, it.key(), it.value().trimmed());
        if (it.key() == kSessionId) {
            message.sessionId = it.value().trimmed();
        }
    }
    for (const QString& name : removeProperties) {
        amqp.applicationProperties.entries.removeIf(
            [&name](const QPair<QVariant, QVariant>& entry) {
                return entry.first.toString() == name;
            });
    }
    for (const TypedProperty& property : setProperties) {
        if (auto typed = property.typedValue(); typed) {
            amqp.setApplicationProperty(property.name.trimmed(), *typed);
        }
    }
    amqp.hasApplicationProperties = !amqp.applicationProperties.entries.isEmpty();
}

ResubmitJob::EditHook ResubmitEdits::hook() const {
    return [edits = *this](OutgoingMessage& message) {
        edits.apply(message);
    };
}

QJsonObject ResubmitEdits::toJson() const {
    QJsonObject json;
    if (body) {
        json.insert(QStringLiteral("body"), QString::fromUtf8(*body));
        json.insert(QStringLiteral("bodyAsValue"), bodyAsValue);
    }
    QJsonObject system;
    for (auto it = systemProperties.cbegin(); it != systemProperties.cend(); ++it) {
        system.insert(it.key(), it.value());
    }
    if (!system.isEmpty()) {
        json.insert(QStringLiteral("system"), system);
    }
    QJsonArray set;
    for (const TypedProperty& property : setProperties) {
        set.append(QJsonObject{{QStringLiteral("name"), property.name},
                               {QStringLiteral("type"), TypedProperty::typeName(property.type)},
                               {QStringLiteral("value"), property.value}});
    }
    if (!set.isEmpty()) {
        json.insert(QStringLiteral("set"), set);
    }
    if (!removeProperties.isEmpty()) {
        json.insert(QStringLiteral("remove"), QJsonArray::fromStringList(removeProperties));
    }
    return json;
}

ResubmitEdits ResubmitEdits::fromJson(const QJsonObject& json) {
    ResubmitEdits edits;
    if (const QJsonValue body = json.value(QLatin1String("body")); body.isString()) {
        edits.body = body.toString().toUtf8();
        edits.bodyAsValue = json.value(QLatin1String("bodyAsValue")).toBool();
    }
    const QJsonObject system = json.value(QLatin1String("system")).toObject();
    for (auto it = system.constBegin(); it != system.constEnd(); ++it) {
        edits.systemProperties.insert(it.key(), it.value().toString());
    }
    for (const QJsonValue& value : json.value(QLatin1String("set")).toArray()) {
        const QJsonObject entry = value.toObject();
        TypedProperty property;
        property.name = entry.value(QLatin1String("name")).toString();
        property.type = TypedProperty::typeFromName(entry.value(QLatin1String("type")).toString())
                            .value_or(PropertyType::String);
        property.value = entry.value(QLatin1String("value")).toString();
        edits.setProperties.append(property);
    }
    for (const QJsonValue& value : json.value(QLatin1String("remove")).toArray()) {
        edits.removeProperties.append(value.toString());
    }
    return edits;
}

void ResubmitEdits::install(ResubmitJob& job, const QJsonObject& descriptionOptions) {
    const ResubmitEdits edits = fromJson(descriptionOptions.value(kOptionsKey).toObject());
    if (!edits.isEmpty()) {
        job.setEditHook(edits.hook());
    }
}

} // namespace busbar
