// The report's sections on what needs an admin: communities with no active owner, people at or over the load limit.
#pragma once

#include <cstdint>
#include <sstream>

#include "workspace/workspace.hpp"

namespace baton::load {

// Each section is written only when it has rows.
void attention_sections(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run);

}  // namespace baton::load
