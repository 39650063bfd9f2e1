#include "core/jobs/MessageSelection.h"

#include "core/filter/MessageFilterContext.h"

#include <QJsonArray>

namespace busbar {

namespace {

QString modeName(MessageSelection::Mode mode) {
    switch (mode) {
    case MessageSelection::Mode::SequenceNumbers:
        return QStringLiteral("sequenceNumbers");
    case MessageSelection::Mode::Filter:
        return QStringLiteral("filter");
    case MessageSelection::Mode::All:
        break;
    }
    return QStringLiteral("all");
}

} // namespace

QJsonObject MessageSelection::toJson() const {
    QJsonObject json{{QStringLiteral("mode"), modeName(mode)}};
    if (mode == Mode::SequenceNumbers) {
        QJsonArray numbers;
        for (qint64 n : sequenceNumbers) {
            numbers.append(n);
        }
        json.insert(QStringLiteral("sequenceNumbers"), numbers);
    }
    if (deadLetterReason) {
        json.insert(QStringLiteral("deadLetterReason"), *deadLetterReason);
    }
    if (enqueuedFrom) {
        json.insert(QStringLiteral("enqueuedFrom"),
                    enqueuedFrom->toUTC().toString(Qt::ISODateWithMs));
    }
    if (enqueuedBefore) {
        json.insert(QStringLiteral("enqueuedBefore"),
                    enqueuedBefore->toUTC().toString(Qt::ISODateWithMs));
    }
    if (!sql.isEmpty()) {
        json.insert(QStringLiteral("sql"), sql);
    }
    if (!text.isEmpty()) {
        json.insert(QStringLiteral("text"), text);
    }
    return json;
}

MessageSelection MessageSelection::fromJson(const QJsonObject& json) {
    MessageSelection s;
    const QString mode = json.value(QLatin1String("mode")).toString();
    if (mode == QLatin1String("sequenceNumbers")) {
        s.mode = Mode::SequenceNumbers;
    } else if (mode == QLatin1String("filter")) {
        s.mode = Mode::Filter;
    }
    for (const QJsonValue& n : json.value(QLatin1String("sequenceNumbers")).toArray()) {
        s.sequenceNumbers.append(n.toInteger());
    }
    if (json.contains(QLatin1String("deadLetterReason"))) {
        s.deadLetterReason = json.value(QLatin1String("deadLetterReason")).toString();
    }
    const auto time = [&json](const char* key) -> std::optional<QDateTime> {
        const QString text = json.value(QLatin1String(key)).toString();
        if (text.isEmpty()) {
            return std::nullopt;
        }
        return QDateTime::fromString(text, Qt::ISODateWithMs);
    };
    s.enqueuedFrom = time("enqueuedFrom");
    s.enqueuedBefore = time("enqueuedBefore");
    s.sql = json.value(QLatin1String("sql")).toString();
    s.text = json.value(QLatin1String("text")).toString();
    return s;
}

Result<MessageMatcher> MessageMatcher::create(const MessageSelection& selection) {
    MessageMatcher matcher;
    matcher.m_selection = selection;
    for (qint64 n : selection.sequenceNumbers) {
        matcher.m_sequenceNumbers.insert(n);
    }
    if (selection.mode == MessageSelection::Mode::Filter && !selection.sql.trimmed().isEmpty()) {
        Result<SqlFilter> parsed = SqlFilter::parse(selection.sql);
        if (!parsed) {
            return fail(parsed.error());
        }
        matcher.m_sql = *parsed;
    }
    return matcher;
}

bool MessageMatcher::matches(const ServiceBusMessage& message) const {
    switch (m_selection.mode) {
    case MessageSelection::Mode::All:
        return true;
    case MessageSelection::Mode::SequenceNumbers:
        return m_sequenceNumbers.contains(message.sequenceNumber);
    case MessageSelection::Mode::Filter:
        break;
    }
    const MessageSelection& s = m_selection;
    if (s.deadLetterReason && message.deadLetterReason != *s.deadLetterReason) {
        return false;
    }
    if (s.enqueuedFrom && (!message.enqueuedTime || *message.enqueuedTime < *s.enqueuedFrom)) {
        return false;
    }
    if (s.enqueuedBefore && (!message.enqueuedTime || *message.enqueuedTime >= *s.enqueuedBefore)) {
        return false;
    }
    if (!s.text.isEmpty()) {
        const bool found =
            message.messageId().contains(s.text, Qt::CaseInsensitive) ||
            message.amqp.properties.subject.contains(s.text, Qt::CaseInsensitive) ||
            QString::fromUtf8(message.amqp.dataPayload()).contains(s.text, Qt::CaseInsensitive);
        if (!found) {
            return false;
        }
    }
    if (m_sql) {
        QString error;
        if (m_sql->evaluate(filterContextFromMessage(message.amqp), &error) !=
            FilterOutcome::Match) {
            return false;
        }
    }
    return true;
}

qint64 MessageMatcher::knownCount() const {
    return isExplicit() ? m_sequenceNumbers.size() : -1;
}

} // namespace busbar
