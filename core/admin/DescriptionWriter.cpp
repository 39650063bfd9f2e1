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

constexpr qint64 kStandardMaxMessageSizeKb = 256;

// Small vocabulary so each description reads like its table in the spec.
// With `runtime` it writes a response: every duration and size, empty AuthorizationRules
// and the runtime fields; without, a request that leaves out what the service defaults.
class Out {
public:
    Out(QXmlStreamWriter& writer, const EntityRuntimeInfo* runtime)
        : m_writer(writer)
        , m_runtime(runtime) {}

    [[nodiscard]] bool response() const { return m_runtime != nullptr; }

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
        if (response() || value < kDurationNever) {
            duration(name, value);
        }
    }
    // A request sends the window only with detection on.
    void duplicateWindow(bool detection, Milliseconds window) {
        if (response() || detection) {
            duration(QLatin1StringView("DuplicateDetectionHistoryTimeWindow"), window);
        }
    }
    // Only Premium namespaces accept anything but the Standard size; a request doesn't send
    // the default.
    void maxMessageSize(qint64 kilobytes) {
        if (response() || kilobytes != kStandardMaxMessageSizeKb) {
            number(QLatin1StringView("MaxMessageSizeInKilobytes"), kilobytes);
        }
    }
    void status(EntityStatus value) { text(QLatin1StringView("Status"), statusText(value)); }
    void authorizationRules(const DescriptionExtras& extras) {
        if (response()) {
            m_writer.writeEmptyElement(kSbNs, QLatin1StringView("AuthorizationRules"));
        } else if (extras.authorizationRules) {
            extras.authorizationRules->write(m_writer);
        }
    }
    // The runtime fields, each written only in a response.
    void sizeInBytes() {
        if (response()) {
            number(QLatin1StringView("SizeInBytes"), m_runtime->sizeInBytes);
        }
    }
    void messageCount() {
        if (response()) {
            number(QLatin1StringView("MessageCount"), m_runtime->messageCount);
        }
    }
    void times() {
        if (response()) {
            time(QLatin1StringView("CreatedAt"), m_runtime->createdAt);
            time(QLatin1StringView("UpdatedAt"), m_runtime->updatedAt);
            time(QLatin1StringView("AccessedAt"), m_runtime->accessedAt);
        }
    }
    void subscriptionCount() {
        if (response()) {
            number(QLatin1StringView("SubscriptionCount"), m_runtime->subscriptionCount);
        }
    }
    void availability() {
        if (response()) {
            text(QLatin1StringView("EntityAvailabilityStatus"), QStringLiteral("Available"));
        }
    }
    void unknown(const DescriptionExtras& extras) {
        for (const auto& element : extras.unknownElements) {
            element.write(m_writer);
        }
    }
    // Exactly one prefixed declaration and prefixed children: the JS SDK depends on it (§3.5).
    void countDetails() {
        if (!response()) {
            return;
        }
        const MessageCountDetails& counts = m_runtime->counts;
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
    void time(QLatin1StringView name, const QDateTime& value) {
        text(name, XsdDateTime::format(value));
    }

    QXmlStreamWriter& m_writer;
    const EntityRuntimeInfo* m_runtime;
};

// Each writer below follows the schema order of servicebus-management.md §3.0; the request
// order is the response order without the runtime fields, so one function writes both.

void writeQueueIn(Out& out, const QueueDescription& q, const DescriptionExtras& extras) {
    out.open(QLatin1StringView("QueueDescription"));
    out.duration(QLatin1StringView("LockDuration"), q.lockDuration);
    out.number(QLatin1StringView("MaxSizeInMegabytes"), q.maxSizeInMegabytes);
    out.boolean(QLatin1StringView("RequiresDuplicateDetection"), q.requiresDuplicateDetection);
    out.boolean(QLatin1StringView("RequiresSession"), q.requiresSession);
    out.durationUnlessNever(QLatin1StringView("DefaultMessageTimeToLive"),
                            q.defaultMessageTimeToLive);
    out.boolean(QLatin1StringView("DeadLetteringOnMessageExpiration"),
                q.deadLetteringOnMessageExpiration);
    out.duplicateWindow(q.requiresDuplicateDetection, q.duplicateDetectionHistoryTimeWindow);
    out.number(QLatin1StringView("MaxDeliveryCount"), q.maxDeliveryCount);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), q.enableBatchedOperations);
    out.sizeInBytes();
    out.messageCount();
    out.boolean(QLatin1StringView("IsAnonymousAccessible"), false);
    out.authorizationRules(extras);
    out.status(q.status);
    out.textIfSet(QLatin1StringView("ForwardTo"), q.forwardTo);
    out.times();
    out.textIfSet(QLatin1StringView("UserMetadata"), q.userMetadata);
    if (out.response()) {
        out.boolean(QLatin1StringView("SupportOrdering"), true);
    }
    out.countDetails();
    out.durationUnlessNever(QLatin1StringView("AutoDeleteOnIdle"), q.autoDeleteOnIdle);
    out.boolean(QLatin1StringView("EnablePartitioning"), q.enablePartitioning);
    out.availability();
    out.textIfSet(QLatin1StringView("ForwardDeadLetteredMessagesTo"),
                  q.forwardDeadLetteredMessagesTo);
    out.boolean(QLatin1StringView("EnableExpress"), q.enableExpress);
    out.maxMessageSize(q.maxMessageSizeInKilobytes);
    out.unknown(extras);
    out.close();
}

void writeTopicIn(Out& out, const TopicDescription& t, const DescriptionExtras& extras) {
    out.open(QLatin1StringView("TopicDescription"));
    out.durationUnlessNever(QLatin1StringView("DefaultMessageTimeToLive"),
                            t.defaultMessageTimeToLive);
    out.number(QLatin1StringView("MaxSizeInMegabytes"), t.maxSizeInMegabytes);
    out.boolean(QLatin1StringView("RequiresDuplicateDetection"), t.requiresDuplicateDetection);
    out.duplicateWindow(t.requiresDuplicateDetection, t.duplicateDetectionHistoryTimeWindow);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), t.enableBatchedOperations);
    out.sizeInBytes();
    out.boolean(QLatin1StringView("FilteringMessagesBeforePublishing"), false);
    out.boolean(QLatin1StringView("IsAnonymousAccessible"), false);
    out.authorizationRules(extras);
    out.status(t.status);
    out.times();
    out.textIfSet(QLatin1StringView("UserMetadata"), t.userMetadata);
    out.boolean(QLatin1StringView("SupportOrdering"), t.supportOrdering);
    out.countDetails();
    out.subscriptionCount();
    out.durationUnlessNever(QLatin1StringView("AutoDeleteOnIdle"), t.autoDeleteOnIdle);
    out.boolean(QLatin1StringView("EnablePartitioning"), t.enablePartitioning);
    out.availability();
    out.boolean(QLatin1StringView("EnableSubscriptionPartitioning"), false);
    out.boolean(QLatin1StringView("EnableExpress"), t.enableExpress);
    out.maxMessageSize(t.maxMessageSizeInKilobytes);
    out.unknown(extras);
    out.close();
}

void writeSubscriptionIn(Out& out, QXmlStreamWriter& writer, const SubscriptionDescription& s,
                         const std::optional<RuleDescription>& defaultRule,
                         const DescriptionExtras& extras) {
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
    out.messageCount();
    out.number(QLatin1StringView("MaxDeliveryCount"), s.maxDeliveryCount);
    out.boolean(QLatin1StringView("EnableBatchedOperations"), s.enableBatchedOperations);
    out.status(s.status);
    out.textIfSet(QLatin1StringView("ForwardTo"), s.forwardTo);
    out.times();
    out.countDetails();
    out.textIfSet(QLatin1StringView("UserMetadata"), s.userMetadata);
    out.textIfSet(QLatin1StringView("ForwardDeadLetteredMessagesTo"),
                  s.forwardDeadLetteredMessagesTo);
    out.durationUnlessNever(QLatin1StringView("AutoDeleteOnIdle"), s.autoDeleteOnIdle);
    out.availability();
    out.unknown(extras);
    out.close();
}

} // namespace

void DescriptionWriter::writeQueue(QXmlStreamWriter& writer, const QueueDescription& q,
                                   const DescriptionExtras& extras) {
    Out out(writer, nullptr);
    writeQueueIn(out, q, extras);
}

void DescriptionWriter::writeQueue(QXmlStreamWriter& writer, const QueueDescription& q,
                                   const EntityRuntimeInfo& runtime) {
    Out out(writer, &runtime);
    writeQueueIn(out, q, {});
}

void DescriptionWriter::writeTopic(QXmlStreamWriter& writer, const TopicDescription& t,
                                   const DescriptionExtras& extras) {
    Out out(writer, nullptr);
    writeTopicIn(out, t, extras);
}

void DescriptionWriter::writeTopic(QXmlStreamWriter& writer, const TopicDescription& t,
                                   const EntityRuntimeInfo& runtime) {
    Out out(writer, &runtime);
    writeTopicIn(out, t, {});
}

void DescriptionWriter::writeSubscription(QXmlStreamWriter& writer,
                                          const SubscriptionDescription& s,
                                          const std::optional<RuleDescription>& defaultRule,
                                          const DescriptionExtras& extras) {
    Out out(writer, nullptr);
    writeSubscriptionIn(out, writer, s, defaultRule, extras);
}

void DescriptionWriter::writeSubscription(QXmlStreamWriter& writer,
                                          const SubscriptionDescription& s,
                                          const EntityRuntimeInfo& runtime) {
    Out out(writer, &runtime);
    writeSubscriptionIn(out, writer, s, std::nullopt, {});
}

void DescriptionWriter::writeRule(QXmlStreamWriter& writer, const RuleDescription& rule,
                                  DescriptionOrder order) {
    Out out(writer, nullptr);
    out.open(QLatin1StringView("RuleDescription"));
    RuleXml::writeRuleBody(writer, rule, order == DescriptionOrder::Response);
    out.close();
}

} // namespace busbar
