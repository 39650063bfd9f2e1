#include "core/auth/TokenProvider.h"

#include <algorithm>

namespace busbar {

std::chrono::milliseconds refreshDelay(std::chrono::milliseconds lifetime) {
    using std::chrono::milliseconds;
    if (lifetime <= milliseconds::zero()) {
        return milliseconds::zero();
    }
    constexpr milliseconds kBeforeExpiry{5 * 60 * 1000};
    constexpr milliseconds kMinimumWait{30 * 1000};
    const milliseconds tenPercent = lifetime / 10;
    // The earlier of the two moments is the one with more time left.
    const milliseconds delay = lifetime - std::max(tenPercent, kBeforeExpiry);
    return std::max(delay, std::min(kMinimumWait, lifetime));
}

std::chrono::milliseconds renewalDelay(std::chrono::milliseconds lifetime) {
    using std::chrono::milliseconds;
    if (lifetime <= milliseconds::zero()) {
        return milliseconds::zero();
    }
    constexpr milliseconds kMaximumLead{5000};
    const milliseconds lead = std::min(lifetime / 4, kMaximumLead);
    return std::min(refreshDelay(lifetime), lifetime - lead);
}

} // namespace busbar
