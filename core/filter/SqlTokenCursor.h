#pragma once

#include "core/common/Result.h"
#include "core/filter/SqlAst.h"
#include "core/filter/SqlLexer.h"

#include <QList>
#include <QString>

namespace busbar::sql {

// The parsers' position in the token list, and the wording of their errors: every message
// names the 1-based position, what was found and what was expected, e.g.
// "Unexpected ')' at position 14: expected an expression".
class TokenCursor {
public:
    TokenCursor(const QString& source, QList<Token> tokens);

    // The token `ahead` places on; past the end, the End token.
    [[nodiscard]] const Token& peek(qsizetype ahead = 0) const;
    const Token& next();

    [[nodiscard]] std::unexpected<Error> unexpected(const Token& token,
                                                    const QString& expected) const;
    // Conditions and values share one grammar; these reject the wrong kind with a message
    // quoting the source text of `node`.
    [[nodiscard]] VoidResult requirePredicate(const Node& node) const;
    [[nodiscard]] VoidResult requireValue(const Node& node) const;

    // Extends `node`'s span to the end of the token just consumed.
    void close(Node& node) const;
    [[nodiscard]] QString sourceOf(const Node& node) const;

private:
    const QString& m_source;
    QList<Token> m_tokens;
    qsizetype m_pos = 0;
};

} // namespace busbar::sql
