#include "core/filter/SqlExpressionParser.h"
#include "core/filter/SqlParserNodes.h"

// The predicates: comparisons, IS [NOT] NULL, [NOT] LIKE, [NOT] IN and EXISTS.

namespace busbar::sql {

using namespace parser_detail;

namespace {

std::optional<CompareOp> comparisonOperator(const Token& token) {
    if (token.type != Token::Type::Operator)
        return std::nullopt;
    if (token.text == "="_L1)
        return CompareOp::Equal;
    if (token.text == "<>"_L1 || token.text == "!="_L1)
        return CompareOp::NotEqual;
    if (token.text == "<"_L1)
        return CompareOp::Less;
    if (token.text == "<="_L1)
        return CompareOp::LessOrEqual;
    if (token.text == ">"_L1)
        return CompareOp::Greater;
    if (token.text == ">="_L1)
        return CompareOp::GreaterOrEqual;
    return std::nullopt;
}

} // namespace

NodeResult ExpressionParser::parseComparison() {
    if (peek().isKeyword("EXISTS"_L1))
        return parseExists();
    auto left = parseAdditive();
    if (!left)
        return left;
    const Token& token = peek();
    if (auto op = comparisonOperator(token)) {
        if (auto ok = requireValue(**left); !ok)
            return std::unexpected(ok.error());
        next();
        auto right = parseOperand();
        if (!right)
            return right;
        auto node = binary(Node::Kind::Compare, std::move(*left), std::move(*right));
        if (node)
            (*node)->compare = *op;
        return node;
    }
    if (token.isKeyword("IS"_L1))
        return parseIsNull(std::move(*left));
    bool negated = false;
    if (token.isKeyword("NOT"_L1)) {
        if (!peek(1).isKeyword("LIKE"_L1) && !peek(1).isKeyword("IN"_L1))
            return unexpected(peek(1), u"LIKE or IN after NOT"_s);
        negated = true;
        next();
    }
    if (peek().isKeyword("LIKE"_L1))
        return parseLike(std::move(*left), negated);
    if (peek().isKeyword("IN"_L1))
        return parseIn(std::move(*left), negated);
    return left;
}

NodeResult ExpressionParser::parseIsNull(NodePtr operand) {
    if (auto ok = requireValue(*operand); !ok)
        return std::unexpected(ok.error());
    next(); // IS
    auto node = makeNode(Node::Kind::IsNull, operand->offset);
    if (peek().isKeyword("NOT"_L1)) {
        next();
        node->negated = true;
    }
    if (!peek().isKeyword("NULL"_L1))
        return unexpected(peek(), node->negated ? u"NULL"_s : u"NULL or NOT NULL"_s);
    next();
    adopt(*node, std::move(operand));
    close(*node);
    return node;
}

NodeResult ExpressionParser::parseLike(NodePtr operand, bool negated) {
    if (auto ok = requireValue(*operand); !ok)
        return std::unexpected(ok.error());
    next(); // LIKE
    auto node = makeNode(Node::Kind::Like, operand->offset);
    node->negated = negated;
    adopt(*node, std::move(operand));
    auto pattern = parseOperand();
    if (!pattern)
        return pattern;
    adopt(*node, std::move(*pattern));
    if (peek().isKeyword("ESCAPE"_L1)) {
        next();
        auto escape = parseOperand();
        if (!escape)
            return escape;
        adopt(*node, std::move(*escape));
    }
    close(*node);
    if (auto ok = precompileLike(*node); !ok)
        return std::unexpected(ok.error());
    return node;
}

VoidResult ExpressionParser::precompileLike(Node& like) const {
    const Node& pattern = *like.children[1];
    const Node* escape = like.children.size() > 2 ? like.children[2].get() : nullptr;
    const bool patternConstant = pattern.kind == Node::Kind::Constant;
    const bool escapeConstant = !escape || escape->kind == Node::Kind::Constant;
    if (patternConstant && pattern.constant.kind != Value::Kind::String)
        return fail(ErrorCode::InvalidInput,
                    u"The LIKE pattern "_s + positionText(pattern.offset) + u" must be a string"_s);
    std::optional<QChar> escapeChar;
    if (escape && escapeConstant) {
        if (escape->constant.kind != Value::Kind::String || escape->constant.string.size() != 1)
            return fail(ErrorCode::InvalidInput,
                        u"The ESCAPE value "_s + positionText(escape->offset) +
                            u" must be a string of exactly one character"_s);
        escapeChar = escape->constant.string.front();
    }
    if (!patternConstant || !escapeConstant)
        return {};
    auto compiled = LikePattern::compile(pattern.constant.string, escapeChar);
    if (!compiled)
        return std::unexpected(compiled.error());
    like.like = std::move(*compiled);
    return {};
}

NodeResult ExpressionParser::parseIn(NodePtr operand, bool negated) {
    if (auto ok = requireValue(*operand); !ok)
        return std::unexpected(ok.error());
    next(); // IN
    auto node = makeNode(Node::Kind::In, operand->offset);
    node->negated = negated;
    adopt(*node, std::move(operand));
    if (!peek().isOperator("("_L1))
        return unexpected(peek(), u"'(' after IN"_s);
    next();
    while (true) {
        auto item = parseOperand();
        if (!item)
            return item;
        adopt(*node, std::move(*item));
        if (peek().isOperator(","_L1)) {
            next();
            continue;
        }
        if (peek().isOperator(")"_L1)) {
            next();
            break;
        }
        return unexpected(peek(), u"',' or ')' in the IN list"_s);
    }
    close(*node);
    return node;
}

NodeResult ExpressionParser::parseExists() {
    const qsizetype offset = next().offset;
    if (!peek().isOperator("("_L1))
        return unexpected(peek(), u"'(' after EXISTS"_s);
    next();
    auto property = parseProperty();
    if (!property)
        return property;
    if (!peek().isOperator(")"_L1))
        return unexpected(peek(), u"')' after the property in EXISTS"_s);
    next();
    auto node = makeNode(Node::Kind::Exists, offset);
    adopt(*node, std::move(*property));
    close(*node);
    return node;
}

} // namespace busbar::sql
