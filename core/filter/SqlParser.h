#pragma once

#include "core/common/Result.h"
#include "core/filter/SqlAst.h"

#include <QVariantMap>

#include <memory>
#include <vector>

namespace busbar::sql {

// One statement of a SqlRuleAction (§5.7).
struct ActionStatement {
    enum class Kind { Set, Remove };
    Kind kind = Kind::Set;
    std::unique_ptr<Node> target; // a Property node
    std::unique_ptr<Node> value;  // Set only
};

// Parses a filter predicate (§5.1). `parameters` binds @names (keys with or without the @);
// an @name without a value is a parse error. Errors are InvalidInput and name the 1-based
// position, the token found and what was expected.
[[nodiscard]] Result<std::unique_ptr<Node>> parsePredicate(const QString& source,
                                                           const QVariantMap& parameters);

// Parses `SET property = expr` / `REMOVE property` statements separated by optional `;`.
[[nodiscard]] Result<std::vector<ActionStatement>>
parseActionStatements(const QString& source, const QVariantMap& parameters);

} // namespace busbar::sql
