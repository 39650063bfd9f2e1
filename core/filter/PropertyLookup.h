#pragma once

#include <QLatin1String>
#include <QString>
#include <QVariantMap>

namespace busbar::sql {

// A system property the language knows (§5.2), by its SQL name.
struct SystemProperty {
    QLatin1String name;
    QLatin1String alias;   // "Subject" for "Label"; empty otherwise
    bool settable = false; // a SqlRuleAction may SET/REMOVE it (§5.7)
    bool isString = false; // SET converts numbers to text for these
};

// The known system property called `name` (case-insensitive, alias included), or nullptr.
[[nodiscard]] const SystemProperty* findSystemProperty(const QString& name);

// Finds `name` (or `alias`) in `map`: the exact key first, then ignoring case.
[[nodiscard]] QVariantMap::const_iterator findProperty(const QVariantMap& map, const QString& name,
                                                       QLatin1String alias = {});

// The key under which `name` is stored in `map` (any case, alias included), or `name`.
[[nodiscard]] QString existingKey(const QVariantMap& map, const QString& name,
                                  QLatin1String alias = {});

} // namespace busbar::sql
