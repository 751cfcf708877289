// The report's section on a mapping plan: contribution concentration, runners-up, unmatched people, archive proposals.
#pragma once

#include <cstdint>
#include <sstream>

#include "workspace/workspace.hpp"

namespace baton::load {

// Writes nothing for a plan made with the built-in rules (no mapping file).
void stewardship_section(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run);

}  // namespace baton::load
