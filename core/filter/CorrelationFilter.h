#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/filter/FilterContext.h"

namespace busbar {

// Whether `message` matches a correlation filter (servicebus-management.md §4.1): every
// non-empty field must equal the message's system property ordinally (case-sensitive),
// and every entry of `properties` must equal the user property of exactly that name, by
// typed value (numbers by value across integer/floating types, strings case-sensitive; a
// null expected value matches a property that is present and null). Missing properties
// never match. A filter with no field set matches every message.
[[nodiscard]] bool matchesCorrelationFilter(const CorrelationFilterDescription& filter,
                                            const FilterContext& message);

} // namespace busbar
