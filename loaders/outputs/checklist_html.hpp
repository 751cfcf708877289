// A person's onboarding checklist as one self-contained HTML page (no scripts, no outside resources).
#pragma once

#include <string>
#include <vector>

#include "loaders/outputs/checklists.hpp"

namespace baton::load {

// Every text from the plan and the legacy content is escaped; only http(s) links written as <URL> in a
// task's description become anchors.
[[nodiscard]] std::string checklist_as_html(const Checklist& checklist, const GoLive& go_live);
// index.html: everyone, their communities and a link to their page.
[[nodiscard]] std::string checklist_index_html(const std::vector<Checklist>& checklists, const GoLive& go_live);

}  // namespace baton::load
