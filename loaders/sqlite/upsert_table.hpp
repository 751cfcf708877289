// Upserts rows by legacy key: created, updated (journalled with the row before), unchanged, or left alone
// as a conflict when the row was edited in the target since baton wrote it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/sqlite.hpp"
#include "loaders/common/load_batches.hpp"
#include "loaders/common/load_recorder.hpp"
#include "loaders/loader.hpp"
#include "loaders/sqlite/platform_tables.hpp"

namespace baton::load::sqlite_target {

// Everything a table writer shares: the target, the workspace records, the batches.
struct WriteContext {
    sql::Database& platform;
    sql::Database& workspace;
    LoadRecorder& recorder;
    LoadBatches& batches;
};

// Runs one target statement; a statement the target refuses (a trigger, a constraint) while the transaction
// stays open is that object's failure (false); anything that ends the transaction is rethrown.
bool run_or_fail(sql::Database& platform, sql::Statement& statement, std::string& error);

// True when the row's values (read back) are neither what baton last wrote into it (its content_hash) nor
// what the id map says the target held after baton's write: someone edited it in the target.
bool edited_in_target(const std::string& current_hash, const std::string& row_hash,
                      const std::optional<MappedObject>& mapped);

class UpsertTable {
public:
    UpsertTable(WriteContext context, const PlatformTable& table);
    // Returns the row id in the target (0 when the write failed).
    std::int64_t upsert(const std::string& legacy_key, const Values& values, std::int64_t source_id,
                        const std::string& community_slug, LoadCounts& counts);

    [[nodiscard]] bool empty_at_start() const noexcept { return m_empty_at_start; }

private:
    std::int64_t created(const std::string& legacy_key, const std::string& hash, std::int64_t source_id,
                         LoadCounts& counts);  // journals and maps the row just inserted
    WriteContext m_context;
    const PlatformTable& m_table;
    sql::Statement m_find;        // id and content_hash only: most rows are found unchanged
    sql::Statement m_read_owned;  // the owned columns, read only when the hash differs
    sql::Statement m_insert;
    sql::Statement m_insert_new;  // ... ON CONFLICT (legacy_key) DO NOTHING
    bool m_empty_at_start;
    sql::Statement m_update;
    RowImage m_image;
};

}  // namespace baton::load::sqlite_target
