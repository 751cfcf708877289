// What a load run records in the workspace per target object: id map, journal, conflicts and messages.
#include "loaders/common/load_recorder.hpp"

#include <algorithm>
#include <cstring>

namespace baton::load {
namespace {
constexpr const char* now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
}

LoadRecorder::LoadRecorder(workspace::Workspace& workspace, std::string target, std::int64_t run_id, bool dry_run)
    : m_db(workspace.db()),
      m_target(std::move(target)),
      m_run(run_id),
      m_dry_run(dry_run),
      m_find(m_db.prepare("SELECT target_id, coalesce(content_hash, ''), coalesce(target_hash, ''), status FROM id_map "
                          "WHERE target = ? AND object_kind = ? AND legacy_key = ?")),
      m_map(m_db.prepare(std::string(
                             "INSERT INTO id_map(target, object_kind, legacy_key, target_id, content_hash, run_id, "
                             "status, source_id, target_hash, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,") +
                         now_sql +
                         ") ON CONFLICT (target, object_kind, legacy_key) DO UPDATE SET target_id = excluded.target_id, "
                         "content_hash = excluded.content_hash, run_id = excluded.run_id, status = excluded.status, "
                         "source_id = coalesce(excluded.source_id, source_id), target_hash = excluded.target_hash, "
                         "updated_at = CASE WHEN target_hash IS excluded.target_hash AND status = excluded.status "
                         "THEN updated_at ELSE excluded.updated_at END")),
      m_status(m_db.prepare(std::string("UPDATE id_map SET run_id = ?5, updated_at = CASE WHEN status = ?4 THEN "
                                        "updated_at ELSE ") + now_sql + " END, status = ?4 "
                            "WHERE target = ?1 AND object_kind = ?2 AND legacy_key = ?3")),
      m_forget(m_db.prepare("DELETE FROM id_map WHERE target = ? AND object_kind = ? AND legacy_key = ?")),
      m_journal(m_db.prepare("INSERT INTO load_journal(run_id, target, object_kind, legacy_key, target_id, action, "
                             "before) VALUES (?,?,?,?,?,?,?)")),
      m_conflict(m_db.prepare("INSERT INTO load_conflicts(run_id, target, object_kind, legacy_key, target_id, "
                              "community_slug, detail) VALUES (?,?,?,?,?,?,?)")),
      m_message(m_db.prepare("INSERT INTO messages(run_id, source_id, item_key, severity, code, text) "
                             "VALUES (?,?,?,?,?,?)")),
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
}

void LoadRecorder::flush() {
    for (const auto& row : m_journal_rows) {
        m_journal.bind(1, m_run).bind(2, m_target).bind(3, row.kind).bind(4, row.legacy_key).bind(5, row.target_id);
        m_journal.bind(6, row.action).bind_text_or_null(7, row.before).run();
    }
    m_journal_rows.clear();
    std::sort(m_maps.begin(), m_maps.end(), [](const PendingMap& a, const PendingMap& b) {
        const int kinds = std::strcmp(a.kind, b.kind);
        return kinds != 0 ? kinds < 0 : a.legacy_key < b.legacy_key;
    });
    for (const auto& row : m_maps) {
        m_map.bind(1, m_target).bind(2, row.kind).bind(3, row.legacy_key).bind(4, row.target_id);
        m_map.bind(5, row.content_hash).bind(6, m_run).bind(7, row.status).bind_id_or_null(8, row.source_id);
        m_map.bind(9, row.target_hash).run();
    }
    m_maps.clear();
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
    m_message.bind(1, m_run).bind_id_or_null(2, source_id).bind(3, legacy_key).bind(4, severity).bind(5, code);
    m_message.bind(6, text).run();
}

}  // namespace baton::load
