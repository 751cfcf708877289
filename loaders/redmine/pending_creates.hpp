// Creates journalled before they are sent: how a rollback finds an object whose create answer was never recorded.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "loaders/redmine/redmine_api.hpp"

namespace baton::load::redmine {

// A load journals each create ahead, as a `created` row with an empty target id and, in `before`, how to find
// the object (this "lookup", a JSON object of the fields the load's own lookup uses: a project's identifier, a
// user's login and address, a membership's project and user id, a page's project and title, an attachment's
// page and file name, an issue's project and legacy marker). The row gets the target id once the answer is
// recorded; if the load is killed in between, rollback finds the object with the lookup.
[[nodiscard]] std::string create_lookup(const std::vector<std::pair<std::string, std::string>>& fields);

// The target id (in the id map's form for `kind`) of the object `lookup` names, nullopt when Redmine has none.
[[nodiscard]] std::optional<std::string> find_pending_create(RedmineApi& api, const std::string& kind,
                                                             const std::string& lookup);

}  // namespace baton::load::redmine
