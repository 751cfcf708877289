// Writes extracted model objects into the workspace in batched transactions, recording what changed.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/bounded_cache.hpp"
#include "core/sqlite.hpp"
#include "model/model_sink.hpp"
#include "workspace/attributes_json.hpp"  // the storage form of attributes, for callers too
#include "workspace/workspace.hpp"

namespace baton::workspace {

struct WriteCounts {
    std::int64_t new_people = 0;      // people the workspace did not have yet
    std::int64_t new_containers = 0;
    std::int64_t items = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t restored = 0;
    std::int64_t removed = 0;
    std::int64_t skipped = 0;  // exact copies of an item the export already had
    std::int64_t warnings = 0;
    std::int64_t errors = 0;
};

class WorkspaceWriter : public model::ModelSink {
public:
    WorkspaceWriter(Workspace& workspace, std::int64_t source_id, std::int64_t run_id,
                    std::int64_t commit_every = 10000);
    ~WorkspaceWriter() override;
    WorkspaceWriter(const WorkspaceWriter&) = delete;
    WorkspaceWriter& operator=(const WorkspaceWriter&) = delete;

    void person(model::Person person) override;
    void container(model::Container container) override;
    void item(model::Item item) override;
    void message(model::Message message) override;
    void revision_text(model::RevisionText text) override;

    // The source was read to its end: resolve references and mark items it no longer has as removed.
    void finish_complete();
    // The source stopped early: keep what was read, resolve references, mark nothing as removed.
    void finish_partial();

    [[nodiscard]] const WriteCounts& counts() const noexcept { return m_counts; }

private:
    struct Statements;
    void begin_if_needed();
    void commit();
    void count_operation();
    // The id of `key` from `cache`, else from `find`; `source_had_keys` false (the source had none of them when
    // the writer began) lets a miss of a cache that never forgot anything answer 0 without asking the workspace.
    std::int64_t lookup(BoundedCache<std::int64_t>& cache, sql::Statement& find, const std::string& key,
                        bool source_had_keys);
    std::int64_t ensure_person(const std::string& key);
    std::int64_t ensure_container(const std::string& key);
    void insert_item_children(std::int64_t item_id, const model::Item& item);
    // Inserts (existing_id 0) or updates the item with its body and children; false when an
    // insert met a key that is already there.
    bool write_item(const model::Item& item, const std::string& fingerprint, std::int64_t existing_id);
    std::string describe_changes(std::int64_t item_id, const model::Item& item);
    void resolve_references();
    void mark_removed_items();
    std::int64_t find_item_id(const std::string& key);  // 0 when not (yet) written

    sql::Database& m_db;
    std::string m_locator;  // the source's file, for messages that name none
    std::int64_t m_source_id;
    std::int64_t m_run_id;
    std::int64_t m_commit_every;
    std::int64_t m_operations = 0;
    int m_log_frames = 0;        // in the write-ahead log after the last commit
    std::int64_t m_autocheckpoint = 1000;  // the connection's wal_autocheckpoint, restored at the end
    bool m_in_transaction = false;
    bool m_source_had_items = false;  // a first extract has nothing to mark as removed
    bool m_source_had_people = true;
    bool m_source_had_containers = true;
    std::string m_last_item_key;      // the item written last, which comments usually point at
    std::int64_t m_last_item_id = 0;
    std::chrono::steady_clock::time_point m_last_commit = std::chrono::steady_clock::now();
    std::unique_ptr<Statements> m_sql;
    BoundedCache<std::int64_t> m_person_ids{16384};
    BoundedCache<std::int64_t> m_container_ids{16384};
    WriteCounts m_counts;
};


}  // namespace baton::workspace
