// What people answer in the portal, written to the workspace with who and when (via = 'portal'):
// decisions on a role, task progress, keep / archive choices on stale items.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "portal/statement_cache.hpp"

namespace baton::portal {

// A refused answer: the text says what was wrong, for the person (shown on a 400 page).
struct Refusal {
    std::string text;
};

// Logins of the people directory (`serve --directory`), lower-cased: nominees may come from there too.
using DirectoryLogins = std::set<std::string>;

struct DecisionInput {
    std::int64_t person_id = 0;   // whose role it is
    std::string community_slug;
    std::string decision;         // accept | decline | nominate
    std::string nominee;          // a login (nominate)
    std::string note;
    std::string decided_by;       // the person's login, or "admin"
};

// Validates and stores one decision; returns a Refusal's text, or "" when stored.
[[nodiscard]] std::string record_decision(StatementCache& db, std::int64_t plan_run, const DecisionInput& input,
                                          const DirectoryLogins& directory);

// Sets the status of one task (`open`, `in-progress`, `done`, `declined`); "" when stored.
[[nodiscard]] std::string record_task_status(StatementCache& db, std::int64_t person_id, const std::string& slug,
                                             const std::string& code, const std::string& status,
                                             const std::string& updated_by);

// Keep or archive one stale item of a community; "" when stored.
[[nodiscard]] std::string record_item_choice(StatementCache& db, std::int64_t person_id, const std::string& slug,
                                             std::int64_t item_id, const std::string& choice,
                                             const std::string& decided_by);

inline constexpr std::size_t max_note_bytes = 4000;

}  // namespace baton::portal
