// The status of onboarding tasks (task_progress): recorded by the portal, an edited tasks CSV, the Redmine
// loader or the SQLite target; read by the task lists and `baton tasks --progress`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "workspace/workspace.hpp"

namespace baton::transform {

// open, in-progress, done, declined
[[nodiscard]] bool is_task_status(std::string_view status);
// portal, csv, redmine, sqlite-target, cli
[[nodiscard]] bool is_progress_channel(std::string_view via);

// Sets the status of task `code` of `person_id` in the community `community_slug` (keyed by slug, so it
// survives re-planning), with who changed it and where, at the current UTC time. Returns false without writing
// when the stored status is already `status` (no row counts as open). Throws InputError (malformed-input) for an unknown status or channel.
bool record_task_progress(workspace::Workspace& workspace, std::int64_t person_id, const std::string& community_slug,
                          const std::string& code, const std::string& status, const std::string& updated_by,
                          const std::string& via);

}  // namespace baton::transform
