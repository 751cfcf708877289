// Owners' keep / archive answers on stale items (the review portal's item_choices) applied to a new plan.
#pragma once

#include <cstdint>

#include "core/sqlite.hpp"

namespace baton::transform {

struct ItemChoiceCounts {
    std::int64_t kept = 0;      // archive proposals withdrawn because the owner chose to keep the item
    std::int64_t archived = 0;  // items the owner chose to archive (proposed now, or the proposal confirmed)
};

// For every migrated item of plan `plan_run` whose community (by slug) has an answer in item_choices, the
// latest answer counts: `keep` withdraws the item's archive proposal, `archive` proposes it (or confirms the
// proposal), each with who decided and when in the reason. Answers for items now in another community are
// left for that community's owner and do not count.
ItemChoiceCounts apply_item_choices(sql::Database& db, std::int64_t plan_run);

}  // namespace baton::transform
