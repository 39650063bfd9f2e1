#pragma once

#include "core/common/Result.h"
#include "core/filter/SqlFilter.h"
#include "core/servicebus/ServiceBusMessage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace busbar {

// Which messages of a queue a bulk job acts on: explicit sequence numbers, everything, or
// a filter. Every filter part that is set must match (AND).
struct MessageSelection {
    enum class Mode { All, SequenceNumbers, Filter };

    Mode mode = Mode::All;
    QList<qint64> sequenceNumbers;
    std::optional<QString> deadLetterReason; // exact
    std::optional<QDateTime> enqueuedFrom;   // inclusive
    std::optional<QDateTime> enqueuedBefore; // exclusive
    QString sql;                             // SQL filter over the message (core/filter)
    QString text; // case-insensitive, in the message id, subject or UTF-8 body

    static MessageSelection all() { return {}; }
    static MessageSelection of(QList<qint64> sequenceNumbers) {
        MessageSelection s;
        s.mode = Mode::SequenceNumbers;
        s.sequenceNumbers = std::move(sequenceNumbers);
        return s;
    }

    [[nodiscard]] QJsonObject toJson() const;
    static MessageSelection fromJson(const QJsonObject& json);
};

// A selection ready to test messages (the SQL parsed once).
class MessageMatcher final {
public:
    static Result<MessageMatcher> create(const MessageSelection& selection);

    [[nodiscard]] bool matches(const ServiceBusMessage& message) const;
    // Explicit selections know their size up front; -1 otherwise.
    [[nodiscard]] qint64 knownCount() const;
    [[nodiscard]] bool isExplicit() const {
        return m_selection.mode == MessageSelection::Mode::SequenceNumbers;
    }
    [[nodiscard]] const QSet<qint64>& sequenceNumbers() const { return m_sequenceNumbers; }

private:
    MessageSelection m_selection;
    QSet<qint64> m_sequenceNumbers;
    std::optional<SqlFilter> m_sql;
};

} // namespace busbar
