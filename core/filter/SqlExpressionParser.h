#pragma once

#include "core/filter/SqlTokenCursor.h"

#include <QVariantMap>

#include <memory>
#include <optional>

namespace busbar::sql {

// Recursive descent over one grammar for values and conditions (§5.1); which is which is
// checked as the tree is built, so "(qty + 1) = 6" and "(a = 1 AND b = 2)" both parse.
// Precedence, loosest first: OR, AND, NOT, comparison/LIKE/IN/IS/EXISTS, binary + -,
// * / %, unary + -. Parameters (@name) are bound to constants here, and constant LIKE
// patterns are compiled here, so evaluation does neither.
class ExpressionParser final : public TokenCursor {
public:
    using NodePtr = std::unique_ptr<Node>;
    using NodeResult = Result<NodePtr>;

    ExpressionParser(const QString& source, QList<Token> tokens, const QVariantMap& parameters);

    // Any condition or value; callers check which they got.
    NodeResult expression() { return parseOr(); }
    // A value (the right-hand side of SET).
    NodeResult value() { return parseOperand(); }
    // [sys. | user.] name
    NodeResult property() { return parseProperty(); }

private:
    using Level = NodeResult (ExpressionParser::*)();
    using OperatorMatch = std::optional<ArithmeticOp> (*)(const Token&);

    NodeResult binary(Node::Kind kind, NodePtr left, NodePtr right) const;
    NodeResult parseLogical(Node::Kind kind, QLatin1String keyword, Level operand);
    NodeResult parseArithmeticLevel(OperatorMatch match, Level operand);
    NodeResult parseOr();
    NodeResult parseAnd();
    NodeResult parseNot();
    NodeResult parseOperand(); // a value operand of a comparison, LIKE or IN
    NodeResult parseComparison();
    NodeResult parseIsNull(NodePtr operand);
    NodeResult parseLike(NodePtr operand, bool negated);
    VoidResult precompileLike(Node& like) const;
    NodeResult parseIn(NodePtr operand, bool negated);
    NodeResult parseExists();
    NodeResult parseAdditive();
    NodeResult parseMultiplicative();
    NodeResult arithmetic(ArithmeticOp op, NodePtr left, NodePtr right) const;
    NodeResult parseUnary();
    NodeResult parsePrimary();
    NodeResult parseParameter();
    NodeResult parseFunction();
    NodeResult parseProperty();

    const QVariantMap& m_parameters;
    int m_nesting = 0;
};

} // namespace busbar::sql
