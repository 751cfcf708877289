// What changed between two plans: communities, roles and content placement, matched by slug, person and item key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::transform {

struct PlanDiff {
    std::int64_t before_run = 0;
    std::int64_t after_run = 0;
    std::vector<std::string> communities_added;    // "slug (name)"
    std::vector<std::string> communities_removed;
    struct RoleChange {
        std::string community;  // slug
        std::string person;     // display name (key)
        std::string before;     // "" = no role
        std::string after;
    };
    std::vector<RoleChange> roles;
    struct Move {
        std::string item;    // key (source id:key when several sources)
        std::string before;  // community slug, or "excluded: REASON"
        std::string after;
    };
    std::vector<Move> moves;  // at most `move_limit`; moved_items counts them all
    std::int64_t moved_items = 0;

    [[nodiscard]] bool empty() const {
        return communities_added.empty() && communities_removed.empty() && roles.empty() && moved_items == 0;
    }
};

// Compares plan `before` with plan `after` (both plan runs of this workspace). Throws UsageError when
// `before` is not a plan. Keeps the first `move_limit` moves in item order.
[[nodiscard]] PlanDiff diff_plans(workspace::Workspace& workspace, std::int64_t before, std::int64_t after,
                                  std::size_t move_limit = 200);

// The latest succeeded plan before `plan_run`, or 0.
[[nodiscard]] std::int64_t previous_plan_run(workspace::Workspace& workspace, std::int64_t plan_run);

// The diff in lines for people: "+ community ...", "- owner of hr: Alice Moreau (login:alice)", ...
[[nodiscard]] std::vector<std::string> describe_diff(const PlanDiff& diff);

}  // namespace baton::transform
