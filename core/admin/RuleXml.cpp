#include "core/admin/RuleXml.h"

#include "core/admin/AtomNamespaces.h"
#include "core/admin/XsdDateTime.h"

#include <QLocale>
#include <QXmlStreamWriter>

namespace busbar {

namespace {

using atom::kSbNs;
using atom::kXsdNs;
using atom::kXsiNs;

// The JS SDK reads a parameter's type as i:type's text after a 4-character prefix, so the
// prefix length is part of the contract, not a style choice.
constexpr QLatin1StringView kXsdPrefix{"d6p1"};

void writeText(QXmlStreamWriter& writer, QLatin1StringView name, const QString& value) {
    writer.writeTextElement(kSbNs, name, value);
}

void writeSqlBody(QXmlStreamWriter& writer, const QString& expression,
                  const QVariantMap& parameters) {
    writeText(writer, QLatin1StringView("SqlExpression"), expression);
    if (!parameters.isEmpty()) {
        RuleXml::writeKeyValues(writer, QLatin1StringView("Parameters"), parameters);
    }
    writeText(writer, QLatin1StringView("CompatibilityLevel"), QStringLiteral("20"));
}

void writeFilter(QXmlStreamWriter& writer, const RuleDescription& rule) {
    writer.writeStartElement(kSbNs, QLatin1StringView("Filter"));
    switch (rule.filterKind) {
    case FilterKind::True:
        writer.writeAttribute(kXsiNs, QLatin1StringView("type"), QStringLiteral("TrueFilter"));
        writeSqlBody(writer, QStringLiteral("1=1"), {});
        break;
    case FilterKind::False:
        writer.writeAttribute(kXsiNs, QLatin1StringView("type"), QStringLiteral("FalseFilter"));
        writeSqlBody(writer, QStringLiteral("1=0"), {});
        break;
    case FilterKind::Sql:
        writer.writeAttribute(kXsiNs, QLatin1StringView("type"), QStringLiteral("SqlFilter"));
        writeSqlBody(writer, rule.sqlExpression, rule.filterParameters);
        break;
    case FilterKind::Correlation: {
        writer.writeAttribute(kXsiNs, QLatin1StringView("type"),
                              QStringLiteral("CorrelationFilter"));
        const auto& c = rule.correlation;
        const std::pair<QLatin1StringView, const QString*> fields[] = {
            {QLatin1StringView("CorrelationId"), &c.correlationId},
            {QLatin1StringView("MessageId"), &c.messageId},
            {QLatin1StringView("To"), &c.to},
            {QLatin1StringView("ReplyTo"), &c.replyTo},
            {QLatin1StringView("Label"), &c.label},
            {QLatin1StringView("SessionId"), &c.sessionId},
            {QLatin1StringView("ReplyToSessionId"), &c.replyToSessionId},
            {QLatin1StringView("ContentType"), &c.contentType},
        };
        for (const auto& [name, value] : fields) {
            if (!value->isEmpty()) {
                writeText(writer, name, *value);
            }
        }
        RuleXml::writeKeyValues(writer, QLatin1StringView("Properties"), c.properties);
        break;
    }
    }
    writer.writeEndElement();
}

void writeAction(QXmlStreamWriter& writer, const RuleDescription& rule) {
    if (rule.actionExpression.isEmpty()) {
        writer.writeEmptyElement(kSbNs, QLatin1StringView("Action"));
        writer.writeAttribute(kXsiNs, QLatin1StringView("type"), QStringLiteral("EmptyRuleAction"));
        return;
    }
    writer.writeStartElement(kSbNs, QLatin1StringView("Action"));
    writer.writeAttribute(kXsiNs, QLatin1StringView("type"), QStringLiteral("SqlRuleAction"));
    writeSqlBody(writer, rule.actionExpression, rule.actionParameters);
    writer.writeEndElement();
}

std::pair<QString, QString> typedText(const QVariant& value) {
    switch (value.typeId()) {
    case QMetaType::Bool:
        return {QStringLiteral("boolean"),
                value.toBool() ? QStringLiteral("true") : QStringLiteral("false")};
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::SChar:
    case QMetaType::UShort:
    case QMetaType::UChar:
        return {QStringLiteral("int"), QString::number(value.toInt())};
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Long:
        return {QStringLiteral("long"), QString::number(value.toLongLong())};
    case QMetaType::Double:
    case QMetaType::Float:
        return {QStringLiteral("double"),
                QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest)};
    case QMetaType::QDateTime:
        return {QStringLiteral("dateTime"), XsdDateTime::format(value.toDateTime())};
    default:
        return {QStringLiteral("string"), value.toString()};
    }
}

Result<QVariant> typedValue(const XmlElement& value, const QString& key) {
    if (value.isNil) {
        return QVariant();
    }
    const QString text = value.text;
    const QString& type = value.typeName;
    const auto bad = [&](const QString& what) {
        return fail(Error::invalidInput(
            QStringLiteral("The value of parameter '%1' ('%2') is not a valid %3.")
                .arg(key, text, what)));
    };
    const bool xsd = value.typeNamespace == kXsdNs || value.typeNamespace.isEmpty();
    if (xsd && type == u"int") {
        bool ok = false;
        const int number = text.trimmed().toInt(&ok);
        return ok ? Result<QVariant>(number) : bad(QStringLiteral("int"));
    }
    if (xsd && (type == u"long" || type == u"short" || type == u"byte")) {
        bool ok = false;
        const qint64 number = text.trimmed().toLongLong(&ok);
        return ok ? Result<QVariant>(number) : bad(QStringLiteral("long"));
    }
    if (xsd && (type == u"double" || type == u"float" || type == u"decimal")) {
        bool ok = false;
        const double number = text.trimmed().toDouble(&ok);
        return ok ? Result<QVariant>(number) : bad(QStringLiteral("double"));
    }
    if (xsd && type == u"boolean") {
        const QString t = text.trimmed().toLower();
        if (t == u"true" || t == u"1") {
            return QVariant(true);
        }
        if (t == u"false" || t == u"0") {
            return QVariant(false);
        }
        return bad(QStringLiteral("boolean"));
    }
    if (xsd && type == u"dateTime") {
        const auto time = XsdDateTime::parse(text);
        return time ? Result<QVariant>(*time) : bad(QStringLiteral("dateTime"));
    }
    // string, duration (kept as its text) and unknown types.
    return QVariant(text);
}

Result<QString> requiredExpression(const XmlElement& element, const QString& what) {
    const XmlElement* expression = element.child(QLatin1StringView("SqlExpression"));
    if (!expression || expression->trimmedText().isEmpty()) {
        return fail(Error::invalidInput(QStringLiteral("The %1 has no SqlExpression.").arg(what)));
    }
    return expression->text.trimmed();
}

} // namespace

void RuleXml::writeKeyValues(QXmlStreamWriter& writer, QLatin1StringView elementName,
                             const QVariantMap& values) {
    writer.writeStartElement(kSbNs, elementName);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const auto [type, text] = typedText(it.value());
        writer.writeStartElement(kSbNs, QLatin1StringView("KeyValueOfstringanyType"));
        writer.writeTextElement(kSbNs, QLatin1StringView("Key"), it.key());
        writer.writeStartElement(kSbNs, QLatin1StringView("Value"));
        writer.writeNamespace(kXsdNs, kXsdPrefix);
        writer.writeAttribute(kXsiNs, QLatin1StringView("type"), kXsdPrefix + u':' + type);
        writer.writeCharacters(text);
        writer.writeEndElement();
        writer.writeEndElement();
    }
    writer.writeEndElement();
}

Result<QVariantMap> RuleXml::readKeyValues(const XmlElement& element) {
    QVariantMap values;
    for (const auto& pair : element.children) {
        if (pair.name != u"KeyValueOfstringanyType") {
            continue;
        }
        const XmlElement* key = pair.child(QLatin1StringView("Key"));
        const XmlElement* value = pair.child(QLatin1StringView("Value"));
        if (!key || key->trimmedText().isEmpty()) {
            return fail(
                Error::invalidInput(QStringLiteral("A %1 entry has no Key.").arg(element.name)));
        }
        if (!value) {
            values.insert(key->trimmedText(), QVariant());
            continue;
        }
        auto typed = typedValue(*value, key->trimmedText());
        if (!typed) {
            return fail(typed.error());
        }
        values.insert(key->trimmedText(), *typed);
    }
    return values;
}

void RuleXml::writeRuleBody(QXmlStreamWriter& writer, const RuleDescription& rule,
                            bool withCreatedAt) {
    writeFilter(writer, rule);
    writeAction(writer, rule);
    if (withCreatedAt) {
        writeText(writer, QLatin1StringView("CreatedAt"), XsdDateTime::format(rule.createdAt));
    }
    writeText(writer, QLatin1StringView("Name"), rule.name);
}

Result<RuleDescription> RuleXml::readRule(const XmlElement& element) {
    RuleDescription rule;
    if (const XmlElement* name = element.child(QLatin1StringView("Name"));
        name && !name->trimmedText().isEmpty()) {
        rule.name = name->trimmedText();
    }
    if (const XmlElement* created = element.child(QLatin1StringView("CreatedAt"))) {
        rule.createdAt = XsdDateTime::parse(created->text).value_or(QDateTime());
    }

    if (const XmlElement* filter = element.child(QLatin1StringView("Filter"))) {
        const QString& type = filter->typeName;
        if (type == u"SqlFilter") {
            auto expression = requiredExpression(*filter, QStringLiteral("SqlFilter"));
            if (!expression) {
                return fail(expression.error());
            }
            rule.filterKind = FilterKind::Sql;
            rule.sqlExpression = *expression;
            if (const XmlElement* parameters = filter->child(QLatin1StringView("Parameters"))) {
                auto values = readKeyValues(*parameters);
                if (!values) {
                    return fail(values.error());
                }
                rule.filterParameters = *values;
            }
        } else if (type == u"TrueFilter") {
            rule.filterKind = FilterKind::True;
        } else if (type == u"FalseFilter") {
            rule.filterKind = FilterKind::False;
        } else if (type == u"CorrelationFilter") {
            rule.filterKind = FilterKind::Correlation;
            auto& c = rule.correlation;
            const std::pair<QLatin1StringView, QString*> fields[] = {
                {QLatin1StringView("CorrelationId"), &c.correlationId},
                {QLatin1StringView("MessageId"), &c.messageId},
                {QLatin1StringView("To"), &c.to},
                {QLatin1StringView("ReplyTo"), &c.replyTo},
                {QLatin1StringView("Label"), &c.label},
                {QLatin1StringView("SessionId"), &c.sessionId},
                {QLatin1StringView("ReplyToSessionId"), &c.replyToSessionId},
                {QLatin1StringView("ContentType"), &c.contentType},
            };
            for (const auto& [name, target] : fields) {
                if (const XmlElement* field = filter->child(name); field && !field->isNil) {
                    *target = field->text;
                }
            }
            if (const XmlElement* properties = filter->child(QLatin1StringView("Properties"))) {
                auto values = readKeyValues(*properties);
                if (!values) {
                    return fail(values.error());
                }
                c.properties = *values;
            }
        } else {
            return fail(Error::invalidInput(
                QStringLiteral(
                    "Filter type '%1' is not supported: use SqlFilter, CorrelationFilter, "
                    "TrueFilter or FalseFilter.")
                    .arg(type.isEmpty() ? QStringLiteral("(none)") : type)));
        }
    }

    if (const XmlElement* action = element.child(QLatin1StringView("Action"));
        action && !action->isNil) {
        const QString& type = action->typeName;
        if (type == u"SqlRuleAction") {
            auto expression = requiredExpression(*action, QStringLiteral("SqlRuleAction"));
            if (!expression) {
                return fail(expression.error());
            }
            rule.actionExpression = *expression;
            if (const XmlElement* parameters = action->child(QLatin1StringView("Parameters"))) {
                auto values = readKeyValues(*parameters);
                if (!values) {
                    return fail(values.error());
                }
                rule.actionParameters = *values;
            }
        } else if (type != u"EmptyRuleAction" && !type.isEmpty()) {
            return fail(Error::invalidInput(
                QStringLiteral(
                    "Action type '%1' is not supported: use SqlRuleAction or EmptyRuleAction.")
                    .arg(type)));
        }
    }
    return rule;
}

} // namespace busbar
