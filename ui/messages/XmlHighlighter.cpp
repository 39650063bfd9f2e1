#include "ui/messages/XmlHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace busbar {

namespace {
constexpr int kInsideComment = 1;
}

XmlHighlighter::XmlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_tagPattern(QStringLiteral(R"(<[?/!]?[\w:.-]+|/?>|\?>)"))
    , m_attributePattern(QStringLiteral(R"(([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'))")) {
    const QPalette palette = QGuiApplication::palette();
    m_tag.setForeground(palette.color(QPalette::Link));
    m_tag.setFontWeight(QFont::DemiBold);
    m_attribute.setForeground(palette.color(QPalette::Highlight));
    m_value.setForeground(palette.color(QPalette::LinkVisited));
    m_comment.setForeground(palette.color(QPalette::PlaceholderText));
    m_comment.setFontItalic(true);
}

void XmlHighlighter::highlightBlock(const QString& text) {
    auto tags = m_tagPattern.globalMatch(text);
    while (tags.hasNext()) {
        const QRegularExpressionMatch match = tags.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_tag);
    }
    // Attributes only inside tags: a '=' in text content is not an attribute.
    qsizetype tagStart = text.indexOf(QLatin1Char('<'));
    while (tagStart >= 0) {
        const qsizetype tagEnd = text.indexOf(QLatin1Char('>'), tagStart);
        const qsizetype end = tagEnd < 0 ? text.size() : tagEnd;
        auto attributes = m_attributePattern.globalMatch(text.mid(tagStart, end - tagStart));
        while (attributes.hasNext()) {
            const QRegularExpressionMatch match = attributes.next();
            setFormat(int(tagStart + match.capturedStart(1)), int(match.capturedLength(1)),
                      m_attribute);
            setFormat(int(tagStart + match.capturedStart(2)), int(match.capturedLength(2)),
                      m_value);
        }
        tagStart = tagEnd < 0 ? -1 : text.indexOf(QLatin1Char('<'), tagEnd);
    }
    // Comments last, so they win over anything that looked like a tag inside them.
    setCurrentBlockState(0);
    qsizetype start =
        previousBlockState() == kInsideComment ? 0 : text.indexOf(QLatin1String("<!--"));
    while (start >= 0) {
        const qsizetype end = text.indexOf(QLatin1String("-->"), start);
        if (end < 0) {
            setCurrentBlockState(kInsideComment);
            setFormat(int(start), int(text.size() - start), m_comment);
            break;
        }
        setFormat(int(start), int(end + 3 - start), m_comment);
        start = text.indexOf(QLatin1String("<!--"), end + 3);
    }
}

} // namespace busbar
