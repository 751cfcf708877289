// What the admin dashboard shows: coverage, pending and declined roles, overdue tasks, search.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "portal/statement_cache.hpp"

namespace baton::portal {

struct Coverage {
    std::int64_t communities = 0;
    std::int64_t with_accepting_owner = 0;  // an owner whose latest decision is accept
    std::int64_t roles = 0;                 // owner and manager roles proposed
    std::int64_t roles_answered = 0;
};

struct RoleAnswer {
    std::string community_slug;
    std::string community_name;
    std::string person;  // display name
    std::string login;
    std::string role;
    std::string decision;  // "" = pending
    std::string nominee;
    std::string note;
    std::string decided_at;
};

struct OverdueTask {
    std::string community_slug;
    std::string person;
    std::string title;
    std::string due_date;
    std::string status;
};

struct SearchHit {
    std::string kind;   // person | community
    std::string label;  // name
    std::string detail; // login / slug and what they hold
    std::string slug;   // for a community: its page
};

[[nodiscard]] Coverage coverage(StatementCache& db, std::int64_t plan_run);
// Proposed roles without an answer yet.
[[nodiscard]] std::vector<RoleAnswer> pending_roles(StatementCache& db, std::int64_t plan_run, int limit = 200);
// Roles whose latest answer is decline or nominate.
[[nodiscard]] std::vector<RoleAnswer> declined_roles(StatementCache& db, std::int64_t plan_run, int limit = 200);
// Tasks not done whose due date (go-live + offset) is before today; none without a go-live date.
[[nodiscard]] std::vector<OverdueTask> overdue_tasks(StatementCache& db, std::int64_t plan_run,
                                                     const std::string& go_live, int limit = 200);
[[nodiscard]] std::vector<SearchHit> search(StatementCache& db, std::int64_t plan_run, const std::string& query,
                                            int limit = 50);

}  // namespace baton::portal
