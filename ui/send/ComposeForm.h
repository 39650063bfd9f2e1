#pragma once

#include "ui/send/BodyValidator.h"
#include "ui/send/TypedProperty.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace busbar {

enum class SendMode { Once, Copies, FolderFiles };

// Everything the compose dialog collects, as the user wrote it: the widget fills it, the
// builder turns it into messages and templates save it. Plain data, no widgets.
struct ComposeForm {
    BodyMode bodyMode = BodyMode::Text;
    QString bodyText; // Text, JSON, XML
    QString bodyFile; // BinaryFile: the file whose bytes are the body
    QString contentType;
    QString messageId;
    QString correlationId;
    QString subject;
    QString to;
    QString replyTo;
    QString replyToSessionId;
    QString sessionId;
    QString partitionKey;
    QString timeToLive; // human duration text (DurationText); empty = the entity's default
    std::optional<QDateTime> scheduledEnqueueTime;
    QList<TypedProperty> properties;

    SendMode sendMode = SendMode::Once;
    int copies = 1;    // SendMode::Copies
    QString idPattern; // SendMode::Copies: "order-{n}", "{uuid}"; empty keeps messageId
    QString folder;    // SendMode::FolderFiles: one message per regular file, by name
};

} // namespace busbar
