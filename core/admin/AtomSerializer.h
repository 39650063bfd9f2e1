#pragma once

#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"
#include "core/admin/XmlElement.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QXmlStreamWriter;

namespace busbar {

// $namespaceinfo (servicebus-management.md §3.7).
struct NamespaceInfo {
    QString name;
    QString messagingSku = QStringLiteral("Standard");
    QString namespaceType = QStringLiteral("Messaging");
    int messagingUnits = 0; // Premium only; not written when 0
    QDateTime createdTime;
    QDateTime modifiedTime;
};

// Envelope fields of a response <entry> (§2.2). Empty fields are not written.
struct AtomEntryMeta {
    QString id;
    QString title;
    QString selfHref;
    QString xmlBase;
    QDateTime published;
    QDateTime updated;
    QString author;
};

using AtomContentWriter = std::function<void(QXmlStreamWriter&)>;

struct AtomEntry {
    AtomEntryMeta meta;
    AtomContentWriter content; // writes the description element inside <content>
};

struct AtomFeedMeta {
    QString title;
    QString id;
    QString selfHref;
    QString nextHref; // empty = last page
    QDateTime updated;
};

// One parsed entry: <title> carries the name (§2.2), the description and runtime fields.
template <typename Description>
struct AtomItem {
    QString title;
    Description description;
    EntityRuntimeInfo runtime;
    DescriptionExtras extras; // pass back to the request writer on update
};

template <typename Description>
struct AtomPage {
    QList<AtomItem<Description>> items;
    QString nextHref; // the feed's rel="next", empty on the last page
};

// ATOM/XML bodies of the management API, both directions, transport-free: the client's
// admin service and the emulator's HTTP server share it.
class AtomSerializer final {
public:
    // --- Request bodies (client): descriptions in the exact request order of §3 ---------
    // `extras` come from the item read before an update (AtomItem::extras).
    static QByteArray queueRequest(const QueueDescription& queue,
                                   const DescriptionExtras& extras = {});
    static QByteArray topicRequest(const TopicDescription& topic,
                                   const DescriptionExtras& extras = {});
    static QByteArray
    subscriptionRequest(const SubscriptionDescription& subscription,
                        const std::optional<RuleDescription>& defaultRule = std::nullopt,
                        const DescriptionExtras& extras = {});
    static QByteArray ruleRequest(const RuleDescription& rule);

    // --- Response bodies (emulator): response order with runtime fields -----------------
    static AtomContentWriter queueContent(const QueueDescription& queue,
                                          const EntityRuntimeInfo& runtime);
    static AtomContentWriter topicContent(const TopicDescription& topic,
                                          const EntityRuntimeInfo& runtime);
    static AtomContentWriter subscriptionContent(const SubscriptionDescription& subscription,
                                                 const EntityRuntimeInfo& runtime);
    static AtomContentWriter ruleContent(const RuleDescription& rule);
    static AtomContentWriter namespaceInfoContent(const NamespaceInfo& info);
    static QByteArray entry(const AtomEntry& entry);
    static QByteArray feed(const AtomFeedMeta& meta, const QList<AtomEntry>& entries);
    // <Error><Code>404</Code><Detail>…</Detail></Error> (§1.5)
    static QByteArray errorBody(int code, const QString& detail);

    // --- Parsing ------------------------------------------------------------------------
    // An <entry> whose content holds `descriptionName`, or that description element alone.
    // A feed or an entry without content is EntityNotFound (how the service answers a
    // missing entity at times, §1.5).
    static Result<XmlElement> descriptionElement(const QByteArray& body,
                                                 QLatin1StringView descriptionName,
                                                 QString* title = nullptr);

    static Result<AtomItem<QueueDescription>> parseQueue(const QByteArray& body);
    static Result<AtomItem<TopicDescription>> parseTopic(const QByteArray& body);
    static Result<AtomItem<SubscriptionDescription>> parseSubscription(const QByteArray& body);
    static Result<AtomItem<RuleDescription>> parseRule(const QByteArray& body);
    static Result<NamespaceInfo> parseNamespaceInfo(const QByteArray& body);

    static Result<AtomPage<QueueDescription>> parseQueueFeed(const QByteArray& body);
    static Result<AtomPage<TopicDescription>> parseTopicFeed(const QByteArray& body);
    static Result<AtomPage<SubscriptionDescription>> parseSubscriptionFeed(const QByteArray& body);
    static Result<AtomPage<RuleDescription>> parseRuleFeed(const QByteArray& body);

    // Requests as the emulator reads them: parsed and checked against the cloud limits
    // ("LockDuration 'PT10M' is out of range: it must be between PT5S and PT5M").
    static Result<QueueDescription> parseQueueRequest(const QByteArray& body);
    static Result<TopicDescription> parseTopicRequest(const QByteArray& body);
    static Result<SubscriptionDescription>
    parseSubscriptionRequest(const QByteArray& body,
                             std::optional<RuleDescription>* defaultRule = nullptr);
    static Result<RuleDescription> parseRuleRequest(const QByteArray& body);
};

} // namespace busbar
