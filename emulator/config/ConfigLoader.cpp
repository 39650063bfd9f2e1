// Config.json as a whole: the UserConfig, its namespaces (shared access policies, names and
// forwarding targets across entities) and the file's text; each entity is read by
// ConfigEntityReader.
#include "emulator/config/ConfigLoader.h"

#include "emulator/config/ConfigEntityReader.h"

#include <QFile>
#include <QJsonDocument>

namespace busbar::emulator {

namespace {

class NamespaceReader final : public ConfigEntityReader {
public:
    QList<SasRule> readPolicies(const QJsonObject& ns, const QString& path);
    NamespaceConfig readNamespace(const QJsonObject& o, const QString& path);
};

QList<SasRule> NamespaceReader::readPolicies(const QJsonObject& ns, const QString& path) {
    QList<SasRule> rules;
    forEachObject(
        ns, QStringLiteral("SharedAccessPolicies"), path, true,
        [&](const QJsonObject& o, const QString& pp) {
            checkKeys(o, {QStringLiteral("Name"), QStringLiteral("Key"), QStringLiteral("Rights")},
                      pp);
            SasRule rule{readName(o, pp), {}, false, false, false};
            readString(o, QStringLiteral("Key"), pp, rule.key);
            if (rule.key.isEmpty()) {
                problem(pp + QStringLiteral(".Key"), QStringLiteral("a non-empty key is required"));
            }
            const QJsonArray rights = array(o, QStringLiteral("Rights"), pp, true);
            for (const auto& right : rights) {
                const QString text = right.toString();
                if (text == u"Listen") {
                    rule.listen = true;
                } else if (text == u"Send") {
                    rule.send = true;
                } else if (text == u"Manage") {
                    rule.manage = rule.send = rule.listen = true; // Manage implies the others
                } else {
                    problem(pp + QStringLiteral(".Rights"),
                            QStringLiteral("'%1' is not one of Listen, Send, Manage").arg(text));
                }
            }
            rules.append(rule);
        });
    return rules;
}

NamespaceConfig NamespaceReader::readNamespace(const QJsonObject& o, const QString& path) {
    checkKeys(o,
              {QStringLiteral("Name"), QStringLiteral("Queues"), QStringLiteral("Topics"),
               QStringLiteral("SharedAccessPolicies")},
              path);
    forwardingTargets.clear(); // this namespace's own, filled as its entities are read
    NamespaceConfig ns;
    if (const QString name = readName(o, path); !name.isEmpty()) {
        ns.name = name;
    }
    if (o.contains(QStringLiteral("SharedAccessPolicies"))) {
        ns.sasRules = readPolicies(o, path);
    }
    // Lower-case name -> JSON path: queues and topics share one name space.
    QHash<QString, QString> entityPaths;
    const auto claim = [&](const QString& name, const QString& at) {
        if (name.isEmpty()) {
            return;
        }
        if (entityPaths.contains(name.toLower())) {
            problem(at + QStringLiteral(".Name"),
                    QStringLiteral("'%1' is already used by %2")
                        .arg(name, entityPaths.value(name.toLower())));
            return;
        }
        entityPaths.insert(name.toLower(), at);
    };
    forEachObject(o, QStringLiteral("Queues"), path, false,
                  [&](const QJsonObject& queue, const QString& at) {
                      ns.queues.append(readQueue(queue, at));
                      claim(ns.queues.last().name, at);
                  });
    forEachObject(o, QStringLiteral("Topics"), path, false,
                  [&](const QJsonObject& topic, const QString& at) {
                      ns.topics.append(readTopic(topic, at));
                      claim(ns.topics.last().description.name, at);
                  });
    // Forwarding targets must exist in the same namespace (queues or topics).
    for (const ForwardingTarget& target : std::as_const(forwardingTargets)) {
        if (!entityPaths.contains(target.name.toLower())) {
            problem(
                target.path,
                QStringLiteral("'%1' is not a queue or topic of this namespace").arg(target.name));
        }
    }
    return ns;
}

// Line and column of a byte offset, for JSON syntax errors.
QString position(const QByteArray& text, qsizetype offset) {
    const QByteArray before = text.left(offset);
    const auto line = before.count('\n') + 1;
    const auto column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace

QByteArray stripJsonComments(const QByteArray& json) {
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < json.size()) {
                out.append(json[++i]);
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            out.append(c);
        } else if (c == '/' && i + 1 < json.size() && json[i + 1] == '/') {
            while (i < json.size() && json[i] != '\n') {
                ++i;
            }
            if (i < json.size()) {
                out.append('\n');
            }
        } else if (c == '/' && i + 1 < json.size() && json[i + 1] == '*') {
            i += 2;
            while (i < json.size() &&
                   !(json[i] == '*' && i + 1 < json.size() && json[i + 1] == '/')) {
                out.append(json[i] == '\n' ? '\n' : ' ');
                ++i;
            }
            ++i; // the closing '/'
        } else {
            out.append(c);
        }
    }
    return out;
}

Result<EmulatorConfig> loadEmulatorConfigFromBytes(const QByteArray& json) {
    const QByteArray clean = stripJsonComments(json);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(clean, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The config is not valid JSON: %1 at %2.")
                        .arg(parseError.errorString(), position(clean, parseError.offset)));
    }
    NamespaceReader reader;
    EmulatorConfig config;
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(QStringLiteral("UserConfig")).isObject()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("UserConfig: required object is missing."));
    }
    const QJsonObject user = root.value(QStringLiteral("UserConfig")).toObject();
    const QString userPath = QStringLiteral("UserConfig");
    reader.checkKeys(user, {QStringLiteral("Namespaces"), QStringLiteral("Logging")}, userPath);
    if (user.contains(QStringLiteral("Logging"))) {
        const QString type = user.value(QStringLiteral("Logging"))
                                 .toObject()
                                 .value(QStringLiteral("Type"))
                                 .toString();
        static const QStringList kLogging{QStringLiteral("File"), QStringLiteral("Console"),
                                          QStringLiteral("File,Console"),
                                          QStringLiteral("Console,File")};
        if (!kLogging.contains(type)) {
            reader.problem(QStringLiteral("UserConfig.Logging.Type"),
                           QStringLiteral("'%1' is not one of %2")
                               .arg(type, kLogging.join(QStringLiteral(", "))));
        }
    }
    const QJsonArray namespaces = reader.array(user, QStringLiteral("Namespaces"), userPath, true);
    if (user.contains(QStringLiteral("Namespaces")) && namespaces.isEmpty()) {
        reader.problem(QStringLiteral("UserConfig.Namespaces"),
                       QStringLiteral("at least one namespace is required"));
    }
    QSet<QString> names;
    for (qsizetype i = 0; i < namespaces.size(); ++i) {
        const QString np = QStringLiteral("UserConfig.Namespaces[%1]").arg(i);
        if (!reader.expect(namespaces.at(i), QJsonValue::Object, np, QStringLiteral("an object"))) {
            continue;
        }
        NamespaceConfig ns = reader.readNamespace(namespaces.at(i).toObject(), np);
        reader.checkUnique(names, ns.name, np);
        config.namespaces.append(ns);
    }
    if (!reader.problems.isEmpty()) {
        return fail(ErrorCode::InvalidInput, reader.problems.join(u'\n'));
    }
    return config;
}

Result<EmulatorConfig> loadEmulatorConfig(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("Cannot read the config file %1: %2.").arg(path, file.errorString()));
    }
    auto config = loadEmulatorConfigFromBytes(file.readAll());
    if (!config) {
        Error error = config.error();
        error.message = path + QStringLiteral(":\n") + error.message;
        return fail(error);
    }
    return config;
}

} // namespace busbar::emulator
