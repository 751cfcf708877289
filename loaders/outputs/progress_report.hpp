// `baton tasks --progress`: completion per person and per community, and the communities at risk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "loaders/outputs/checklists.hpp"

namespace baton::load {

struct Completion {
    std::string name;  // the person's display name, or the community's name
    std::string key;   // the person key, or the community slug
    std::int64_t done = 0;
    std::int64_t total = 0;     // declined tasks are not counted
    std::int64_t overdue = 0;   // not done, due before the as-of date
};

struct CommunityAtRisk {
    std::string name;
    std::string slug;
    std::vector<std::string> reasons;  // "the owner Alice Moreau declined the role", ...
};

struct ProgressReport {
    std::string as_of;  // YYYY-MM-DD
    std::string go_live;
    std::vector<Completion> people;       // in checklist order
    std::vector<Completion> communities;  // by name
    std::vector<CommunityAtRisk> at_risk;
};

// A community is at risk when its owner declined (owner_decisions: decline or nominate, or the accept-role task
// declined), when its owner is silent (no decision and no task progress, and a task of theirs is overdue), or
// when any of its tasks is overdue on `as_of` (YYYY-MM-DD).
[[nodiscard]] ProgressReport progress_report(workspace::Workspace& workspace, const std::vector<Checklist>& checklists,
                                             const GoLive& go_live, const std::string& as_of);

[[nodiscard]] std::string progress_report_text(const ProgressReport& report);

}  // namespace baton::load
