// Before `baton rollback --run N`: which target run N wrote, and whether later runs touched the same objects.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::load {

// The targets run N journalled writes to that are not rolled back yet. Throws PreconditionError when run N
// is not a load run, wrote nothing, or was rolled back already (naming the rollback run).
[[nodiscard]] std::vector<std::string> rollback_targets(workspace::Workspace& workspace, std::int64_t run);

struct LaterWrite {
    std::int64_t run_id = 0;
    std::string object_kind;
    std::string legacy_key;
};

// Writes of runs after `run` (not rolled back) to objects run N wrote in `target`: undoing N would undo them too
// or fail. At most `limit` of them.
[[nodiscard]] std::vector<LaterWrite> later_writes(workspace::Workspace& workspace, std::int64_t run,
                                                  const std::string& target, int limit = 10);
[[nodiscard]] std::int64_t count_later_writes(workspace::Workspace& workspace, std::int64_t run,
                                              const std::string& target);

}  // namespace baton::load
