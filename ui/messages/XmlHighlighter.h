#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace busbar {

// Colours XML tags, attribute names and values, and comments (comments may span lines: the
// block state carries "inside a comment" to the next line).
class XmlHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit XmlHighlighter(QTextDocument* document);

    [[nodiscard]] QTextCharFormat tagFormat() const { return m_tag; }
    [[nodiscard]] QTextCharFormat attributeFormat() const { return m_attribute; }
    [[nodiscard]] QTextCharFormat valueFormat() const { return m_value; }

protected:
    void highlightBlock(const QString& text) override;

private:
    QRegularExpression m_tagPattern;
    QRegularExpression m_attributePattern;
    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
    QTextCharFormat m_value;
    QTextCharFormat m_comment;
};

} // namespace busbar
