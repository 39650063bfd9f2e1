#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace busbar::sql {

// A LIKE pattern compiled once (`%` any run, `_` one character, the escape character makes
// the next one literal), matched case-sensitively without a regex engine: a message
// stream evaluates the same pattern many times, so compilation must not happen per match.
class LikePattern final {
public:
    static Result<LikePattern> compile(const QString& pattern, std::optional<QChar> escape);

    [[nodiscard]] bool matches(QStringView text) const;

private:
    enum class Element : char { Literal, AnyOne, AnyRun };
    struct Part {
        Element element = Element::Literal;
        QChar ch;
    };
    std::vector<Part> m_parts;
};

} // namespace busbar::sql
