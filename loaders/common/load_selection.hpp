// The part of the plan a load writes: --community, --limit and --ids as temporary tables of the workspace.
#pragma once

#include <cstdint>

#include "loaders/loader.hpp"

namespace baton::load {

// Fills temp.selected_communities(id) with plan_communities ids and temp.selected_items(id) with the items to
// load (placed with action 'migrate' in a selected community). --limit N keeps the first N non-comment items
// (by workspace id), --ids KEY,... those items (KEY is the item key or SOURCEKEY#ITEMKEY); either way the
// comments of the kept items come along. Throws UsageError for a slug or key the plan does not have.
// The tables live in the connection's temp schema, never in the workspace file.
struct LoadSelection {
    LoadSelection(workspace::Workspace& workspace, std::int64_t plan_run, const LoadOptions& options);
    // The same tables on another connection to the workspace (one that reads it on a thread of its own).
    LoadSelection(sql::Database& db, std::int64_t plan_run, const LoadOptions& options);
    bool whole_plan = true;     // no --community, --limit or --ids
    bool whole_items = true;    // no --limit or --ids: every item of the selected communities
    std::int64_t items = 0;     // selected items, comments included
};

}  // namespace baton::load
