// What a Redmine load remembers in the workspace: id-map rows, the journal, conflicts and per-item messages.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "workspace/workspace.hpp"

namespace baton::load::redmine {

struct MapRow {
    std::string target_id;
    std::string content_hash;
    std::string target_hash;
    std::string status;
};

// Written from the load's main thread only (workers hand their outcomes back), except pending_create and
// pending_update, which the workers call while the main thread waits for their batch.
class LoadRecords {
public:
    LoadRecords(workspace::Workspace& workspace, std::string target, std::int64_t run_id);

    [[nodiscard]] std::optional<MapRow> find(const std::string& kind, const std::string& legacy_key);
    void imported(const std::string& kind, const std::string& legacy_key, std::int64_t source_id,
                  const std::string& target_id, const std::string& content_hash, const std::string& target_hash);
    // Keeps a target id already known; the message goes to `messages` under this run.
    void failed(const std::string& kind, const std::string& legacy_key, std::int64_t source_id,
                const std::string& item_key, const std::string& message);
    // A create about to be sent: a `created` journal row with no target id yet and `lookup` (create_lookup) as
    // its before, committed before the request goes out. Once per object and run; thread-safe.
    void pending_create(const std::string& kind, const std::string& legacy_key, const std::string& lookup);
    // An update about to be sent: its `updated` journal row with the before-image, committed first (rolling back
    // an update that never arrived writes the same state again). Once per object and run; thread-safe.
    void pending_update(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                        const std::string& before_json);
    // For `created` and `updated`, the object's pending row (if any) gets the answer; otherwise a row is added.
    void journal(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                 const std::string& action, const std::string& before_json);
    void message(std::int64_t source_id, const model::Message& message);
    void conflict(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                  const std::string& community_slug, const std::string& detail);

    [[nodiscard]] const std::string& target() const noexcept { return m_target; }
    [[nodiscard]] std::int64_t run_id() const noexcept { return m_run; }

private:
    workspace::Workspace& m_workspace;
    std::string m_target;
    std::int64_t m_run;
    sql::Statement m_find;
    sql::Statement m_imported;
    sql::Statement m_failed;
    sql::Statement m_journal;
    sql::Statement m_resolve_pending;
    std::mutex m_pending_mutex;
    std::map<std::string, std::int64_t> m_pending_rows;  // kind '\n' legacy key -> journal row, until answered
    sql::Statement m_conflict;

    void journal_ahead(const std::string& kind, const std::string& legacy_key, const std::string& target_id,
                       const char* action, const std::string& before_json);
};

}  // namespace baton::load::redmine
