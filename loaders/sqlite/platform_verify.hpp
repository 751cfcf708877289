// `baton verify` on the SQLite target: reads every table back and compares it with the id map.
#pragma once

#include <string>

#include "core/sqlite.hpp"
#include "loaders/loader.hpp"

namespace baton::load::sqlite_target {

// Per object of the id map (but failed ones): missing when no row carries its legacy key, different when the
// hash of the row's owned columns read back is not the id map's target_hash (content_hash for rows mapped before
// target hashes existed) or the row id is not the mapped one. Rows of the target without an id-map row are
// unexpected. At most `max_lines` difference lines are kept; the counts are complete.
[[nodiscard]] VerifyResult verify_target(workspace::Workspace& workspace, sql::Database& platform,
                                         const std::string& target, std::size_t max_lines = 1000);

}  // namespace baton::load::sqlite_target
