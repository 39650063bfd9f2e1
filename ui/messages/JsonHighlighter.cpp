#include "ui/messages/JsonHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace busbar {

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    // A string (maybe a key: followed by a colon), a number, or a literal.
    , m_token(QStringLiteral(R"(("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|)"
                             R"(\b(true|false|null)\b)")) {
    const QPalette palette = QGuiApplication::palette();
    m_key.setForeground(palette.color(QPalette::Link));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(palette.color(QPalette::LinkVisited));
    m_number.setForeground(palette.color(QPalette::Highlight));
    m_literal.setForeground(palette.color(QPalette::Highlight));
    m_literal.setFontItalic(true);
}

void JsonHighlighter::highlightBlock(const QString& text) {
    auto it = m_token.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength(1) > 0) {
            const bool isKey = match.capturedLength(2) > 0;
            setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)),
                      isKey ? m_key : m_string);
        } else if (match.capturedLength(3) > 0) {
            setFormat(int(match.capturedStart(3)), int(match.capturedLength(3)), m_number);
        } else if (match.capturedLength(4) > 0) {
            setFormat(int(match.capturedStart(4)), int(match.capturedLength(4)), m_literal);
        }
    }
}

} // namespace busbar
