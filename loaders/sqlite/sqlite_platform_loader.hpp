// The embedded default target: writes communities, members, content, comments and tasks into platform.db.
#pragma once

#include <memory>
#include <string>

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
    std::string m_path;
};

[[nodiscard]] std::unique_ptr<Loader> create_sqlite_platform_loader(const std::string& location);

}  // namespace baton::load
