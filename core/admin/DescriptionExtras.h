#pragma once

#include "core/admin/XmlElement.h"

#include <QList>

#include <optional>

namespace busbar {

// What a client read from the service but does not model, kept so an update (a full
// replacement, servicebus-management.md §1.4) does not silently reset it:
//  * AuthorizationRules: re-sent in its schema position, or the entity's SAS rules would be
//    dropped by the update;
//  * elements newer than this code: re-sent at the end, in the order received (§3.0), as
//    the .NET client does to stay forward-compatible.
struct DescriptionExtras {
    std::optional<XmlElement> authorizationRules;
    QList<XmlElement> unknownElements;
};

} // namespace busbar
