#pragma once

#include "core/common/Result.h"
#include "core/filter/FilterContext.h"

#include <QString>
#include <QVariantMap>

#include <memory>

namespace busbar {

namespace sql {
struct ActionStatement;
}

// A parsed SqlRuleAction (servicebus-management.md §5.7): `SET x = expr`, `REMOVE y`,
// separated by optional `;`. Copies share the parsed statements.
class SqlRuleAction final {
public:
    // A default-constructed action changes nothing.
    SqlRuleAction() = default;

    // Rejects SET/REMOVE of unknown or broker-owned sys. properties (SequenceNumber, ...).
    static Result<SqlRuleAction> parse(const QString& expression,
                                       const QVariantMap& parameters = {});

    // Runs the statements in order on `message`; all or nothing: on an evaluation error
    // (unknown sys. property read, division by zero, type error) `message` is unchanged.
    // SET converts to the existing property's numeric type when the value fits, and gives
    // text sys. properties (Label, MessageId, ...) the text of numbers and GUIDs; SET to an
    // unknown value stores a null QVariant. Written sys. keys keep the case (and the
    // Label/Subject spelling) already in the map, else take the canonical §5.2 name. REMOVE of a
    // user property deletes the key; REMOVE of a sys. property stores a null QVariant, so the
    // caller sees which field to clear.
    VoidResult apply(FilterContext& message) const;

    [[nodiscard]] QString expression() const { return m_expression; }

private:
    struct Statements;
    QString m_expression;
    std::shared_ptr<const Statements> m_statements;
};

} // namespace busbar
