#include "core/admin/DescriptionReader.h"

#include "core/admin/RuleXml.h"
#include "core/admin/XsdDateTime.h"
#include "core/admin/XsdDuration.h"

#include <functional>

namespace busbar {

namespace {

Error badValue(const XmlElement& e, const QString& expected) {
    return Error::invalidInput(
        QStringLiteral("%1 '%2' is not %3.").arg(e.name, e.trimmedText(), expected));
}

VoidResult readBool(const XmlElement& e, bool& target) {
    const QString t = e.trimmedText().toLower();
    if (t == u"true" || t == u"1") {
        target = true;
    } else if (t == u"false" || t == u"0") {
        target = false;
    } else {
        return fail(badValue(e, QStringLiteral("a boolean (true or false)")));
    }
    return {};
}

template <typename Int>
VoidResult readInt(const XmlElement& e, Int& target) {
    bool ok = false;
    const qint64 value = e.trimmedText().toLongLong(&ok);
    if (!ok || value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max()) {
        return fail(badValue(e, QStringLiteral("an integer")));
    }
    target = static_cast<Int>(value);
    return {};
}

VoidResult readDuration(const XmlElement& e, Milliseconds& target) {
    const auto value = XsdDuration::parse(e.trimmedText());
    if (!value) {
        return fail(
            Error::invalidInput(QStringLiteral("%1: %2").arg(e.name, value.error().message)));
    }
    target = *value;
    return {};
}

VoidResult readString(const XmlElement& e, QString& target) {
    target = e.isNil ? QString() : e.text;
    return {};
}

VoidResult readStatus(const XmlElement& e, EntityStatus& target) {
    const QString t = e.trimmedText();
    const std::pair<QLatin1StringView, EntityStatus> known[] = {
        {QLatin1StringView("Active"), EntityStatus::Active},
        {QLatin1StringView("Disabled"), EntityStatus::Disabled},
        {QLatin1StringView("SendDisabled"), EntityStatus::SendDisabled},
        {QLatin1StringView("ReceiveDisabled"), EntityStatus::ReceiveDisabled},
    };
    for (const auto& [name, status] : known) {
        if (t.compare(name, Qt::CaseInsensitive) == 0) {
            target = status;
            return {};
        }
    }
    return fail(
        badValue(e, QStringLiteral("one of Active, Disabled, SendDisabled, ReceiveDisabled")));
}

VoidResult readTime(const XmlElement& e, QDateTime& target) {
    const auto value = XsdDateTime::parse(e.trimmedText());
    if (!value) {
        return fail(badValue(e, QStringLiteral("an ISO 8601 timestamp")));
    }
    target = *value;
    return {};
}

void readCounts(const XmlElement& e, MessageCountDetails& counts) {
    // Children by local name: their namespace is SB11, but one client used SB (§3.5).
    const std::pair<QLatin1StringView, qint64*> children[] = {
        {QLatin1StringView("ActiveMessageCount"), &counts.activeMessageCount},
        {QLatin1StringView("DeadLetterMessageCount"), &counts.deadLetterMessageCount},
        {QLatin1StringView("ScheduledMessageCount"), &counts.scheduledMessageCount},
        {QLatin1StringView("TransferMessageCount"), &counts.transferMessageCount},
        {QLatin1StringView("TransferDeadLetterMessageCount"),
         &counts.transferDeadLetterMessageCount},
    };
    for (const auto& [name, target] : children) {
        if (const XmlElement* child = e.child(name)) {
            *target = child->trimmedText().toLongLong();
        }
    }
}

using Reader = std::function<VoidResult(const XmlElement&)>;
using ReaderTable = QList<std::pair<QLatin1StringView, Reader>>;

// Runtime fields every description may carry; they only matter to a client.
void addRuntimeReaders(ReaderTable& table, EntityRuntimeInfo* runtime) {
    if (!runtime) {
        return;
    }
    table.append({QLatin1StringView("SizeInBytes"), [runtime](const XmlElement& e) {
                      return readInt(e, runtime->sizeInBytes);
                  }});
    table.append({QLatin1StringView("MessageCount"), [runtime](const XmlElement& e) {
                      return readInt(e, runtime->messageCount);
                  }});
    table.append({QLatin1StringView("SubscriptionCount"), [runtime](const XmlElement& e) {
                      return readInt(e, runtime->subscriptionCount);
                  }});
    table.append({QLatin1StringView("CreatedAt"), [runtime](const XmlElement& e) {
                      return readTime(e, runtime->createdAt);
                  }});
    table.append({QLatin1StringView("UpdatedAt"), [runtime](const XmlElement& e) {
                      return readTime(e, runtime->updatedAt);
                  }});
    table.append({QLatin1StringView("AccessedAt"), [runtime](const XmlElement& e) {
                      return readTime(e, runtime->accessedAt);
                  }});
    table.append({QLatin1StringView("CountDetails"), [runtime](const XmlElement& e) {
                      readCounts(e, runtime->counts);
                      return VoidResult();
                  }});
}

// Elements the writers emit themselves or that are runtime-only: never "unknown".
bool isModelledElsewhere(const QString& name) {
    static const QStringList kNames{QStringLiteral("SizeInBytes"),
                                    QStringLiteral("MessageCount"),
                                    QStringLiteral("SubscriptionCount"),
                                    QStringLiteral("CreatedAt"),
                                    QStringLiteral("UpdatedAt"),
                                    QStringLiteral("AccessedAt"),
                                    QStringLiteral("CountDetails"),
                                    QStringLiteral("EntityAvailabilityStatus"),
                                    QStringLiteral("IsAnonymousAccessible"),
                                    QStringLiteral("SupportOrdering"),
                                    QStringLiteral("FilteringMessagesBeforePublishing"),
                                    QStringLiteral("EnableSubscriptionPartitioning"),
                                    QStringLiteral("SkippedUpdate"),
                                    QStringLiteral("DefaultRuleDescription"),
                                    QStringLiteral("ForwardTo"),
                                    QStringLiteral("SqlFilterCount"),
                                    QStringLiteral("CorrelationFilterCount")};
    return kNames.contains(name);
}

VoidResult applyTable(const XmlElement& element, const ReaderTable& table,
                      DescriptionExtras* extras) {
    for (const auto& child : element.children) {
        bool known = false;
        for (const auto& [name, reader] : table) {
            if (child.name == name) {
                if (auto ok = reader(child); !ok) {
                    return ok;
                }
                known = true;
                break;
            }
        }
        if (known || !extras) {
            continue;
        }
        if (child.name == u"AuthorizationRules") {
            extras->authorizationRules = child;
        } else if (!isModelledElsewhere(child.name)) {
            extras->unknownElements.append(child);
        }
    }
    return {};
}

#define BUSBAR_FIELD(Name, fn, target)                                                             \
    {                                                                                              \
        QLatin1StringView(Name), [&](const XmlElement& e) {                                        \
            return fn(e, target);                                                                  \
        }                                                                                          \
    }

} // namespace

Result<QueueDescription> DescriptionReader::readQueue(const XmlElement& element,
                                                      EntityRuntimeInfo* runtime,
                                                      DescriptionExtras* extras) {
    QueueDescription q;
    ReaderTable table{
        BUSBAR_FIELD("LockDuration", readDuration, q.lockDuration),
        BUSBAR_FIELD("MaxSizeInMegabytes", readInt, q.maxSizeInMegabytes),
        BUSBAR_FIELD("RequiresDuplicateDetection", readBool, q.requiresDuplicateDetection),
        BUSBAR_FIELD("RequiresSession", readBool, q.requiresSession),
        BUSBAR_FIELD("DefaultMessageTimeToLive", readDuration, q.defaultMessageTimeToLive),
        BUSBAR_FIELD("DeadLetteringOnMessageExpiration", readBool,
                     q.deadLetteringOnMessageExpiration),
        BUSBAR_FIELD("DuplicateDetectionHistoryTimeWindow", readDuration,
                     q.duplicateDetectionHistoryTimeWindow),
        BUSBAR_FIELD("MaxDeliveryCount", readInt, q.maxDeliveryCount),
        BUSBAR_FIELD("EnableBatchedOperations", readBool, q.enableBatchedOperations),
        BUSBAR_FIELD("Status", readStatus, q.status),
        BUSBAR_FIELD("ForwardTo", readString, q.forwardTo),
        BUSBAR_FIELD("UserMetadata", readString, q.userMetadata),
        BUSBAR_FIELD("AutoDeleteOnIdle", readDuration, q.autoDeleteOnIdle),
        BUSBAR_FIELD("EnablePartitioning", readBool, q.enablePartitioning),
        BUSBAR_FIELD("ForwardDeadLetteredMessagesTo", readString, q.forwardDeadLetteredMessagesTo),
        BUSBAR_FIELD("EnableExpress", readBool, q.enableExpress),
        BUSBAR_FIELD("MaxMessageSizeInKilobytes", readInt, q.maxMessageSizeInKilobytes),
    };
    addRuntimeReaders(table, runtime);
    if (auto ok = applyTable(element, table, extras); !ok) {
        return fail(ok.error());
    }
    return q;
}

Result<TopicDescription> DescriptionReader::readTopic(const XmlElement& element,
                                                      EntityRuntimeInfo* runtime,
                                                      DescriptionExtras* extras) {
    TopicDescription t;
    ReaderTable table{
        BUSBAR_FIELD("DefaultMessageTimeToLive", readDuration, t.defaultMessageTimeToLive),
        BUSBAR_FIELD("MaxSizeInMegabytes", readInt, t.maxSizeInMegabytes),
        BUSBAR_FIELD("RequiresDuplicateDetection", readBool, t.requiresDuplicateDetection),
        BUSBAR_FIELD("DuplicateDetectionHistoryTimeWindow", readDuration,
                     t.duplicateDetectionHistoryTimeWindow),
        BUSBAR_FIELD("EnableBatchedOperations", readBool, t.enableBatchedOperations),
        BUSBAR_FIELD("Status", readStatus, t.status),
        BUSBAR_FIELD("UserMetadata", readString, t.userMetadata),
        BUSBAR_FIELD("SupportOrdering", readBool, t.supportOrdering),
        BUSBAR_FIELD("AutoDeleteOnIdle", readDuration, t.autoDeleteOnIdle),
        BUSBAR_FIELD("EnablePartitioning", readBool, t.enablePartitioning),
        BUSBAR_FIELD("EnableExpress", readBool, t.enableExpress),
        BUSBAR_FIELD("MaxMessageSizeInKilobytes", readInt, t.maxMessageSizeInKilobytes),
    };
    addRuntimeReaders(table, runtime);
    if (auto ok = applyTable(element, table, extras); !ok) {
        return fail(ok.error());
    }
    return t;
}

Result<SubscriptionDescription>
DescriptionReader::readSubscription(const XmlElement& element, EntityRuntimeInfo* runtime,
                                    std::optional<RuleDescription>* defaultRule,
                                    DescriptionExtras* extras) {
    SubscriptionDescription s;
    const auto readDefaultRule = [defaultRule](const XmlElement& e) -> VoidResult {
        auto rule = RuleXml::readRule(e);
        if (!rule) {
            return fail(rule.error());
        }
        if (defaultRule) {
            *defaultRule = *rule;
        }
        return {};
    };
    ReaderTable table{
        BUSBAR_FIELD("LockDuration", readDuration, s.lockDuration),
        BUSBAR_FIELD("RequiresSession", readBool, s.requiresSession),
        BUSBAR_FIELD("DefaultMessageTimeToLive", readDuration, s.defaultMessageTimeToLive),
        BUSBAR_FIELD("DeadLetteringOnMessageExpiration", readBool,
                     s.deadLetteringOnMessageExpiration),
        BUSBAR_FIELD("DeadLetteringOnFilterEvaluationExceptions", readBool,
                     s.deadLetteringOnFilterEvaluationExceptions),
        {QLatin1StringView("DefaultRuleDescription"), readDefaultRule},
        BUSBAR_FIELD("MaxDeliveryCount", readInt, s.maxDeliveryCount),
        BUSBAR_FIELD("EnableBatchedOperations", readBool, s.enableBatchedOperations),
        BUSBAR_FIELD("Status", readStatus, s.status),
        BUSBAR_FIELD("ForwardTo", readString, s.forwardTo),
        BUSBAR_FIELD("UserMetadata", readString, s.userMetadata),
        BUSBAR_FIELD("ForwardDeadLetteredMessagesTo", readString, s.forwardDeadLetteredMessagesTo),
        BUSBAR_FIELD("AutoDeleteOnIdle", readDuration, s.autoDeleteOnIdle),
    };
    addRuntimeReaders(table, runtime);
    if (auto ok = applyTable(element, table, extras); !ok) {
        return fail(ok.error());
    }
    return s;
}

#undef BUSBAR_FIELD

} // namespace busbar
