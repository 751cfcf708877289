// The plan as later stages read it: communities with their owners and managers, and onboarding tasks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::transform {

struct PlannedRole {
    std::int64_t person_id = 0;
    std::string person_key;
    std::string display_name;  // falls back to the login or key
    std::string email;
    std::string role;  // "owner" | "manager"
    int rank = 0;      // 1 = most active
    double score = 0;
    std::string reason;  // in words, for the person and the admin
};

struct PlannedCommunity {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
    std::int64_t source_id = 0;
    std::int64_t container_id = 0;  // 0 for a source's site-wide community
    std::int64_t migrated_items = 0;     // pages, posts, attachments ... (not comments)
    std::int64_t migrated_comments = 0;
    std::vector<PlannedRole> roles;  // owners first, then managers, by rank
};

struct PlannedTask {
    std::int64_t person_id = 0;
    std::int64_t community_id = 0;
    std::string role;
    int seq = 0;
    std::string code;
    std::string title;
    std::string description;
    int due_offset_days = 0;  // relative to go-live; negative = before
    std::string priority = "normal";  // high | normal | low
    std::string depends_on;           // codes of this person's tasks in the same community, space-separated
};

// How a plan's task due dates are computed from a go-live date (plans.task_*; defaults for older plans).
struct PlannedSchedule {
    std::string time_zone = "UTC";
    std::string due_time = "17:00";
    bool skip_weekends = false;
};

struct PlanSummary {
    std::int64_t run_id = 0;
    std::int64_t communities = 0;
    std::int64_t people_with_roles = 0;
    std::int64_t migrated_items = 0;
    std::int64_t excluded_items = 0;
    std::int64_t communities_without_owner = 0;
    std::int64_t tasks = 0;
};

// The latest succeeded plan run, or 0.
[[nodiscard]] std::int64_t latest_plan_run(workspace::Workspace& workspace);
// Throws PreconditionError (with the command to run) when there is no plan yet.
[[nodiscard]] std::int64_t require_plan_run(workspace::Workspace& workspace);

[[nodiscard]] std::vector<PlannedCommunity> read_communities(workspace::Workspace& workspace, std::int64_t plan_run);
[[nodiscard]] std::vector<PlannedTask> read_tasks(workspace::Workspace& workspace, std::int64_t plan_run);
[[nodiscard]] PlannedSchedule read_task_schedule(workspace::Workspace& workspace, std::int64_t plan_run);
[[nodiscard]] PlanSummary read_plan_summary(workspace::Workspace& workspace, std::int64_t plan_run);

}  // namespace baton::transform
