#include "core/filter/LikePattern.h"

namespace busbar::sql {

namespace {

// `_` stands for one character, so a surrogate pair is consumed whole.
qsizetype nextCharacter(QStringView text, qsizetype i) {
    if (i + 1 < text.size() && text[i].isHighSurrogate() && text[i + 1].isLowSurrogate())
        return i + 2;
    return i + 1;
}

} // namespace

Result<LikePattern> LikePattern::compile(const QString& pattern, std::optional<QChar> escape) {
    LikePattern compiled;
    compiled.m_parts.reserve(std::size_t(pattern.size()));
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (escape && c == *escape) {
            if (i + 1 >= pattern.size())
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("The LIKE pattern '%1' ends with its escape character")
                                .arg(pattern));
            compiled.m_parts.push_back({Element::Literal, pattern[++i]});
        } else if (c == QLatin1Char('%')) {
            // Consecutive runs match the same as one.
            if (compiled.m_parts.empty() || compiled.m_parts.back().element != Element::AnyRun)
                compiled.m_parts.push_back({Element::AnyRun, QChar()});
        } else if (c == QLatin1Char('_')) {
            compiled.m_parts.push_back({Element::AnyOne, QChar()});
        } else {
            compiled.m_parts.push_back({Element::Literal, c});
        }
    }
    return compiled;
}

bool LikePattern::matches(QStringView text) const {
    // Greedy matching that backtracks only to the last `%`: linear for patterns with one
    // run, O(n*m) at worst, never exponential.
    const auto partCount = m_parts.size();
    std::size_t p = 0;
    qsizetype i = 0;
    std::size_t runPart = partCount; // partCount = no `%` seen yet
    qsizetype runText = 0;
    while (i < text.size()) {
        if (p < partCount && m_parts[p].element == Element::AnyOne) {
            i = nextCharacter(text, i);
            ++p;
        } else if (p < partCount && m_parts[p].element == Element::Literal &&
                   m_parts[p].ch == text[i]) {
            ++i;
            ++p;
        } else if (p < partCount && m_parts[p].element == Element::AnyRun) {
            runPart = p++;
            runText = i;
        } else if (runPart != partCount) {
            p = runPart + 1;
            runText = nextCharacter(text, runText);
            i = runText;
        } else {
            return false;
        }
    }
    while (p < partCount && m_parts[p].element == Element::AnyRun)
        ++p;
    return p == partCount;
}

} // namespace busbar::sql
