#include "core/filter/SqlFilter.h"

#include "core/filter/SqlEvaluator.h"
#include "core/filter/SqlParser.h"

namespace busbar {

Result<SqlFilter> SqlFilter::parse(const QString& expression, const QVariantMap& parameters) {
    auto root = sql::parsePredicate(expression, parameters);
    if (!root)
        return std::unexpected(root.error());
    SqlFilter filter;
    filter.m_expression = expression;
    filter.m_root = std::shared_ptr<const sql::Node>(std::move(*root));
    return filter;
}

FilterOutcome SqlFilter::evaluate(const FilterContext& message) const {
    m_lastError.clear();
    return evaluate(message, &m_lastError);
}

FilterOutcome SqlFilter::evaluate(const FilterContext& message, QString* error) const {
    if (!m_root)
        return FilterOutcome::NoMatch;
    sql::Evaluator evaluator(message);
    const sql::Truth truth = evaluator.predicate(*m_root);
    if (evaluator.failed()) {
        if (error)
            *error = evaluator.error();
        return FilterOutcome::Error;
    }
    return truth == sql::Truth::True ? FilterOutcome::Match : FilterOutcome::NoMatch;
}

} // namespace busbar
