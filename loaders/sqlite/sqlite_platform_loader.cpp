// The embedded default target: writes communities, members, content, comments and tasks into platform.db.
#include "loaders/sqlite/sqlite_platform_loader.hpp"

#include <filesystem>
#include <optional>

#include "core/error.hpp"
#include "loaders/common/load_batches.hpp"
#include "loaders/common/load_recorder.hpp"
#include "loaders/common/load_selection.hpp"
#include "loaders/sqlite/platform_load.hpp"
#include "loaders/sqlite/platform_rollback.hpp"
#include "loaders/sqlite/platform_schema.hpp"
#include "loaders/sqlite/platform_verify.hpp"

namespace baton::load {

namespace sqlite_target {

sql::Database open_platform(const std::string& path, bool dry_run) {
    std::error_code error;
    if (dry_run && !std::filesystem::exists(path, error)) return sql::Database(":memory:", sql::OpenMode::create, sql::Role::target);
    sql::Database db(path, dry_run ? sql::OpenMode::read_write : sql::OpenMode::create, sql::Role::target);
    // Refuse a database of something else before writing anything to it (not even WAL mode).
    if (db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT IN "
                     "('platform_meta', 'communities', 'users', 'memberships', 'content', 'comments', 'tasks')") > 0) {
        throw TargetError(path + " holds tables that are not baton's platform model",
                          "name a new file with --target sqlite:PATH");
    }
    if (!dry_run) db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    // A dry run keeps its writes in memory until it rolls them back: none may reach the file.
    if (dry_run) db.exec("PRAGMA cache_spill = OFF");
    db.exec("PRAGMA foreign_keys = ON");
    return db;
}

void ensure_platform_schema(sql::Database& db) {
    db.exec(platform_schema);
    if (db.query_int("SELECT count(*) FROM pragma_table_info('tasks') WHERE name = 'due_date'") == 0) {
        db.exec(platform_upgrade_2);
    }
    if (db.query_int("SELECT count(*) FROM pragma_table_info('content') WHERE name = 'legacy_body'") == 0) {
        db.exec(platform_upgrade_3);
    }
    if (db.query_int("SELECT count(*) FROM pragma_table_info('comments') WHERE name = 'legacy_body'") == 0) {
        db.exec(platform_upgrade_4);
    }
    db.exec("UPDATE platform_meta SET value = '" + std::to_string(platform_schema_version) +
            "' WHERE key = 'schema_version' AND value <> '" + std::to_string(platform_schema_version) + "'");
}

}  // namespace sqlite_target

SqlitePlatformLoader::SqlitePlatformLoader(std::string path) : m_path(std::move(path)) {}

std::string SqlitePlatformLoader::target_name() const {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(m_path, error);
    return "sqlite:" + (error ? m_path : absolute.lexically_normal().string());
}

LoadResult SqlitePlatformLoader::load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id,
                                      const LoadOptions& options) {
    LoadResult result;
    result.target = target_name();
    const LoadSelection selection(workspace, plan_run, options);
    sql::Database platform = sqlite_target::open_platform(m_path, options.dry_run);
    LoadRecorder recorder(workspace, result.target, run_id, options.dry_run);
    LoadBatches batches(workspace.db(), &platform, options, &recorder);
    sqlite_target::ensure_platform_schema(platform);
    // The map is written while the load runs and put in place only when the whole load committed.
    std::optional<convert::StagedRedirectFiles> redirects;
    if (!options.dry_run && !options.redirects.empty()) redirects.emplace(options.redirects);
    sqlite_target::PlatformLoad({platform, workspace.db(), recorder, batches}, workspace.db(), plan_run, options,
                                selection, redirects ? redirects->staging() : std::filesystem::path())
        .run(result);
    batches.finish();
    if (redirects) redirects->publish();
    return result;
}

RollbackResult SqlitePlatformLoader::rollback(workspace::Workspace& workspace, std::int64_t undone_run,
                                              std::int64_t run_id) {
    sql::Database platform = sqlite_target::open_platform(m_path, false);
    return sqlite_target::rollback_run(workspace, platform, target_name(), undone_run, run_id);
}

VerifyResult SqlitePlatformLoader::verify(workspace::Workspace& workspace) {
    sql::Database platform = sqlite_target::open_platform(m_path, true);
    return sqlite_target::verify_target(workspace, platform, target_name());
}

std::unique_ptr<Loader> create_sqlite_platform_loader(const std::string& location) {
    return std::make_unique<SqlitePlatformLoader>(location);
}

}  // namespace baton::load
