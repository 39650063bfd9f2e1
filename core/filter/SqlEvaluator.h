#pragma once

#include "core/filter/FilterContext.h"
#include "core/filter/SqlAst.h"

#include <QString>

namespace busbar::sql {

enum class Truth { False, True, Unknown };

// Evaluates a parsed tree against one message. Holds no state between calls except the
// first error, so one Evaluator serves one evaluation; the tree is only read.
class Evaluator final {
public:
    explicit Evaluator(const FilterContext& message)
        : m_message(message) {}

    [[nodiscard]] Truth predicate(const Node& node);
    [[nodiscard]] Value value(const Node& node);

    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] const QString& error() const { return m_error; }

private:
    Value property(const Node& node, bool* exists = nullptr);
    Value lookup(Scope scope, const QString& name, const SystemProperty* system, bool* exists);
    Value dynamicProperty(const Node& node, bool* exists = nullptr);
    Value arithmetic(const Node& node);
    Value negate(const Node& node);
    Truth compare(const Node& node);
    Truth like(const Node& node);
    Truth in(const Node& node);
    Truth exists(const Node& node);
    Value raise(const QString& message);

    const FilterContext& m_message;
    QString m_error;
    bool m_failed = false;
};

} // namespace busbar::sql
