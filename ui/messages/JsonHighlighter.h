#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace busbar {

// Colours JSON keys, strings, numbers and literals with palette colours (dark mode keeps its
// contrast). Line by line: the pretty printer puts every value on its own line.
class JsonHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument* document);

    [[nodiscard]] QTextCharFormat keyFormat() const { return m_key; }
    [[nodiscard]] QTextCharFormat stringFormat() const { return m_string; }
    [[nodiscard]] QTextCharFormat numberFormat() const { return m_number; }

protected:
    void highlightBlock(const QString& text) override;

private:
    QRegularExpression m_token;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace busbar
