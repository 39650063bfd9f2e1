#include "core/admin/AtomSerializer.h"

#include "core/admin/AtomNamespaces.h"
#include "core/admin/DescriptionReader.h"
#include "core/admin/DescriptionWriter.h"
#include "core/admin/EntityValidator.h"
#include "core/admin/RuleXml.h"
#include "core/admin/XsdDateTime.h"

#include <QXmlStreamWriter>

namespace busbar {

namespace {

using atom::kAtomNs;
using atom::kSbNs;
using atom::kXsiNs;

QByteArray requestEntry(const AtomContentWriter& content) {
    QByteArray body;
    QXmlStreamWriter writer(&body);
    writer.writeStartDocument();
    writer.writeDefaultNamespace(kAtomNs);
    writer.writeStartElement(kAtomNs, QLatin1StringView("entry"));
    writer.writeStartElement(kAtomNs, QLatin1StringView("content"));
    writer.writeAttribute(QLatin1StringView("type"), QLatin1StringView("application/xml"));
    content(writer);
    writer.writeEndElement();
    writer.writeEndElement();
    writer.writeEndDocument();
    return body;
}

void writeLink(QXmlStreamWriter& writer, QLatin1StringView rel, const QString& href) {
    writer.writeEmptyElement(kAtomNs, QLatin1StringView("link"));
    writer.writeAttribute(QLatin1StringView("rel"), rel);
    writer.writeAttribute(QLatin1StringView("href"), href);
}

void writeTitle(QXmlStreamWriter& writer, const QString& title) {
    writer.writeStartElement(kAtomNs, QLatin1StringView("title"));
    writer.writeAttribute(QLatin1StringView("type"), QLatin1StringView("text"));
    writer.writeCharacters(title);
    writer.writeEndElement();
}

void writeEntry(QXmlStreamWriter& writer, const AtomEntry& entry) {
    const AtomEntryMeta& m = entry.meta;
    writer.writeStartElement(kAtomNs, QLatin1StringView("entry"));
    if (!m.xmlBase.isEmpty()) {
        writer.writeAttribute(QLatin1StringView("http://www.w3.org/XML/1998/namespace"),
                              QLatin1StringView("base"), m.xmlBase);
    }
    if (!m.id.isEmpty()) {
        writer.writeTextElement(kAtomNs, QLatin1StringView("id"), m.id);
    }
    writeTitle(writer, m.title);
    if (m.published.isValid()) {
        writer.writeTextElement(kAtomNs, QLatin1StringView("published"),
                                XsdDateTime::formatSeconds(m.published));
    }
    if (m.updated.isValid()) {
        writer.writeTextElement(kAtomNs, QLatin1StringView("updated"),
                                XsdDateTime::formatSeconds(m.updated));
    }
    if (!m.author.isEmpty()) {
        writer.writeStartElement(kAtomNs, QLatin1StringView("author"));
        writer.writeTextElement(kAtomNs, QLatin1StringView("name"), m.author);
        writer.writeEndElement();
    }
    if (!m.selfHref.isEmpty()) {
        writeLink(writer, QLatin1StringView("self"), m.selfHref);
    }
    writer.writeStartElement(kAtomNs, QLatin1StringView("content"));
    writer.writeAttribute(QLatin1StringView("type"), QLatin1StringView("application/xml"));
    if (entry.content) {
        entry.content(writer);
    }
    writer.writeEndElement();
    writer.writeEndElement();
}

QString entryTitle(const XmlElement& entry) {
    const XmlElement* title = entry.child(QLatin1StringView("title"));
    return title ? title->trimmedText() : QString();
}

Error notFound(const QString& why) {
    Error error =
        Error::make(ErrorCode::EntityNotFound,
                    QStringLiteral("The messaging entity could not be found (%1).").arg(why));
    error.statusCode = 404;
    return error;
}

// The description inside an <entry>'s <content>, by local name.
Result<XmlElement> descriptionIn(const XmlElement& entry, QLatin1StringView name) {
    const XmlElement* content = entry.child(QLatin1StringView("content"));
    if (!content) {
        return fail(notFound(QStringLiteral("the entry has no content")));
    }
    const XmlElement* description = content->child(name);
    if (!description) {
        return fail(
            Error::invalidInput(QStringLiteral("The entry's content is not a %1.").arg(name)));
    }
    return *description;
}

template <typename Description, typename Read>
Result<AtomItem<Description>> parseItem(const QByteArray& body, QLatin1StringView name, Read read) {
    QString title;
    auto element = AtomSerializer::descriptionElement(body, name, &title);
    if (!element) {
        return fail(element.error());
    }
    AtomItem<Description> item;
    item.title = title;
    auto description = read(*element, &item.runtime, &item.extras);
    if (!description) {
        return fail(description.error());
    }
    item.description = std::move(*description);
    return item;
}

template <typename Description, typename Read>
Result<AtomPage<Description>> parseFeed(const QByteArray& body, QLatin1StringView name, Read read) {
    auto root = XmlElement::parse(body);
    if (!root) {
        return fail(root.error());
    }
    if (root->name != u"feed") {
        return fail(Error::invalidInput(
            QStringLiteral("Expected an Atom feed, got <%1>.").arg(root->name)));
    }
    AtomPage<Description> page;
    for (const auto& child : root->children) {
        if (child.name == u"link" && child.attribute(QLatin1StringView("rel")) == u"next") {
            page.nextHref = child.attribute(QLatin1StringView("href"));
        } else if (child.name == u"entry") {
            auto element = descriptionIn(child, name);
            if (!element) {
                return fail(element.error());
            }
            AtomItem<Description> item;
            item.title = entryTitle(child);
            auto description = read(*element, &item.runtime, &item.extras);
            if (!description) {
                return fail(description.error());
            }
            item.description = std::move(*description);
            page.items.append(std::move(item));
        }
    }
    return page;
}

Result<RuleDescription> readRule(const XmlElement& element, EntityRuntimeInfo* /*runtime*/,
                                 DescriptionExtras* /*extras*/) {
    return RuleXml::readRule(element);
}
Result<QueueDescription> readQueue(const XmlElement& e, EntityRuntimeInfo* r,
                                   DescriptionExtras* x) {
    return DescriptionReader::readQueue(e, r, x);
}
Result<TopicDescription> readTopic(const XmlElement& e, EntityRuntimeInfo* r,
                                   DescriptionExtras* x) {
    return DescriptionReader::readTopic(e, r, x);
}
Result<SubscriptionDescription> readSubscription(const XmlElement& e, EntityRuntimeInfo* r,
                                                 DescriptionExtras* x) {
    return DescriptionReader::readSubscription(e, r, nullptr, x);
}

template <typename Description>
Result<Description> validated(Result<Description> parsed) {
    if (!parsed) {
        return parsed;
    }
    if (auto ok = EntityValidator::validate(*parsed); !ok) {
        return fail(ok.error());
    }
    return parsed;
}

} // namespace

QByteArray AtomSerializer::queueRequest(const QueueDescription& queue,
                                        const DescriptionExtras& extras) {
    return requestEntry(
        [&](QXmlStreamWriter& w) { DescriptionWriter::writeQueue(w, queue, extras); });
}

QByteArray AtomSerializer::topicRequest(const TopicDescription& topic,
                                        const DescriptionExtras& extras) {
    return requestEntry(
        [&](QXmlStreamWriter& w) { DescriptionWriter::writeTopic(w, topic, extras); });
}

QByteArray AtomSerializer::subscriptionRequest(const SubscriptionDescription& subscription,
                                               const std::optional<RuleDescription>& defaultRule,
                                               const DescriptionExtras& extras) {
    return requestEntry([&](QXmlStreamWriter& w) {
        DescriptionWriter::writeSubscription(w, subscription, defaultRule, extras);
    });
}

QByteArray AtomSerializer::ruleRequest(const RuleDescription& rule) {
    return requestEntry([&](QXmlStreamWriter& w) {
        DescriptionWriter::writeRule(w, rule, DescriptionOrder::Request);
    });
}

AtomContentWriter AtomSerializer::queueContent(const QueueDescription& queue,
                                               const EntityRuntimeInfo& runtime) {
    return [queue, runtime](QXmlStreamWriter& w) {
        DescriptionWriter::writeQueue(w, queue, runtime);
    };
}

AtomContentWriter AtomSerializer::topicContent(const TopicDescription& topic,
                                               const EntityRuntimeInfo& runtime) {
    return [topic, runtime](QXmlStreamWriter& w) {
        DescriptionWriter::writeTopic(w, topic, runtime);
    };
}

AtomContentWriter AtomSerializer::subscriptionContent(const SubscriptionDescription& subscription,
                                                      const EntityRuntimeInfo& runtime) {
    return [subscription, runtime](QXmlStreamWriter& w) {
        DescriptionWriter::writeSubscription(w, subscription, runtime);
    };
}

AtomContentWriter AtomSerializer::ruleContent(const RuleDescription& rule) {
    return [rule](QXmlStreamWriter& w) {
        DescriptionWriter::writeRule(w, rule, DescriptionOrder::Response);
    };
}

AtomContentWriter AtomSerializer::namespaceInfoContent(const NamespaceInfo& info) {
    return [info](QXmlStreamWriter& w) {
        w.writeCharacters(QString()); // closes <content>'s start tag: the namespace is ours
        w.writeDefaultNamespace(kSbNs);
        w.writeStartElement(kSbNs, QLatin1StringView("NamespaceInfo"));
        w.writeNamespace(kXsiNs, QLatin1StringView("i"));
        w.writeEmptyElement(kSbNs, QLatin1StringView("Alias"));
        w.writeAttribute(kXsiNs, QLatin1StringView("nil"), QLatin1StringView("true"));
        w.writeTextElement(kSbNs, QLatin1StringView("CreatedTime"),
                           XsdDateTime::format(info.createdTime));
        w.writeTextElement(kSbNs, QLatin1StringView("MessagingSKU"), info.messagingSku);
        if (info.messagingUnits > 0) {
            w.writeTextElement(kSbNs, QLatin1StringView("MessagingUnits"),
                               QString::number(info.messagingUnits));
        }
        w.writeTextElement(kSbNs, QLatin1StringView("ModifiedTime"),
                           XsdDateTime::format(info.modifiedTime));
        w.writeTextElement(kSbNs, QLatin1StringView("Name"), info.name);
        w.writeTextElement(kSbNs, QLatin1StringView("NamespaceType"), info.namespaceType);
        w.writeEndElement();
    };
}

QByteArray AtomSerializer::entry(const AtomEntry& entry) {
    QByteArray body;
    QXmlStreamWriter writer(&body);
    writer.writeStartDocument();
    writer.writeDefaultNamespace(kAtomNs);
    writeEntry(writer, entry);
    writer.writeEndDocument();
    return body;
}

QByteArray AtomSerializer::feed(const AtomFeedMeta& meta, const QList<AtomEntry>& entries) {
    QByteArray body;
    QXmlStreamWriter writer(&body);
    writer.writeStartDocument();
    writer.writeDefaultNamespace(kAtomNs);
    writer.writeStartElement(kAtomNs, QLatin1StringView("feed"));
    writeTitle(writer, meta.title);
    if (!meta.id.isEmpty()) {
        writer.writeTextElement(kAtomNs, QLatin1StringView("id"), meta.id);
    }
    writer.writeTextElement(kAtomNs, QLatin1StringView("updated"),
                            XsdDateTime::formatSeconds(meta.updated.isValid()
                                                           ? meta.updated
                                                           : QDateTime::currentDateTimeUtc()));
    if (!meta.selfHref.isEmpty()) {
        writeLink(writer, QLatin1StringView("self"), meta.selfHref);
    }
    if (!meta.nextHref.isEmpty()) {
        writeLink(writer, QLatin1StringView("next"), meta.nextHref);
    }
    for (const auto& entry : entries) {
        writeEntry(writer, entry);
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return body;
}

QByteArray AtomSerializer::errorBody(int code, const QString& detail) {
    QByteArray body;
    QXmlStreamWriter writer(&body);
    writer.writeStartElement(QLatin1StringView("Error"));
    writer.writeTextElement(QLatin1StringView("Code"), QString::number(code));
    writer.writeTextElement(QLatin1StringView("Detail"), detail);
    writer.writeEndElement();
    return body;
}

Result<XmlElement> AtomSerializer::descriptionElement(const QByteArray& body,
                                                      QLatin1StringView name, QString* title) {
    if (body.trimmed().isEmpty()) {
        return fail(
            Error::invalidInput(QStringLiteral("The request body is empty; expected an Atom entry "
                                               "with a %1.")
                                    .arg(name)));
    }
    auto root = XmlElement::parse(body);
    if (!root) {
        return fail(root.error());
    }
    if (root->name == name) {
        return std::move(*root);
    }
    if (root->name == u"feed") {
        return fail(notFound(QStringLiteral("the service answered with a feed")));
    }
    if (root->name != u"entry") {
        return fail(Error::invalidInput(
            QStringLiteral("Expected an Atom entry with a %1, got <%2>.").arg(name, root->name)));
    }
    if (title) {
        *title = entryTitle(*root);
    }
    return descriptionIn(*root, name);
}

Result<AtomItem<QueueDescription>> AtomSerializer::parseQueue(const QByteArray& body) {
    return parseItem<QueueDescription>(body, QLatin1StringView("QueueDescription"), readQueue);
}
Result<AtomItem<TopicDescription>> AtomSerializer::parseTopic(const QByteArray& body) {
    return parseItem<TopicDescription>(body, QLatin1StringView("TopicDescription"), readTopic);
}
Result<AtomItem<SubscriptionDescription>>
AtomSerializer::parseSubscription(const QByteArray& body) {
    return parseItem<SubscriptionDescription>(body, QLatin1StringView("SubscriptionDescription"),
                                              readSubscription);
}
Result<AtomItem<RuleDescription>> AtomSerializer::parseRule(const QByteArray& body) {
    return parseItem<RuleDescription>(body, QLatin1StringView("RuleDescription"), readRule);
}

Result<NamespaceInfo> AtomSerializer::parseNamespaceInfo(const QByteArray& body) {
    auto element = descriptionElement(body, QLatin1StringView("NamespaceInfo"));
    if (!element) {
        return fail(element.error());
    }
    NamespaceInfo info;
    const auto text = [&](QLatin1StringView name) {
        const XmlElement* child = element->child(name);
        return child && !child->isNil ? child->trimmedText() : QString();
    };
    info.name = text(QLatin1StringView("Name"));
    info.messagingSku = text(QLatin1StringView("MessagingSKU"));
    info.namespaceType = text(QLatin1StringView("NamespaceType"));
    info.messagingUnits = text(QLatin1StringView("MessagingUnits")).toInt();
    info.createdTime =
        XsdDateTime::parse(text(QLatin1StringView("CreatedTime"))).value_or(QDateTime());
    info.modifiedTime =
        XsdDateTime::parse(text(QLatin1StringView("ModifiedTime"))).value_or(QDateTime());
    return info;
}

Result<AtomPage<QueueDescription>> AtomSerializer::parseQueueFeed(const QByteArray& body) {
    return parseFeed<QueueDescription>(body, QLatin1StringView("QueueDescription"), readQueue);
}
Result<AtomPage<TopicDescription>> AtomSerializer::parseTopicFeed(const QByteArray& body) {
    return parseFeed<TopicDescription>(body, QLatin1StringView("TopicDescription"), readTopic);
}
Result<AtomPage<SubscriptionDescription>>
AtomSerializer::parseSubscriptionFeed(const QByteArray& body) {
    return parseFeed<SubscriptionDescription>(body, QLatin1StringView("SubscriptionDescription"),
                                              readSubscription);
}
Result<AtomPage<RuleDescription>> AtomSerializer::parseRuleFeed(const QByteArray& body) {
    return parseFeed<RuleDescription>(body, QLatin1StringView("RuleDescription"), readRule);
}

Result<QueueDescription> AtomSerializer::parseQueueRequest(const QByteArray& body) {
    auto element = descriptionElement(body, QLatin1StringView("QueueDescription"));
    if (!element) {
        return fail(element.error());
    }
    return validated(DescriptionReader::readQueue(*element));
}

Result<TopicDescription> AtomSerializer::parseTopicRequest(const QByteArray& body) {
    auto element = descriptionElement(body, QLatin1StringView("TopicDescription"));
    if (!element) {
        return fail(element.error());
    }
    return validated(DescriptionReader::readTopic(*element));
}

Result<SubscriptionDescription>
AtomSerializer::parseSubscriptionRequest(const QByteArray& body,
                                         std::optional<RuleDescription>* defaultRule) {
    auto element = descriptionElement(body, QLatin1StringView("SubscriptionDescription"));
    if (!element) {
        return fail(element.error());
    }
    auto parsed = validated(DescriptionReader::readSubscription(*element, nullptr, defaultRule));
    if (parsed && defaultRule && *defaultRule) {
        if (auto ok = EntityValidator::validate(**defaultRule); !ok) {
            return fail(ok.error());
        }
    }
    return parsed;
}

Result<RuleDescription> AtomSerializer::parseRuleRequest(const QByteArray& body) {
    auto element = descriptionElement(body, QLatin1StringView("RuleDescription"));
    if (!element) {
        return fail(element.error());
    }
    return validated(RuleXml::readRule(*element));
}

} // namespace busbar
