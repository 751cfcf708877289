// Wiki pages an earlier load wrote that the plan no longer migrates: archived, deleted or kept (--deleted).
#pragma once

#include <cstdint>

#include "loaders/loader.hpp"
#include "loaders/redmine/load_records.hpp"
#include "loaders/redmine/redmine_api.hpp"

namespace baton::load::redmine {

// The wiki title pages are archived under (created in the project when needed).
inline constexpr const char* archive_page_title = "Archive";

// For a load of the whole plan (no --community, --limit or --ids): each wiki page of this target's id map whose
// item the plan no longer migrates is moved under the project's "Archive" page (archive), deleted (delete) or
// left (keep), journalled ("archived" / "deleted", with the page's text and parent before) so rollback puts it back.
// A page edited in Redmine since baton wrote it is a conflict and left alone. Counts go to `content`.
void apply_deleted_policy(RedmineApi& api, sql::Database& db, LoadRecords& records, std::int64_t plan_run,
                          const LoadOptions& options, LoadCounts& content);

}  // namespace baton::load::redmine
