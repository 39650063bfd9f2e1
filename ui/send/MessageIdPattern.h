#pragma once

#include <QString>

namespace busbar {

// Message ids for N copies: "{n}" becomes the copy's number (1-based), "{uuid}" a fresh
// UUID per copy; other text is kept. "order-{n}" gives order-1, order-2, ...
class MessageIdPattern final {
public:
    static QString expand(const QString& pattern, int number);
    // Whether copies get distinct ids (the pattern has a placeholder).
    static bool varies(const QString& pattern);
};

} // namespace busbar
