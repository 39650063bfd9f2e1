#include "ui/send/ComposeTemplates.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace busbar {

namespace {

const QStringList& bodyModeNames() {
    static const QStringList names{QStringLiteral("text"), QStringLiteral("json"),
                                   QStringLiteral("xml"), QStringLiteral("binary")};
    return names;
}

const QStringList& sendModeNames() {
    static const QStringList names{QStringLiteral("once"), QStringLiteral("copies"),
                                   QStringLiteral("folder")};
    return names;
}

// File names come from the template name; keep them portable and inside the folder.
QString fileNameFor(const QString& name) {
    QString safe;
    for (const QChar c : name) {
        safe += (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
                 c == QLatin1Char(' '))
                    ? c
                    : QLatin1Char('_');
    }
    return safe + QStringLiteral(".json");
}

} // namespace

ComposeTemplates::ComposeTemplates(QString directory)
    : m_directory(std::move(directory)) {
    if (m_directory.isEmpty()) {
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/templates");
    }
}

QString ComposeTemplates::pathOf(const QString& name) const {
    return QDir(m_directory).filePath(fileNameFor(name));
}

QStringList ComposeTemplates::names() const {
    QStringList result;
    const QDir dir(m_directory);
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
        const QString name = json.value(QStringLiteral("name")).toString();
        result.append(name.isEmpty() ? file.chopped(5) : name);
    }
    return result;
}

VoidResult ComposeTemplates::save(const QString& name, const ComposeForm& form) const {
    if (name.trimmed().isEmpty()) {
        return fail(ErrorCode::InvalidInput, QStringLiteral("A template needs a name."));
    }
    if (!QDir().mkpath(m_directory)) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("Cannot create the folder '%1'.").arg(m_directory));
    }
    QJsonObject json = toJson(form);
    json.insert(QStringLiteral("name"), name.trimmed());
    QSaveFile file(pathOf(name.trimmed()));
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("Cannot save the template: %1").arg(file.errorString()));
    }
    file.write(QJsonDocument(json).toJson());
    if (!file.commit()) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("Cannot save the template: %1").arg(file.errorString()));
    }
    return {};
}

Result<ComposeForm> ComposeTemplates::load(const QString& name) const {
    QFile file(pathOf(name.trimmed()));
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::EntityNotFound,
                    QStringLiteral("There is no template named '%1'.").arg(name));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The template '%1' is not valid JSON.").arg(name));
    }
    return fromJson(document.object());
}

VoidResult ComposeTemplates::remove(const QString& name) const {
    if (!QFile::remove(pathOf(name.trimmed()))) {
        return fail(ErrorCode::EntityNotFound,
                    QStringLiteral("There is no template named '%1'.").arg(name));
    }
    return {};
}

QJsonObject ComposeTemplates::toJson(const ComposeForm& form) {
    QJsonObject json;
    json.insert(QStringLiteral("bodyMode"), bodyModeNames().value(int(form.bodyMode)));
    json.insert(QStringLiteral("body"), form.bodyText);
    json.insert(QStringLiteral("bodyFile"), form.bodyFile);
    const std::pair<const char*, const QString*> fields[] = {
        {"contentType", &form.contentType},
        {"messageId", &form.messageId},
        {"correlationId", &form.correlationId},
        {"subject", &form.subject},
        {"to", &form.to},
        {"replyTo", &form.replyTo},
        {"replyToSessionId", &form.replyToSessionId},
        {"sessionId", &form.sessionId},
        {"partitionKey", &form.partitionKey},
        {"timeToLive", &form.timeToLive}};
    for (const auto& [key, value] : fields) {
        if (!value->isEmpty()) {
            json.insert(QLatin1String(key), *value);
        }
    }
    if (form.scheduledEnqueueTime) {
        json.insert(QStringLiteral("scheduledEnqueueTime"),
                    form.scheduledEnqueueTime->toUTC().toString(Qt::ISODateWithMs));
    }
    QJsonArray properties;
    for (const TypedProperty& property : form.properties) {
        properties.append(
            QJsonObject{{QStringLiteral("name"), property.name},
                        {QStringLiteral("type"), TypedProperty::typeName(property.type)},
                        {QStringLiteral("value"), property.value}});
    }
    json.insert(QStringLiteral("applicationProperties"), properties);
    json.insert(QStringLiteral("sendMode"), sendModeNames().value(int(form.sendMode)));
    json.insert(QStringLiteral("copies"), form.copies);
    json.insert(QStringLiteral("idPattern"), form.idPattern);
    json.insert(QStringLiteral("folder"), form.folder);
    return json;
}

Result<ComposeForm> ComposeTemplates::fromJson(const QJsonObject& json) {
    ComposeForm form;
    const auto text = [&](const char* key) {
        return json.value(QLatin1String(key)).toString();
    };
    const qsizetype bodyMode = bodyModeNames().indexOf(text("bodyMode"));
    if (bodyMode < 0 && json.contains(QStringLiteral("bodyMode"))) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Unknown body mode '%1'.").arg(text("bodyMode")));
    }
    form.bodyMode = bodyMode < 0 ? BodyMode::Text : BodyMode(bodyMode);
    form.bodyText = text("body");
    form.bodyFile = text("bodyFile");
    form.contentType = text("contentType");
    form.messageId = text("messageId");
    form.correlationId = text("correlationId");
    form.subject = text("subject");
    form.to = text("to");
    form.replyTo = text("replyTo");
    form.replyToSessionId = text("replyToSessionId");
    form.sessionId = text("sessionId");
    form.partitionKey = text("partitionKey");
    form.timeToLive = text("timeToLive");
    if (json.contains(QStringLiteral("scheduledEnqueueTime"))) {
        const QDateTime at = QDateTime::fromString(text("scheduledEnqueueTime"), Qt::ISODateWithMs);
        if (!at.isValid()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("The scheduled enqueue time is not a date and time."));
        }
        form.scheduledEnqueueTime = at;
    }
    for (const QJsonValue& value : json.value(QStringLiteral("applicationProperties")).toArray()) {
        const QJsonObject object = value.toObject();
        const auto type =
            TypedProperty::typeFromName(object.value(QStringLiteral("type")).toString());
        if (!type) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Property '%1' has an unknown type.")
                            .arg(object.value(QStringLiteral("name")).toString()));
        }
        form.properties.append(TypedProperty{object.value(QStringLiteral("name")).toString(), *type,
                                             object.value(QStringLiteral("value")).toString()});
    }
    const qsizetype sendMode = sendModeNames().indexOf(text("sendMode"));
    form.sendMode = sendMode < 0 ? SendMode::Once : SendMode(sendMode);
    form.copies = json.value(QStringLiteral("copies")).toInt(1);
    form.idPattern = text("idPattern");
    form.folder = text("folder");
    return form;
}

} // namespace busbar
