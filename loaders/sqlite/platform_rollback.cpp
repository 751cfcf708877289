// `baton rollback --run N` on the SQLite target: undoes run N's journalled writes, newest first.
#include "loaders/sqlite/platform_rollback.hpp"

#include <map>
#include <memory>

#include "loaders/common/load_batches.hpp"
#include "loaders/common/load_recorder.hpp"
#include "loaders/sqlite/platform_tables.hpp"
#include "loaders/sqlite/sqlite_platform_loader.hpp"
#include "loaders/sqlite/upsert_table.hpp"

namespace baton::load::sqlite_target {
namespace {

// The statements that undo writes to one table.
struct TableUndo {
    TableUndo(sql::Database& platform, const PlatformTable& table)
        : platform_table(table),
          image(platform, table.name),
          remove(platform.prepare("DELETE FROM " + std::string(table.name) + " WHERE id = ? AND legacy_key = ?")),
          orphan(platform.prepare(table.name == "comments"
                                      ? "UPDATE comments SET reply_to_id = NULL WHERE reply_to_id = ?"
                                      : (table.name == "content" ? "UPDATE content SET parent_id = NULL WHERE "
                                                                   "parent_id = ?"
                                                                 : "SELECT ?"))),
          read_owned(platform.prepare("SELECT content_hash, " + owned_list(table) + " FROM " +
                                      std::string(table.name) + " WHERE id = ?")) {
        std::string columns;
        std::string placeholders;
        std::string assignments;
        for (std::size_t i = 0; i < image.columns().size(); ++i) {
            const std::string& column = image.columns()[i];
            const std::string index = std::to_string(i + 1);
            columns += (i ? ", " : "") + column;
            placeholders += (i ? ", ?" : "?") + index;
            if (column != "id") assignments += (assignments.empty() ? "" : ", ") + column + " = ?" + index;
        }
        insert = std::make_unique<sql::Statement>(platform.prepare(
            "INSERT INTO " + std::string(table.name) + "(" + columns + ") VALUES (" + placeholders + ")"));
        std::size_t id_index = 0;
        while (image.columns()[id_index] != "id") ++id_index;
        update = std::make_unique<sql::Statement>(platform.prepare("UPDATE " + std::string(table.name) + " SET " +
                                                                   assignments + " WHERE id = ?" +
                                                                   std::to_string(id_index + 1)));
    }
    const PlatformTable& platform_table;
    RowImage image;
    sql::Statement remove;
    sql::Statement orphan;
    sql::Statement read_owned;
    std::unique_ptr<sql::Statement> insert;
    std::unique_ptr<sql::Statement> update;
};

}  // namespace

RollbackResult rollback_run(workspace::Workspace& workspace, sql::Database& platform, const std::string& target,
                            std::int64_t undone_run, std::int64_t run_id) {
    RollbackResult result;
    result.target = target;
    LoadRecorder recorder(workspace, target, run_id, false);
    LoadBatches batches(workspace.db(), &platform, LoadOptions{}, &recorder);
    ensure_platform_schema(platform);
    std::map<std::string, std::unique_ptr<TableUndo>> undo;
    auto mark = workspace.db().prepare("UPDATE load_journal SET rolled_back_by = ? WHERE id = ?");
    // The source of a legacy key SOURCEKEY#...: a deleted object's id-map row went with it, and comes back with it.
    auto source_of = workspace.db().prepare("SELECT id FROM sources WHERE substr(?1, 1, length(key) + 1) = key || '#' "
                                            "ORDER BY length(key) DESC LIMIT 1");
    auto entries = workspace.db().prepare(
        "SELECT id, object_kind, legacy_key, target_id, action, coalesce(before, '') FROM load_journal "
        "WHERE run_id = ? AND target = ? AND rolled_back_by IS NULL ORDER BY id DESC");
    entries.bind(1, undone_run).bind(2, target);
    while (entries.step()) {
        const std::string kind = entries.column_text(1);
        const std::string legacy_key = entries.column_text(2);
        const std::int64_t id = std::stoll(entries.column_text(3));
        const std::string action = entries.column_text(4);
        const std::string before = entries.column_text(5);
        auto& table = undo[kind];
        if (!table) table = std::make_unique<TableUndo>(platform, platform_table(kind));
        const char* object_kind = table->platform_table.object_kind;
        std::string error;
        bool done = false;
        batches.before_write();
        if (action == "created") {
            table->orphan.bind(1, id).run();
            table->remove.bind(1, id).bind(2, legacy_key);
            done = run_or_fail(platform, table->remove, error);
            if (done && platform.changes() > 0) ++result.removed;
            if (done) recorder.forget(object_kind, legacy_key);
        } else {
            const Values values = values_from_json(before, table->image.columns());
            auto& statement = action == "deleted" ? *table->insert : *table->update;
            for (std::size_t i = 0; i < values.size(); ++i) bind_value(statement, static_cast<int>(i) + 1, values[i]);
            done = run_or_fail(platform, statement, error);
            if (done) {
                ++result.restored;
                auto& read = table->read_owned;
                read.bind(1, id);
                std::int64_t source_id = 0;
                if (action == "deleted") {
                    source_of.bind(1, legacy_key);
                    source_id = source_of.step() ? source_of.column_int(0) : 0;
                    source_of.reset();
                }
                if (read.step()) {
                    Values owned;
                    for (std::size_t i = 0; i < table->platform_table.owned.size(); ++i) {
                        owned.push_back(column_value(read, static_cast<int>(i) + 1));
                    }
                    recorder.mapped(object_kind, legacy_key, std::to_string(id), read.column_text(0),
                                    hash_of(table->platform_table, owned), source_id, "needs-update");
                }
                read.reset();
            }
        }
        if (!done) {
            ++result.failed;
            recorder.message("error", "rollback.failed", legacy_key,
                             std::string(object_kind) + " " + legacy_key + ": could not undo \"" + action +
                                 "\" of run " + std::to_string(undone_run) + ": " + error,
                             0);
        } else {
            mark.bind(1, run_id).bind(2, entries.column_int(0)).run();
        }
        batches.after_write();
    }
    batches.finish();
    return result;
}

}  // namespace baton::load::sqlite_target
