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

// What the loads left in one target, per object kind (from id_map and load_conflicts).
struct LoadedStatus {
    std::string target;
    std::string object_kind;
    std::int64_t imported = 0;
    std::int64_t needs_update = 0;  // conflicts included, and objects whose update a rollback undid
    std::int64_t failed = 0;
    std::int64_t ignored = 0;       // gone from the plan: archived or kept by the deleted policy
    std::int64_t conflicts = 0;     // edited in the target; the latest load that met them left them alone
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
    std::vector<LoadedStatus> loaded;  // by target, then object kind
    std::vector<RunRow> runs;  // newest first
};

[[nodiscard]] WorkspaceStatus collect_status(Workspace& workspace, int recent_runs = 10);
[[nodiscard]] std::string status_as_text(const WorkspaceStatus& status);
[[nodiscard]] std::string status_as_json(const WorkspaceStatus& status);

}  // namespace baton::workspace
