// A stored plan as JSON for scripts (`baton plan --json`).
#pragma once

#include <cstdint>
#include <string>

#include "transform/plan_diff.hpp"
#include "workspace/workspace.hpp"

namespace baton::transform {

// The plan's rules, summary, communities with their roles, runners-up and archive proposals, the
// exclusions counted by reason, identity matches and planning messages; `diff` added when given.
[[nodiscard]] std::string plan_to_json(workspace::Workspace& workspace, std::int64_t plan_run,
                                       const PlanDiff* diff = nullptr);

}  // namespace baton::transform
