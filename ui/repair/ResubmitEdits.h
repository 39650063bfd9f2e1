#pragma once

#include "core/common/Result.h"
#include "core/jobs/ResubmitJob.h"
#include "ui/send/TypedProperty.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace busbar {

struct OutgoingMessage;

// What the user changed in the resubmit dialog, kept as data in JobDescription::options
// ("edits") rather than only in a closure, so a job resumed after a crash applies exactly the
// same edits to the messages it still has to send. Applied to every copy the job sends; the
// dialog offers body and per-message properties only when one message is selected.
struct ResubmitEdits {
    // The key under which the edits sit in JobDescription::options.
    static const QString kOptionsKey;

    // Replaces the body; the original section kind is kept (an amqp-value string body stays
    // one, everything else becomes one data section).
    std::optional<QByteArray> body;
    bool bodyAsValue = false;
    // System properties to set, by name: "subject", "contentType", "correlationId", "to",
    // "replyTo", "replyToSessionId", "sessionId", "timeToLive" (milliseconds). An empty
    // value clears the property.
    QMap<QString, QString> systemProperties;
    QList<TypedProperty> setProperties; // added or replaced, typed
    QStringList removeProperties;       // application properties removed

    [[nodiscard]] bool isEmpty() const;
    // Every typed value parses and every system property is known; the first problem, in words.
    [[nodiscard]] VoidResult validate() const;
    void apply(OutgoingMessage& message) const;
    // A hook for ResubmitJob::setEditHook holding a copy of these edits.
    [[nodiscard]] ResubmitJob::EditHook hook() const;

    [[nodiscard]] QJsonObject toJson() const;
    static ResubmitEdits fromJson(const QJsonObject& json);

    // For resuming: installs the edits stored in a resubmit job's description options (no
    // hook when there are none). The one place a job gets its edits, new or resumed.
    static void install(ResubmitJob& job, const QJsonObject& descriptionOptions);

    static QStringList systemPropertyNames();
};

} // namespace busbar
