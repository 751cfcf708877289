// Before `baton rollback --run N`: which target run N wrote, and whether later runs touched the same objects.
#include "loaders/common/rollback_check.hpp"

#include "core/error.hpp"

namespace baton::load {
namespace {

constexpr const char* later_sql =
    " FROM load_journal later JOIN (SELECT DISTINCT object_kind, legacy_key FROM load_journal WHERE run_id = ?1 "
    "AND target = ?2 AND rolled_back_by IS NULL) mine ON mine.object_kind = later.object_kind AND "
    "mine.legacy_key = later.legacy_key WHERE later.target = ?2 AND later.run_id > ?1 AND later.rolled_back_by IS NULL";

}  // namespace

std::vector<std::string> rollback_targets(workspace::Workspace& workspace, std::int64_t run) {
    auto& db = workspace.db();
    auto command = db.prepare("SELECT command FROM runs WHERE id = ?");
    command.bind(1, run);
    if (!command.step()) throw PreconditionError("there is no run " + std::to_string(run), "see `baton status`");
    if (command.column_text(0) != "load") {
        throw PreconditionError("run " + std::to_string(run) + " was a `" + command.column_text(0) +
                                    "`, not a load: only loads can be rolled back",
                                "see the runs with `baton status`");
    }
    std::vector<std::string> targets;
    auto open = db.prepare("SELECT DISTINCT target FROM load_journal WHERE run_id = ? AND rolled_back_by IS NULL "
                           "ORDER BY target");
    open.bind(1, run);
    while (open.step()) targets.push_back(open.column_text(0));
    if (targets.empty()) {
        auto undone = db.prepare("SELECT max(rolled_back_by) FROM load_journal WHERE run_id = ?");
        undone.bind(1, run);
        if (undone.step() && !undone.column_is_null(0)) {
            throw PreconditionError("run " + std::to_string(run) + " was rolled back already, by run " +
                                    std::to_string(undone.column_int(0)));
        }
        throw PreconditionError("run " + std::to_string(run) + " wrote nothing to any target: nothing to roll back");
    }
    return targets;
}

std::vector<LaterWrite> later_writes(workspace::Workspace& workspace, std::int64_t run, const std::string& target,
                                     int limit) {
    auto select = workspace.db().prepare("SELECT later.run_id, later.object_kind, later.legacy_key" +
                                         std::string(later_sql) + " ORDER BY later.id LIMIT ?3");
    select.bind(1, run).bind(2, target).bind(3, limit);
    std::vector<LaterWrite> writes;
    while (select.step()) writes.push_back({select.column_int(0), select.column_text(1), select.column_text(2)});
    return writes;
}

std::int64_t count_later_writes(workspace::Workspace& workspace, std::int64_t run, const std::string& target) {
    auto select = workspace.db().prepare("SELECT count(*)" + std::string(later_sql));
    select.bind(1, run).bind(2, target);
    return select.step() ? select.column_int(0) : 0;
}

}  // namespace baton::load
