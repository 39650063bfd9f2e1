// AtomSerializer's parsing half: entries, feeds and requests into descriptions. The writing
// half is in AtomSerializer.cpp.
#include "core/admin/AtomSerializer.h"
#include "core/admin/DescriptionReader.h"
#include "core/admin/EntityValidator.h"
#include "core/admin/RuleXml.h"
#include "core/admin/XsdDateTime.h"

#include <utility>

namespace busbar {

namespace {

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

// One parsed item from its description element and its entry's title.
template <typename Description, typename Read>
Result<AtomItem<Description>> itemFrom(const XmlElement& element, QString title, Read read) {
    AtomItem<Description> item;
    item.title = std::move(title);
    auto description = read(element, &item.runtime, &item.extras);
    if (!description) {
        return fail(description.error());
    }
    item.description = std::move(*description);
    return item;
}

template <typename Description, typename Read>
Result<AtomItem<Description>> parseItem(const QByteArray& body, QLatin1StringView name, Read read) {
    QString title;
    auto element = AtomSerializer::descriptionElement(body, name, &title);
    if (!element) {
        return fail(element.error());
    }
    return itemFrom<Description>(*element, std::move(title), read);
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
            auto item = itemFrom<Description>(*element, entryTitle(child), read);
            if (!item) {
                return fail(item.error());
            }
            page.items.append(std::move(*item));
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

// A request as the emulator reads it: the description, checked against the cloud limits.
template <typename Read>
auto parseRequest(const QByteArray& body, QLatin1StringView name, Read read)
    -> decltype(read(std::declval<const XmlElement&>())) {
    auto element = AtomSerializer::descriptionElement(body, name);
    if (!element) {
        return fail(element.error());
    }
    auto parsed = read(*element);
    if (!parsed) {
        return parsed;
    }
    if (auto ok = EntityValidator::validate(*parsed); !ok) {
        return fail(ok.error());
    }
    return parsed;
}

} // namespace

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
    return parseRequest(body, QLatin1StringView("QueueDescription"),
                        [](const XmlElement& e) { return DescriptionReader::readQueue(e); });
}

Result<TopicDescription> AtomSerializer::parseTopicRequest(const QByteArray& body) {
    return parseRequest(body, QLatin1StringView("TopicDescription"),
                        [](const XmlElement& e) { return DescriptionReader::readTopic(e); });
}

Result<SubscriptionDescription>
AtomSerializer::parseSubscriptionRequest(const QByteArray& body,
                                         std::optional<RuleDescription>* defaultRule) {
    auto parsed = parseRequest(
        body, QLatin1StringView("SubscriptionDescription"), [defaultRule](const XmlElement& e) {
            return DescriptionReader::readSubscription(e, nullptr, defaultRule);
        });
    if (parsed && defaultRule && *defaultRule) {
        if (auto ok = EntityValidator::validate(**defaultRule); !ok) {
            return fail(ok.error());
        }
    }
    return parsed;
}

Result<RuleDescription> AtomSerializer::parseRuleRequest(const QByteArray& body) {
    return parseRequest(body, QLatin1StringView("RuleDescription"), RuleXml::readRule);
}

} // namespace busbar
