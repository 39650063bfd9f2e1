#pragma once

#include <QString>

namespace busbar {

// An entity the user opened recently, offered again on the welcome page.
struct RecentEntity {
    QString connectionId; // SavedConnection::id
    QString entityPath;   // "orders", "events/subscriptions/audit"

    friend bool operator==(const RecentEntity&, const RecentEntity&) = default;
};

} // namespace busbar
