// The built-in plan: one community per top-level category, its most active authors as owner and managers.
#pragma once

#include <cstdint>

#include "transform/mapping/mapping.hpp"
#include "transform/plan.hpp"
#include "workspace/workspace.hpp"

namespace baton::transform {

struct BuiltInRules {
    int owners_per_community = 1;
    int managers_per_community = 2;
    // With a mapping file, its stewardship rules choose the owners and managers instead of the
    // item counts above (transform/mapping/); without one, the built-in rules are the documented defaults.
    const mapping::Mapping* mapping = nullptr;
};

// A one-line description of the rules, stored with the plan and shown in the report.
[[nodiscard]] std::string describe_rules(const BuiltInRules& rules);

// One line in words: "6 communities, 7 people with roles, 40 items to migrate, ..."
[[nodiscard]] std::string describe_summary(const PlanSummary& summary);

// Writes a complete plan for run `run_id` into the workspace (in one transaction) and returns its summary.
PlanSummary plan_with_built_in_rules(workspace::Workspace& workspace, std::int64_t run_id,
                                     const BuiltInRules& rules = {});

}  // namespace baton::transform
