// The workspace: one SQLite file that remembers everything a migration knows, with its run log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/sqlite.hpp"
#include "model/model.hpp"

namespace baton::workspace {

inline constexpr const char* default_workspace_path = "baton.db";

enum class Access {
    existing,   // the workspace must exist (status, plan, report ...)
    create,     // created when missing (extract)
};

enum class RunOutcome { running, succeeded, partial, failed, interrupted };

[[nodiscard]] const char* run_outcome_name(RunOutcome outcome) noexcept;

struct SourceRow {
    std::int64_t id = 0;
    model::SourceInfo info;
    std::string file_signature;
    std::int64_t last_run = 0;
    std::int64_t last_complete_run = 0;
};

struct RunRow {
    std::int64_t id = 0;
    std::string command;
    std::string options;
    std::string started_at;
    std::string ended_at;
    std::string outcome;
    int exit_code = 0;
    std::string error;
};

class Workspace {
public:
    // Opens (and upgrades) the workspace at `path`; throws WorkspaceError with a hint when it cannot.
    Workspace(const std::string& path, Access access);
    // A workspace still in its first bulk load is switched to its lasting mode here (finish_bulk_load).
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    [[nodiscard]] sql::Database& db() noexcept { return m_db; }
    [[nodiscard]] const std::string& path() const noexcept { return m_db.path(); }
    [[nodiscard]] int schema_version();
    // Versions this workspace was upgraded from when it was opened (empty when none).
    [[nodiscard]] const std::vector<int>& upgraded_from() const noexcept { return m_upgraded_from; }

    [[nodiscard]] std::int64_t begin_run(const std::string& command, const std::string& options,
                                         const std::string& mapping_hash = {});
    void end_run(std::int64_t run_id, RunOutcome outcome, int exit_code, const std::string& error = {});
    [[nodiscard]] std::vector<RunRow> recent_runs(int limit);

    // Finds the source by kind and key, creating it; records locator, title and the run.
    [[nodiscard]] std::int64_t upsert_source(const model::SourceInfo& source, std::int64_t run_id,
                                             const std::string& file_signature);
    [[nodiscard]] std::vector<SourceRow> sources();

    // True while a new file takes its first extract: a rollback journal on disk and no fsyncs, so a
    // killed run rolls back cleanly but a crash of the machine itself may leave a file to delete.
    [[nodiscard]] bool bulk_loading() const noexcept { return m_bulk_loading; }
    // Ends the first bulk load: write-ahead log, synchronous NORMAL, everything written so far on disk.
    void finish_bulk_load();

    // A message not tied to an item being written (e.g. the fatal parse error of a run).
    void record_message(std::int64_t run_id, std::int64_t source_id, const model::Message& message);

private:
    bool check_identity();  // true for a new, empty file
    void configure(bool new_file);
    void check_and_upgrade();
    void close_abandoned_runs();
    sql::Database m_db;
    std::vector<int> m_upgraded_from;
    bool m_bulk_loading = false;
};

// Runs `body` as one recorded run: its outcome, exit code and error are stored whatever happens,
// and exceptions are rethrown after recording. `body` returns the outcome of a run that completed.
RunOutcome recorded_run(Workspace& workspace, const std::string& command, const std::string& options,
                        const std::function<RunOutcome(std::int64_t run_id)>& body,
                        const std::string& mapping_hash = {});

}  // namespace baton::workspace
