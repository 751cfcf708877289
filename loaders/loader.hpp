// The interface every target platform implements, and the registry of target kinds.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::load {

struct LoadCounts {
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t skipped = 0;  // could not be written (e.g. a comment whose item is not in the target)
};

struct LoadResult {
    std::string target;  // e.g. "sqlite:/abs/platform.db"
    LoadCounts communities;
    LoadCounts users;
    LoadCounts memberships;
    LoadCounts content;
    LoadCounts comments;
    LoadCounts tasks;
};

class Loader {
public:
    virtual ~Loader() = default;
    // Writes plan `plan_run` into the target within run `run_id`; loading the same plan twice creates nothing twice.
    virtual LoadResult load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id) = 0;
};

struct TargetKind {
    std::string_view name;
    std::string_view description;
    std::unique_ptr<Loader> (*create)(const std::string& location);
};

[[nodiscard]] const std::vector<TargetKind>& target_kinds();

// "sqlite:platform.db" -> the loader for it; throws UsageError naming the known kinds.
[[nodiscard]] std::unique_ptr<Loader> create_loader(const std::string& target_spec);

}  // namespace baton::load
