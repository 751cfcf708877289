// `baton tasks --import-progress FILE.csv`: the status column of an edited tasks CSV back into task_progress.
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

}  // namespace baton::load
