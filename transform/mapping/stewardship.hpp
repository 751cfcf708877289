// Stewardship: contribution facts become scores, scores become owners and managers, each with its reason.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "transform/mapping/mapping.hpp"
#include "transform/owner_decisions.hpp"

namespace baton::transform::mapping {

// What one person did in one community (migrated content only).
struct ContributionFacts {
    std::int64_t pages_created = 0;   // first revisions of items that are not comments
    std::int64_t revisions = 0;       // revisions of items that are not comments
    std::int64_t bytes_added = 0;     // growth of those items over their revisions
    std::int64_t comments = 0;        // comments and replies on someone else's content
    std::int64_t talk_revisions = 0;  // revisions of talk pages
    std::string last_edit;            // ISO 8601; "" when unknown
};

// What the directory and the mapping say about a person, whatever the community.
struct PersonStanding {
    std::int64_t person_id = 0;
    std::string key;   // "login:alice", "ip:10.0.0.1", ...
    std::string name;  // for reasons
    bool anonymous = false;     // ip: and anonymous people never get a role, not even by a pin
    bool never_assign = false;  // listed in <never-assign>
    bool departed = false;      // the directory says so
    bool unmatched = false;     // not found in the directory (only matters with require-match)
    bool active_in_directory = false;
    std::int64_t manager_person_id = 0;  // the directory manager, when they are a workspace person
    std::string manager_name;
};

struct CommunityCandidates {
    std::int64_t community_id = 0;
    std::string slug;
    std::string name;
    std::int64_t total_pages = 0;  // migrated items that are not comments
    std::unordered_map<std::int64_t, ContributionFacts> facts;  // by person id (ranking orders them)
};

struct RoleAssignment {
    std::int64_t community_id = 0;
    std::int64_t person_id = 0;
    std::string role;  // "owner" | "manager"
    int rank = 0;      // the person's rank among everyone with facts there (0 = no facts: pinned or successor)
    double score = 0;
    std::string reason;
};

struct Candidate {
    std::int64_t community_id = 0;
    std::int64_t person_id = 0;
    int rank = 0;
    double score = 0;
    std::string outcome;  // "owner", "manager", "runner-up", "not eligible"
    std::string reason;
};

struct PlanMessage {
    std::string code;  // "plan.pin-unknown-community", "plan.over-limit", ...
    std::string text;
    std::string file;
    std::int64_t line = 0;
};

struct StewardshipResult {
    std::vector<RoleAssignment> roles;
    std::vector<Candidate> candidates;  // everyone ranked in every community, with what became of them
    std::vector<PlanMessage> messages;
    std::vector<DecisionOutcome> decisions;  // what became of each owner decision, by decision id
};

// Days from `earlier` to `later` (ISO 8601 dates or timestamps; only the date counts); 0 when unparsable.
[[nodiscard]] double days_between(const std::string& earlier, const std::string& later);

// The decayed, weighted score of one person's facts in one community, relative to `reference_date`.
[[nodiscard]] double stewardship_score(const ContributionFacts& facts, const Stewardship& rules,
                                       const std::string& reference_date);

// "created 41 of 120 pages, 300 edits, last edit 2026-09"
[[nodiscard]] std::string describe_facts(const ContributionFacts& facts, std::int64_t total_pages);

// Pins resolved to person ids by the caller: community slug -> (person id, role, line).
struct ResolvedPin {
    std::string community;
    std::int64_t person_id = 0;
    std::string role;
    std::int64_t line = 0;
};

struct StewardshipInput {
    std::vector<CommunityCandidates> communities;
    std::unordered_map<std::int64_t, PersonStanding> people;  // everyone with facts, pinned or named as a successor
    std::vector<ResolvedPin> pins;
    std::int64_t fallback_person_id = 0;  // the <successor rule="fallback"> person, 0 when none or unknown
    std::string reference_date;           // the newest timestamp in the workspace
    std::string mapping_file;             // for messages
    std::vector<OwnerDecision> decisions;  // the owner decisions that count, person ids as in `people`
};

// Ranks, scores and assigns: pins first, then owners' decisions (nominees, then accepted roles; whoever declined
// is not eligible there), then successors of departed or declining top contributors, then one owner per community
// (never leaving one without an owner while an eligible person exists, beyond the load limit if it must,
// with a message), then further owners and managers within the limits. Deterministic.
// Receives each candidate as it is decided; with one, StewardshipResult::candidates stays empty (a plan of a
// million contributions writes them out instead of holding every reason in memory).
using CandidateSink = std::function<void(const Candidate&)>;
[[nodiscard]] StewardshipResult assign_stewards(const StewardshipInput& input, const Mapping& mapping,
                                                const CandidateSink& sink = {});

}  // namespace baton::transform::mapping
