// Owners and managers of a plan by a mapping's stewardship rules: facts from the workspace, roles back into it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "transform/mapping/mapping.hpp"
#include "transform/mapping/stewardship.hpp"
#include "transform/owner_decisions.hpp"
#include "workspace/workspace.hpp"

namespace baton::transform::mapping {

// The newest timestamp of any current item or revision ("" for an empty workspace): recency is measured
// from it, not from the clock, so the same workspace always gives the same plan.
[[nodiscard]] std::string reference_date(workspace::Workspace& workspace);

// For plan `plan_run`, whose communities and placements are written: reads each person's contribution
// facts per community, matches people to the directory, assigns owners and managers, and writes
// plan_roles, plan_candidates, plan_identities and the plan's messages (unmatched, ambiguous, pins ...).
// Owners' `decisions` are applied (a nominee known only by a directory login is found through the directory);
// returns what became of each.
std::vector<DecisionOutcome> plan_stewardship(workspace::Workspace& workspace, std::int64_t plan_run,
                                              const Mapping& mapping, const std::vector<OwnerDecision>& decisions);

// Each person's contribution facts per community of plan `plan_run` (the migrated items' revisions and the
// comments on others' content). Needs only a connection that sees the plan's placements.
[[nodiscard]] std::vector<CommunityCandidates> read_stewardship_facts(sql::Database& db, std::int64_t plan_run);

// plan_stewardship with the facts from `facts` (called once, when the directory is matched): `baton plan` reads
// them on a second connection meanwhile.
using StewardshipFacts = std::function<std::vector<CommunityCandidates>()>;
std::vector<DecisionOutcome> plan_stewardship(workspace::Workspace& workspace, std::int64_t plan_run,
                                              const Mapping& mapping, const std::vector<OwnerDecision>& decisions,
                                              const StewardshipFacts& facts);

}  // namespace baton::transform::mapping
