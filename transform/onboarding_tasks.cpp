// Onboarding tasks for every owner and manager in a plan: concrete, personal, only those that apply.
#include "transform/onboarding_tasks.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "transform/plan.hpp"
#include "transform/tasks/task_facts.hpp"

namespace baton::transform {

bool condition_holds(const tasks::Condition& condition, const std::map<std::string, std::int64_t>& facts) {
    for (const auto& clause : condition.clauses) {
        const auto found = facts.find(clause.fact);
        const std::int64_t value = found == facts.end() ? 0 : found->second;
        const bool holds = clause.op == ">"    ? value > clause.value
                           : clause.op == ">=" ? value >= clause.value
                           : clause.op == "<"  ? value < clause.value
                           : clause.op == "<=" ? value <= clause.value
                           : clause.op == "="  ? value == clause.value
                                               : value != clause.value;
        if (!holds) return false;
    }
    return true;
}

void generate_onboarding_tasks(workspace::Workspace& workspace, std::int64_t plan_run,
                               const tasks::TaskTemplates& templates) {
    generate_onboarding_tasks(workspace, plan_run, templates, tasks::read_placement_facts(workspace.db(), plan_run));
}

void generate_onboarding_tasks(workspace::Workspace& workspace, std::int64_t plan_run,
                               const tasks::TaskTemplates& templates, tasks::PlacementFacts placement_facts) {
    auto& db = workspace.db();
    auto settings = db.prepare(
        "UPDATE plans SET task_time_zone = ?, task_due_time = ?, task_skip_weekends = ? WHERE run_id = ?");
    settings.bind(1, templates.schedule.time_zone).bind(2, templates.schedule.due_time);
    settings.bind(3, static_cast<std::int64_t>(templates.schedule.skip_weekends ? 1 : 0)).bind(4, plan_run).run();
    auto insert = db.prepare(
        "INSERT INTO plan_tasks(plan_run, person_id, community_id, role, seq, code, title, description, "
        "due_offset_days, priority, depends_on) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    const auto communities = read_communities(workspace, plan_run);
    const auto all_facts = tasks::all_community_facts(workspace, plan_run, communities, std::move(placement_facts));
    for (const auto& community : communities) {
        const tasks::CommunityFacts& facts = all_facts.at(community.id);
        for (const auto& member : community.roles) {
            const auto values = tasks::placeholder_values(facts, community, member);
            std::vector<std::string> made;
            for (const auto& task : templates.list) {
                if (std::find(task.roles.begin(), task.roles.end(), member.role) == task.roles.end()) continue;
                if (!condition_holds(task.condition, facts.numbers)) continue;
                std::string depends_on;
                for (const auto& code : task.depends_on) {
                    if (std::find(made.begin(), made.end(), code) != made.end()) {
                        depends_on += (depends_on.empty() ? "" : " ") + code;
                    }
                }
                made.push_back(task.code);
                insert.bind(1, plan_run).bind(2, member.person_id).bind(3, community.id).bind(4, member.role);
                insert.bind(5, static_cast<std::int64_t>(made.size())).bind(6, task.code);
                insert.bind(7, text::trim(tasks::fill_placeholders(task.title, values)));
                insert.bind(8, text::trim(tasks::fill_placeholders(task.description, values)));
                insert.bind(9, static_cast<std::int64_t>(task.due_offset_days)).bind(10, task.priority);
                insert.bind(11, depends_on).run();
            }
        }
    }
}

}  // namespace baton::transform
