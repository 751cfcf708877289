// The embedded default target: writes communities, members, content, comments and tasks into platform.db.
#pragma once

#include <memory>
#include <string>

#include "core/sqlite.hpp"
#include "loaders/loader.hpp"

namespace baton::load {

class SqlitePlatformLoader : public Loader {
public:
    explicit SqlitePlatformLoader(std::string path);
    LoadResult load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id,
                    const LoadOptions& options) override;
    RollbackResult rollback(workspace::Workspace& workspace, std::int64_t undone_run, std::int64_t run_id) override;
    VerifyResult verify(workspace::Workspace& workspace) override;

private:
    [[nodiscard]] std::string target_name() const;  // "sqlite:/absolute/path.db", as the id map keys it
    std::string m_path;
};

[[nodiscard]] std::unique_ptr<Loader> create_sqlite_platform_loader(const std::string& location);

namespace sqlite_target {
// Opens the target file, refusing one that holds tables of something else. `dry_run`: a missing file is not
// created (an empty in-memory target stands in) and nothing is set on an existing one.
[[nodiscard]] sql::Database open_platform(const std::string& path, bool dry_run);
// Creates the tables and upgrades an older target; run inside the load's first transaction.
void ensure_platform_schema(sql::Database& db);
}  // namespace sqlite_target

}  // namespace baton::load
