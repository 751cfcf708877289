// Owners' answers to earlier plans (accept, decline, nominate) as the next plan reads them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::transform {

// One decision that counts: the latest of its person in its community (by slug).
struct OwnerDecision {
    std::int64_t id = 0;
    std::int64_t person_id = 0;
    std::string person_name;  // display name, login or key
    std::string community_slug;
    std::string decision;                 // "accept" | "decline" | "nominate"
    std::int64_t nominee_person_id = 0;   // the nominee as a workspace person; 0 when unknown
    std::string nominee;                  // as recorded: the nominee's key or login, "" for none
    std::string nominee_name;
    std::string note;
    std::string decided_by;
    std::string decided_at;
    std::string via;
    std::string accepted_role;  // for accept: the role the latest earlier plan gave them there, "" when none did
};

// What a plan did with one decision.
struct DecisionOutcome {
    std::int64_t decision_id = 0;
    bool applied = false;
    std::string effect;  // in words
};

// The decisions that count for plan `plan_run`: for each (person, community slug) the latest one (highest id),
// in id order. Nominees recorded by login are matched to a workspace person by key, login or email.
[[nodiscard]] std::vector<OwnerDecision> read_owner_decisions(workspace::Workspace& workspace, std::int64_t plan_run);

// "declined on 2026-10-02 (\"too busy\")", "nominated Bob Lindqvist on 2026-10-02", ...
[[nodiscard]] std::string describe_decision(const OwnerDecision& decision);

// Stores what the plan did with each decision (plan_decisions).
void record_decision_outcomes(workspace::Workspace& workspace, std::int64_t plan_run,
                              const std::vector<DecisionOutcome>& outcomes);

// The decisions of one community slug, and who declined there (a nomination declines too).
class DecisionsBySlug {
public:
    explicit DecisionsBySlug(const std::vector<OwnerDecision>& decisions);
    [[nodiscard]] const std::vector<const OwnerDecision*>& in(const std::string& slug) const;
    // The decline (or nomination) by which `person` turned down `slug`, or nullptr.
    [[nodiscard]] const OwnerDecision* declined(const std::string& slug, std::int64_t person) const;

private:
    std::map<std::string, std::vector<const OwnerDecision*>> m_by_slug;
};

}  // namespace baton::transform
