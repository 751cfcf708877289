// What a load run records in the workspace per target object: id map, journal, conflicts and messages.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/sqlite.hpp"
#include "workspace/workspace.hpp"

namespace baton::load {

// One object of the target as the id map knows it.
struct MappedObject {
    std::string target_id;
    std::string content_hash;
    std::string target_hash;
    std::string status;
};

// Writes nothing in a dry run (every write method returns at once); lookups still read the workspace.
// The caller owns the workspace transaction (see LoadBatches): rows are written in its batches. Id-map, journal
// and message rows of a batch wait in memory until flush() (LoadBatches calls it before each workspace commit):
// written together, many rows per statement and the id-map rows in key order, they cost a fraction of one
// statement per row.
class LoadRecorder {
public:
    LoadRecorder(workspace::Workspace& workspace, std::string target, std::int64_t run_id, bool dry_run);

    [[nodiscard]] const std::string& target() const noexcept { return m_target; }
    [[nodiscard]] std::int64_t run_id() const noexcept { return m_run; }
    [[nodiscard]] bool dry_run() const noexcept { return m_dry_run; }

    [[nodiscard]] std::optional<MappedObject> find(const char* kind, const std::string& legacy_key);

    // The id-map row of an object the target now holds as baton wrote it (or found it unchanged).
    void mapped(const char* kind, const std::string& legacy_key, const std::string& target_id,
                const std::string& content_hash, const std::string& target_hash, std::int64_t source_id,
                const char* status = "imported");
    // Sets only the status of an existing id-map row (needs-update for conflicts, ignored for kept deletions).
    void set_status(const char* kind, const std::string& legacy_key, const char* status);
    void forget(const char* kind, const std::string& legacy_key);  // the object was deleted from the target
    void flush();  // writes the waiting id-map, journal and message rows

    // action: created, updated, deleted or archived; before: the object as JSON before the write ("" for created).
    void journal(const char* kind, const std::string& legacy_key, const std::string& target_id, const char* action,
                 const std::string& before);
    // Edited in the target since baton wrote it: not overwritten. Also a warning message and id-map needs-update.
    void conflict(const char* kind, const std::string& legacy_key, const std::string& target_id,
                  const std::string& community_slug, const std::string& detail);
    // The target refused the object: an error message, and the id-map row (if any, else a new one) marked failed.
    void failed(const char* kind, const std::string& legacy_key, const std::string& detail, std::int64_t source_id);

    // A message of this run about one object (severity: info, warning, error).
    void message(const char* severity, const char* code, const std::string& legacy_key, const std::string& text,
                 std::int64_t source_id);

private:
    // One INSERT of many rows (`sql_of(rows)`); a shorter one for the last rows of a flush.
    class RowsStatement {
    public:
        RowsStatement(sql::Database& db, std::string (*sql_of)(int rows));
        sql::Statement& for_rows(std::size_t rows);

    private:
        sql::Database& m_db;
        std::string (*m_sql_of)(int rows);
        sql::Statement m_full;
        std::unique_ptr<sql::Statement> m_tail;
    };
    struct PendingMap {
        const char* kind;
        std::string legacy_key, target_id, content_hash, target_hash;
        std::int64_t source_id;
        const char* status;
    };
    struct PendingJournal {
        const char* kind;
        std::string legacy_key, target_id;
        const char* action;
        std::string before;
    };
    struct PendingMessage {
        const char* severity;
        const char* code;
        std::string legacy_key, text;
        std::int64_t source_id;
    };
    std::vector<PendingMap> m_maps;
    std::vector<PendingJournal> m_journal_rows;
    std::vector<PendingMessage> m_messages;
    sql::Database& m_db;
    std::string m_target;
    std::int64_t m_run;
    bool m_dry_run;
    sql::Statement m_find;
    sql::Statement m_status;
    sql::Statement m_forget;
    sql::Statement m_conflict;
    RowsStatement m_journal_rows_insert;
    RowsStatement m_map_rows_upsert;
    RowsStatement m_message_rows_insert;
    sql::Statement m_failed;
    void flush_journal();
    void flush_maps();
    void flush_messages();
};

}  // namespace baton::load
