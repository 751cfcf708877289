// What the workspace holds, per source and item kind, and how recent runs ended (`baton status`).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::workspace {

struct SourceStatus {
    SourceRow source;
    std::map<std::string, std::map<std::string, std::int64_t>> items;  // kind -> status -> count
    std::int64_t removed_items = 0;  // no longer in the latest complete export
    std::int64_t people = 0;
    std::int64_t containers = 0;
    std::int64_t revisions = 0;
    std::int64_t warnings = 0;  // of the source's latest run
    std::int64_t errors = 0;
};

struct PlanStatus {
    std::int64_t run_id = 0;  // 0: no plan yet
    std::int64_t communities = 0;
    std::int64_t people_with_roles = 0;
    std::int64_t placed_items = 0;
    std::int64_t excluded_items = 0;
    std::int64_t tasks = 0;
};

struct WorkspaceStatus {
    std::string path;
    int schema_version = 0;
    std::vector<SourceStatus> sources;
    std::map<std::string, std::int64_t> items_by_kind;       // current items of every source
    std::map<std::string, std::int64_t> containers_by_kind;
    std::int64_t revisions = 0;
    std::int64_t people = 0;
    PlanStatus plan;
    std::vector<RunRow> runs;  // newest first
};

[[nodiscard]] WorkspaceStatus collect_status(Workspace& workspace, int recent_runs = 10);
[[nodiscard]] std::string status_as_text(const WorkspaceStatus& status);
[[nodiscard]] std::string status_as_json(const WorkspaceStatus& status);

}  // namespace baton::workspace
