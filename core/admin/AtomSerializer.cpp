// AtomSerializer's writing half: request bodies (client) and response bodies (emulator). The
// parsing half is in AtomSerializerParse.cpp.
#include "core/admin/AtomSerializer.h"

#include "core/admin/AtomNamespaces.h"
#include "core/admin/DescriptionWriter.h"
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

} // namespace busbar
