// `baton rollback --run N` on the SQLite target: undoes run N's journalled writes, newest first.
#pragma once

#include <cstdint>
#include <string>

#include "core/sqlite.hpp"
#include "loaders/loader.hpp"

namespace baton::load::sqlite_target {

// created -> the row is deleted (and its id-map row); updated or archived -> the row's columns are set back
// to the journalled image; deleted -> the row is inserted again from it (id map: needs-update, since the
// source still differs). Each undone journal row gets rolled_back_by = run_id. Whether a later run touched the
// same objects is checked by the command before (see loaders/common/rollback_check.hpp).
[[nodiscard]] RollbackResult rollback_run(workspace::Workspace& workspace, sql::Database& platform,
                                          const std::string& target, std::int64_t undone_run, std::int64_t run_id);

}  // namespace baton::load::sqlite_target
