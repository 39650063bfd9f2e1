#pragma once

#include "core/common/Result.h"

#include <QList>
#include <QString>

namespace busbar::sql {

struct Token {
    enum class Type {
        Identifier,       // regular identifier, keywords included (see keyword())
        QuotedIdentifier, // [name] or "name"; never a keyword
        String,           // 'text'
        Integer,          // digits
        Decimal,          // digits with a point
        Approximate,      // scientific notation
        Parameter,        // @name (text keeps the @)
        Operator,         // = <> != > >= < <= + - * / % ( ) , . ;
        End,
    };

    Type type = Type::End;
    QString text;         // identifier/string contents unescaped; operator spelling otherwise
    qsizetype offset = 0; // index into the expression (0-based)
    qsizetype length = 0; // characters of source text

    [[nodiscard]] bool isOperator(QLatin1String op) const {
        return type == Type::Operator && text == op;
    }
    // A regular identifier equal, ignoring case, to `keyword` (given in upper case).
    [[nodiscard]] bool isKeyword(QLatin1String keyword) const {
        return type == Type::Identifier && text.compare(keyword, Qt::CaseInsensitive) == 0;
    }
    // How the token reads in an error message: "')'", "'AND'", "end of expression".
    [[nodiscard]] QString quoted(const QString& source) const;
};

// Whether a regular identifier is reserved (it cannot name a property without [ ]).
[[nodiscard]] bool isReservedWord(const QString& word);

// Splits the text into tokens; the last one is End. Errors name the 1-based position.
[[nodiscard]] Result<QList<Token>> tokenize(const QString& source);

// "at position 14" for a 0-based offset: positions in messages count from 1, like editors.
[[nodiscard]] QString positionText(qsizetype offset);

} // namespace busbar::sql
