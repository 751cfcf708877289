// The status of every onboarding-task issue a workspace loaded into a Redmine, read back for task_progress.
#pragma once

#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::load {

struct TaskStatusInTarget {
    std::string legacy_key;  // COMMUNITY-KEY@USER-KEY/CODE, as the load wrote it
    std::string issue;       // "#42", for messages
    std::string status;      // open, in-progress, done or declined
    std::string detail;      // Redmine's own words: "Closed", "In Progress, 30% done"
};

// Reads each task issue of the id map of target `redmine:URL` (API key from the environment, as for loads).
// Statuses: a closed status named like "rejected" -> declined; any other closed status -> done; a status named
// like "progress", or a done ratio above 0 -> in-progress; otherwise open. Issues gone from Redmine are skipped.
[[nodiscard]] std::vector<TaskStatusInTarget> read_redmine_task_statuses(workspace::Workspace& workspace,
                                                                         const std::string& url);

}  // namespace baton::load
