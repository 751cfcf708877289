// The built-in rules' owners and managers: the most active authors of each community, with owners' decisions.
#pragma once

#include <cstdint>
#include <vector>

#include "transform/owner_decisions.hpp"
#include "workspace/workspace.hpp"

namespace baton::transform {

// For plan `plan_run`, whose communities and placements are written: ranks each community's authors by items,
// then comments, then latest activity, then key, and writes plan_roles. Owners' decisions come first: a nominee
// takes the role, an accepted role is kept, and whoever declined is skipped (the next-ranked author takes over).
// Returns what became of each decision.
std::vector<DecisionOutcome> assign_built_in_roles(sql::Database& db, std::int64_t plan_run, int owners, int managers,
                                                   const std::vector<OwnerDecision>& decisions);

}  // namespace baton::transform
