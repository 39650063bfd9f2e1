#pragma once

// Internal to ExpressionParser's .cpp files: building nodes and bounding recursion.

#include "core/filter/SqlExpressionParser.h"

#include <algorithm>

namespace busbar::sql::parser_detail {

using namespace Qt::StringLiterals;
using NodePtr = ExpressionParser::NodePtr;
using NodeResult = ExpressionParser::NodeResult;

// Bounds on recursion, so hostile input cannot exhaust the stack when parsing, evaluating
// or destroying a tree. Real filters stay far below both (the service caps text at 1024).
inline constexpr int kMaxNesting = 128;
inline constexpr int kMaxTreeDepth = 1024;

inline void adopt(Node& parent, NodePtr child) {
    parent.depth = std::max(parent.depth, child->depth + 1);
    parent.children.push_back(std::move(child));
}

inline std::unexpected<Error> tooDeep(qsizetype offset, int limit = kMaxNesting) {
    return fail(ErrorCode::InvalidInput, u"The expression nests too deeply "_s +
                                             positionText(offset) + u" (the limit is "_s +
                                             QString::number(limit) + u" levels)"_s);
}

// Counts the parser's recursion into parentheses, NOT and unary signs.
class NestingGuard final {
public:
    explicit NestingGuard(int& nesting)
        : m_nesting(++nesting) {}
    ~NestingGuard() { --m_nesting; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

private:
    int& m_nesting;
};

inline NodePtr makeNode(Node::Kind kind, qsizetype offset) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->offset = offset;
    return node;
}

inline NodeResult constantNode(const Token& token, Value value) {
    auto node = makeNode(Node::Kind::Constant, token.offset);
    node->constant = std::move(value);
    node->length = token.length;
    return node;
}

} // namespace busbar::sql::parser_detail
