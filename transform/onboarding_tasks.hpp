// Onboarding tasks for every owner and manager in a plan: concrete, personal, only those that apply.
#pragma once

#include <cstdint>

#include "workspace/workspace.hpp"

namespace baton::transform {

// Derives the tasks from the plan's communities, roles and placements and stores them in plan_tasks.
void generate_onboarding_tasks(workspace::Workspace& workspace, std::int64_t plan_run);

}  // namespace baton::transform
