// `baton tasks --import-progress`: task statuses from an edited tasks CSV, the SQLite target or Redmine into task_progress.
#include "loaders/outputs/progress_import.hpp"

#include <filesystem>
#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/outputs/named_csv.hpp"
#include "loaders/redmine/redmine_task_progress.hpp"
#include "transform/tasks/task_progress.hpp"

namespace baton::load {

ProgressImport import_progress_csv(workspace::Workspace& workspace, std::int64_t plan_run, const std::string& path) {
    NamedCsv csv(path, {"person_key", "community_slug", "code", "status"}, "a tasks CSV",
                 "give a tasks.csv written by `baton tasks`, with its status column edited");
    ProgressImport result;
    auto find_task = workspace.db().prepare(
        "SELECT t.person_id FROM plan_tasks t JOIN people p ON p.id = t.person_id JOIN plan_communities c ON "
        "c.id = t.community_id WHERE t.plan_run = ? AND p.key = ? AND c.slug = ? AND t.code = ? LIMIT 1");
    const std::string updated_by = "csv:" + std::filesystem::path(path).filename().string();
    sql::Transaction transaction(workspace.db());
    while (csv.next(result.problems)) {
        ++result.rows;
        const auto field = [&](const char* name) { return csv.field(name); };
        const auto skip = [&](const std::string& why) { csv.skip(result.problems, why); };
        const std::string status = text::to_lower_ascii(field("status"));
        if (!transform::is_task_status(status)) {
            skip("unknown status \"" + field("status") + "\" (expected open, in-progress, done or declined)");
            continue;
        }
        find_task.bind(1, plan_run).bind(2, field("person_key")).bind(3, field("community_slug")).bind(4, field("code"));
        if (!find_task.step()) {
            find_task.reset();
            skip("no task " + field("code") + " of " + field("person_key") + " in community " +
                 field("community_slug") + " in the current plan");
            continue;
        }
        const std::int64_t person_id = find_task.column_int(0);
        find_task.reset();
        if (transform::record_task_progress(workspace, person_id, field("community_slug"), field("code"), status,
                                            updated_by, "csv")) {
            ++result.changed;
        } else {
            ++result.unchanged;
        }
    }
    transaction.commit();
    return result;
}

// The plan's tasks by the legacy key the loaders give them: (person, community slug, code).
std::map<std::string, std::tuple<std::int64_t, std::string, std::string>> plan_tasks_by_legacy_key(
    workspace::Workspace& workspace, std::int64_t plan_run) {
    std::map<std::string, std::tuple<std::int64_t, std::string, std::string>> by_key;
    auto tasks = workspace.db().prepare(
        "SELECT cs.key || '#' || coalesce(ct.key, 'site') || '@' || ps.key || '#' || p.key || '/' || t.code, "
        "t.person_id, c.slug, t.code FROM plan_tasks t JOIN plan_communities c ON c.id = t.community_id "
        "JOIN sources cs ON cs.id = c.source_id LEFT JOIN containers ct ON ct.id = c.container_id "
        "JOIN people p ON p.id = t.person_id JOIN sources ps ON ps.id = p.source_id WHERE t.plan_run = ?");
    tasks.bind(1, plan_run);
    while (tasks.step()) by_key[tasks.column_text(0)] = {tasks.column_int(1), tasks.column_text(2), tasks.column_text(3)};
    return by_key;
}

ProgressImport import_progress_from_sqlite_target(workspace::Workspace& workspace, std::int64_t plan_run,
                                                  const std::string& path) {
    if (!std::filesystem::is_regular_file(path)) {
        throw TargetError("no SQLite target at " + path, "give the file `baton load --target sqlite:FILE` wrote");
    }
    sql::Database platform(path, sql::OpenMode::read_only, sql::Role::target);
    if (platform.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tasks'") == 0) {
        throw TargetError(path + " has no tasks table; it is not a baton SQLite target",
                          "give the file `baton load --target sqlite:FILE` wrote");
    }
    const auto by_key = plan_tasks_by_legacy_key(workspace, plan_run);
    ProgressImport result;
    auto rows = platform.prepare("SELECT id, legacy_key, coalesce(status, 'open') FROM tasks ORDER BY id");
    sql::Transaction transaction(workspace.db());
    while (rows.step()) {
        const auto found = by_key.find(rows.column_text(1));
        if (found == by_key.end()) continue;  // a task of an older plan
        ++result.rows;
        const std::string status = text::to_lower_ascii(text::trim(rows.column_text(2)));
        if (!transform::is_task_status(status)) {
            result.problems.push_back(path + ":tasks id " + std::to_string(rows.column_int(0)) + ": unknown status \"" +
                                      rows.column_text(2) + "\" (expected open, in-progress, done or declined)");
            continue;
        }
        const auto& [person_id, slug, code] = found->second;
        if (transform::record_task_progress(workspace, person_id, slug, code, status, "target:" + path,
                                            "sqlite-target")) {
            ++result.changed;
        } else {
            ++result.unchanged;
        }
    }
    transaction.commit();
    return result;
}

ProgressImport import_progress_from_redmine(workspace::Workspace& workspace, std::int64_t plan_run,
                                            const std::string& url) {
    const auto statuses = read_redmine_task_statuses(workspace, url);
    const auto by_key = plan_tasks_by_legacy_key(workspace, plan_run);
    ProgressImport result;
    sql::Transaction transaction(workspace.db());
    for (const auto& task : statuses) {
        const auto found = by_key.find(task.legacy_key);
        if (found == by_key.end()) continue;  // a task of an older plan
        ++result.rows;
        const auto& [person_id, slug, code] = found->second;
        if (transform::record_task_progress(workspace, person_id, slug, code, task.status,
                                            "redmine:" + url + " " + task.issue, "redmine")) {
            ++result.changed;
        } else {
            ++result.unchanged;
        }
    }
    transaction.commit();
    return result;
}

}  // namespace baton::load
