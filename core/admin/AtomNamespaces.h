#pragma once

#include <QLatin1StringView>

namespace busbar::atom {

// XML namespaces of the management API (servicebus-management.md §2.4).
inline constexpr QLatin1StringView kAtomNs{"http://www.w3.org/2005/Atom"};
inline constexpr QLatin1StringView kSbNs{
    "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"};
inline constexpr QLatin1StringView kSb11Ns{
    "http://schemas.microsoft.com/netservices/2011/06/servicebus"};
inline constexpr QLatin1StringView kXsiNs{"http://www.w3.org/2001/XMLSchema-instance"};
inline constexpr QLatin1StringView kXsdNs{"http://www.w3.org/2001/XMLSchema"};
inline constexpr QLatin1StringView kSerializationNs{
    "http://schemas.microsoft.com/2003/10/Serialization/"};

} // namespace busbar::atom
