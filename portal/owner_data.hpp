// What the portal shows a person: their communities with role, reason and counts, a community's items
// (paged, searchable), flagged and stale items, co-managers, tasks and the latest decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portal/statement_cache.hpp"

namespace baton::portal {

struct CommunityInfo {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
};

struct Decision {
    std::string decision;  // accept | decline | nominate
    std::string nominee;   // login or name of the nominee
    std::string note;
    std::string decided_by;
    std::string decided_at;
    std::string via;
};

struct CommunityCounts {
    std::int64_t migrated = 0;  // items that will move (not comments)
    std::int64_t comments = 0;
    std::int64_t flagged = 0;   // items with warnings, errors or unconverted parts
    std::int64_t stale = 0;     // items proposed for archive
};

struct RoleHolder {
    std::int64_t person_id = 0;
    std::string login;
    std::string display_name;
    std::string role;  // owner | manager
    std::string reason;
    std::optional<Decision> decision;
};

struct MyCommunity {
    CommunityInfo community;
    std::string role;
    std::string reason;
    CommunityCounts counts;
    std::optional<Decision> decision;
};

struct ItemRow {
    std::int64_t id = 0;
    std::string title;
    std::string kind;
    std::string status;
    std::string modified_at;
    std::string detail;  // what is wrong (flagged), why it is stale, ...
    std::string choice;  // keep | archive | "" (stale items)
};

struct ItemPage {
    std::vector<ItemRow> items;
    std::int64_t total = 0;
    int page = 1;
    int page_size = 50;
};

struct TaskRow {
    std::string community_slug;
    std::string community_name;
    std::string role;
    int seq = 0;
    std::string code;
    std::string title;
    std::string description;
    int due_offset_days = 0;
    std::string due_date;  // with a go-live date, else ""
    std::string status;    // open | in-progress | done | declined
    std::string updated_by;
    std::string updated_at;
};

[[nodiscard]] std::optional<CommunityInfo> community_by_slug(StatementCache& db, std::int64_t plan_run,
                                                             const std::string& slug);
// The person's role (owner / manager) in the community, or nullopt: the portal's access rule.
[[nodiscard]] std::optional<RoleHolder> role_in(StatementCache& db, std::int64_t community_id,
                                                std::int64_t person_id);
[[nodiscard]] std::vector<MyCommunity> communities_of(StatementCache& db, std::int64_t plan_run,
                                                      std::int64_t person_id);
[[nodiscard]] CommunityCounts counts_of(StatementCache& db, std::int64_t plan_run, std::int64_t community_id);
[[nodiscard]] std::vector<RoleHolder> roles_of(StatementCache& db, const CommunityInfo& community);
[[nodiscard]] std::optional<Decision> latest_decision(StatementCache& db, std::int64_t person_id,
                                                      const std::string& slug);

// Items placed in the community, titles containing `search` (case-insensitive), `page` from 1.
[[nodiscard]] ItemPage items_of(StatementCache& db, std::int64_t plan_run, std::int64_t community_id,
                                const std::string& search, int page, int page_size = 50);
[[nodiscard]] std::vector<ItemRow> flagged_items(StatementCache& db, std::int64_t plan_run,
                                                 std::int64_t community_id, int limit = 100);
[[nodiscard]] std::vector<ItemRow> stale_items(StatementCache& db, std::int64_t plan_run,
                                               const CommunityInfo& community, int limit = 200);

// The person's tasks in the plan with their progress; due dates when `go_live` (YYYY-MM-DD) is given.
[[nodiscard]] std::vector<TaskRow> tasks_of(StatementCache& db, std::int64_t plan_run, std::int64_t person_id,
                                            const std::string& go_live);

// Logins offered when nominating someone for the community: its candidates and role holders first.
[[nodiscard]] std::vector<std::string> nominee_suggestions(StatementCache& db, std::int64_t plan_run,
                                                           std::int64_t community_id, int limit = 200);

}  // namespace baton::portal
