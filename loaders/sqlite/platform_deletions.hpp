// Content and comments the plan no longer migrates: archived, deleted or kept in the target (--deleted).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "loaders/sqlite/upsert_table.hpp"

namespace baton::load::sqlite_target {

// Run after the upserts of a load that covered every item of its communities (no --limit, no --ids): a row of
// the table that the id map says baton loaded and whose item the plan no longer migrates is gone from the plan.
// archive: status 'archived' (id map: ignored); delete: the row is removed (id-map row too); keep: only the id
// map notes it (ignored). Each archive or delete is journalled with the row before; a row edited in the target
// since baton wrote it is left alone as a conflict.
class PlatformDeletions {
public:
    // `communities`: target ids of the communities this load covered; empty with `whole_plan`.
    PlatformDeletions(WriteContext context, std::int64_t plan_run, std::string policy, bool whole_plan,
                      std::vector<std::int64_t> communities);
    void run(const PlatformTable& table, LoadCounts& counts);

private:
    WriteContext m_context;
    std::int64_t m_plan_run;
    std::string m_policy;
    bool m_whole_plan;
    std::vector<std::int64_t> m_communities;
};

}  // namespace baton::load::sqlite_target
