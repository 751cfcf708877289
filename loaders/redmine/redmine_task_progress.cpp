// The status of every onboarding-task issue a workspace loaded into a Redmine, read back for task_progress.
#include "loaders/redmine/redmine_task_progress.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/redmine/api_key.hpp"
#include "loaders/redmine/parallel_writes.hpp"
#include "loaders/redmine/redmine_api.hpp"

namespace baton::load {
namespace {

bool names(const std::string& status_name, std::string_view word) {
    return text::to_lower_ascii(status_name).find(word) != std::string::npos;
}

}  // namespace

std::vector<TaskStatusInTarget> read_redmine_task_statuses(workspace::Workspace& workspace, const std::string& url) {
    std::string base = url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string target = "redmine:" + base;
    redmine::WritePacer pacer(0);
    redmine::TrafficCounters traffic;
    std::vector<TaskStatusInTarget> found;
    try {
        redmine::ParallelWrites connection(redmine::parse_endpoint(base), redmine::api_key_from_environment(),
                                           redmine::RetryPolicy{}, 1, pacer, traffic);
        redmine::RedmineApi& api = connection.main_api();
        const auto statuses = api.issue_statuses();
        auto select = workspace.db().prepare(
            "SELECT legacy_key, target_id FROM id_map WHERE target = ? AND object_kind = 'task' "
            "AND status IN ('imported', 'needs-update') ORDER BY legacy_key");
        select.bind(1, target);
        while (select.step()) {
            const std::int64_t id = text::parse_int(select.column_text(1)).value_or(0);
            const auto progress = id > 0 ? api.issue_progress(id) : std::nullopt;
            if (!progress) continue;
            const auto status = statuses.find(progress->status_id);
            const std::string name = status == statuses.end() ? "status " + std::to_string(progress->status_id)
                                                               : status->second.name;
            const bool closed = status != statuses.end() && status->second.closed;
            TaskStatusInTarget entry;
            entry.legacy_key = select.column_text(0);
            entry.issue = "#" + std::to_string(id);
            entry.status = closed ? (names(name, "reject") ? "declined" : "done")
                           : (names(name, "progress") || progress->done_ratio > 0) ? "in-progress"
                                                                                    : "open";
            entry.detail = name + (progress->done_ratio > 0 ? ", " + std::to_string(progress->done_ratio) + "% done" : "");
            found.push_back(std::move(entry));
        }
    } catch (const redmine::TransientError& error) {
        throw TargetError(target + ": " + error.what(), "is Redmine running and reachable?");
    } catch (const redmine::RefusedError& error) {
        throw TargetError(target + ": " + error.what(), "the API key must be an administrator's, with REST enabled");
    }
    return found;
}

}  // namespace baton::load
