#pragma once

#include "core/filter/LikePattern.h"
#include "core/filter/PropertyLookup.h"
#include "core/filter/SqlValue.h"

#include <memory>
#include <optional>
#include <vector>

namespace busbar::sql {

enum class Scope { User, System };
enum class ArithmeticOp { Add, Subtract, Multiply, Divide, Modulo };

// One node of a parsed expression. The tree is immutable after parsing and shared by every
// copy of a filter, so evaluation never allocates a tree or compiles anything.
struct Node {
    enum class Kind {
        // values
        Constant,        // `constant` (parameters are resolved into constants when parsed)
        Property,        // scope + name (+ `system` when known)
        DynamicProperty, // property(expr) / p(expr): children[0] yields the name
        NewId,           // newid()
        Negate,          // children[0]
        UnaryPlus,       // children[0]
        Arithmetic,      // children[0] op children[1]
        // predicates
        Compare, // children[0] cmp children[1]
        And,     // children[0], children[1]
        Or,      // children[0], children[1]
        Not,     // children[0]
        IsNull,  // children[0] IS [NOT] NULL   (negated = IS NOT)
        Like,    // children: text, pattern [, escape]; `like` when pattern is constant
        In,      // children[0] [NOT] IN (children[1..])
        Exists,  // EXISTS(property): children[0] is a Property node
    };

    Kind kind = Kind::Constant;
    qsizetype offset = 0; // source span, for error messages
    qsizetype length = 0;
    int depth = 1; // levels below and including this node

    Value constant;
    Scope scope = Scope::User;
    QString name;                           // Property: as written, or the canonical sys name
    const SystemProperty* system = nullptr; // Property with Scope::System and a known name
    ArithmeticOp arithmetic = ArithmeticOp::Add;
    CompareOp compare = CompareOp::Equal;
    bool negated = false; // NOT LIKE, NOT IN, IS NOT NULL
    std::optional<LikePattern> like;
    std::vector<std::unique_ptr<Node>> children;

    [[nodiscard]] bool isPredicate() const { return kind >= Kind::Compare; }
};

} // namespace busbar::sql
