// The workspace: opening, version checks and upgrades, the run log, sources.
#include "workspace/workspace.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

#include "core/error.hpp"
#include "core/text.hpp"
#include "workspace/schema.hpp"

namespace baton::workspace {
namespace {

sql::Database open_database(const std::string& path, Access access) {
    const bool exists = std::filesystem::exists(path);
    if (!exists && access == Access::existing) {
        throw PreconditionError("no workspace at " + path,
                                "run `baton extract KIND:PATH` first, or name the workspace with --workspace PATH");
    }
    return sql::Database(path, exists ? sql::OpenMode::read_write : sql::OpenMode::create);
}

bool process_alive(std::int64_t pid) {
    if (pid <= 0) return false;
    return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

const char* run_outcome_name(RunOutcome outcome) noexcept {
    switch (outcome) {
        case RunOutcome::running: return "running";
        case RunOutcome::succeeded: return "succeeded";
        case RunOutcome::partial: return "partial";
        case RunOutcome::failed: return "failed";
        case RunOutcome::interrupted: return "interrupted";
    }
    return "unknown";
}

Workspace::Workspace(const std::string& path, Access access) : m_db(open_database(path, access)) {
    const bool new_file = check_identity();  // before anything writes: a foreign file must stay as it was
    configure(new_file);
    check_and_upgrade();
    m_bulk_loading = new_file;
    close_abandoned_runs();
}

Workspace::~Workspace() {
    if (!m_bulk_loading) return;
    try {
        finish_bulk_load();
    } catch (const std::exception& error) {
        // Still consistent (rollback journal); the next command that opens it switches it to WAL.
        std::cerr << "baton: could not switch " << path() << " to write-ahead logging: " << error.what() << '\n';
    }
}

void Workspace::finish_bulk_load() {
    if (!m_bulk_loading) return;
    // Switching to WAL commits with synchronous NORMAL, which syncs the database file: from here on what
    // the first extract wrote survives a crash of the machine too. The switch only rewrites the header page;
    // with the rollback journal in memory for that one commit it costs one fsync of the file instead of three
    // (journal, folder, file), about 10 ms, a tenth of a 10 MB extract.
    m_db.exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL");
    m_bulk_loading = false;
}

bool Workspace::check_identity() {
    const auto not_ours = [&] {
        return WorkspaceError(path() + " is an SQLite database but not a baton workspace",
                              "name a new file or an existing workspace with --workspace PATH");
    };
    std::int64_t tables = 0;
    try {
        tables = m_db.query_int("SELECT count(*) FROM sqlite_schema");
    } catch (const WorkspaceError& error) {
        throw WorkspaceError(path() + " is not a usable SQLite workspace (" + error.what() + ")",
                             "point --workspace at a baton workspace or at a new file");
    }
    if (tables == 0) return true;  // a new, empty file
    if (schema_version() == 0 || m_db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'meta'") == 0 ||
        m_db.query_int("SELECT count(*) FROM meta WHERE key = 'application' AND value = 'baton-workspace'") == 0) {
        throw not_ours();
    }
    return false;
}

void Workspace::configure(bool new_file) {
    // Larger pages keep typical bodies (a few KB) in fewer overflow pages; page_size only takes
    // effect on a new file, before WAL mode is set.
    // Foreign keys are declared for the reader but not enforced: every id the writer stores comes
    // from its own inserts, enforcement would cost a lookup per reference on bulk writes, and the
    // tests check integrity with PRAGMA foreign_key_check instead.
    // A new file takes its first extract as a bulk load (only `extract` creates workspaces): a rollback
    // journal on disk, so a killed or interrupted run rolls back to its last commit, and no fsyncs; every
    // page is written once instead of to the log and again into the file. A crash of the machine itself
    // during that first extract may leave a file to delete and extract again, nothing else to lose.
    // finish_bulk_load() then switches to what every later command uses: WAL with synchronous NORMAL,
    // commits safe against crashes, readers never blocked by the writer.
    m_db.exec(new_file ? "PRAGMA synchronous = OFF; PRAGMA page_size = 8192; PRAGMA journal_mode = TRUNCATE; "
                         "PRAGMA cache_size = -16384;"
                       : "PRAGMA synchronous = NORMAL; PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; "
                         "PRAGMA cache_size = -16384;");
}

int Workspace::schema_version() { return static_cast<int>(m_db.query_int("PRAGMA user_version")); }

void Workspace::check_and_upgrade() {
    const int version = schema_version();
    const int latest = latest_schema_version();
    if (version == 0) {  // check_identity() let only an empty file through
        create_latest_schema(m_db);
        return;
    }
    if (version > latest) {
        throw WorkspaceError(path() + " has workspace schema version " + std::to_string(version) +
                                 ", newer than this baton understands (" + std::to_string(latest) + ")",
                             "use the baton release that wrote it, or a newer one");
    }
    if (version < latest) {
        apply_schema_steps(m_db, version, latest);
        m_upgraded_from.push_back(version);
        std::cerr << "baton: upgraded workspace " << path() << " from schema version " << version << " to "
                  << latest << '\n';
    }
}

void Workspace::close_abandoned_runs() {
    // A run still marked running whose process is gone was killed: record it as interrupted.
    auto select = m_db.prepare("SELECT id, pid FROM runs WHERE outcome = 'running'");
    std::vector<std::int64_t> abandoned;
    while (select.step()) {
        if (!process_alive(select.column_int(1))) abandoned.push_back(select.column_int(0));
    }
    select.reset();
    for (const auto run_id : abandoned) {
        end_run(run_id, RunOutcome::interrupted, static_cast<int>(ExitCode::interrupted),
                "the process ended without recording an outcome (killed or crashed)");
    }
}

std::int64_t Workspace::begin_run(const std::string& command, const std::string& options,
                                  const std::string& mapping_hash) {
    auto insert = m_db.prepare(
        "INSERT INTO runs(command, options, mapping_hash, started_at, pid, baton_version) VALUES (?,?,?,?,?,?)");
    const std::string now = text::utc_now_iso();
    insert.bind(1, command).bind(2, options).bind_text_or_null(3, mapping_hash).bind(4, now);
    insert.bind(5, static_cast<std::int64_t>(getpid())).bind(6, BATON_VERSION);
    insert.run();
    return m_db.last_insert_rowid();
}

void Workspace::end_run(std::int64_t run_id, RunOutcome outcome, int exit_code, const std::string& error) {
    auto update = m_db.prepare("UPDATE runs SET ended_at = ?, outcome = ?, exit_code = ?, error = ? WHERE id = ?");
    const std::string now = text::utc_now_iso();
    update.bind(1, now).bind(2, run_outcome_name(outcome)).bind(3, exit_code).bind_text_or_null(4, error);
    update.bind(5, run_id).run();
}

std::vector<RunRow> Workspace::recent_runs(int limit) {
    auto select = m_db.prepare(
        "SELECT id, command, options, started_at, coalesce(ended_at, ''), outcome, coalesce(exit_code, 0), "
        "coalesce(error, '') FROM runs ORDER BY id DESC LIMIT ?");
    select.bind(1, limit);
    std::vector<RunRow> runs;
    while (select.step()) {
        runs.push_back({select.column_int(0), select.column_text(1), select.column_text(2), select.column_text(3),
                        select.column_text(4), select.column_text(5), static_cast<int>(select.column_int(6)),
                        select.column_text(7)});
    }
    return runs;
}

std::int64_t Workspace::upsert_source(const model::SourceInfo& source, std::int64_t run_id,
                                      const std::string& file_signature) {
    auto upsert = m_db.prepare(
        "INSERT INTO sources(kind, key, locator, title, site_url, format_version, file_signature, first_run, last_run) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
        "ON CONFLICT (kind, key) DO UPDATE SET locator = excluded.locator, title = excluded.title, "
        "site_url = excluded.site_url, format_version = excluded.format_version, "
        "file_signature = excluded.file_signature, last_run = excluded.last_run RETURNING id");
    upsert.bind(1, source.kind).bind(2, source.key).bind(3, source.locator).bind_text_or_null(4, source.title);
    upsert.bind_text_or_null(5, source.site_url).bind_text_or_null(6, source.format_version);
    upsert.bind_text_or_null(7, file_signature).bind(8, run_id);
    if (!upsert.step()) throw WorkspaceError("could not record source " + source.key);
    const std::int64_t id = upsert.column_int(0);
    upsert.reset();
    return id;
}

std::vector<SourceRow> Workspace::sources() {
    auto select = m_db.prepare(
        "SELECT id, kind, key, locator, coalesce(title, ''), coalesce(site_url, ''), coalesce(format_version, ''), "
        "coalesce(file_signature, ''), coalesce(last_run, 0), coalesce(last_complete_run, 0) FROM sources ORDER BY id");
    std::vector<SourceRow> rows;
    while (select.step()) {
        SourceRow row;
        row.id = select.column_int(0);
        row.info = {select.column_text(1), select.column_text(2), select.column_text(3),
                    select.column_text(4), select.column_text(5), select.column_text(6)};
        row.file_signature = select.column_text(7);
        row.last_run = select.column_int(8);
        row.last_complete_run = select.column_int(9);
        rows.push_back(std::move(row));
    }
    return rows;
}

void Workspace::record_message(std::int64_t run_id, std::int64_t source_id, const model::Message& message) {
    auto insert = m_db.prepare(
        "INSERT INTO messages(run_id, source_id, item_key, severity, code, text, file, line, column) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    insert.bind(1, run_id).bind_id_or_null(2, source_id).bind_text_or_null(3, message.item_key);
    insert.bind(4, model::severity_name(message.severity)).bind(5, message.code).bind(6, message.text);
    insert.bind_text_or_null(7, message.position.file);
    insert.bind(8, message.position.line).bind(9, message.position.column);
    insert.run();
}

RunOutcome recorded_run(Workspace& workspace, const std::string& command, const std::string& options,
                        const std::function<RunOutcome(std::int64_t run_id)>& body, const std::string& mapping_hash) {
    const std::int64_t run_id = workspace.begin_run(command, options, mapping_hash);
    try {
        const RunOutcome outcome = body(run_id);
        workspace.end_run(run_id, outcome, 0);
        return outcome;
    } catch (const Error& error) {
        const RunOutcome outcome =
            error.code() == ExitCode::interrupted ? RunOutcome::interrupted : RunOutcome::failed;
        workspace.end_run(run_id, outcome, static_cast<int>(error.code()), error.what());
        throw;
    } catch (const std::exception& error) {
        workspace.end_run(run_id, RunOutcome::failed, static_cast<int>(ExitCode::internal), error.what());
        throw;
    }
}

}  // namespace baton::workspace
