// Onboarding tasks for every owner and manager in a plan: concrete, personal, only those that apply.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "transform/tasks/task_facts.hpp"
#include "transform/tasks/task_templates.hpp"
#include "workspace/workspace.hpp"

namespace baton::transform {

// Fills the templates (a mapping's <tasks> or the shipped defaults) from the plan's communities, roles,
// placements, conversion results and archive proposals, and stores the tasks whose role and condition match
// in plan_tasks, with the templates' due-date settings in plans.
void generate_onboarding_tasks(workspace::Workspace& workspace, std::int64_t plan_run,
                               const tasks::TaskTemplates& templates = tasks::default_task_templates());
// The same with the placement facts already read (by `baton plan`, while the roles were chosen).
void generate_onboarding_tasks(workspace::Workspace& workspace, std::int64_t plan_run,
                               const tasks::TaskTemplates& templates, tasks::PlacementFacts placement_facts);

// Whether `condition` holds for these facts.
[[nodiscard]] bool condition_holds(const tasks::Condition& condition, const std::map<std::string, std::int64_t>& facts);

}  // namespace baton::transform
