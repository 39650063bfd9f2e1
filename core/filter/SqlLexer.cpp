#include "core/filter/SqlLexer.h"

#include <array>

namespace busbar::sql {

namespace {

constexpr std::array kReservedWords{
    QLatin1String("AND"),    QLatin1String("OR"),   QLatin1String("NOT"),   QLatin1String("IS"),
    QLatin1String("NULL"),   QLatin1String("IN"),   QLatin1String("LIKE"),  QLatin1String("ESCAPE"),
    QLatin1String("EXISTS"), QLatin1String("TRUE"), QLatin1String("FALSE"),
};

bool isIdentifierStart(QChar c) {
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentifierPart(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c.isMark();
}

bool isDigit(QChar c) {
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

Error lexError(const QString& what, qsizetype offset) {
    return Error::invalidInput(what + QLatin1Char(' ') + positionText(offset));
}

// Reads text closed by `close`, where a doubled `close` stands for one.
Result<QString> readDelimited(const QString& s, qsizetype& i, QChar close, const QString& what) {
    const qsizetype start = i;
    QString out;
    ++i;
    while (i < s.size()) {
        if (s[i] == close) {
            if (i + 1 < s.size() && s[i + 1] == close) {
                out += close;
                i += 2;
                continue;
            }
            ++i;
            return out;
        }
        out += s[i];
        ++i;
    }
    return std::unexpected(lexError(QStringLiteral("Unterminated ") + what, start));
}

} // namespace

QString positionText(qsizetype offset) {
    return QStringLiteral("at position ") + QString::number(offset + 1);
}

bool isReservedWord(const QString& word) {
    for (const QLatin1String reserved : kReservedWords) {
        if (word.compare(reserved, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString Token::quoted(const QString& source) const {
    if (type == Type::End)
        return QStringLiteral("end of expression");
    return QLatin1Char('\'') + source.mid(offset, length) + QLatin1Char('\'');
}

Result<QList<Token>> tokenize(const QString& s) {
    QList<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token token;
        token.offset = i;
        if (c == QLatin1Char('\'')) {
            auto text = readDelimited(s, i, QLatin1Char('\''), QStringLiteral("string"));
            if (!text)
                return std::unexpected(text.error());
            token.type = Token::Type::String;
            token.text = std::move(*text);
        } else if (c == QLatin1Char('[')) {
            auto text = readDelimited(s, i, QLatin1Char(']'), QStringLiteral("[identifier]"));
            if (!text)
                return std::unexpected(text.error());
            token.type = Token::Type::QuotedIdentifier;
            token.text = std::move(*text);
        } else if (c == QLatin1Char('"')) {
            auto text = readDelimited(s, i, QLatin1Char('"'), QStringLiteral("\"identifier\""));
            if (!text)
                return std::unexpected(text.error());
            token.type = Token::Type::QuotedIdentifier;
            token.text = std::move(*text);
        } else if (isDigit(c) || (c == QLatin1Char('.') && i + 1 < n && isDigit(s[i + 1]))) {
            token.type = Token::Type::Integer;
            while (i < n && isDigit(s[i]))
                ++i;
            if (i < n && s[i] == QLatin1Char('.')) {
                token.type = Token::Type::Decimal;
                ++i;
                while (i < n && isDigit(s[i]))
                    ++i;
            }
            if (i < n && (s[i] == QLatin1Char('e') || s[i] == QLatin1Char('E'))) {
                qsizetype j = i + 1;
                if (j < n && (s[j] == QLatin1Char('+') || s[j] == QLatin1Char('-')))
                    ++j;
                if (j >= n || !isDigit(s[j]))
                    return std::unexpected(
                        lexError(QStringLiteral("Malformed number"), token.offset));
                while (j < n && isDigit(s[j]))
                    ++j;
                i = j;
                token.type = Token::Type::Approximate;
            }
            if (i < n && isIdentifierStart(s[i]))
                return std::unexpected(lexError(QStringLiteral("Malformed number"), token.offset));
            token.text = s.mid(token.offset, i - token.offset);
        } else if (isIdentifierStart(c)) {
            while (i < n && isIdentifierPart(s[i]))
                ++i;
            token.type = Token::Type::Identifier;
            token.text = s.mid(token.offset, i - token.offset);
        } else if (c == QLatin1Char('@')) {
            ++i;
            while (i < n && isIdentifierPart(s[i]))
                ++i;
            if (i == token.offset + 1)
                return std::unexpected(
                    lexError(QStringLiteral("Expected a parameter name after '@'"), token.offset));
            token.type = Token::Type::Parameter;
            token.text = s.mid(token.offset, i - token.offset);
        } else {
            token.type = Token::Type::Operator;
            const QChar next = i + 1 < n ? s[i + 1] : QChar();
            const bool twoChar =
                (c == QLatin1Char('<') && (next == QLatin1Char('>') || next == QLatin1Char('='))) ||
                (c == QLatin1Char('>') && next == QLatin1Char('=')) ||
                (c == QLatin1Char('!') && next == QLatin1Char('='));
            if (twoChar) {
                i += 2;
            } else if (QStringLiteral("=<>+-*/%(),.;").contains(c)) {
                ++i;
            } else {
                return std::unexpected(
                    lexError(QStringLiteral("Unexpected character '") + c + QLatin1Char('\''),
                             token.offset));
            }
            token.text = s.mid(token.offset, i - token.offset);
        }
        token.length = i - token.offset;
        tokens.append(std::move(token));
    }
    Token end;
    end.type = Token::Type::End;
    end.offset = n;
    tokens.append(end);
    return tokens;
}

} // namespace busbar::sql
