// Upserts rows by legacy key: created, updated (journalled with the row before), unchanged, or left alone
// as a conflict when the row was edited in the target since baton wrote it.
#include "loaders/sqlite/upsert_table.hpp"

#include <sqlite3.h>

#include "core/error.hpp"

namespace baton::load::sqlite_target {
namespace {

std::string insert_sql(const PlatformTable& table) {
    std::string columns = "legacy_key, content_hash";
    std::string placeholders = "?1, ?2";
    int index = 3;
    for (const auto column : table.owned) {
        columns += ", " + std::string(column);
        placeholders += ", ?" + std::to_string(index++);
    }
    return "INSERT INTO " + std::string(table.name) + "(" + columns + ") VALUES (" + placeholders + ")";
}

std::string update_sql(const PlatformTable& table) {
    std::string assignments = "content_hash = ?2";
    int index = 3;
    for (const auto column : table.owned) assignments += ", " + std::string(column) + " = ?" + std::to_string(index++);
    return "UPDATE " + std::string(table.name) + " SET " + assignments + " WHERE legacy_key = ?1";
}

}  // namespace

bool run_or_fail(sql::Database& platform, sql::Statement& statement, std::string& error) {
    try {
        statement.run();
        return true;
    } catch (const TargetError& failure) {
        statement.reset();
        if (sqlite3_get_autocommit(platform.handle()) != 0) throw;  // the transaction is gone: not one object's
        error = failure.what();
        return false;
    }
}

bool edited_in_target(const std::string& current_hash, const std::string& row_hash,
                      const std::optional<MappedObject>& mapped) {
    if (current_hash == row_hash) return false;
    return !mapped || mapped->target_hash.empty() || current_hash != mapped->target_hash;
}

UpsertTable::UpsertTable(WriteContext context, const PlatformTable& table, bool track_seen)
    : m_context(context),
      m_table(table),
      m_find(context.platform.prepare("SELECT id, content_hash, " + owned_list(table) + " FROM " +
                                      std::string(table.name) + " WHERE legacy_key = ?")),
      m_insert(context.platform.prepare(insert_sql(table))),
      m_update(context.platform.prepare(update_sql(table))),
      m_image(context.platform, table.name) {
    if (track_seen && context.recorder.dry_run()) {  // see PlatformDeletions
        m_seen = std::make_unique<sql::Statement>(
            context.platform.prepare("INSERT OR IGNORE INTO temp.seen(kind, legacy_key) VALUES (?, ?)"));
    }
}

std::int64_t UpsertTable::upsert(const std::string& legacy_key, const Values& values, std::int64_t source_id,
                                 const std::string& community_slug, LoadCounts& counts) {
    if (m_seen) m_seen->bind(1, m_table.object_kind).bind(2, legacy_key).run();
    const std::string hash = hash_of(m_table, values);
    m_find.bind(1, legacy_key);
    const bool exists = m_find.step();
    std::int64_t id = 0;
    std::string row_hash;
    std::string current_hash;
    if (exists) {
        id = m_find.column_int(0);
        row_hash = m_find.column_text(1);
        if (row_hash != hash) {
            Values current;
            for (std::size_t i = 0; i < m_table.owned.size(); ++i) {
                current.push_back(column_value(m_find, static_cast<int>(i) + 2));
            }
            current_hash = hash_of(m_table, current);
        }
    }
    m_find.reset();
    auto& recorder = m_context.recorder;
    const std::string target_id = std::to_string(id);
    if (exists && row_hash == hash) {
        ++counts.unchanged;
        recorder.mapped(m_table.object_kind, legacy_key, target_id, hash, hash, source_id);
        return id;
    }
    std::string before;
    if (exists) {
        const auto mapped = recorder.find(m_table.object_kind, legacy_key);
        if (edited_in_target(current_hash, row_hash, mapped)) {
            ++counts.conflicts;
            recorder.conflict(m_table.object_kind, legacy_key, target_id, community_slug,
                              "was edited in the target after baton loaded it; the newer source version was not "
                              "written over it");
            return id;
        }
        before = m_image.json_of(id);
    }
    auto& statement = exists ? m_update : m_insert;
    statement.bind(1, legacy_key).bind(2, hash);
    for (std::size_t i = 0; i < values.size(); ++i) bind_value(statement, static_cast<int>(i) + 3, values[i]);
    m_context.batches.before_write();
    std::string error;
    if (!run_or_fail(m_context.platform, statement, error)) {
        ++counts.failed;
        recorder.failed(m_table.object_kind, legacy_key, "the target refused it: " + error, source_id);
        return 0;
    }
    if (!exists) id = m_context.platform.last_insert_rowid();
    const std::string written_id = std::to_string(id);
    recorder.journal(m_table.object_kind, legacy_key, written_id, exists ? "updated" : "created", before);
    recorder.mapped(m_table.object_kind, legacy_key, written_id, hash, hash, source_id);
    ++(exists ? counts.updated : counts.created);
    m_context.batches.after_write();
    return id;
}

}  // namespace baton::load::sqlite_target
