#include "core/filter/SqlParser.h"

#include "core/filter/SqlExpressionParser.h"

namespace busbar::sql {

namespace {

using namespace Qt::StringLiterals;
using NodeResult = ExpressionParser::NodeResult;

// An action's SET/REMOVE target: a property whose system scope, if any, may be written.
NodeResult parseTarget(ExpressionParser& parser) {
    auto target = parser.property();
    if (!target)
        return target;
    const Node& node = **target;
    if (node.scope == Scope::System && !node.system)
        return fail(ErrorCode::InvalidInput, u"sys."_s + node.name + u' ' +
                                                 positionText(node.offset) +
                                                 u" is not a system property"_s);
    if (node.system && !node.system->settable)
        return fail(ErrorCode::InvalidInput,
                    u"sys."_s + node.name + u' ' + positionText(node.offset) +
                        u" is set by the broker; an action cannot change it"_s);
    return target;
}

Result<ActionStatement> parseStatement(ExpressionParser& parser) {
    const Token& verb = parser.peek();
    ActionStatement statement;
    if (verb.isKeyword("SET"_L1)) {
        parser.next();
        auto target = parseTarget(parser);
        if (!target)
            return std::unexpected(target.error());
        if (!parser.peek().isOperator("="_L1))
            return parser.unexpected(parser.peek(), u"'=' after the property to SET"_s);
        parser.next();
        auto value = parser.value();
        if (!value)
            return std::unexpected(value.error());
        statement.target = std::move(*target);
        statement.value = std::move(*value);
        return statement;
    }
    if (verb.isKeyword("REMOVE"_L1)) {
        parser.next();
        auto target = parseTarget(parser);
        if (!target)
            return std::unexpected(target.error());
        statement.kind = ActionStatement::Kind::Remove;
        statement.target = std::move(*target);
        return statement;
    }
    return parser.unexpected(verb, u"SET or REMOVE"_s);
}

} // namespace

Result<std::unique_ptr<Node>> parsePredicate(const QString& source, const QVariantMap& parameters) {
    auto tokens = tokenize(source);
    if (!tokens)
        return std::unexpected(tokens.error());
    ExpressionParser parser(source, std::move(*tokens), parameters);
    auto root = parser.expression();
    if (!root)
        return root;
    if (auto ok = parser.requirePredicate(**root); !ok)
        return std::unexpected(ok.error());
    // A trailing ';' is not part of the filter language (§5.6).
    if (parser.peek().type != Token::Type::End)
        return parser.unexpected(parser.peek(), u"AND, OR or the end of the filter"_s);
    return root;
}

Result<std::vector<ActionStatement>> parseActionStatements(const QString& source,
                                                           const QVariantMap& parameters) {
    auto tokens = tokenize(source);
    if (!tokens)
        return std::unexpected(tokens.error());
    ExpressionParser parser(source, std::move(*tokens), parameters);
    // statements := statement { [;] statement } [;]   (§5.7)
    std::vector<ActionStatement> statements;
    do {
        auto statement = parseStatement(parser);
        if (!statement)
            return std::unexpected(statement.error());
        statements.push_back(std::move(*statement));
        if (parser.peek().isOperator(";"_L1))
            parser.next();
        else if (parser.peek().type != Token::Type::End && !parser.peek().isKeyword("SET"_L1) &&
                 !parser.peek().isKeyword("REMOVE"_L1))
            return parser.unexpected(parser.peek(), u"';', SET, REMOVE or the end of the action"_s);
    } while (parser.peek().type != Token::Type::End);
    return statements;
}

} // namespace busbar::sql
