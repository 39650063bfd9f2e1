#include "core/admin/DescriptionWriter.h"

#include "core/admin/AtomNamespaces.h"
#include "core/admin/RuleXml.h"
#include "core/admin/XsdDateTime.h"
#include "core/admin/XsdDuration.h"

#include <QXmlStreamWriter>

namespace busbar {

namespace {

using atom::kSb11Ns;
using atom::kSbNs;
using atom::kXsiNs;

// Small vocabulary so each description reads like its table in the spec.
class Out {
public:
    explicit Out(QXmlStreamWriter& writer)
        : m_writer(writer) {}

    void open(QLatin1StringView element) {
        // Declared before the start tag so the element itself takes the default namespace
        // instead of a generated prefix (the service mishandles prefixed elements, §2.1).
        // An empty text closes the parent's start tag, so the declaration lands on ours.
        m_writer.writeCharacters(QString());
        m_writer.writeDefaultNamespace(kSbNs);
        m_writer.writeStartElement(kSbNs, element);
        m_writer.writeNamespace(kXsiNs, QLatin1StringView("i"));
    }
    void close() { m_writer.writeEndElement(); }

    void text(QLatin1StringView name, const QString& value) {
        m_writer.writeTextElement(kSbNs, name, value);
    }
    void textIfSet(QLatin1StringView name, const QString& value) {
        if (!value.isEmpty()) {
            text(name, value);
        }
    }
    void boolean(QLatin1StringView name, bool value) {
        text(name, value ? QStringLiteral("true") : QStringLiteral("false"));
    }
    void number(QLatin1StringView name, qint64 value) { text(name, QString::number(value)); }
    void duration(QLatin1StringView name, Milliseconds value) {
        text(name, XsdDuration::format(value));
    }
    // "Omitted when max" in the request tables: the service's default is the maximum.
    void durationUnlessNever(QLatin1StringView name, Milliseconds value) {
        if (value < kDurationNever) {
            duration(name, value);
        }
    }
    void time(QLatin1StringView name, const QDateTime& value) {
        text(name, XsdDateTime::format(value));
    }
    void status(EntityStatus value) { text(QLatin1StringView("Status"), statusText(value)); }
    void authorizationRules(const DescriptionExtras& extras) {
        if (extras.authorizationRules) {
            extras.authorizationRules->write(m_writer);
        }
    }
    void unknown(const DescriptionExtras& extras) {
        for (const auto& element : extras.unknownElements) {
            element.write(m_writer);
        }
    }
    void emptyAuthorizationRules() {
        m_writer.writeEmptyElement(kSbNs, QLatin1StringView("AuthorizationRules"));
    }
    // Exactly one prefixed declaration and prefixed children: the JS SDK depends on it (§3.5).
    void countDetails(const MessageCountDetails& counts) {
        m_writer.writeStartElement(kSbNs, QLatin1StringView("CountDetails"));
        m_writer.writeNamespace(kSb11Ns, QLatin1StringView("d2p1"));
        const std::pair<QLatin1StringView, qint64> children[] = {
            {QLatin1StringView("ActiveMessageCount"), counts.activeMessageCount},
            {QLatin1StringView("DeadLetterMessageCount"), counts.deadLetterMessageCount},
            {QLatin1StringView("ScheduledMessageCount"), counts.scheduledMessageCount},
            {QLatin1StringView("TransferMessageCount"), counts.transferMessageCount},
            {QLatin1StringView("TransferDeadLetterMessageCount"),
             counts.transferDeadLetterMessageCount},
        };
        for (const auto& [name, value] : children) {
            m_writer.writeTextElement(kSb11Ns, name, QString::number(value));
        }
        m_writer.writeEndElement();
    }
    QXmlStreamWriter& writer() { return m_writer; }

    static QString statusText(EntityStatus value) {
        switch (value) {
        case EntityStatus::Active:
            return QStringLiteral("Active");
        case EntityStatus::Disabled:
            return QStringLiteral("Disabled");
        case EntityStatus::SendDisabled:
            return QStringLiteral("SendDisabled");
        case EntityStatus::ReceiveDisabled:
            return QStringLiteral("ReceiveDisabled");
        }
        return QStringLiteral("Active");
    }

private:
    QXmlStreamWriter& m_writer;
};

constexpr qint64 kStandardMaxMessageSizeKb = 256;

} // namespace

void DescriptionWriter::writeQueue(QXmlStreamWriter& writer, const QueueDescription& q,
                                   const DescriptionExtras& extras) {
    Out out(writer);
    out.open(QLatin1StringView("QueueDescription"));
    out.duration(QLatin1StringView("LockDuration"), q.lockDuration);
    out.number(QLatin1StringView("MaxSizeInMegabytes"), q.maxSizeInMegabytes);
    out.boolean(QLatin1StringView("RequiresDuplicateDetection"), q.requiresDuplicateDetection);
    out.boolean(QLatin1StringView("RequiresSession"), q.requiresSession);
    out.durationUnlessNever(QLatin1StringView("DefaultMessageTimeToLive"),
                            q.defaultMessageTimeToLive);
    out.boolean(QLatin1StringView("DeadLetteringOnMessageExpiration"),
                q.deadLetteringOnMessageExpiration);
    if (q.requiresDuplicateDetection) {
        out.duration(QLatin1StringView("DuplicateDetectionHistoryTimeWindow"),
                     q.duplicateDetectionHistoryTimeWindow);
    }
    out.number(QLatin1StringView("MaxDeliveryCount"), q.maxDeliveryCount);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), q.enableBatchedOperations);
    out.boolean(QLatin1StringView("IsAnonymousAccessible"), false);
    out.authorizationRules(extras);
    out.status(q.status);
    out.textIfSet(QLatin1StringView("ForwardTo"), q.forwardTo);
    out.textIfSet(QLatin1StringView("UserMetadata"), q.userMetadata);
    out.durationUnlessNever(QLatin1StringView("AutoDeleteOnIdle"), q.autoDeleteOnIdle);
    out.boolean(QLatin1StringView("EnablePartitioning"), q.enablePartitioning);
    out.textIfSet(QLatin1StringView("ForwardDeadLetteredMessagesTo"),
                  q.forwardDeadLetteredMessagesTo);
    out.boolean(QLatin1StringView("EnableExpress"), q.enableExpress);
    // Only Premium namespaces accept anything but the Standard size; don't send the default.
    if (q.maxMessageSizeInKilobytes != kStandardMaxMessageSizeKb) {
        out.number(QLatin1StringView("MaxMessageSizeInKilobytes"), q.maxMessageSizeInKilobytes);
    }
    out.unknown(extras);
    out.close();
}

void DescriptionWriter::writeQueue(QXmlStreamWriter& writer, const QueueDescription& q,
                                   const EntityRuntimeInfo& runtime) {
    Out out(writer);
    out.open(QLatin1StringView("QueueDescription"));
    out.duration(QLatin1StringView("LockDuration"), q.lockDuration);
    out.number(QLatin1StringView("MaxSizeInMegabytes"), q.maxSizeInMegabytes);
    out.boolean(QLatin1StringView("RequiresDuplicateDetection"), q.requiresDuplicateDetection);
    out.boolean(QLatin1StringView("RequiresSession"), q.requiresSession);
    out.duration(QLatin1StringView("DefaultMessageTimeToLive"), q.defaultMessageTimeToLive);
    out.boolean(QLatin1StringView("DeadLetteringOnMessageExpiration"),
                q.deadLetteringOnMessageExpiration);
    out.duration(QLatin1StringView("DuplicateDetectionHistoryTimeWindow"),
                 q.duplicateDetectionHistoryTimeWindow);
    out.number(QLatin1StringView("MaxDeliveryCount"), q.maxDeliveryCount);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), q.enableBatchedOperations);
    out.number(QLatin1StringView("SizeInBytes"), runtime.sizeInBytes);
    out.number(QLatin1StringView("MessageCount"), runtime.messageCount);
    out.boolean(QLatin1StringView("IsAnonymousAccessible"), false);
    out.emptyAuthorizationRules();
    out.status(q.status);
    out.textIfSet(QLatin1StringView("ForwardTo"), q.forwardTo);
    out.time(QLatin1StringView("CreatedAt"), runtime.createdAt);
    out.time(QLatin1StringView("UpdatedAt"), runtime.updatedAt);
    out.time(QLatin1StringView("AccessedAt"), runtime.accessedAt);
    out.textIfSet(QLatin1StringView("UserMetadata"), q.userMetadata);
    out.boolean(QLatin1StringView("SupportOrdering"), true);
    out.countDetails(runtime.counts);
    out.duration(QLatin1StringView("AutoDeleteOnIdle"), q.autoDeleteOnIdle);
    out.boolean(QLatin1StringView("EnablePartitioning"), q.enablePartitioning);
    out.text(QLatin1StringView("EntityAvailabilityStatus"), QStringLiteral("Available"));
    out.textIfSet(QLatin1StringView("ForwardDeadLetteredMessagesTo"),
                  q.forwardDeadLetteredMessagesTo);
    out.boolean(QLatin1StringView("EnableExpress"), q.enableExpress);
    out.number(QLatin1StringView("MaxMessageSizeInKilobytes"), q.maxMessageSizeInKilobytes);
    out.close();
}

void DescriptionWriter::writeTopic(QXmlStreamWriter& writer, const TopicDescription& t,
                                   const DescriptionExtras& extras) {
    Out out(writer);
    out.open(QLatin1StringView("TopicDescription"));
    out.durationUnlessNever(QLatin1StringView("DefaultMessageTimeToLive"),
                            t.defaultMessageTimeToLive);
    out.number(QLatin1StringView("MaxSizeInMegabytes"), t.maxSizeInMegabytes);
    out.boolean(QLatin1StringView("RequiresDuplicateDetection"), t.requiresDuplicateDetection);
    if (t.requiresDuplicateDetection) {
        out.duration(QLatin1StringView("DuplicateDetectionHistoryTimeWindow"),
                     t.duplicateDetectionHistoryTimeWindow);
    }
    out.boolean(QLatin1StringView("EnableBatchedOperations"), t.enableBatchedOperations);
    out.boolean(QLatin1StringView("FilteringMessagesBeforePublishing"), false);
    out.boolean(QLatin1StringView("IsAnonymousAccessible"), false);
    out.authorizationRules(extras);
    out.status(t.status);
    out.textIfSet(QLatin1StringView("UserMetadata"), t.userMetadata);
    out.boolean(QLatin1StringView("SupportOrdering"), t.supportOrdering);
    out.durationUnlessNever(QLatin1StringView("AutoDeleteOnIdle"), t.autoDeleteOnIdle);
    out.boolean(QLatin1StringView("EnablePartitioning"), t.enablePartitioning);
    out.boolean(QLatin1StringView("EnableSubscriptionPartitioning"), false);
    out.boolean(QLatin1StringView("EnableExpress"), t.enableExpress);
    if (t.maxMessageSizeInKilobytes != kStandardMaxMessageSizeKb) {
        out.number(QLatin1StringView("MaxMessageSizeInKilobytes"), t.maxMessageSizeInKilobytes);
    }
    out.unknown(extras);
    out.close();
}

void DescriptionWriter::writeTopic(QXmlStreamWriter& writer, const TopicDescription& t,
                                   const EntityRuntimeInfo& runtime) {
    Out out(writer);
    out.open(QLatin1StringView("TopicDescription"));
    out.duration(QLatin1StringView("DefaultMessageTimeToLive"), t.defaultMessageTimeToLive);
    out.number(QLatin1StringView("MaxSizeInMegabytes"), t.maxSizeInMegabytes);
    out.boolean(QLatin1StringView("RequiresDuplicateDetection"), t.requiresDuplicateDetection);
    out.duration(QLatin1StringView("DuplicateDetectionHistoryTimeWindow"),
                 t.duplicateDetectionHistoryTimeWindow);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), t.enableBatchedOperations);
    out.number(QLatin1StringView("SizeInBytes"), runtime.sizeInBytes);
    out.boolean(QLatin1StringView("FilteringMessagesBeforePublishing"), false);
    out.boolean(QLatin1StringView("IsAnonymousAccessible"), false);
    out.emptyAuthorizationRules();
    out.status(t.status);
    out.time(QLatin1StringView("CreatedAt"), runtime.createdAt);
    out.time(QLatin1StringView("UpdatedAt"), runtime.updatedAt);
    out.time(QLatin1StringView("AccessedAt"), runtime.accessedAt);
    out.textIfSet(QLatin1StringView("UserMetadata"), t.userMetadata);
    out.boolean(QLatin1StringView("SupportOrdering"), t.supportOrdering);
    out.countDetails(runtime.counts);
    out.number(QLatin1StringView("SubscriptionCount"), runtime.subscriptionCount);
    out.duration(QLatin1StringView("AutoDeleteOnIdle"), t.autoDeleteOnIdle);
    out.boolean(QLatin1StringView("EnablePartitioning"), t.enablePartitioning);
    out.text(QLatin1StringView("EntityAvailabilityStatus"), QStringLiteral("Available"));
    out.boolean(QLatin1StringView("EnableSubscriptionPartitioning"), false);
    out.boolean(QLatin1StringView("EnableExpress"), t.enableExpress);
    out.number(QLatin1StringView("MaxMessageSizeInKilobytes"), t.maxMessageSizeInKilobytes);
    out.close();
}

void DescriptionWriter::writeSubscription(QXmlStreamWriter& writer,
                                          const SubscriptionDescription& s,
                                          const std::optional<RuleDescription>& defaultRule,
                                          const DescriptionExtras& extras) {
    Out out(writer);
    out.open(QLatin1StringView("SubscriptionDescription"));
    out.duration(QLatin1StringView("LockDuration"), s.lockDuration);
    out.boolean(QLatin1StringView("RequiresSession"), s.requiresSession);
    out.durationUnlessNever(QLatin1StringView("DefaultMessageTimeToLive"),
                            s.defaultMessageTimeToLive);
    out.boolean(QLatin1StringView("DeadLetteringOnMessageExpiration"),
                s.deadLetteringOnMessageExpiration);
    out.boolean(QLatin1StringView("DeadLetteringOnFilterEvaluationExceptions"),
                s.deadLetteringOnFilterEvaluationExceptions);
    if (defaultRule) {
        writer.writeStartElement(kSbNs, QLatin1StringView("DefaultRuleDescription"));
        RuleXml::writeRuleBody(writer, *defaultRule, false);
        writer.writeEndElement();
    }
    out.number(QLatin1StringView("MaxDeliveryCount"), s.maxDeliveryCount);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), s.enableBatchedOperations);
    out.status(s.status);
    out.textIfSet(QLatin1StringView("ForwardTo"), s.forwardTo);
    out.textIfSet(QLatin1StringView("UserMetadata"), s.userMetadata);
    out.textIfSet(QLatin1StringView("ForwardDeadLetteredMessagesTo"),
                  s.forwardDeadLetteredMessagesTo);
    out.durationUnlessNever(QLatin1StringView("AutoDeleteOnIdle"), s.autoDeleteOnIdle);
    out.unknown(extras);
    out.close();
}

void DescriptionWriter::writeSubscription(QXmlStreamWriter& writer,
                                          const SubscriptionDescription& s,
                                          const EntityRuntimeInfo& runtime) {
    Out out(writer);
    out.open(QLatin1StringView("SubscriptionDescription"));
    out.duration(QLatin1StringView("LockDuration"), s.lockDuration);
    out.boolean(QLatin1StringView("RequiresSession"), s.requiresSession);
    out.duration(QLatin1StringView("DefaultMessageTimeToLive"), s.defaultMessageTimeToLive);
    out.boolean(QLatin1StringView("DeadLetteringOnMessageExpiration"),
                s.deadLetteringOnMessageExpiration);
    out.boolean(QLatin1StringView("DeadLetteringOnFilterEvaluationExceptions"),
                s.deadLetteringOnFilterEvaluationExceptions);
    out.number(QLatin1StringView("MessageCount"), runtime.messageCount);
    out.number(QLatin1StringView("MaxDeliveryCount"), s.maxDeliveryCount);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), s.enableBatchedOperations);
    out.status(s.status);
    out.textIfSet(QLatin1StringView("ForwardTo"), s.forwardTo);
    out.time(QLatin1StringView("CreatedAt"), runtime.createdAt);
    out.time(QLatin1StringView("UpdatedAt"), runtime.updatedAt);
    out.time(QLatin1StringView("AccessedAt"), runtime.accessedAt);
    out.countDetails(runtime.counts);
    out.textIfSet(QLatin1StringView("UserMetadata"), s.userMetadata);
    out.textIfSet(QLatin1StringView("ForwardDeadLetteredMessagesTo"),
                  s.forwardDeadLetteredMessagesTo);
    out.duration(QLatin1StringView("AutoDeleteOnIdle"), s.autoDeleteOnIdle);
    out.text(QLatin1StringView("EntityAvailabilityStatus"), QStringLiteral("Available"));
    out.close();
}

void DescriptionWriter::writeRule(QXmlStreamWriter& writer, const RuleDescription& rule,
                                  DescriptionOrder order) {
    Out out(writer);
    out.open(QLatin1StringView("RuleDescription"));
    RuleXml::writeRuleBody(writer, rule, order == DescriptionOrder::Response);
    out.close();
}

} // namespace busbar
