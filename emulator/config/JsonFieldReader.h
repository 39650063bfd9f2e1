#pragma once

// Internal to emulator/config: typed reads of Config.json values for ConfigLoader.

#include "core/admin/EntityValidator.h"
#include "core/admin/XsdDuration.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QStringList>

#include <span>
#include <variant>

namespace busbar::emulator {

inline QString jsonTypeName(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// One property of a description in Config.json: its key and the member it sets. A table of
// these per entity kind gives both the known keys and the reads, so they cannot diverge.
template <typename Description>
struct ConfigProperty {
    QLatin1StringView key;
    std::variant<bool Description::*, int Description::*, qint64 Description::*,
                 Milliseconds Description::*, QString Description::*, EntityStatus Description::*>
        member;
};

// Reads typed Config.json properties and collects every problem with its JSON path, so
// one run of the loader lists them all instead of stopping at the first.
class JsonFieldReader {
public:
    QStringList problems;

    void problem(const QString& path, const QString& text) {
        problems.append(path + QStringLiteral(": ") + text);
    }

    bool expect(const QJsonValue& value, QJsonValue::Type type, const QString& path,
                const QString& what) {
        if (value.type() == type) {
            return true;
        }
        problem(path, QStringLiteral("expected %1, got %2").arg(what, jsonTypeName(value)));
        return false;
    }

    // Flags keys that are not in `known`: a typo would otherwise silently keep a default.
    void checkKeys(const QJsonObject& object, const QStringList& known, const QString& path) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!known.contains(it.key())) {
                problem(path + u'.' + it.key(), QStringLiteral("unknown property (known here: %1)")
                                                    .arg(known.join(QStringLiteral(", "))));
            }
        }
    }

    void readBool(const QJsonObject& o, const QString& key, const QString& path, bool& target) {
        if (!o.contains(key)) {
            return;
        }
        if (expect(o.value(key), QJsonValue::Bool, path + u'.' + key,
                   QStringLiteral("true or false"))) {
            target = o.value(key).toBool();
        }
    }

    template <typename Int>
    void readInt(const QJsonObject& o, const QString& key, const QString& path, Int& target) {
        if (!o.contains(key)) {
            return;
        }
        const QJsonValue value = o.value(key);
        const double number = value.toDouble();
        if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number)) ||
            number < static_cast<double>(std::numeric_limits<Int>::min()) ||
            number > static_cast<double>(std::numeric_limits<Int>::max())) {
            problem(path + u'.' + key,
                    QStringLiteral("expected an integer, got %1").arg(jsonTypeName(value)));
            return;
        }
        target = static_cast<Int>(number);
    }

    void readString(const QJsonObject& o, const QString& key, const QString& path,
                    QString& target) {
        if (!o.contains(key)) {
            return;
        }
        if (expect(o.value(key), QJsonValue::String, path + u'.' + key,
                   QStringLiteral("a string"))) {
            target = o.value(key).toString();
        }
    }

    void readDuration(const QJsonObject& o, const QString& key, const QString& path,
                      Milliseconds& target) {
        if (!o.contains(key)) {
            return;
        }
        if (!expect(o.value(key), QJsonValue::String, path + u'.' + key,
                    QStringLiteral("an xs:duration string"))) {
            return;
        }
        const auto parsed = XsdDuration::parse(o.value(key).toString());
        if (!parsed) {
            problem(path + u'.' + key, parsed.error().message);
            return;
        }
        target = *parsed;
    }

    void readStatus(const QJsonObject& o, const QString& path, EntityStatus& target) {
        QString text;
        readString(o, QStringLiteral("Status"), path, text);
        if (text.isEmpty()) {
            return;
        }
        const std::pair<QLatin1StringView, EntityStatus> known[] = {
            {QLatin1StringView("Active"), EntityStatus::Active},
            {QLatin1StringView("Disabled"), EntityStatus::Disabled},
            {QLatin1StringView("SendDisabled"), EntityStatus::SendDisabled},
            {QLatin1StringView("ReceiveDisabled"), EntityStatus::ReceiveDisabled},
        };
        for (const auto& [name, status] : known) {
            if (text.compare(name, Qt::CaseInsensitive) == 0) {
                target = status;
                return;
            }
        }
        problem(path + QStringLiteral(".Status"),
                QStringLiteral("'%1' is not one of Active, Disabled, SendDisabled, ReceiveDisabled")
                    .arg(text));
    }

    // Checks the keys of `props` against `table` (and `moreKeys`), then reads every property of
    // `table`, in its order, into `target`.
    template <typename Description>
    void readProperties(const QJsonObject& props, const QString& path,
                        std::span<const ConfigProperty<Description>> table, Description& target,
                        const QStringList& moreKeys = {}) {
        QStringList known;
        for (const auto& property : table) {
            known.append(QString(property.key));
        }
        known.append(moreKeys);
        checkKeys(props, known, path);
        for (const auto& property : table) {
            std::visit(
                [&](auto member) { read(props, QString(property.key), path, target.*member); },
                property.member);
        }
    }

    void read(const QJsonObject& o, const QString& key, const QString& path, bool& target) {
        readBool(o, key, path, target);
    }
    void read(const QJsonObject& o, const QString& key, const QString& path, int& target) {
        readInt(o, key, path, target);
    }
    void read(const QJsonObject& o, const QString& key, const QString& path, qint64& target) {
        readInt(o, key, path, target);
    }
    void read(const QJsonObject& o, const QString& key, const QString& path, Milliseconds& target) {
        readDuration(o, key, path, target);
    }
    void read(const QJsonObject& o, const QString& key, const QString& path, QString& target) {
        readString(o, key, path, target);
    }
    void read(const QJsonObject& o, const QString& /*key: always Status*/, const QString& path,
              EntityStatus& target) {
        readStatus(o, path, target);
    }

    // Calls `read(object, elementPath)` for each element of the array `key` that is an object
    // (the others are problems).
    template <typename Read>
    void forEachObject(const QJsonObject& o, const QString& key, const QString& path, bool required,
                       Read read) {
        const QJsonArray elements = array(o, key, path, required);
        for (qsizetype i = 0; i < elements.size(); ++i) {
            const QString at = path + QStringLiteral(".%1[%2]").arg(key).arg(i);
            if (expect(elements.at(i), QJsonValue::Object, at, QStringLiteral("an object"))) {
                read(elements.at(i).toObject(), at);
            }
        }
    }

    // A name that `bad` (a validator's verdict, empty when fine) refuses.
    void checkName(const QString& name, const QString& bad, const QString& path) {
        if (!name.isEmpty() && !bad.isEmpty()) {
            problem(path + QStringLiteral(".Name"), QStringLiteral("'%1': %2").arg(name, bad));
        }
    }

    // Names are case-insensitive: a second one differing only in case is the same name.
    void checkUnique(QSet<QString>& seen, const QString& name, const QString& path) {
        const QString key = name.toLower();
        if (!key.isEmpty() && seen.contains(key)) {
            problem(path + QStringLiteral(".Name"),
                    QStringLiteral("'%1' is listed twice").arg(name));
        }
        seen.insert(key);
    }

    void limits(const QList<FieldProblem>& found, const QString& propertiesPath) {
        for (const auto& p : found) {
            problems.append(p.messageAt(propertiesPath));
        }
    }

    QString readName(const QJsonObject& o, const QString& path) {
        if (!o.contains(QStringLiteral("Name"))) {
            problem(path, QStringLiteral("\"Name\" is required"));
            return {};
        }
        QString name;
        readString(o, QStringLiteral("Name"), path, name);
        return name;
    }

    QJsonObject properties(const QJsonObject& o, const QString& path) {
        if (!o.contains(QStringLiteral("Properties"))) {
            return {};
        }
        const QJsonValue value = o.value(QStringLiteral("Properties"));
        if (!expect(value, QJsonValue::Object, path + QStringLiteral(".Properties"),
                    QStringLiteral("an object"))) {
            return {};
        }
        return value.toObject();
    }

    QJsonArray array(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        if (!o.contains(key)) {
            if (required) {
                problem(path, QStringLiteral("\"%1\" is required").arg(key));
            }
            return {};
        }
        if (!expect(o.value(key), QJsonValue::Array, path + u'.' + key,
                    QStringLiteral("an array"))) {
            return {};
        }
        return o.value(key).toArray();
    }
};

} // namespace busbar::emulator
