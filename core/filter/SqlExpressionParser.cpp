#include "core/filter/SqlExpressionParser.h"

#include <limits>

namespace busbar::sql {

namespace {

using namespace Qt::StringLiterals;
using NodePtr = ExpressionParser::NodePtr;
using NodeResult = ExpressionParser::NodeResult;

// Bounds on recursion, so hostile input cannot exhaust the stack when parsing, evaluating
// or destroying a tree. Real filters stay far below both (the service caps text at 1024).
constexpr int kMaxNesting = 128;
constexpr int kMaxTreeDepth = 1024;

void adopt(Node& parent, NodePtr child) {
    parent.depth = std::max(parent.depth, child->depth + 1);
    parent.children.push_back(std::move(child));
}

std::unexpected<Error> tooDeep(qsizetype offset, int limit = kMaxNesting) {
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

NodePtr makeNode(Node::Kind kind, qsizetype offset) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->offset = offset;
    return node;
}

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

NodeResult constantNode(const Token& token, Value value) {
    auto node = makeNode(Node::Kind::Constant, token.offset);
    node->constant = std::move(value);
    node->length = token.length;
    return node;
}

} // namespace

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

NodeResult ExpressionParser::parseOr() {
    auto left = parseAnd();
    while (left && peek().isKeyword("OR"_L1)) {
        next();
        auto right = parseAnd();
        if (!right)
            return right;
        if (auto ok = requirePredicate(**left); !ok)
            return std::unexpected(ok.error());
        if (auto ok = requirePredicate(**right); !ok)
            return std::unexpected(ok.error());
        left = binary(Node::Kind::Or, std::move(*left), std::move(*right));
    }
    return left;
}

NodeResult ExpressionParser::parseAnd() {
    auto left = parseNot();
    while (left && peek().isKeyword("AND"_L1)) {
        next();
        auto right = parseNot();
        if (!right)
            return right;
        if (auto ok = requirePredicate(**left); !ok)
            return std::unexpected(ok.error());
        if (auto ok = requirePredicate(**right); !ok)
            return std::unexpected(ok.error());
        left = binary(Node::Kind::And, std::move(*left), std::move(*right));
    }
    return left;
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

NodeResult ExpressionParser::parseAdditive() {
    auto left = parseMultiplicative();
    while (left && (peek().isOperator("+"_L1) || peek().isOperator("-"_L1))) {
        const ArithmeticOp op = next().text == "+"_L1 ? ArithmeticOp::Add : ArithmeticOp::Subtract;
        auto right = parseMultiplicative();
        if (!right)
            return right;
        left = arithmetic(op, std::move(*left), std::move(*right));
    }
    return left;
}

NodeResult ExpressionParser::parseMultiplicative() {
    auto left = parseUnary();
    while (left &&
           (peek().isOperator("*"_L1) || peek().isOperator("/"_L1) || peek().isOperator("%"_L1))) {
        const QString& op = next().text;
        const ArithmeticOp kind = op == "*"_L1   ? ArithmeticOp::Multiply
                                  : op == "/"_L1 ? ArithmeticOp::Divide
                                                 : ArithmeticOp::Modulo;
        auto right = parseUnary();
        if (!right)
            return right;
        left = arithmetic(kind, std::move(*left), std::move(*right));
    }
    return left;
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

NodeResult ExpressionParser::parsePrimary() {
    const Token& token = peek();
    switch (token.type) {
    case Token::Type::String: {
        next();
        return constantNode(token, Value::fromString(token.text));
    }
    case Token::Type::Integer: {
        bool ok = false;
        const qint64 value = token.text.toLongLong(&ok);
        if (!ok)
            return fail(ErrorCode::InvalidInput, u"The integer "_s + token.text + u' ' +
                                                     positionText(token.offset) +
                                                     u" is out of the Int64 range"_s);
        next();
        return constantNode(token, Value::fromInt(value));
    }
    case Token::Type::Decimal:
    case Token::Type::Approximate: {
        bool ok = false;
        const double value = token.text.toDouble(&ok);
        if (!ok)
            return fail(ErrorCode::InvalidInput, u"The number "_s + token.text + u' ' +
                                                     positionText(token.offset) +
                                                     u" is out of range"_s);
        next();
        return constantNode(token, Value::fromDouble(value));
    }
    case Token::Type::Parameter:
        return parseParameter();
    case Token::Type::Operator:
        if (token.isOperator("("_L1)) {
            next();
            const NestingGuard guard(m_nesting);
            if (m_nesting > kMaxNesting)
                return tooDeep(token.offset);
            auto inner = parseOr();
            if (!inner)
                return inner;
            if (!peek().isOperator(")"_L1))
                return unexpected(peek(), u"')'"_s);
            next();
            // The parentheses belong to the span, so messages quote what was written.
            (*inner)->offset = token.offset;
            close(**inner);
            return inner;
        }
        break;
    case Token::Type::Identifier:
        if (token.isKeyword("TRUE"_L1) || token.isKeyword("FALSE"_L1)) {
            next();
            return constantNode(token, Value::fromBool(token.isKeyword("TRUE"_L1)));
        }
        if (token.isKeyword("NULL"_L1)) {
            next();
            return constantNode(token, Value::null());
        }
        if (peek(1).isOperator("("_L1) && !isReservedWord(token.text))
            return parseFunction();
        return parseProperty();
    case Token::Type::QuotedIdentifier:
        return parseProperty();
    case Token::Type::End:
        break;
    }
    return unexpected(token, u"an expression"_s);
}

NodeResult ExpressionParser::parseParameter() {
    const Token& token = next();
    auto it = m_parameters.constFind(token.text);
    if (it == m_parameters.cend())
        it = m_parameters.constFind(token.text.mid(1));
    if (it == m_parameters.cend()) {
        for (it = m_parameters.cbegin(); it != m_parameters.cend(); ++it) {
            const QString key = it.key().startsWith(u'@') ? it.key() : u'@' + it.key();
            if (key.compare(token.text, Qt::CaseInsensitive) == 0)
                break;
        }
    }
    if (it == m_parameters.cend())
        return fail(ErrorCode::InvalidInput, u"The parameter "_s + token.text + u' ' +
                                                 positionText(token.offset) + u" has no value"_s);
    return constantNode(token, Value::fromVariant(*it));
}

NodeResult ExpressionParser::parseFunction() {
    const Token& name = next();
    next(); // (
    if (name.isKeyword("NEWID"_L1)) {
        if (!peek().isOperator(")"_L1))
            return unexpected(peek(), u"')': newid() takes no argument"_s);
        next();
        auto node = makeNode(Node::Kind::NewId, name.offset);
        close(*node);
        return node;
    }
    if (name.isKeyword("PROPERTY"_L1) || name.isKeyword("P"_L1)) {
        auto argument = parseOperand();
        if (!argument)
            return argument;
        if (!peek().isOperator(")"_L1))
            return unexpected(peek(), u"')' after the property name"_s);
        next();
        auto node = makeNode(Node::Kind::DynamicProperty, name.offset);
        adopt(*node, std::move(*argument));
        close(*node);
        return node;
    }
    return fail(ErrorCode::InvalidInput, u"Unknown function '"_s + name.text + u"' "_s +
                                             positionText(name.offset) +
                                             u": expected newid(), property() or p()"_s);
}

NodeResult ExpressionParser::parseProperty() {
    const Token& first = peek();
    auto node = makeNode(Node::Kind::Property, first.offset);
    const bool scoped = first.type == Token::Type::Identifier && peek(1).isOperator("."_L1) &&
                        (first.isKeyword("SYS"_L1) || first.isKeyword("USER"_L1));
    if (scoped) {
        node->scope = first.isKeyword("SYS"_L1) ? Scope::System : Scope::User;
        next();
        next();
    }
    const Token& name = peek();
    const bool plainName =
        name.type == Token::Type::Identifier && (scoped || !isReservedWord(name.text));
    if (!plainName && name.type != Token::Type::QuotedIdentifier)
        return unexpected(name, scoped ? u"a property name"_s : u"an expression"_s);
    next();
    node->name = name.text;
    if (node->scope == Scope::System) {
        node->system = findSystemProperty(name.text);
        if (node->system)
            node->name = QString(node->system->name);
    }
    close(*node);
    return node;
}

} // namespace busbar::sql
