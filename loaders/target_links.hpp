// Where the plan's items live on a target, for the redirect map: the link index of `baton load --target`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "convert/links/link_index.hpp"
#include "workspace/workspace.hpp"

namespace baton::load {

// The link index of target `target_spec` (KIND:LOCATION): for redmine:URL every item at the Redmine page a load
// gives it (scheme.base_url, when set, replaces URL as the users' address of that Redmine; the path pattern does
// not apply); for any other target the scheme's URLs (--base-url, --path-pattern). UsageError for a bad spec.
[[nodiscard]] std::unique_ptr<convert::LinkIndex> target_link_index(workspace::Workspace& workspace,
                                                                    std::int64_t plan_run,
                                                                    const std::string& target_spec,
                                                                    const convert::TargetScheme& scheme);

}  // namespace baton::load
