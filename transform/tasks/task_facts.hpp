// The facts onboarding task templates are filled from: per community of a plan, what moved, what the
// conversion flagged, what is proposed for archive, what is read most, and who contributed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "transform/plan.hpp"
#include "workspace/workspace.hpp"

namespace baton::transform::tasks {

struct CommunityFacts {
    std::map<std::string, std::int64_t> numbers;  // by the names of condition_facts()
    std::string page_list;                        // "- TITLE (KIND)" lines, up to 25, then "- and N more ..."
    std::string flagged_list;                     // "- TITLE: what is wrong <link>" lines
    std::string stale_list;
    std::string most_read_list;
    std::string contributor_names;                // "Ann Lee (4 items), Bo Chen (2 items)"
};

// One of the most prolific contributors of a community, before role holders are left out.
struct ContributorEntry {
    std::int64_t person_id = 0;
    std::string line;  // "Ann Lee (4 items)"
};

// What the facts hold before the plan's roles are known: everything read from its placements, conversion results
// and archive proposals, and each community's first contributors with a few to spare for role holders.
struct PlacementFacts {
    std::map<std::int64_t, CommunityFacts> by_community;
    std::map<std::int64_t, std::vector<ContributorEntry>> contributors;  // in order, at most listed + spare
    std::map<std::int64_t, std::int64_t> contributor_totals;             // all contributors of each community
};

// Reads the placement facts of plan `plan_run` in one grouped pass per kind of fact over the whole plan (not a
// set of queries per community); memory grows with the number of communities, not of items. Needs only a
// connection that sees the plan's placements: `baton plan` runs it on a second, read-only one while the roles
// are chosen.
[[nodiscard]] PlacementFacts read_placement_facts(sql::Database& db, std::int64_t plan_run);

// The facts of every community of `communities` (whose roles are chosen), by community id.
[[nodiscard]] std::map<std::int64_t, CommunityFacts> all_community_facts(
    workspace::Workspace& workspace, std::int64_t plan_run, const std::vector<PlannedCommunity>& communities,
    PlacementFacts placement_facts);
[[nodiscard]] std::map<std::int64_t, CommunityFacts> all_community_facts(
    workspace::Workspace& workspace, std::int64_t plan_run, const std::vector<PlannedCommunity>& communities);

// The values of every placeholder for one person's role in a community; numbers as decimal text.
[[nodiscard]] std::map<std::string, std::string> placeholder_values(const CommunityFacts& facts,
                                                                    const PlannedCommunity& community,
                                                                    const PlannedRole& member);

// Replaces {name} and {fact:noun} ("{flagged_items:item}" -> "3 items") in `text`.
[[nodiscard]] std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace baton::transform::tasks
