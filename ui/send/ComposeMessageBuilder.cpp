#include "ui/send/ComposeMessageBuilder.h"

#include "ui/entities/DurationText.h"
#include "ui/send/MessageIdPattern.h"

#include <QDir>
#include <QFile>

namespace busbar {

Result<OutgoingMessage> ComposeMessageBuilder::buildOne(const ComposeForm& form,
                                                        const QByteArray& body) {
    const BodyProblem problem = BodyValidator::check(form.bodyMode, body);
    if (!problem.isValid()) {
        return fail(ErrorCode::InvalidInput, problem.message);
    }
    OutgoingMessage message;
    message.body = body;
    message.contentType = form.contentType.trimmed();
    message.messageId = form.messageId;
    message.correlationId = form.correlationId;
    message.subject = form.subject;
    message.to = form.to;
    message.replyTo = form.replyTo;
    message.replyToSessionId = form.replyToSessionId;
    message.sessionId = form.sessionId;
    message.partitionKey = form.partitionKey;
    if (!form.timeToLive.trimmed().isEmpty()) {
        const auto ttl = DurationText::parse(form.timeToLive);
        if (!ttl) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Time to live: %1").arg(ttl.error().message));
        }
        if (*ttl < kDurationNever) {
            message.timeToLive = *ttl;
        }
    }
    if (form.scheduledEnqueueTime && form.scheduledEnqueueTime->isValid()) {
        message.scheduledEnqueueTime = form.scheduledEnqueueTime->toUTC();
    }
    for (const TypedProperty& property : form.properties) {
        if (property.name.trimmed().isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("An application property has no name."));
        }
        auto value = property.typedValue();
        if (!value) {
            return fail(value.error());
        }
        message.setApplicationProperty(property.name.trimmed(), *value);
    }
    return message;
}

Result<QList<OutgoingMessage>> ComposeMessageBuilder::build(const ComposeForm& form) {
    QList<OutgoingMessage> messages;
    if (form.sendMode == SendMode::FolderFiles) {
        const QDir dir(form.folder);
        if (form.folder.isEmpty() || !dir.exists()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Choose a folder whose files become the messages."));
        }
        const QStringList files = dir.entryList(QDir::Files | QDir::Readable, QDir::Name);
        if (files.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("The folder '%1' has no files.").arg(form.folder));
        }
        if (files.size() > kMaxMessages) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("The folder has %1 files; at most %2 can be sent at once.")
                            .arg(files.size())
                            .arg(kMaxMessages));
        }
        for (const QString& name : files) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::ReadOnly)) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Cannot read '%1': %2").arg(name, file.errorString()));
            }
            auto message = buildOne(form, file.readAll());
            if (!message) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("%1: %2").arg(name, message.error().message));
            }
            if (message->messageId.isEmpty()) {
                message->messageId = name;
            }
            messages.append(*message);
        }
        return messages;
    }

    QByteArray body;
    if (form.bodyMode == BodyMode::BinaryFile) {
        QFile file(form.bodyFile);
        if (form.bodyFile.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Choose a readable file for the binary body."));
        }
        body = file.readAll();
    } else {
        body = form.bodyText.toUtf8();
    }
    auto first = buildOne(form, body);
    if (!first) {
        return fail(first.error());
    }
    if (form.sendMode == SendMode::Once) {
        messages.append(*first);
        return messages;
    }
    if (form.copies < 1 || form.copies > kMaxMessages) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("The number of copies must be between 1 and %1.").arg(kMaxMessages));
    }
    messages.reserve(form.copies);
    for (int n = 1; n <= form.copies; ++n) {
        OutgoingMessage copy = *first;
        if (!form.idPattern.isEmpty()) {
            copy.messageId = MessageIdPattern::expand(form.idPattern, n);
        }
        messages.append(copy);
    }
    return messages;
}

} // namespace busbar
