#pragma once

#include "core/common/Result.h"
#include "core/filter/FilterContext.h"

#include <QString>
#include <QVariantMap>

#include <memory>

namespace busbar {

namespace sql {
struct Node;
}

// A parsed SQL filter (servicebus-management.md §5): parse once, evaluate per message.
// Copies share one immutable tree, so a filter is cheap to copy and to keep per rule.
class SqlFilter final {
public:
    // A default-constructed filter has no expression and matches nothing.
    SqlFilter() = default;

    // `parameters` binds @names (keys as sent in <Parameters>, with or without the @). Errors
    // are InvalidInput, e.g. "Unexpected ')' at position 14: expected an expression".
    static Result<SqlFilter> parse(const QString& expression, const QVariantMap& parameters = {});

    // Match only when the predicate is TRUE (FALSE and unknown are NoMatch, §5.3); Error on
    // an evaluation exception such as an unknown sys. property or a division by zero.
    // Records the error for errorOfLastEvaluation(), so concurrent callers on one object
    // should use the overload below instead.
    [[nodiscard]] FilterOutcome evaluate(const FilterContext& message) const;
    // Thread-safe: the error of an Error outcome goes to `error` (if not null).
    [[nodiscard]] FilterOutcome evaluate(const FilterContext& message, QString* error) const;
    [[nodiscard]] QString errorOfLastEvaluation() const { return m_lastError; }

    [[nodiscard]] QString expression() const { return m_expression; }
    [[nodiscard]] bool isValid() const { return m_root != nullptr; }
    // Whether two filters share one parsed tree (copies do; separate parses do not).
    [[nodiscard]] bool sharesTreeWith(const SqlFilter& other) const {
        return m_root && m_root == other.m_root;
    }

private:
    QString m_expression;
    std::shared_ptr<const sql::Node> m_root;
    mutable QString m_lastError;
};

} // namespace busbar

// One include for the whole filter API.
#include "core/filter/CorrelationFilter.h" // IWYU pragma: export
#include "core/filter/SqlRuleAction.h"     // IWYU pragma: export
