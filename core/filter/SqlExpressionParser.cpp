#include "core/filter/SqlExpressionParser.h"

#include "core/filter/SqlParserNodes.h"

#include <limits>

namespace busbar::sql {

using namespace parser_detail;

ExpressionParser::ExpressionParser(const QString& source, QList<Token> tokens,
                                   const QVariantMap& parameters)
    : TokenCursor(source, std::move(tokens))
    , m_parameters(parameters) {}

NodeResult ExpressionParser::binary(Node::Kind kind, NodePtr left, NodePtr right) const {
    auto node = makeNode(kind, left->offset);
    adopt(*node, std::move(left));
    adopt(*node, std::move(right));
    close(*node);
    // Long AND/OR/+ chains deepen the tree without deepening the parser's recursion.
    if (node->depth > kMaxTreeDepth)
        return tooDeep(node->children.back()->offset, kMaxTreeDepth);
    return node;
}

// OR and AND: a left-associative chain of conditions.
NodeResult ExpressionParser::parseLogical(Node::Kind kind, QLatin1String keyword, Level operand) {
    auto left = (this->*operand)();
    while (left && peek().isKeyword(keyword)) {
        next();
        auto right = (this->*operand)();
        if (!right)
            return right;
        if (auto ok = requirePredicate(**left); !ok)
            return std::unexpected(ok.error());
        if (auto ok = requirePredicate(**right); !ok)
            return std::unexpected(ok.error());
        left = binary(kind, std::move(*left), std::move(*right));
    }
    return left;
}

NodeResult ExpressionParser::parseOr() {
    return parseLogical(Node::Kind::Or, "OR"_L1, &ExpressionParser::parseAnd);
}

NodeResult ExpressionParser::parseAnd() {
    return parseLogical(Node::Kind::And, "AND"_L1, &ExpressionParser::parseNot);
}

NodeResult ExpressionParser::parseNot() {
    if (!peek().isKeyword("NOT"_L1))
        return parseComparison();
    const qsizetype offset = next().offset;
    const NestingGuard guard(m_nesting);
    if (m_nesting > kMaxNesting)
        return tooDeep(offset);
    auto operand = parseNot();
    if (!operand)
        return operand;
    if (auto ok = requirePredicate(**operand); !ok)
        return std::unexpected(ok.error());
    auto node = makeNode(Node::Kind::Not, offset);
    adopt(*node, std::move(*operand));
    close(*node);
    return node;
}

NodeResult ExpressionParser::parseOperand() {
    auto operand = parseAdditive();
    if (!operand)
        return operand;
    if (auto ok = requireValue(**operand); !ok)
        return std::unexpected(ok.error());
    return operand;
}

namespace {

std::optional<ArithmeticOp> additiveOperator(const Token& token) {
    if (token.isOperator("+"_L1))
        return ArithmeticOp::Add;
    if (token.isOperator("-"_L1))
        return ArithmeticOp::Subtract;
    return std::nullopt;
}

std::optional<ArithmeticOp> multiplicativeOperator(const Token& token) {
    if (token.isOperator("*"_L1))
        return ArithmeticOp::Multiply;
    if (token.isOperator("/"_L1))
        return ArithmeticOp::Divide;
    if (token.isOperator("%"_L1))
        return ArithmeticOp::Modulo;
    return std::nullopt;
}

} // namespace

// One precedence level of binary arithmetic: a left-associative chain.
NodeResult ExpressionParser::parseArithmeticLevel(OperatorMatch match, Level operand) {
    auto left = (this->*operand)();
    while (left) {
        const std::optional<ArithmeticOp> op = match(peek());
        if (!op)
            break;
        next();
        auto right = (this->*operand)();
        if (!right)
            return right;
        left = arithmetic(*op, std::move(*left), std::move(*right));
    }
    return left;
}

NodeResult ExpressionParser::parseAdditive() {
    return parseArithmeticLevel(&additiveOperator, &ExpressionParser::parseMultiplicative);
}

NodeResult ExpressionParser::parseMultiplicative() {
    return parseArithmeticLevel(&multiplicativeOperator, &ExpressionParser::parseUnary);
}

NodeResult ExpressionParser::arithmetic(ArithmeticOp op, NodePtr left, NodePtr right) const {
    if (auto ok = requireValue(*left); !ok)
        return std::unexpected(ok.error());
    if (auto ok = requireValue(*right); !ok)
        return std::unexpected(ok.error());
    auto node = binary(Node::Kind::Arithmetic, std::move(left), std::move(right));
    if (node)
        (*node)->arithmetic = op;
    return node;
}

NodeResult ExpressionParser::parseUnary() {
    if (!peek().isOperator("-"_L1) && !peek().isOperator("+"_L1))
        return parsePrimary();
    const Token& sign = next();
    const bool minus = sign.text == "-"_L1;
    const qsizetype offset = sign.offset;
    // -9223372036854775808 is an Int64 although its digits alone are not.
    if (minus && peek().type == Token::Type::Integer && peek().text == "9223372036854775808"_L1) {
        next();
        auto node = makeNode(Node::Kind::Constant, offset);
        node->constant = Value::fromInt(std::numeric_limits<qint64>::min());
        close(*node);
        return node;
    }
    const NestingGuard guard(m_nesting);
    if (m_nesting > kMaxNesting)
        return tooDeep(offset);
    auto operand = parseUnary();
    if (!operand)
        return operand;
    if (auto ok = requireValue(**operand); !ok)
        return std::unexpected(ok.error());
    auto node = makeNode(minus ? Node::Kind::Negate : Node::Kind::UnaryPlus, offset);
    adopt(*node, std::move(*operand));
    close(*node);
    return node;
}

} // namespace busbar::sql
