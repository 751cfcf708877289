// Batched transactions for a load: the workspace (journal, id map) commits first, then the target.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "core/background_checkpointer.hpp"
#include "core/sqlite.hpp"
#include "loaders/common/load_recorder.hpp"
#include "loaders/common/write_pacer.hpp"
#include "loaders/loader.hpp"

namespace baton::load {

// The journal is written ahead: a batch's workspace rows commit before its target writes, so a run killed
// between the two commits has journal rows for writes the target lost (undoing those is harmless) and never
// target writes without journal rows. A re-run finds every object again by its legacy key in the target.
// A dry run writes nothing: no workspace transaction, and the target's transaction is rolled back at the end.
// Each database in WAL mode has its log copied by a BackgroundCheckpointer, so the loading thread does not wait
// for checkpoints' fsyncs; between batches it starts a log over once it passed `log_bound_bytes`.
class LoadBatches {
public:
    static constexpr std::int64_t log_bound_bytes = 32 * 1024 * 1024;

    // `target` may be null for targets without a database of their own (a server's API).
    // `recorder` (optional) is flushed before each workspace commit.
    LoadBatches(sql::Database& workspace, sql::Database* target, const LoadOptions& options,
                LoadRecorder* recorder = nullptr);
    ~LoadBatches();
    LoadBatches(const LoadBatches&) = delete;
    LoadBatches& operator=(const LoadBatches&) = delete;

    void before_write() { m_pacer.wait(); }  // paces to --rate
    // Counts one target write; commits the batch after `batch_size` writes or a second.
    void after_write();
    void finish();  // commits the last batch (a dry run: rolls the target back)
    [[nodiscard]] std::int64_t writes() const noexcept { return m_writes; }

private:
    void begin();
    void commit();
    sql::Database& m_workspace;
    sql::Database* m_target;
    LoadRecorder* m_recorder;
    bool m_dry_run;
    bool m_open = false;
    std::int64_t m_batch_size;
    std::int64_t m_in_batch = 0;
    std::int64_t m_writes = 0;
    std::chrono::steady_clock::time_point m_batch_start;
    WritePacer m_pacer;
    std::optional<sql::BackgroundCheckpointer> m_workspace_log;
    std::optional<sql::BackgroundCheckpointer> m_target_log;
};

// The test hook BATON_TEST_KILL_AFTER=N: the Nth call raises SIGKILL in this process (a real kill -9, to
// test resuming). Called after every target write and between the two commits of a batch (SQLite target), and
// after every object written to Redmine and after each batch's records (Redmine target).
void test_kill_point();

}  // namespace baton::load
