#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"
#include "core/filter/FilterContext.h"
#include "emulator/broker/BrokerTypes.h"

#include <memory>

namespace busbar::emulator {

// A subscription rule with its filter and action parsed once, at creation, so routing a
// message never re-parses SQL.
class SubscriptionRule {
public:
    // Fails with InvalidInput when the filter or action does not parse.
    static Result<SubscriptionRule> compile(const RuleDescription& description);

    [[nodiscard]] const RuleDescription& description() const { return m_description; }
    [[nodiscard]] const QString& name() const { return m_description.name; }
    [[nodiscard]] FilterOutcome evaluate(const FilterContext& context) const;
    [[nodiscard]] bool hasAction() const;
    VoidResult applyAction(FilterContext& context) const;

private:
    struct Compiled;
    RuleDescription m_description;
    std::shared_ptr<const Compiled> m_compiled;
};

// What a filter sees of a stored message, and how a rule action's changes are written back.
[[nodiscard]] FilterContext filterContextFor(const StoredMessage& message);
void applyFilterContext(const FilterContext& context, StoredMessage& message);

} // namespace busbar::emulator
