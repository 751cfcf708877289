// Reads a stored plan back for the loaders, the task lists and the report.
#include "transform/plan.hpp"

#include <map>

#include "core/error.hpp"

namespace baton::transform {

std::int64_t latest_plan_run(workspace::Workspace& workspace) {
    return workspace.db().query_int(
        "SELECT coalesce(max(p.run_id), 0) FROM plans p JOIN runs r ON r.id = p.run_id WHERE r.outcome = 'succeeded'");
}

std::int64_t require_plan_run(workspace::Workspace& workspace) {
    const std::int64_t run = latest_plan_run(workspace);
    if (run == 0) throw PreconditionError("the workspace has no plan yet", "run `baton plan` first");
    return run;
}

std::vector<PlannedCommunity> read_communities(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    // The counts in one pass over the placements in item order (items read sequentially), not one per community.
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;  // community -> (items, comments)
    auto count = db.prepare(
        "SELECT p.community_id, sum(i.kind <> 'comment'), sum(i.kind = 'comment') FROM plan_placements p "
        "JOIN items i ON i.id = p.item_id WHERE p.plan_run = ? AND p.action = 'migrate' GROUP BY p.community_id");
    count.bind(1, plan_run);
    while (count.step()) counts[count.column_int(0)] = {count.column_int(1), count.column_int(2)};
    auto select = db.prepare(
        "SELECT c.id, c.slug, c.name, coalesce(c.description, ''), coalesce(c.source_id, 0), "
        "coalesce(c.container_id, 0) FROM plan_communities c WHERE c.plan_run = ? ORDER BY c.name, c.slug");
    select.bind(1, plan_run);
    auto roles = db.prepare(
        "SELECT r.person_id, p.key, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), "
        "coalesce(p.email, ''), r.role, r.rank, r.score, r.reason FROM plan_roles r JOIN people p ON p.id = r.person_id "
        "WHERE r.community_id = ? ORDER BY CASE r.role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, r.rank");
    std::vector<PlannedCommunity> communities;
    while (select.step()) {
        PlannedCommunity community;
        community.id = select.column_int(0);
        community.slug = select.column_text(1);
        community.name = select.column_text(2);
        community.description = select.column_text(3);
        community.source_id = select.column_int(4);
        community.container_id = select.column_int(5);
        if (const auto found = counts.find(community.id); found != counts.end()) {
            community.migrated_items = found->second.first;
            community.migrated_comments = found->second.second;
        }
        roles.bind(1, community.id);
        while (roles.step()) {
            community.roles.push_back({roles.column_int(0), roles.column_text(1), roles.column_text(2),
                                       roles.column_text(3), roles.column_text(4),
                                       static_cast<int>(roles.column_int(5)), roles.column_double(6),
                                       roles.column_text(7)});
        }
        roles.reset();
        communities.push_back(std::move(community));
    }
    return communities;
}

std::vector<PlannedTask> read_tasks(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto select = workspace.db().prepare(
        "SELECT person_id, community_id, role, seq, code, title, description, coalesce(due_offset_days, 0), "
        "priority, depends_on "
        "FROM plan_tasks WHERE plan_run = ? ORDER BY person_id, community_id, seq");
    select.bind(1, plan_run);
    std::vector<PlannedTask> tasks;
    while (select.step()) {
        tasks.push_back({select.column_int(0), select.column_int(1), select.column_text(2),
                         static_cast<int>(select.column_int(3)), select.column_text(4), select.column_text(5),
                         select.column_text(6), static_cast<int>(select.column_int(7)), select.column_text(8),
                         select.column_text(9)});
    }
    return tasks;
}

PlannedSchedule read_task_schedule(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto select = workspace.db().prepare(
        "SELECT coalesce(task_time_zone, 'UTC'), coalesce(task_due_time, '17:00'), coalesce(task_skip_weekends, 0) "
        "FROM plans WHERE run_id = ?");
    select.bind(1, plan_run);
    PlannedSchedule schedule;
    if (select.step()) {
        schedule.time_zone = select.column_text(0);
        schedule.due_time = select.column_text(1);
        schedule.skip_weekends = select.column_int(2) != 0;
    }
    return schedule;
}

PlanSummary read_plan_summary(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    const auto count = [&](const char* sql) {
        auto statement = db.prepare(sql);
        statement.bind(1, plan_run);
        return statement.step() ? statement.column_int(0) : 0;
    };
    PlanSummary summary;
    summary.run_id = plan_run;
    summary.communities = count("SELECT count(*) FROM plan_communities WHERE plan_run = ?");
    summary.people_with_roles = count("SELECT count(DISTINCT person_id) FROM plan_roles WHERE plan_run = ?");
    summary.migrated_items = count("SELECT count(*) FROM plan_placements WHERE plan_run = ? AND action = 'migrate'");
    summary.excluded_items = count("SELECT count(*) FROM plan_placements WHERE plan_run = ? AND action = 'exclude'");
    summary.communities_without_owner = count(
        "SELECT count(*) FROM plan_communities c WHERE c.plan_run = ?1 AND NOT EXISTS "
        "(SELECT 1 FROM plan_roles r WHERE r.community_id = c.id AND r.role = 'owner')");
    summary.tasks = count("SELECT count(*) FROM plan_tasks WHERE plan_run = ?");
    return summary;
}

}  // namespace baton::transform
