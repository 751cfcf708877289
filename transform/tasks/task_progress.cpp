// The status of onboarding tasks (task_progress): recorded by the portal, an edited tasks CSV, the Redmine
// loader or the SQLite target; read by the task lists and `baton tasks --progress`.
#include "transform/tasks/task_progress.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::transform {

bool is_task_status(std::string_view status) {
    return status == "open" || status == "in-progress" || status == "done" || status == "declined";
}

bool is_progress_channel(std::string_view via) {
    return via == "portal" || via == "csv" || via == "redmine" || via == "sqlite-target" || via == "cli";
}

bool record_task_progress(workspace::Workspace& workspace, std::int64_t person_id, const std::string& community_slug,
                          const std::string& code, const std::string& status, const std::string& updated_by,
                          const std::string& via) {
    if (!is_task_status(status)) {
        throw InputError(ExitCode::malformed_input, {}, "unknown task status \"" + status + "\"",
                         "a task status is open, in-progress, done or declined");
    }
    if (!is_progress_channel(via)) {
        throw InputError(ExitCode::malformed_input, {}, "unknown progress channel \"" + via + "\"",
                         "via is portal, csv, redmine, sqlite-target or cli");
    }
    auto& db = workspace.db();
    auto current = db.prepare("SELECT status FROM task_progress WHERE person_id = ? AND community_slug = ? AND code = ?");
    current.bind(1, person_id).bind(2, community_slug).bind(3, code);
    const bool stored = current.step();
    if (stored ? current.column_text(0) == status : status == "open") return false;  // open is the default
    auto upsert = db.prepare(
        "INSERT INTO task_progress(person_id, community_slug, code, status, updated_by, updated_at, via) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT(person_id, community_slug, code) DO UPDATE SET status = excluded.status, "
        "updated_by = excluded.updated_by, updated_at = excluded.updated_at, via = excluded.via");
    upsert.bind(1, person_id).bind(2, community_slug).bind(3, code).bind(4, status).bind(5, updated_by);
    upsert.bind(6, text::utc_now_iso()).bind(7, via).run();
    return true;
}

}  // namespace baton::transform
