#include "core/filter/SqlExpressionParser.h"
#include "core/filter/SqlParserNodes.h"

// The primaries: literals, bound parameters, parentheses, functions and properties.

namespace busbar::sql {

using namespace parser_detail;

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
