#include "core/filter/SqlTokenCursor.h"

namespace busbar::sql {

using namespace Qt::StringLiterals;

TokenCursor::TokenCursor(const QString& source, QList<Token> tokens)
    : m_source(source)
    , m_tokens(std::move(tokens)) {}

const Token& TokenCursor::peek(qsizetype ahead) const {
    return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
}

const Token& TokenCursor::next() {
    const Token& token = peek();
    if (m_pos < m_tokens.size() - 1)
        ++m_pos;
    return token;
}

std::unexpected<Error> TokenCursor::unexpected(const Token& token, const QString& expected) const {
    const QString found = token.type == Token::Type::End
                              ? u"Unexpected end of expression"_s
                              : u"Unexpected "_s + token.quoted(m_source);
    return fail(ErrorCode::InvalidInput,
                found + u' ' + positionText(token.offset) + u": expected "_s + expected);
}

QString TokenCursor::sourceOf(const Node& node) const {
    return m_source.mid(node.offset, node.length);
}

VoidResult TokenCursor::requirePredicate(const Node& node) const {
    if (node.isPredicate())
        return {};
    return fail(ErrorCode::InvalidInput, u"Expected a condition "_s + positionText(node.offset) +
                                             u", but '"_s + sourceOf(node) +
                                             u"' is a value; compare it, for example '"_s +
                                             sourceOf(node) + u" = TRUE'"_s);
}

VoidResult TokenCursor::requireValue(const Node& node) const {
    if (!node.isPredicate())
        return {};
    return fail(ErrorCode::InvalidInput, u"Expected a value "_s + positionText(node.offset) +
                                             u", but '"_s + sourceOf(node) + u"' is a condition"_s);
}

void TokenCursor::close(Node& node) const {
    const Token& last = m_tokens[std::max<qsizetype>(m_pos - 1, 0)];
    node.length = last.offset + last.length - node.offset;
}

} // namespace busbar::sql
