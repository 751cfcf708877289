// Upserts rows by legacy key: created, updated (journalled with the row before), unchanged, or left alone
// as a conflict when the row was edited in the target since baton wrote it.
#include "loaders/sqlite/upsert_table.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"

namespace baton::load::sqlite_target {
namespace {

// A row named by a self-reference written before this one gets its id at once: setting it later would write
// the row a second time (with its body).
std::string insert_sql(const PlatformTable& table) {
    std::string columns = "legacy_key, content_hash";
    std::string placeholders = "?1, ?2";
    int index = 3;
    for (const auto column : table.owned) {
        columns += ", " + std::string(column);
        placeholders += ", ?" + std::to_string(index++);
    }
    if (const auto& reference = table.self_reference) {
        const auto key = std::find(table.owned.begin(), table.owned.end(), reference->key_column);
        if (key == table.owned.end()) throw std::logic_error("the key column of a self-reference must be owned");
        columns += ", " + std::string(reference->id_column);
        placeholders += ", " + self_reference_id_sql(table, "?" + std::to_string(3 + (key - table.owned.begin())));
    }
    return "INSERT INTO " + std::string(table.name) + "(" + columns + ") VALUES (" + placeholders + ")";
}

bool table_is_empty(sql::Database& db, const PlatformTable& table) {
    return db.query_int("SELECT NOT EXISTS (SELECT 1 FROM " + std::string(table.name) + ")") != 0;
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

UpsertTable::UpsertTable(WriteContext context, const PlatformTable& table)
    : m_context(context),
      m_table(table),
      m_find(context.platform.prepare("SELECT id, content_hash FROM " + std::string(table.name) +
                                      " WHERE legacy_key = ?")),
      m_read_owned(context.platform.prepare("SELECT " + owned_list(table) + " FROM " + std::string(table.name) +
                                            " WHERE id = ?")),
      m_insert(context.platform.prepare(insert_sql(table))),
      m_insert_new(context.platform.prepare(insert_sql(table) + " ON CONFLICT (legacy_key) DO NOTHING")),
      m_empty_at_start(table_is_empty(context.platform, table)),
      m_update(context.platform.prepare(update_sql(table))),
      m_image(context.platform, table.name) {}

std::int64_t UpsertTable::upsert(const std::string& legacy_key, const Values& values, std::int64_t source_id,
                                 const std::string& community_slug, LoadCounts& counts) {
    const std::string hash = hash_of(m_table, values);
    if (m_empty_at_start) {
        // A table empty when the load began holds only what this load wrote: insert without looking first
        // (a legacy key met twice falls through to the lookup below).
        m_insert_new.bind(1, legacy_key).bind(2, hash);
        for (std::size_t i = 0; i < values.size(); ++i) bind_value(m_insert_new, static_cast<int>(i) + 3, values[i]);
        m_context.batches.before_write();
        std::string error;
        if (!run_or_fail(m_context.platform, m_insert_new, error)) {
            ++counts.failed;
            m_context.recorder.failed(m_table.object_kind, legacy_key, "the target refused it: " + error, source_id);
            return 0;
        }
        if (m_context.platform.changes() > 0) return created(legacy_key, hash, source_id, counts);
    }
    m_find.bind(1, legacy_key);
    const bool exists = m_find.step();
    const std::int64_t found_id = exists ? m_find.column_int(0) : 0;
    const std::string row_hash = exists ? m_find.column_text(1) : std::string();
    m_find.reset();
    std::int64_t id = found_id;
    std::string current_hash;
    if (exists && row_hash != hash) {
        m_read_owned.bind(1, id);
        if (m_read_owned.step()) {
            Values current;
            for (std::size_t i = 0; i < m_table.owned.size(); ++i) {
                current.push_back(column_value(m_read_owned, static_cast<int>(i)));
            }
            current_hash = hash_of(m_table, current);
        }
        m_read_owned.reset();
    }
    auto& recorder = m_context.recorder;
    const std::string target_id = std::to_string(id);
    if (exists && row_hash == hash) {
        ++counts.unchanged;
        // The id map is written only when it does not already say so (a re-run writes nothing).
        const auto mapped = recorder.find(m_table.object_kind, legacy_key);
        if (!mapped || mapped->target_id != target_id || mapped->content_hash != hash || mapped->target_hash != hash ||
            mapped->status != "imported") {
            recorder.mapped(m_table.object_kind, legacy_key, target_id, hash, hash, source_id);
        }
        return id;
    }
    std::string before;
    if (exists) {
        const auto mapped = recorder.find(m_table.object_kind, legacy_key);
        // A row that already holds exactly the new values (its stored hash is stale, e.g. written by an older
        // hash function) is no conflict: it is rewritten with the new hash.
        if (current_hash != hash && edited_in_target(current_hash, row_hash, mapped)) {
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
    if (!exists) return created(legacy_key, hash, source_id, counts);
    const std::string written_id = std::to_string(id);
    recorder.journal(m_table.object_kind, legacy_key, written_id, "updated", before);
    recorder.mapped(m_table.object_kind, legacy_key, written_id, hash, hash, source_id);
    ++counts.updated;
    m_context.batches.after_write();
    return id;
}

std::int64_t UpsertTable::created(const std::string& legacy_key, const std::string& hash, std::int64_t source_id,
                                  LoadCounts& counts) {
    const std::int64_t id = m_context.platform.last_insert_rowid();
    const std::string written_id = std::to_string(id);
    m_context.recorder.journal(m_table.object_kind, legacy_key, written_id, "created", {});
    m_context.recorder.mapped(m_table.object_kind, legacy_key, written_id, hash, hash, source_id);
    ++counts.created;
    m_context.batches.after_write();
    return id;
}

}  // namespace baton::load::sqlite_target
