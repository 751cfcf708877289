// What a Redmine load remembers in the workspace: id-map rows, the journal, conflicts and per-item messages.
#include "loaders/redmine/load_records.hpp"

#include "core/text.hpp"

namespace baton::load::redmine {

LoadRecords::LoadRecords(workspace::Workspace& workspace, std::string target, std::int64_t run_id)
    : m_workspace(workspace),
      m_target(std::move(target)),
      m_run(run_id),
      m_find(workspace.db().prepare("SELECT target_id, coalesce(content_hash, ''), coalesce(target_hash, ''), status "
                                    "FROM id_map WHERE target = ? AND object_kind = ? AND legacy_key = ?")),
      m_imported(workspace.db().prepare(
          "INSERT INTO id_map(target, object_kind, legacy_key, target_id, content_hash, run_id, status, source_id, "
          "target_hash, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'imported', ?7, ?8, ?9) "
          "ON CONFLICT (target, object_kind, legacy_key) DO UPDATE SET target_id = excluded.target_id, "
          "content_hash = excluded.content_hash, run_id = excluded.run_id, status = 'imported', "
          "source_id = excluded.source_id, target_hash = excluded.target_hash, updated_at = excluded.updated_at")),
      m_failed(workspace.db().prepare(
          "INSERT INTO id_map(target, object_kind, legacy_key, target_id, run_id, status, source_id, updated_at) "
          "VALUES (?1, ?2, ?3, '', ?4, 'failed', ?5, ?6) ON CONFLICT (target, object_kind, legacy_key) DO UPDATE SET "
          "run_id = excluded.run_id, status = 'failed', updated_at = excluded.updated_at")),
      m_journal(workspace.db().prepare("INSERT INTO load_journal(run_id, target, object_kind, legacy_key, target_id, "
                                       "action, before) VALUES (?, ?, ?, ?, ?, ?, ?)")),
      m_resolve_pending(workspace.db().prepare("UPDATE load_journal SET target_id = ?, before = ? WHERE id = ?")),
      m_conflict(workspace.db().prepare("INSERT INTO load_conflicts(run_id, target, object_kind, legacy_key, target_id, "
                                        "community_slug, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {}

std::optional<MapRow> LoadRecords::find(const std::string& kind, const std::string& legacy_key) {
    m_find.bind(1, m_target).bind(2, kind).bind(3, legacy_key);
    std::optional<MapRow> row;
    if (m_find.step()) {
        row = MapRow{m_find.column_text(0), m_find.column_text(1), m_find.column_text(2), m_find.column_text(3)};
    }
    m_find.reset();
    return row;
}

void LoadRecords::imported(const std::string& kind, const std::string& legacy_key, std::int64_t source_id,
                           const std::string& target_id, const std::string& content_hash,
                           const std::string& target_hash) {
    m_imported.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, target_id).bind(5, content_hash);
    m_imported.bind(6, m_run).bind_id_or_null(7, source_id).bind(8, target_hash).bind(9, text::utc_now_iso()).run();
}

void LoadRecords::failed(const std::string& kind, const std::string& legacy_key, std::int64_t source_id,
                         const std::string& item_key, const std::string& message) {
    m_failed.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, m_run).bind_id_or_null(5, source_id);
    m_failed.bind(6, text::utc_now_iso()).run();
    model::Message record;
    record.severity = model::Severity::error;
    record.code = "load.redmine-" + kind + "-failed";
    record.text = kind + " " + legacy_key + ": " + message;
    record.item_key = item_key;
    m_workspace.record_message(m_run, source_id, record);
}

void LoadRecords::pending_create(const std::string& kind, const std::string& legacy_key, const std::string& lookup) {
    journal_ahead(kind, legacy_key, {}, "created", lookup);
}

void LoadRecords::pending_update(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                                 const std::string& before_json) {
    journal_ahead(kind, legacy_key, target_id, "updated", before_json);
}

void LoadRecords::journal_ahead(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                                const char* action, const std::string& before_json) {
    const std::lock_guard lock(m_pending_mutex);
    const auto [row, added] = m_pending_rows.try_emplace(kind + '\n' + legacy_key, 0);
    if (!added) return;  // a retry of the same write
    m_journal.bind(1, m_run).bind(2, m_target).bind(3, kind).bind(4, legacy_key).bind(5, target_id).bind(6, action);
    m_journal.bind_text_or_null(7, before_json).run();
    row->second = m_workspace.db().last_insert_rowid();
}

void LoadRecords::journal(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                          const std::string& action, const std::string& before_json) {
    if (action == "created" || action == "updated") {
        const std::lock_guard lock(m_pending_mutex);
        if (const auto pending = m_pending_rows.find(kind + '\n' + legacy_key); pending != m_pending_rows.end()) {
            // A create answered without a target id keeps its lookup, for rollback to find the object with.
            if (!target_id.empty()) {
                m_resolve_pending.bind(1, target_id).bind_text_or_null(2, before_json);
                m_resolve_pending.bind(3, pending->second).run();
            }
            m_pending_rows.erase(pending);
            return;
        }
    }
    m_journal.bind(1, m_run).bind(2, m_target).bind(3, kind).bind(4, legacy_key).bind(5, target_id).bind(6, action);
    m_journal.bind_text_or_null(7, before_json).run();
}

void LoadRecords::message(std::int64_t source_id, const model::Message& message) {
    m_workspace.record_message(m_run, source_id, message);
}

void LoadRecords::conflict(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                           const std::string& community_slug, const std::string& detail) {
    m_conflict.bind(1, m_run).bind(2, m_target).bind(3, kind).bind(4, legacy_key).bind(5, target_id);
    m_conflict.bind_text_or_null(6, community_slug).bind(7, detail).run();
}

}  // namespace baton::load::redmine
