// `baton tasks --import-progress`: task statuses from an edited tasks CSV, the SQLite target or Redmine into task_progress.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::load {

struct ProgressImport {
    std::int64_t rows = 0;       // task rows read
    std::int64_t changed = 0;    // statuses written
    std::int64_t unchanged = 0;  // the same status as stored
    std::vector<std::string> problems;  // "FILE:LINE: problem", one per skipped row
};

// Reads the file with an RFC 4180 reader, one record at a time. The header must name person_key,
// community_slug, code and status (any order, other columns ignored; a header without them is an InputError,
// exit 4). Each row names a task of the current plan; a row naming no such task, with an unknown status, a
// wrong number of fields or broken quoting is reported and skipped. Statuses are written with via 'csv'
// and updated_by 'csv:FILE-NAME', all in one transaction.
[[nodiscard]] ProgressImport import_progress_csv(workspace::Workspace& workspace, std::int64_t plan_run,
                                                 const std::string& path);

// `baton tasks --import-progress sqlite:PLATFORM.db`: the status column of the SQLite target's tasks table (as
// someone changed it there), matched to the current plan's tasks by their legacy keys
// (COMMUNITY-KEY@USER-KEY/CODE, as `baton load` writes them). Statuses are written with via 'sqlite-target';
// a row with an unknown status is reported (TARGET:tasks id N) and skipped; plan tasks not in the target are
// left alone. Throws TargetError (exit 10) when the file is not a baton SQLite target.
[[nodiscard]] ProgressImport import_progress_from_sqlite_target(workspace::Workspace& workspace,
                                                                std::int64_t plan_run, const std::string& path);

// `baton tasks --import-progress redmine:URL`: the status of each onboarding-task issue the loads wrote into that
// Redmine (read_redmine_task_statuses), matched to the current plan's tasks by their legacy keys and written with
// via 'redmine' and updated_by 'redmine:URL ISSUE'. Tasks of older plans are skipped; TargetError (exit 10) when
// Redmine cannot be reached or refuses the key.
[[nodiscard]] ProgressImport import_progress_from_redmine(workspace::Workspace& workspace, std::int64_t plan_run,
                                                          const std::string& url);

}  // namespace baton::load
