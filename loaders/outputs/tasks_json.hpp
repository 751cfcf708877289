// Every onboarding task as JSON for scripts (`baton tasks`, tasks.json).
#pragma once

#include <string>
#include <vector>

#include "loaders/outputs/checklists.hpp"

namespace baton::load {

// {"go_live", "time_zone", "due_time", "skip_weekends", "people": [{"person", "person_key", "email", "file",
// "communities": [{"slug", "name", "role", "reason", "tasks": [{"order", "code", ...}]}]}]}
[[nodiscard]] std::string checklists_as_json(const std::vector<Checklist>& checklists, const GoLive& go_live);

}  // namespace baton::load
