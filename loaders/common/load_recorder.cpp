// What a load run records in the workspace per target object: id map, journal, conflicts and messages.
#include "loaders/common/load_recorder.hpp"

#include <algorithm>
#include <cstring>

#include "core/text.hpp"

namespace baton::load {
namespace {
constexpr int rows_per_statement = 64;

// "(SHARED, ?F, ..., ?F+N-1 AFTER), (...)" for `rows` rows of N parameters of their own, numbered from F.
std::string rows_of_values(int rows, const char* shared, int first, int per_row, const char* after) {
    std::string sql;
    for (int row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        sql += shared;
        for (int i = 0; i < per_row; ++i) sql += ", ?" + std::to_string(first + per_row * row + i);
        sql += after;
        sql += ")";
    }
    return sql;
}

// INSERT INTO id_map ... for `rows` rows: ?1 target, ?2 run, ?3 now; 7 per row after.
std::string map_sql(int rows) {
    return "INSERT INTO id_map(target, object_kind, legacy_key, target_id, content_hash, status, source_id, "
           "target_hash, run_id, updated_at) VALUES " + rows_of_values(rows, "?1", 4, 7, ", ?2, ?3") +
           " ON CONFLICT (target, object_kind, legacy_key) DO UPDATE SET target_id = excluded.target_id, "
           "content_hash = excluded.content_hash, run_id = excluded.run_id, status = excluded.status, "
           "source_id = coalesce(excluded.source_id, source_id), target_hash = excluded.target_hash, "
           "updated_at = CASE WHEN target_hash IS excluded.target_hash AND status = excluded.status "
           "THEN updated_at ELSE excluded.updated_at END";
}

// INSERT INTO load_journal ... for `rows` rows: ?1 run, ?2 target; 5 per row after.
std::string journal_sql(int rows) {
    return "INSERT INTO load_journal(run_id, target, object_kind, legacy_key, target_id, action, before) VALUES " +
           rows_of_values(rows, "?1, ?2", 3, 5, "");
}

// INSERT INTO messages ... for `rows` rows: ?1 run; 5 per row after.
std::string message_sql(int rows) {
    return "INSERT INTO messages(run_id, source_id, item_key, severity, code, text) VALUES " +
           rows_of_values(rows, "?1", 2, 5, "");
}

constexpr const char* now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
constexpr std::size_t max_waiting = 10000;

}  // namespace

LoadRecorder::RowsStatement::RowsStatement(sql::Database& db, std::string (*sql_of)(int rows))
    : m_db(db), m_sql_of(sql_of), m_full(db.prepare(sql_of(rows_per_statement))) {}

sql::Statement& LoadRecorder::RowsStatement::for_rows(std::size_t rows) {
    if (rows == rows_per_statement) return m_full;
    m_tail = std::make_unique<sql::Statement>(m_db.prepare(m_sql_of(static_cast<int>(rows))));
    return *m_tail;
}

LoadRecorder::LoadRecorder(workspace::Workspace& workspace, std::string target, std::int64_t run_id, bool dry_run)
    : m_db(workspace.db()),
      m_target(std::move(target)),
      m_run(run_id),
      m_dry_run(dry_run),
      m_find(m_db.prepare("SELECT target_id, coalesce(content_hash, ''), coalesce(target_hash, ''), status FROM id_map "
                          "WHERE target = ? AND object_kind = ? AND legacy_key = ?")),
      m_status(m_db.prepare(std::string("UPDATE id_map SET status = ?4, run_id = ?5, updated_at = ") + now_sql +
                            " WHERE target = ?1 AND object_kind = ?2 AND legacy_key = ?3 AND status <> ?4")),
      m_forget(m_db.prepare("DELETE FROM id_map WHERE target = ? AND object_kind = ? AND legacy_key = ?")),
      m_conflict(m_db.prepare("INSERT INTO load_conflicts(run_id, target, object_kind, legacy_key, target_id, "
                              "community_slug, detail) VALUES (?,?,?,?,?,?,?)")),
      m_journal_rows_insert(m_db, journal_sql),
      m_map_rows_upsert(m_db, map_sql),
      m_message_rows_insert(m_db, message_sql),
      m_failed(m_db.prepare(std::string("INSERT INTO id_map(target, object_kind, legacy_key, target_id, run_id, "
                                        "status, source_id, updated_at) VALUES (?1,?2,?3,'',?4,'failed',?5,") +
                            now_sql +
                            ") ON CONFLICT (target, object_kind, legacy_key) DO UPDATE SET status = 'failed', "
                            "run_id = excluded.run_id, updated_at = excluded.updated_at")) {}

std::optional<MappedObject> LoadRecorder::find(const char* kind, const std::string& legacy_key) {
    m_find.bind(1, m_target).bind(2, kind).bind(3, legacy_key);
    std::optional<MappedObject> found;
    if (m_find.step()) {
        found = MappedObject{m_find.column_text(0), m_find.column_text(1), m_find.column_text(2),
                             m_find.column_text(3)};
    }
    m_find.reset();
    return found;
}

void LoadRecorder::mapped(const char* kind, const std::string& legacy_key, const std::string& target_id,
                          const std::string& content_hash, const std::string& target_hash, std::int64_t source_id,
                          const char* status) {
    if (m_dry_run) return;
    m_maps.push_back({kind, legacy_key, target_id, content_hash, target_hash, source_id, status});
    if (m_maps.size() >= max_waiting) flush();  // memory stays bounded when few writes commit batches
}

void LoadRecorder::flush() {
    flush_journal();
    flush_maps();
    flush_messages();
}

void LoadRecorder::flush_journal() {
    for (std::size_t done = 0; done < m_journal_rows.size();) {
        const auto rows = std::min<std::size_t>(rows_per_statement, m_journal_rows.size() - done);
        auto& statement = m_journal_rows_insert.for_rows(rows);
        statement.bind(1, m_run).bind(2, m_target);
        for (std::size_t row = 0; row < rows; ++row) {
            const auto& entry = m_journal_rows[done + row];
            const int base = 3 + 5 * static_cast<int>(row);
            statement.bind(base, entry.kind).bind(base + 1, entry.legacy_key).bind(base + 2, entry.target_id);
            statement.bind(base + 3, entry.action).bind_text_or_null(base + 4, entry.before);
        }
        statement.run();
        done += rows;
    }
    m_journal_rows.clear();
}

void LoadRecorder::flush_maps() {
    if (m_maps.empty()) return;
    std::sort(m_maps.begin(), m_maps.end(), [](const PendingMap& a, const PendingMap& b) {
        const int kinds = std::strcmp(a.kind, b.kind);
        return kinds != 0 ? kinds < 0 : a.legacy_key < b.legacy_key;
    });
    const std::string now = text::utc_now_iso();
    for (std::size_t done = 0; done < m_maps.size();) {
        const auto rows = std::min<std::size_t>(rows_per_statement, m_maps.size() - done);
        auto& statement = m_map_rows_upsert.for_rows(rows);
        statement.bind(1, m_target).bind(2, m_run).bind(3, now);
        for (std::size_t row = 0; row < rows; ++row) {
            const auto& entry = m_maps[done + row];
            const int base = 4 + 7 * static_cast<int>(row);
            statement.bind(base, entry.kind).bind(base + 1, entry.legacy_key).bind(base + 2, entry.target_id);
            statement.bind(base + 3, entry.content_hash).bind(base + 4, entry.status);
            statement.bind_id_or_null(base + 5, entry.source_id).bind(base + 6, entry.target_hash);
        }
        statement.run();
        done += rows;
    }
    m_maps.clear();
}

// In the order they were reported.
void LoadRecorder::flush_messages() {
    for (std::size_t done = 0; done < m_messages.size();) {
        const auto rows = std::min<std::size_t>(rows_per_statement, m_messages.size() - done);
        auto& statement = m_message_rows_insert.for_rows(rows);
        statement.bind(1, m_run);
        for (std::size_t row = 0; row < rows; ++row) {
            const auto& entry = m_messages[done + row];
            const int base = 2 + 5 * static_cast<int>(row);
            statement.bind_id_or_null(base, entry.source_id).bind(base + 1, entry.legacy_key);
            statement.bind(base + 2, entry.severity).bind(base + 3, entry.code).bind(base + 4, entry.text);
        }
        statement.run();
        done += rows;
    }
    m_messages.clear();
}

void LoadRecorder::set_status(const char* kind, const std::string& legacy_key, const char* status) {
    if (m_dry_run) return;
    m_status.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, status).bind(5, m_run).run();
}

void LoadRecorder::forget(const char* kind, const std::string& legacy_key) {
    if (m_dry_run) return;
    m_forget.bind(1, m_target).bind(2, kind).bind(3, legacy_key).run();
}

void LoadRecorder::journal(const char* kind, const std::string& legacy_key, const std::string& target_id,
                           const char* action, const std::string& before) {
    if (m_dry_run) return;
    m_journal_rows.push_back({kind, legacy_key, target_id, action, before});
    if (m_journal_rows.size() >= max_waiting) flush();
}

void LoadRecorder::conflict(const char* kind, const std::string& legacy_key, const std::string& target_id,
                            const std::string& community_slug, const std::string& detail) {
    if (m_dry_run) return;
    m_conflict.bind(1, m_run).bind(2, m_target).bind(3, kind).bind(4, legacy_key).bind(5, target_id);
    m_conflict.bind_text_or_null(6, community_slug).bind(7, detail).run();
    set_status(kind, legacy_key, "needs-update");
    message("warning", "load.conflict", legacy_key,
            std::string(kind) + " " + legacy_key + " (target id " + target_id + ") " + detail +
                (community_slug.empty() ? std::string() : "; tell the owner of community " + community_slug),
            0);
}

void LoadRecorder::failed(const char* kind, const std::string& legacy_key, const std::string& detail,
                          std::int64_t source_id) {
    if (m_dry_run) return;
    m_failed.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, m_run).bind_id_or_null(5, source_id).run();
    message("error", "load.failed", legacy_key, std::string(kind) + " " + legacy_key + ": " + detail, source_id);
}

void LoadRecorder::message(const char* severity, const char* code, const std::string& legacy_key,
                           const std::string& text, std::int64_t source_id) {
    if (m_dry_run) return;
    m_messages.push_back({severity, code, legacy_key, text, source_id});
    if (m_messages.size() >= max_waiting) flush();
}

}  // namespace baton::load
