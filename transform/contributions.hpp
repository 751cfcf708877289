// Contribution facts per person and container, derived from the revision history (for role mapping).
#pragma once

#include <cstdint>

#include "workspace/workspace.hpp"

namespace baton::transform {

// Recomputes the `contributions` table of every source from the current items and their revisions:
// items created (first revisions), revisions, bytes added and removed (from the sizes of successive
// revisions), revisions on talk pages and comments, first and last edit. Anonymous (ip:) people are
// counted too; the planner never gives them a role. Returns the number of rows written.
std::int64_t derive_contributions(workspace::Workspace& workspace);

}  // namespace baton::transform
